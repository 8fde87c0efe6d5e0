import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a module of this project. Source files are
 * TypeScript run through tsx, and Node 20 does not hand a thread's loader
 * hooks to the workers it starts, so a `.ts` worker first registers tsx in
 * its own thread and then imports the module.
 * @param url - the worker module
 * @param options - passed to Worker (workerData, resourceLimits, …)
 * @returns the started worker
 */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);

  const loader = import.meta.resolve('tsx/esm/api');
  const boot =
    `import(${JSON.stringify(loader)})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
