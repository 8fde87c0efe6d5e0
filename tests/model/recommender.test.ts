import { beforeAll, describe, expect, it } from 'vitest';
import { fitModel } from '../../model/fit.js';
import type { Model } from '../../model/model.js';
import { Recommender } from '../../model/recommender.js';
import { handModel } from './support/models.js';

// Four movies in two dimensions, λ = 1, constant confidence 1, so a member's
// system is A = YᵀY + I = [[2.82, 0.18], [0.18, 2.82]], det A = 7.92.
const movies = [10, 20, 30, 40];
const vectors = [
  [1, 0],
  [0, 1],
  [0.9, 0.1],
  [0.1, 0.9],
];

describe('Recommender.recommend', () => {
  const recommender = new Recommender(handModel(movies, vectors, { popularity: [3, 9, 9, 1] }));

  it('given one like, then scores and order are the hand-computed fold-in scores', () => {
    // x = A⁻¹ [1, 0] = [2.82, −0.18] / 7.92 = [0.356061, −0.022727]
    //   30: 0.9 · 0.356061 + 0.1 · (−0.022727) = 0.318182
    //   40: 0.1 · 0.356061 + 0.9 · (−0.022727) = 0.015152
    //   20: −0.022727
    const result = recommender.recommend([10], 3);

    expect(result.map((r) => r.movie)).toEqual([30, 40, 20]);
    expect(result.map((r) => r.score)).toEqual([
      expect.closeTo(0.318182, 5),
      expect.closeTo(0.015152, 5),
      expect.closeTo(-0.022727, 5),
    ]);
  });

  it('given one like, then it is the reason for positive scores and no reason is given for a negative one', () => {
    const result = recommender.recommend([10], 3);

    expect(result.map((r) => r.because)).toEqual([10, 10, null]);
  });

  it('given two likes, then each recommendation is explained by the like it resembles', () => {
    // x = A⁻¹ [1, 1] = [1/3, 1/3]: 30 and 40 both score 1/3, so 30 (lower row) first.
    // 30's contributions: A⁻¹ y30 = [2.52, 0.12] / 7.92, so 10 gives more than 20.
    const result = recommender.recommend([10, 20], 2);

    expect(result).toEqual([
      { movie: 30, score: expect.closeTo(1 / 3, 5), because: 10 },
      { movie: 40, score: expect.closeTo(1 / 3, 5), because: 20 },
    ]);
  });

  it('given liked movies, then none of them is ever recommended', () => {
    for (const liked of [[10], [30], [10, 30], [20, 40], [40, 10, 20]]) {
      const recommended = recommender.recommend(liked, 10).map((r) => r.movie);

      expect(
        recommended.filter((m) => liked.includes(m)),
        `liked ${liked.join(',')}`,
      ).toEqual([]);
      expect(recommended).toHaveLength(4 - liked.length);
    }
  });

  it('given fewer candidates than asked for, then it returns fewer and only real movies', () => {
    const result = recommender.recommend([10, 20, 30], 10);

    expect(result.map((r) => r.movie)).toEqual([40]);
  });

  it('given a count of 0, then it returns nothing, with or without known likes', () => {
    expect(recommender.recommend([10], 0)).toEqual([]);
    expect(recommender.recommend([], 0)).toEqual([]);
  });

  it('given unknown and repeated liked ids, then they are ignored', () => {
    expect(recommender.recommend([10, 999, 10, -5], 3)).toEqual(recommender.recommend([10], 3));
  });

  it('given no known likes, then the most popular movies come with score 0 and no reason', () => {
    // popularity 10: 3, 20: 9, 30: 9, 40: 1; the tie 20/30 goes to the lower row
    expect(recommender.recommend([999], 3)).toEqual([
      { movie: 20, score: 0, because: null },
      { movie: 30, score: 0, because: null },
      { movie: 10, score: 0, because: null },
    ]);
  });
});

describe('Recommender.popular', () => {
  it('given interactions, then movies come in order of how many ratings each has', async () => {
    // movie 5: 4 ratings, 3: 3, 7: 3, 9: 1, 8: 2 (ties go to the lower id: rows are sorted ids)
    const pairs = [
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [1, 7],
      [2, 7],
      [3, 7],
      [2, 3],
      [3, 3],
      [4, 3],
      [4, 9],
      [1, 8],
      [3, 8],
    ];
    const model = await fitModel(
      {
        users: Int32Array.from(pairs, ([u]) => u),
        items: Int32Array.from(pairs, ([, i]) => i),
        values: new Float32Array(pairs.length).fill(4),
      },
      { factors: 2, iterations: 2 },
    );
    const recommender = new Recommender(model);

    expect(recommender.popular(5)).toEqual([5, 3, 7, 8, 9]);
    expect(recommender.popular(2, [5])).toEqual([3, 7]);
    expect(recommender.recommend([], 3).map((r) => r.movie)).toEqual([5, 3, 7]);
  });
});

describe('Recommender.similar', () => {
  // 50 has exactly 10's vector; 60 is all zeros.
  const recommender = new Recommender(
    handModel([10, 20, 30, 40, 50, 60], [...vectors, [1, 0], [0, 0]]),
  );

  it('given a movie, then the others come by cosine similarity, computed by hand', () => {
    // cos(10, 30) = 0.9 / √0.82 = 0.993884; cos(10, 40) = 0.1 / √0.82 = 0.110432
    expect(recommender.similar(10, 10)).toEqual([
      { movie: 50, similarity: expect.closeTo(1, 6) },
      { movie: 30, similarity: expect.closeTo(0.993884, 5) },
      { movie: 40, similarity: expect.closeTo(0.110432, 5) },
      { movie: 20, similarity: 0 },
      { movie: 60, similarity: 0 },
    ]);
  });

  it('given a movie with an identical twin, then the twin has similarity 1 and the movie itself is left out', () => {
    const result = recommender.similar(50, 3);

    expect(result[0]).toEqual({ movie: 10, similarity: expect.closeTo(1, 6) });
    expect(result.map((s) => s.movie)).not.toContain(50);
  });

  it('given any movie, then results are sorted by similarity and never include the movie', () => {
    for (const movie of [10, 20, 30, 40, 50, 60]) {
      const result = recommender.similar(movie, 10);
      const similarities = result.map((s) => s.similarity);

      expect(result.map((s) => s.movie)).not.toContain(movie);
      expect(result).toHaveLength(5);
      expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    }
  });

  it('given an unknown movie, then there are no similar movies', () => {
    expect(recommender.similar(999, 5)).toEqual([]);
    expect(recommender.knows(999)).toBe(false);
    expect(recommender.knows(30)).toBe(true);
  });
});

describe('Recommender on a trained model', () => {
  let model: Model;
  let recommender: Recommender;

  beforeAll(async () => {
    // 40 users × 30 movies (ids 100, 110, …), in overlapping taste groups.
    const users: number[] = [];
    const items: number[] = [];
    for (let u = 0; u < 40; u++) {
      for (let i = 0; i < 30; i++) {
        if ((u % 5) * 6 <= i && i < (u % 5) * 6 + 9 && (u + i) % 3 !== 0) {
          users.push(u + 1);
          items.push(100 + 10 * i);
        }
      }
    }
    const interactions = {
      users: Int32Array.from(users),
      items: Int32Array.from(items),
      values: new Float32Array(users.length).fill(5),
    };
    model = await fitModel(interactions, {
      factors: 6,
      iterations: 10,
      alpha: 2,
      regularization: 0.5,
    });
    recommender = new Recommender(model);
  });

  it('given various likes, then results are sorted by score, never liked, and explained by a like', () => {
    const likeLists = [[100, 110, 120], [200, 210], [390], [100, 390, 250, 260], [150]];
    for (const liked of likeLists) {
      const result = recommender.recommend(liked, 8);
      const scores = result.map((r) => r.score);

      expect(result).toHaveLength(8);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const r of result) {
        expect(liked).not.toContain(r.movie);
        expect(model.items).toContain(r.movie);
        // A score is the sum of the likes' contributions, so a positive score has a reason.
        if (r.score > 0) expect(liked).toContain(r.because);
        else expect(r.because === null || liked.includes(r.because)).toBe(true);
      }
    }
  });

  it('given a member’s likes, then memberVector is the vector the scores come from', () => {
    const liked = [100, 120, 130];
    const vector = recommender.memberVector(liked);
    const top = recommender.recommend(liked, 1)[0];
    const row = model.items.indexOf(top.movie);
    const f = model.settings.factors;

    const score = Array.from(vector ?? []).reduce(
      (sum, x, d) => sum + x * model.itemFactors[row * f + d],
      0,
    );

    expect(vector).toHaveLength(f);
    expect(top.score).toBeCloseTo(score, 5);
    expect(recommender.memberVector([999])).toBeNull();
  });
});
