import { describe, expect, it } from 'vitest';
import { evaluate, K, userMetrics } from '../../model/evaluate.js';
import { csrOf } from './support/matrices.js';

const ranks = (...rows: number[]) => rows;
const tenRows = ranks(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

describe('userMetrics', () => {
  it('uses K = 10', () => {
    expect(K).toBe(10);
  });

  it('given 3 test movies (|T| < 10) hit at ranks 1, 3 and 6, then the metrics are as computed by hand', () => {
    const m = userMetrics(tenRows, new Set([0, 2, 5]));

    // precision = 3 / 10; recall = 3 / 3
    // map = (1/1 + 2/3 + 3/6) / min(10, 3) = 2.166667 / 3 = 0.722222
    // ndcg = (1/log2 2 + 1/log2 4 + 1/log2 7) / (1/log2 2 + 1/log2 3 + 1/log2 4)
    //      = (1 + 0.5 + 0.356207) / (1 + 0.630930 + 0.5) = 1.856207 / 2.130930 = 0.871079
    expect(m.precision).toBeCloseTo(0.3, 12);
    expect(m.recall).toBeCloseTo(1, 12);
    expect(m.map).toBeCloseTo(0.722222, 6);
    expect(m.ndcg).toBeCloseTo(0.871079, 6);
  });

  it('given 12 test movies (|T| > 10) hit at ranks 2, 4 and 10, then the metrics are as computed by hand', () => {
    const m = userMetrics(tenRows, new Set([1, 3, 9, 100, 101, 102, 103, 104, 105, 106, 107, 108]));

    // precision = 3 / 10; recall = 3 / 12 = 0.25
    // map = (1/2 + 2/4 + 3/10) / min(10, 12) = 1.3 / 10 = 0.13
    // dcg = 1/log2 3 + 1/log2 5 + 1/log2 11 = 0.630930 + 0.430677 + 0.289065 = 1.350671
    // idcg = Σ_{i=1..10} 1/log2(i + 1) = 4.543559 (only 10 of the 12 fit in the top 10)
    // ndcg = 1.350671 / 4.543559 = 0.297272
    expect(m.precision).toBeCloseTo(0.3, 12);
    expect(m.recall).toBeCloseTo(0.25, 12);
    expect(m.map).toBeCloseTo(0.13, 12);
    expect(m.ndcg).toBeCloseTo(0.297272, 6);
  });

  it('given 12 test movies that fill the whole top 10, then map and ndcg are 1 and recall is 10/12', () => {
    const m = userMetrics(tenRows, new Set([...tenRows, 50, 51]));

    expect(m).toEqual({
      precision: 1,
      recall: expect.closeTo(10 / 12, 12),
      map: expect.closeTo(1, 12),
      ndcg: expect.closeTo(1, 12),
    });
  });

  it('given no hits, then every metric is 0', () => {
    expect(userMetrics(tenRows, new Set([20, 21]))).toEqual({
      precision: 0,
      recall: 0,
      map: 0,
      ndcg: 0,
    });
  });

  it('given fewer than 10 ranked movies, then precision still divides by 10', () => {
    // one hit at rank 1 of 2; |T| = 2: map = (1/1) / 2, ndcg = 1 / (1 + 1/log2 3) = 0.613147
    const m = userMetrics(ranks(7, 8), new Set([7, 30]));

    expect(m.precision).toBeCloseTo(0.1, 12);
    expect(m.recall).toBeCloseTo(0.5, 12);
    expect(m.map).toBeCloseTo(0.5, 12);
    expect(m.ndcg).toBeCloseTo(0.613147, 6);
  });
});

describe('evaluate', () => {
  // One factor: item i has y = 12 − i, so a user with x = 1 ranks items 0, 1, 2, …
  // and a user with x = −1 ranks them 11, 10, 9, …
  const itemFactors = Float32Array.from({ length: 12 }, (_, i) => 12 - i);
  const userFactors = new Float32Array([1, -1, 1]);
  const row = (...items: number[]) =>
    Array.from({ length: 12 }, (_, i) => (items.includes(i) ? 1 : 0));
  // user 0 has item 0 in training; user 1 items 10 and 11; user 2 item 3
  const train = csrOf([row(0), row(11, 10), row(3)]);
  // user 0 tests items 1 and 5; user 1 items 9 and 0; user 2 has no test movies
  const test = csrOf([row(1, 5), row(9, 0), row()]);

  it('given a tiny split, then users without test movies are skipped and the means are as computed by hand', () => {
    const m = evaluate(userFactors, itemFactors, 1, train, test);

    // user 0: R = 1..10, hits at ranks 1 (item 1) and 5 (item 5)
    //   precision 0.2, recall 1, map (1/1 + 2/5) / 2 = 0.7,
    //   ndcg (1 + 1/log2 6) / (1 + 1/log2 3) = 1.386853 / 1.630930 = 0.850345
    // user 1: R = 9, 8, …, 0 (10 and 11 were seen), hits at ranks 1 (item 9) and 10 (item 0)
    //   precision 0.2, recall 1, map (1/1 + 2/10) / 2 = 0.6,
    //   ndcg (1 + 1/log2 11) / (1 + 1/log2 3) = 1.289065 / 1.630930 = 0.790386
    // means over 2 users; coverage = |{1..10} ∪ {0..9}| / 12 = 11 / 12
    expect(m.users).toBe(2);
    expect(m['precision@10']).toBeCloseTo(0.2, 12);
    expect(m['recall@10']).toBeCloseTo(1, 12);
    expect(m['map@10']).toBeCloseTo(0.65, 12);
    expect(m['ndcg@10']).toBeCloseTo((0.850345 + 0.790386) / 2, 6);
    expect(m['coverage@10']).toBeCloseTo(11 / 12, 12);
  });

  it('given a user’s training movies rank best, then they are never counted as recommended', () => {
    // user 0's own best item 0 is in training; if it were recommended, item 10 would drop out
    const onlyUser0 = evaluate(userFactors, itemFactors, 1, csrOf([row(0)]), csrOf([row(10)]));

    expect(onlyUser0['precision@10']).toBeCloseTo(0.1, 12);
    expect(onlyUser0['coverage@10']).toBeCloseTo(10 / 12, 12);
  });

  it('given no user with test movies, then it reports zero users and zero metrics', () => {
    const m = evaluate(userFactors, itemFactors, 1, train, csrOf([row(), row(), row()]));

    expect(m).toEqual({
      users: 0,
      'precision@10': 0,
      'recall@10': 0,
      'map@10': 0,
      'ndcg@10': 0,
      'coverage@10': 0,
    });
  });
});
