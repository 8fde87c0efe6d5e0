import { describe, expect, it } from 'vitest';
import { rowIndices } from '../../model/sparse.js';
import { BM25_B, BM25_K1, BM25_SCALE, weigh, weighRow } from '../../model/weighting.js';
import { csrOf } from './support/matrices.js';

describe('weigh with constant weighting', () => {
  it('given any stars, then every interaction gets confidence alpha and the structure is kept', () => {
    const interactions = csrOf([
      [5, 0, 3],
      [0, 1, 0],
      [2, 4, 0],
    ]);

    const { confidence, stats } = weigh(interactions, 'constant', 3);

    expect(Array.from(confidence.data)).toEqual([3, 3, 3, 3, 3]);
    expect(confidence.indptr).toEqual(interactions.indptr);
    expect(confidence.indices).toEqual(interactions.indices);
    expect(stats).toEqual({ name: 'constant', alpha: 3 });
  });

  it('given the input matrix, then its values are left as they were', () => {
    const interactions = csrOf([[5, 2]]);

    weigh(interactions, 'constant', 7);

    expect(Array.from(interactions.data)).toEqual([5, 2]);
  });
});

describe('weigh with bm25 weighting', () => {
  it('uses implicit’s bm25_weight constants with EVALUATION.md’s B and scale', () => {
    expect([BM25_K1, BM25_B, BM25_SCALE]).toEqual([100, 0.9, 5]);
  });

  it('given a 3 × 3 example, then each confidence is the hand-computed BM25 weight', () => {
    // Stars differ but must not matter: each interaction counts as 1.
    //   user 0: items 0 and 1; user 1: item 2; user 2: nothing
    const interactions = csrOf([
      [5, 1, 0],
      [0, 0, 3],
      [0, 0, 0],
    ]);

    const { confidence, stats } = weigh(interactions, 'bm25', 2);

    // N = 3 users, each item has 1 user: idf = ln 3 − ln(1 + 1) = ln 1.5 = 0.405465
    // average length = 3 interactions / 3 users = 1
    // user 0, length 2: norm = 1 − 0.9 + 0.9 · 2 / 1 = 1.9, tf = 101 / (100 · 1.9 + 1) = 101 / 191
    //   confidence = alpha · 5 · tf · idf = 2 · 5 · 0.528796 · 0.405465 = 2.144083
    // user 1, length 1: norm = 0.1 + 0.9 = 1, tf = 101 / 101 = 1
    //   confidence = 2 · 5 · 1 · 0.405465 = 4.054651
    const idf = Math.log(1.5);
    expect(stats.idf?.[0]).toBeCloseTo(0.405465, 6);
    expect(stats.idf).toEqual([idf, idf, idf].map((x) => expect.closeTo(x, 12)));
    expect(stats.averageLength).toBe(1);
    expect(stats).toMatchObject({ name: 'bm25', alpha: 2 });
    expect(Array.from(confidence.data)).toEqual([
      expect.closeTo(2.144083, 5),
      expect.closeTo(2.144083, 5),
      expect.closeTo(4.054651, 5),
    ]);
    expect(Array.from(confidence.indices)).toEqual([0, 1, 2]);
  });

  it('given a more popular item, then its weight in the same row is lower', () => {
    // item 0 is liked by 2 of 4 users (idf ln 4 − ln 3), item 1 by 1 (idf ln 4 − ln 2)
    const interactions = csrOf([
      [1, 1],
      [1, 0],
      [0, 0],
      [0, 0],
    ]);

    const { confidence } = weigh(interactions, 'bm25', 1);

    expect(confidence.data[0]).toBeLessThan(confidence.data[1]);
    expect(confidence.data[1] / confidence.data[0]).toBeCloseTo(
      (Math.log(4) - Math.log(2)) / (Math.log(4) - Math.log(3)),
      5,
    );
  });

  it('given a training row, then weighRow with the learnt statistics gives the same confidences', () => {
    const dense = Array.from({ length: 12 }, (_, u) =>
      Array.from({ length: 9 }, (_, i) =>
        (u * 5 + i * 3) % 4 === 0 || (u + i) % 7 === 0 ? 1 + (i % 5) : 0,
      ),
    );
    const interactions = csrOf(dense);

    for (const name of ['bm25', 'constant'] as const) {
      const { confidence, stats } = weigh(interactions, name, 3);
      for (let u = 0; u < interactions.rows; u++) {
        const trained = confidence.data.subarray(confidence.indptr[u], confidence.indptr[u + 1]);
        expect(weighRow(rowIndices(interactions, u), stats)).toEqual(trained);
      }
    }
  });
});

describe('weighRow', () => {
  it('given constant statistics, then every item of a new row gets alpha', () => {
    expect(Array.from(weighRow([4, 0, 2], { name: 'constant', alpha: 1.5 }))).toEqual([
      1.5, 1.5, 1.5,
    ]);
  });

  it('given no items, then it gives no confidences', () => {
    expect(weighRow([], { name: 'bm25', alpha: 1, idf: [1], averageLength: 1 })).toHaveLength(0);
  });
});
