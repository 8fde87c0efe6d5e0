/**
 * Alternating least squares for implicit feedback (Hu, Koren & Volinsky,
 * "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008), each
 * row solved with a few conjugate-gradient steps warm-started from the last
 * iteration (Takács, Pilászy & Tikk, "Applications of the conjugate gradient
 * method for implicit feedback collaborative filtering", RecSys 2011), as
 * the Python library implicit does. Factors are float32.
 *
 * The caller's thread only coordinates: the rows are solved by a WebAssembly
 * SIMD kernel in worker threads that share one memory.
 */
import { seededRandom } from '../random.js';
import { transpose, type CsrMatrix } from '../sparse.js';
import { allocate, planLayout, type Layout, type SideLayout } from './layout.js';
import { kernelModule } from './kernel-module.js';
import { checkSettings, type AlsSettings } from './options.js';
import { SolverPool } from './pool.js';

/** The factor matrices of a trained model, row-major. */
export interface AlsFactors {
  factors: number;
  userFactors: Float32Array;
  itemFactors: Float32Array;
}

/** Reported after each iteration. */
export interface TrainingProgress {
  iteration: number;
  iterations: number;
  seconds: number;
}

/** Training produced NaN or infinite factors. */
export class NonFiniteFactorsError extends Error {
  readonly code = 'NON_FINITE_FACTORS';

  constructor(readonly count: number) {
    super(`reelmate: training produced ${count} NaN or infinite factor values`);
    this.name = 'NonFiniteFactorsError';
  }
}

/** Rows a solver thread takes from the shared counter at a time. */
const CHUNK_ROWS = 32;
/** implicit starts every factor uniformly in [0, 0.01). */
const INITIAL_SCALE = 0.01;

/**
 * Trains user and item factors on a user × item confidence matrix.
 * @param confidence - confidences, user × item (see weighting.ts)
 * @param settings - factors, iterations, regularization, cgSteps, threads, seed
 * @param onProgress - called after each iteration
 * @returns the factors
 * @throws NonFiniteFactorsError when a factor is NaN or infinite
 */
export async function trainAls(
  confidence: CsrMatrix,
  settings: Partial<AlsSettings>,
  onProgress?: (progress: TrainingProgress) => void,
): Promise<AlsFactors> {
  const s = checkSettings(settings);
  const byItem = transpose(confidence);
  const layout = planLayout(confidence, byItem, s.factors, s.threads);
  const memory = allocate(layout, confidence, byItem);
  initialiseFactors(memory, layout, s.seed);

  const pool = new SolverPool(s.threads);
  const started = performance.now();
  try {
    const module = await kernelModule();
    await pool.all(() => ({ type: 'init', memory, module }));
    for (let iteration = 1; iteration <= s.iterations; iteration++) {
      await solveSide(pool, memory, layout, layout.users, layout.items, s);
      await solveSide(pool, memory, layout, layout.items, layout.users, s);
      onProgress?.({
        iteration,
        iterations: s.iterations,
        seconds: (performance.now() - started) / 1000,
      });
    }
    await checkFinite(pool, layout);
  } finally {
    await pool.close();
  }

  const copy = (side: SideLayout) =>
    new Float32Array(memory.buffer, side.factors, side.rows * s.factors).slice();
  return { factors: s.factors, userFactors: copy(layout.users), itemFactors: copy(layout.items) };
}

function initialiseFactors(memory: WebAssembly.Memory, layout: Layout, seed: number): void {
  const random = seededRandom(seed);
  for (const side of [layout.users, layout.items]) {
    const values = new Float32Array(memory.buffer, side.factors, side.rows * layout.factors);
    for (let k = 0; k < values.length; k++) values[k] = random() * INITIAL_SCALE;
  }
}

/** Solves every row of `target` with the factors of `fixed` held constant. */
async function solveSide(
  pool: SolverPool,
  memory: WebAssembly.Memory,
  layout: Layout,
  target: SideLayout,
  fixed: SideLayout,
  s: AlsSettings,
): Promise<void> {
  const f = layout.factors;

  // YᵀY + λI of the fixed side: partial sums per thread, added here.
  const share = Math.ceil(fixed.rows / pool.size);
  await pool.all((t) => ({
    type: 'gram',
    start: Math.min(fixed.rows, t * share),
    end: Math.min(fixed.rows, (t + 1) * share),
    factors: f,
    source: fixed.factors,
    out: layout.partialGrams[t],
  }));
  const gram = new Float32Array(memory.buffer, layout.gram, f * f).fill(0);
  for (const at of layout.partialGrams) {
    const partial = new Float32Array(memory.buffer, at, f * f);
    for (let k = 0; k < f * f; k++) gram[k] += partial[k];
  }
  for (let d = 0; d < f; d++) gram[d * f + d] += s.regularization;

  new Int32Array(memory.buffer, layout.counter, 1)[0] = 0;
  await pool.all((t) => ({
    type: 'solve',
    rows: target.rows,
    chunk: CHUNK_ROWS,
    counter: layout.counter,
    factors: f,
    indptr: target.indptr,
    indices: target.indices,
    confidence: target.confidence,
    x: target.factors,
    y: fixed.factors,
    gram: layout.gram,
    cgSteps: s.cgSteps,
    scratch: layout.scratch[t],
  }));
}

async function checkFinite(pool: SolverPool, layout: Layout): Promise<void> {
  let bad = 0;
  for (const side of [layout.users, layout.items]) {
    const count = side.rows * layout.factors;
    bad += (await pool.one({ type: 'check', start: side.factors, count })).nonFinite;
  }
  if (bad > 0) throw new NonFiniteFactorsError(bad);
}
