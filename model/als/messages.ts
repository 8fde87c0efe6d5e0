/** What the training thread asks a solver thread to do. */
export type SolverTask =
  | { type: 'init'; memory: WebAssembly.Memory; module: WebAssembly.Module }
  | { type: 'gram'; start: number; end: number; factors: number; source: number; out: number }
  | {
      type: 'solve';
      rows: number;
      chunk: number;
      counter: number;
      factors: number;
      indptr: number;
      indices: number;
      confidence: number;
      x: number;
      y: number;
      gram: number;
      cgSteps: number;
      scratch: number;
    }
  | { type: 'check'; start: number; count: number };

/** A solver thread's answer: how many non-finite values a check found, else 0. */
export interface SolverReply {
  nonFinite: number;
}
