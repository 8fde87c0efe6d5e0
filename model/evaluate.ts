import { scoreItems, topN } from './ranking.js';
import type { CsrMatrix } from './sparse.js';

/** EVALUATION.md's metrics at K, each the mean over evaluated users. */
export interface Metrics {
  users: number;
  'precision@10': number;
  'recall@10': number;
  'map@10': number;
  'ndcg@10': number;
  'coverage@10': number;
}

/** K of EVALUATION.md. */
export const K = 10;

/**
 * Evaluates factors as EVALUATION.md defines it: for each user with at least
 * one test item, rank every training item the user has not seen in training
 * by x_u · y_i and compare the top K with the test items.
 * @param userFactors - X, users × f, rows as in `train`
 * @param itemFactors - Y, items × f, columns as in `train`
 * @param factors - f
 * @param train - user × item training matrix
 * @param test - user × item test matrix on the same rows and columns; test
 *   items absent from training must already be dropped
 * @returns the metrics
 */
export function evaluate(
  userFactors: Float32Array,
  itemFactors: Float32Array,
  factors: number,
  train: CsrMatrix,
  test: CsrMatrix,
): Metrics {
  const sums = { precision: 0, recall: 0, map: 0, ndcg: 0 };
  const recommended = new Set<number>();
  const scores = new Float32Array(train.cols);
  let users = 0;

  for (let u = 0; u < test.rows; u++) {
    const relevant = new Set(test.indices.subarray(test.indptr[u], test.indptr[u + 1]));
    if (relevant.size === 0) continue;

    const seen = new Set(train.indices.subarray(train.indptr[u], train.indptr[u + 1]));
    scoreItems(itemFactors, factors, userFactors.subarray(u * factors, (u + 1) * factors), scores);
    const ranked = topN(scores, K, seen).map((r) => r.row);
    ranked.forEach((row) => recommended.add(row));

    const m = userMetrics(ranked, relevant);
    sums.precision += m.precision;
    sums.recall += m.recall;
    sums.map += m.map;
    sums.ndcg += m.ndcg;
    users++;
  }

  const mean = (x: number) => (users === 0 ? 0 : x / users);
  return {
    users,
    'precision@10': mean(sums.precision),
    'recall@10': mean(sums.recall),
    'map@10': mean(sums.map),
    'ndcg@10': mean(sums.ndcg),
    'coverage@10': train.cols === 0 ? 0 : recommended.size / train.cols,
  };
}

/**
 * The four per-user metrics of one ranked list.
 * @param ranked - recommended rows, best first (at most K)
 * @param relevant - the user's test rows
 * @returns precision, recall, average precision and nDCG at K
 */
export function userMetrics(ranked: readonly number[], relevant: ReadonlySet<number>) {
  let hits = 0;
  let precisionSum = 0;
  let dcg = 0;
  ranked.slice(0, K).forEach((row, i) => {
    if (!relevant.has(row)) return;
    hits++;
    precisionSum += hits / (i + 1);
    dcg += 1 / Math.log2(i + 2);
  });

  const ideal = Math.min(K, relevant.size);
  let idcg = 0;
  for (let i = 0; i < ideal; i++) idcg += 1 / Math.log2(i + 2);
  return {
    precision: hits / K,
    recall: hits / relevant.size,
    map: precisionSum / ideal,
    ndcg: dcg / idcg,
  };
}
