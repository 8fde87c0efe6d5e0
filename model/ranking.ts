/** One ranked item: its row and score. */
export interface Ranked {
  row: number;
  score: number;
}

/**
 * Scores every item row against a vector: out[i] = Y_i · v.
 * @param itemFactors - Y, items × f
 * @param factors - f
 * @param vector - length f
 * @param out - where the scores go
 * @defaultValue out a new array
 * @returns the scores
 */
export function scoreItems(
  itemFactors: Float32Array,
  factors: number,
  vector: ArrayLike<number>,
  out = new Float32Array(itemFactors.length / factors),
): Float32Array {
  const v = Float64Array.from(vector);
  for (let i = 0, o = 0; i < out.length; i++, o += factors) {
    let s0 = 0;
    let s1 = 0;
    let k = 0;
    for (; k + 1 < factors; k += 2) {
      s0 += itemFactors[o + k] * v[k];
      s1 += itemFactors[o + k + 1] * v[k + 1];
    }
    if (k < factors) s0 += itemFactors[o + k] * v[k];
    out[i] = s0 + s1;
  }
  return out;
}

/**
 * The n best rows by score, best first; ties go to the lower row so the
 * order is stable. Rows in `exclude` and rows whose score is not finite are
 * never returned; fewer than n candidates give fewer results.
 * @param scores - one score per row
 * @param n - how many
 * @param exclude - rows to leave out
 * @returns up to n ranked rows
 */
export function topN(
  scores: ArrayLike<number>,
  n: number,
  exclude?: ReadonlySet<number>,
): Ranked[] {
  const best: Ranked[] = [];
  if (n <= 0) return best;
  for (let row = 0; row < scores.length; row++) {
    const score = scores[row];
    if (!Number.isFinite(score) || exclude?.has(row)) continue;
    if (best.length === n && score <= best[n - 1].score) continue;

    let at = best.length < n ? best.length : n - 1;
    while (at > 0 && best[at - 1].score < score) at--;
    if (best.length === n) best.pop();
    best.splice(at, 0, { row, score });
  }
  return best;
}
