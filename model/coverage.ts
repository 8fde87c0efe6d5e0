/** Item rows each user may not be recommended (what they rated or liked), in CSR form. */
export interface SeenRows {
  /** Row u's items are indices[indptr[u]] up to indices[indptr[u + 1]]. */
  indptr: Int32Array;
  indices: Int32Array;
}

/** Everybody's top k: row-major users × k item rows, best first, -1 where a list is shorter. */
export interface TopLists {
  users: number;
  k: number;
  rows: Int32Array;
}

/** How much of the catalog a set of top-k lists reaches. */
export interface Coverage {
  /** Lists counted. */
  users: number;
  /** Items the model knows. */
  catalog: number;
  k: number;
  /** Distinct items in all the lists together. */
  distinct: number;
  /** distinct / catalog. */
  share: number;
  /** Entry r: distinct items among everybody's pick at rank r + 1. */
  perRank: number[];
  /** Entry r: distinct items among everybody's top r + 1. */
  cumulative: number[];
}

/**
 * Ranks every item for every user and keeps each user's k best, leaving out the items they
 * have seen. Scores are dot products in double precision, summed in factor order; of equal
 * scores the lower item row ranks first, as in ranking.ts.
 * @param vectors - users × f user vectors, row-major (trained factors or folded-in vectors)
 * @param itemFactors - items × f item factors, row-major
 * @param factors - f
 * @param seen - per user, the item rows to leave out
 * @param k - the length of each list
 * @returns the lists
 */
export function topLists(
  vectors: Float32Array | Float64Array,
  itemFactors: Float32Array,
  factors: number,
  seen: SeenRows,
  k: number,
): TopLists {
  const users = vectors.length / factors;
  const items = itemFactors.length / factors;
  const rows = new Int32Array(users * k).fill(-1);
  // Double-precision copies, so the inner loop converts nothing.
  const y = Float64Array.from(itemFactors);
  const excluded = new Uint8Array(items);
  const best = new Float64Array(k);
  const user = new Float64Array(factors);

  for (let u = 0; u < users; u++) {
    for (let d = 0; d < factors; d++) user[d] = vectors[u * factors + d];
    for (let s = seen.indptr[u]; s < seen.indptr[u + 1]; s++) excluded[seen.indices[s]] = 1;

    // Insertion into a sorted list of k: the common case, a score below the k-th, costs one
    // comparison.
    const out = u * k;
    let kept = 0;
    for (let i = 0, o = 0; i < items; i++, o += factors) {
      if (excluded[i]) continue;
      let score = 0;
      for (let d = 0; d < factors; d++) score += y[o + d] * user[d];
      if (!Number.isFinite(score) || (kept === k && score <= best[k - 1])) continue;

      let at = kept < k ? kept++ : k - 1;
      while (at > 0 && best[at - 1] < score) {
        best[at] = best[at - 1];
        rows[out + at] = rows[out + at - 1];
        at--;
      }
      best[at] = score;
      rows[out + at] = i;
    }

    for (let s = seen.indptr[u]; s < seen.indptr[u + 1]; s++) excluded[seen.indices[s]] = 0;
  }
  return { users, k, rows };
}

/**
 * Catalog coverage of top-k lists: distinct items overall, at each rank, and in the top 1,
 * top 2, … top k.
 * @param lists - everybody's top k
 * @param catalog - how many items the model knows
 * @returns the figures
 */
export function coverageOf(lists: TopLists, catalog: number): Coverage {
  const { users, k, rows } = lists;
  // firstRank[i]: the best rank at which item i appears in anybody's list (k when never).
  const firstRank = new Int32Array(catalog).fill(k);
  const atRank = new Uint8Array(catalog);
  const perRank: number[] = [];

  for (let r = 0; r < k; r++) {
    atRank.fill(0);
    let distinct = 0;
    for (let u = 0; u < users; u++) {
      const item = rows[u * k + r];
      if (item < 0 || atRank[item]) continue;
      atRank[item] = 1;
      distinct++;
      if (r < firstRank[item]) firstRank[item] = r;
    }
    perRank.push(distinct);
  }

  const firstSeen = new Array<number>(k).fill(0);
  for (const r of firstRank) if (r < k) firstSeen[r]++;
  let total = 0;
  const cumulative = firstSeen.map((n) => (total += n));

  const distinct = cumulative.length ? cumulative[k - 1] : 0;
  return {
    users,
    catalog,
    k,
    distinct,
    share: catalog > 0 ? distinct / catalog : 0,
    perRank,
    cumulative,
  };
}
