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

/**
 * The URL of a module beside the caller, with the caller's own extension:
 * `.ts` when running from source through tsx, `.js` once compiled.
 * @param name - the module's name without extension, e.g. './worker'
 * @param callerUrl - the caller's import.meta.url
 * @returns the module's URL
 */
export function siblingModule(name: string, callerUrl: string): URL {
  return new URL(`${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl);
}
