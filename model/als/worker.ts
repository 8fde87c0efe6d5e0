import { parentPort } from 'node:worker_threads';
import type { SolverTask, SolverReply } from './messages.js';

/** The exports of als-kernel.wasm (see model/wasm/als-kernel.ts). */
interface Kernel {
  solveRows(...args: number[]): void;
  addGram(start: number, end: number, f: number, factors: number, out: number): void;
  countNonFinite(ptr: number, count: number): number;
}

let kernel: Kernel | undefined;
let memory: WebAssembly.Memory | undefined;

function run(task: SolverTask): SolverReply {
  if (task.type === 'init') {
    memory = task.memory;
    const abort = () => {
      throw new Error('reelmate: the ALS kernel aborted');
    };
    const instance = new WebAssembly.Instance(task.module, { env: { memory, abort } });
    kernel = instance.exports as unknown as Kernel;
    return { nonFinite: 0 };
  }
  if (!kernel || !memory) throw new Error('reelmate: solver thread used before init');

  if (task.type === 'gram') {
    new Float32Array(memory.buffer, task.out, task.factors * task.factors).fill(0);
    kernel.addGram(task.start, task.end, task.factors, task.source, task.out);
    return { nonFinite: 0 };
  }
  if (task.type === 'check') {
    return { nonFinite: kernel.countNonFinite(task.start, task.count) };
  }

  // Rows are handed out in chunks through a shared counter, so a thread that
  // drew light rows takes more of them and both threads finish together.
  const counter = new Int32Array(memory.buffer, task.counter, 1);
  const chunks = Math.ceil(task.rows / task.chunk);
  for (let c = Atomics.add(counter, 0, 1); c < chunks; c = Atomics.add(counter, 0, 1)) {
    const start = c * task.chunk;
    const end = Math.min(task.rows, start + task.chunk);
    kernel.solveRows(
      start,
      end,
      task.factors,
      task.indptr,
      task.indices,
      task.confidence,
      task.x,
      task.y,
      task.gram,
      task.cgSteps,
      task.scratch,
    );
  }
  return { nonFinite: 0 };
}

parentPort?.on('message', (task: SolverTask) => {
  parentPort?.postMessage(run(task));
});
