import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageOf, topLists, type SeenRows, type TopLists } from '../../model/coverage.js';
import { fitModel } from '../../model/fit.js';
import { saveModel } from '../../model/model-files.js';
import { decodeNpy } from '../../model/npy.js';
import { readRatingsFile } from '../../src/movielens/index.js';
import { ML_1M } from '../support/shared-data.js';

/** Seen rows in CSR form from one list per user. */
function seenOf(perUser: number[][]): SeenRows {
  const indptr = new Int32Array(perUser.length + 1);
  perUser.forEach((rows, u) => (indptr[u + 1] = indptr[u] + rows.length));
  return { indptr, indices: Int32Array.from(perUser.flat()) };
}

/** The lists as one array of item rows per user. */
function byUser(lists: TopLists): number[][] {
  return Array.from({ length: lists.users }, (_, u) => [
    ...lists.rows.subarray(u * lists.k, (u + 1) * lists.k),
  ]);
}

describe('topLists and coverageOf on a hand-made model', () => {
  // Two factors. Item 6 points away from every user and is never recommended.
  const items = [
    [1, 0], // 0
    [0.8, 0.1], // 1
    [0, 1], // 2
    [0.1, 0.8], // 3
    [0.5, 0.5], // 4
    [-1, -1], // 5
    [-2, -2], // 6
  ];
  const users = [
    [1, 0], // 0: scores 1, .8, 0, .1, .5, …
    [0, 1], // 1: scores 0, .1, 1, .8, .5, …
    [1, 0], // 2: like 0, but has seen item 0
    [1, 1], // 3: items 0, 2 and 4 all score exactly 1; 1 and 3 score .9
    [1, 0], // 4: has seen everything but item 5
  ];
  const seen = seenOf([[], [], [0], [], [0, 1, 2, 3, 4, 6]]);
  const lists = topLists(
    Float32Array.from(users.flat()),
    Float32Array.from(items.flat()),
    2,
    seen,
    3,
  );

  it('given users, then each gets their three best unseen items, equal scores going to the lower row', () => {
    expect(byUser(lists)).toEqual([
      [0, 1, 4],
      [2, 3, 4],
      [1, 4, 3],
      [0, 2, 4],
      [5, -1, -1],
    ]);
  });

  it('given those lists, then the distinct items at each rank, in the top 1 to 3, and overall', () => {
    // rank 1: 0, 2, 1, 0, 5 → {0, 1, 2, 5}; rank 2: 1, 3, 4, 2 → {1, 2, 3, 4}; rank 3: 4, 4, 3, 4
    const coverage = coverageOf(lists, items.length);

    expect(coverage).toEqual({
      users: 5,
      catalog: 7,
      k: 3,
      distinct: 6,
      share: 6 / 7,
      perRank: [4, 4, 2],
      cumulative: [4, 6, 6],
    });
  });

  it('given no users, then nothing is covered', () => {
    const none = topLists(new Float32Array(0), Float32Array.from(items.flat()), 2, seenOf([]), 3);

    expect(coverageOf(none, items.length)).toMatchObject({
      users: 0,
      distinct: 0,
      share: 0,
      perRank: [0, 0, 0],
      cumulative: [0, 0, 0],
    });
  });
});

describe('topLists and coverageOf on MovieLens 1M', () => {
  const K = 10;
  let dir: string;
  let userFactors: { data: Float32Array; rows: number; cols: number };
  let itemFactors: { data: Float32Array; rows: number; cols: number };
  let rated: Set<number>[];
  let lists: TopLists;

  beforeAll(async () => {
    // A small, quick model: any factors will do to check the ranking against a plain loop.
    const ratings = await readRatingsFile(`${ML_1M}/ratings.dat`);
    const { matrix, ...model } = await fitModel(ratings, { factors: 16, iterations: 2 });
    dir = await mkdtemp(join(tmpdir(), 'reelmate-coverage-'));
    await saveModel(dir, model);
    userFactors = decodeNpy(await readFile(join(dir, 'user_factors.npy')));
    itemFactors = decodeNpy(await readFile(join(dir, 'item_factors.npy')));

    rated = Array.from({ length: matrix.matrix.rows }, () => new Set<number>());
    for (let k = 0; k < ratings.users.length; k++) {
      rated[matrix.users.rowOf(ratings.users[k])].add(matrix.items.rowOf(ratings.items[k]));
    }
    const seen = seenOf(rated.map((s) => [...s]));
    lists = topLists(userFactors.data, itemFactors.data, userFactors.cols, seen, K);
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Everybody's top 10 by a plain loop over the exported factors: the test's own ranking. */
  function plainTop10s(): number[][] {
    const f = userFactors.cols;
    const out: number[][] = [];
    for (let u = 0; u < userFactors.rows; u++) {
      const best: { item: number; score: number }[] = [];
      for (let i = 0; i < itemFactors.rows; i++) {
        if (rated[u].has(i)) continue;
        let score = 0;
        for (let d = 0; d < f; d++)
          score += itemFactors.data[i * f + d] * userFactors.data[u * f + d];
        if (best.length === K && score <= best[K - 1].score) continue;
        best.push({ item: i, score });
        best.sort((a, b) => b.score - a.score || a.item - b.item);
        if (best.length > K) best.pop();
      }
      out.push(best.map((b) => b.item));
    }
    return out;
  }

  it('given every user’s trained factors, then the lists and the distinct counts match a plain loop', () => {
    const expected = plainTop10s();
    const distinct = (picks: number[]) => new Set(picks).size;
    const perRank = Array.from({ length: K }, (_, r) => distinct(expected.map((l) => l[r])));
    const cumulative = Array.from({ length: K }, (_, r) =>
      distinct(expected.flatMap((l) => l.slice(0, r + 1))),
    );

    const coverage = coverageOf(lists, itemFactors.rows);

    expect(byUser(lists)).toEqual(expected);
    expect(coverage.users).toBe(6040);
    expect(coverage.catalog).toBe(3706);
    expect(coverage.perRank).toEqual(perRank);
    expect(coverage.cumulative).toEqual(cumulative);
    expect(coverage.distinct).toBe(distinct(expected.flat()));
    expect(coverage.share).toBeCloseTo(coverage.distinct / 3706, 12);
  });

  it('given every user’s list, then none holds a movie the user rated or the same movie twice', () => {
    for (const [u, list] of byUser(lists).entries()) {
      expect(list.filter((row) => rated[u].has(row))).toEqual([]);
      expect(new Set(list).size).toBe(K);
    }
  });
});
