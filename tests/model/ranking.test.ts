import { describe, expect, it } from 'vitest';
import { scoreItems, topN } from '../../model/ranking.js';

describe('scoreItems', () => {
  it('given an odd number of factors, then each score is the full dot product, tail included', () => {
    // rows: [1, 2, 3], [0, -1, 4]; v = [2, 1, 0.5]
    //   1·2 + 2·1 + 3·0.5 = 5.5;  0·2 − 1·1 + 4·0.5 = 1
    const y = new Float32Array([1, 2, 3, 0, -1, 4]);

    expect(Array.from(scoreItems(y, 3, [2, 1, 0.5]))).toEqual([5.5, 1]);
  });

  it('given an output array, then the scores are written into it', () => {
    const out = new Float32Array(2);

    const scores = scoreItems(new Float32Array([1, 1, 2, 2]), 2, [1, 3], out);

    expect(scores).toBe(out);
    expect(Array.from(out)).toEqual([4, 8]);
  });
});

describe('topN', () => {
  it('given distinct scores, then the n best come first, best first', () => {
    expect(topN([0.1, 0.9, -2, 0.5, 0.7], 3)).toEqual([
      { row: 1, score: 0.9 },
      { row: 4, score: 0.7 },
      { row: 3, score: 0.5 },
    ]);
  });

  it('given tied scores, then the lower row comes first', () => {
    expect(topN([1, 3, 3, 2, 3], 2).map((r) => r.row)).toEqual([1, 2]);
    expect(topN([5, 5, 5, 5], 4).map((r) => r.row)).toEqual([0, 1, 2, 3]);
    expect(topN([2, 7, 7, 7], 1).map((r) => r.row)).toEqual([1]);
  });

  it('given excluded rows, then they are never returned even when they score best', () => {
    expect(topN([9, 8, 1, 7], 2, new Set([0, 1])).map((r) => r.row)).toEqual([3, 2]);
  });

  it('given NaN or infinite scores, then those rows are skipped', () => {
    const scores = [1, Number.NaN, Number.POSITIVE_INFINITY, 2, Number.NEGATIVE_INFINITY];

    expect(topN(scores, 5)).toEqual([
      { row: 3, score: 2 },
      { row: 0, score: 1 },
    ]);
  });

  it('given fewer candidates than n, then it returns only the candidates there are', () => {
    expect(topN([3, 1, 2], 10, new Set([1])).map((r) => r.row)).toEqual([0, 2]);
  });

  it('given n of 0 or less, then it returns nothing', () => {
    expect(topN([1, 2, 3], 0)).toEqual([]);
    expect(topN([1, 2, 3], -1)).toEqual([]);
  });

  it('given only negative scores, then they are still ranked', () => {
    expect(topN([-3, -1, -2], 2).map((r) => r.row)).toEqual([1, 2]);
  });

  it('given many rows, then it agrees with a full sort by score then row', () => {
    const scores = Array.from({ length: 200 }, (_, k) => ((k * 37) % 23) - 11);
    const expected = scores
      .map((score, row) => ({ row, score }))
      .sort((a, b) => b.score - a.score || a.row - b.row)
      .slice(0, 15);

    expect(topN(scores, 15)).toEqual(expected);
  });
});
