import type { CsrMatrix } from './sparse.js';

/** How interactions become confidences. */
export type WeightingName = 'constant' | 'bm25';

/**
 * What the weighting learnt from the training data, kept with the model so a
 * member folded in later is weighted the same way as the rows it was
 * trained with.
 */
export interface WeightingStats {
  name: WeightingName;
  alpha: number;
  /** bm25 only: ln(number of users) − ln(1 + users per item), one per item column. */
  idf?: number[];
  /** bm25 only: mean number of interactions per user. */
  averageLength?: number;
}

/** bm25's term-frequency saturation, as implicit's bm25_weight default. */
export const BM25_K1 = 100;
/** bm25's length normalisation; EVALUATION.md's reference runs use 0.9. */
export const BM25_B = 0.9;
/** EVALUATION.md's reference runs multiply bm25 weights by 5 before alpha. */
export const BM25_SCALE = 5;

/**
 * Turns a user × item matrix of interactions into confidences, in place of
 * a copy. `constant` gives each interaction confidence alpha. `bm25` treats a
 * user's row as a document (Robertson's BM25, as implicit's bm25_weight):
 * w = (K1 + 1)·1 / (K1·(1 − B + B·len/avgLen) + 1) · idf(item), then
 * confidence = alpha · BM25_SCALE · w. Every interaction counts as 1 before
 * weighting: the stars are not used, a like is a like.
 * @param interactions - user × item matrix; its values are ignored
 * @param name - the weighting
 * @param alpha - the confidence scale
 * @returns the confidences and the statistics needed to weight new rows
 */
export function weigh(
  interactions: CsrMatrix,
  name: WeightingName,
  alpha: number,
): { confidence: CsrMatrix; stats: WeightingStats } {
  if (name === 'constant') {
    const data = new Float32Array(interactions.data.length).fill(alpha);
    return { confidence: { ...interactions, data }, stats: { name, alpha } };
  }

  const itemUsers = new Float64Array(interactions.cols);
  for (const col of interactions.indices) itemUsers[col]++;
  const idf = Array.from(itemUsers, (n) => Math.log(interactions.rows) - Math.log1p(n));
  const averageLength = interactions.indices.length / Math.max(1, interactions.rows);
  const stats: WeightingStats = { name, alpha, idf, averageLength };

  const data = new Float32Array(interactions.data.length);
  for (let r = 0; r < interactions.rows; r++) {
    const begin = interactions.indptr[r];
    const end = interactions.indptr[r + 1];
    const weights = weighRow(interactions.indices.subarray(begin, end), stats);
    data.set(weights, begin);
  }
  return { confidence: { ...interactions, data }, stats };
}

/**
 * Weighs one user's row of items (item column numbers) with the statistics
 * of a trained model: used to fold a member in.
 * @param items - the item columns the user interacted with
 * @param stats - the model's weighting statistics
 * @returns one confidence per item
 */
export function weighRow(items: ArrayLike<number>, stats: WeightingStats): Float32Array {
  const out = new Float32Array(items.length);
  if (stats.name === 'constant') return out.fill(stats.alpha);

  const idf = stats.idf ?? [];
  const lengthNorm = 1 - BM25_B + (BM25_B * items.length) / (stats.averageLength ?? 1);
  const tf = (BM25_K1 + 1) / (BM25_K1 * lengthNorm + 1);
  for (let k = 0; k < items.length; k++) {
    out[k] = stats.alpha * BM25_SCALE * tf * (idf[items[k]] ?? 0);
  }
  return out;
}
