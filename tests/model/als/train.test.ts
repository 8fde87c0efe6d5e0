import { describe, expect, it } from 'vitest';
import { SettingsError } from '../../../model/als/options.js';
import {
  NonFiniteFactorsError,
  trainAls,
  type TrainingProgress,
} from '../../../model/als/train.js';
import { scoreItems } from '../../../model/ranking.js';
import { transpose } from '../../../model/sparse.js';
import { csrOf, maxAbsDifference, rowOf, vectorOf } from '../support/matrices.js';
import { exactRowSolve } from '../support/normal-equations.js';

// 6 users × 6 items: even users like the even items, odd users the odd items.
const checkerboard = csrOf(
  Array.from({ length: 6 }, (_, u) =>
    Array.from({ length: 6 }, (_, i) => ((u + i) % 2 === 0 ? 1 : 0)),
  ),
);

// 7 users × 5 items with unequal confidences, so that C − I is not zero.
const weighted = csrOf([
  [2, 0, 1, 0, 4],
  [0, 3, 0, 1, 0],
  [1, 1, 0, 0, 2],
  [0, 0, 5, 1, 0],
  [3, 0, 0, 2, 1],
  [0, 2, 1, 0, 0],
  [1, 0, 0, 0, 3],
]);

// 90 users × 40 items: enough rows that two threads both get chunks of 32.
const larger = csrOf(
  Array.from({ length: 90 }, (_, u) =>
    Array.from({ length: 40 }, (_, i) =>
      (u * 3 + i * 7) % 11 === 0 || (u + 2 * i) % 13 === 1 ? 1 + ((u + i) % 3) : 0,
    ),
  ),
);

describe('trainAls', () => {
  it('given a checkerboard, then every user scores all of their own block above the other block', async () => {
    const f = 4;
    const model = await trainAls(checkerboard, {
      factors: f,
      regularization: 0.1,
      iterations: 15,
      cgSteps: 3,
      threads: 2,
      seed: 0,
    });

    for (let u = 0; u < 6; u++) {
      const scores = Array.from(
        scoreItems(model.itemFactors, f, vectorOf(model.userFactors, f, u)),
      );
      const own = scores.filter((_, i) => (u + i) % 2 === 0);
      const other = scores.filter((_, i) => (u + i) % 2 === 1);
      const top = scores.indexOf(Math.max(...scores));

      expect((u + top) % 2, `user ${u}'s top item ${top}`).toBe(0);
      expect(Math.min(...own), `user ${u}`).toBeGreaterThan(Math.max(...other));
      // A liked item is predicted near its preference of 1, a missing one near 0.
      expect(Math.min(...own)).toBeGreaterThan(0.5);
      expect(Math.max(...other)).toBeLessThan(0.2);
    }
  });

  it('given the same seed twice, then the factors are bit-identical', async () => {
    const settings = { factors: 5, iterations: 4, threads: 2, seed: 42 };

    const first = await trainAls(larger, settings);
    const second = await trainAls(larger, settings);

    expect(second.userFactors).toEqual(first.userFactors);
    expect(second.itemFactors).toEqual(first.itemFactors);
    expect(
      Buffer.from(second.itemFactors.buffer).equals(Buffer.from(first.itemFactors.buffer)),
    ).toBe(true);
  });

  it('given different seeds, then the factors differ', async () => {
    const a = await trainAls(larger, { factors: 5, iterations: 4, seed: 1 });
    const b = await trainAls(larger, { factors: 5, iterations: 4, seed: 2 });

    expect(maxAbsDifference(a.userFactors, b.userFactors)).toBeGreaterThan(1e-3);
  });

  it('given one thread or two, then the factors are nearly equal', async () => {
    const settings = { factors: 6, iterations: 6, regularization: 0.5, seed: 3 };

    const one = await trainAls(larger, { ...settings, threads: 1 });
    const two = await trainAls(larger, { ...settings, threads: 2 });

    expect(maxAbsDifference(one.userFactors, two.userFactors)).toBeLessThan(1e-4);
    expect(maxAbsDifference(one.itemFactors, two.itemFactors)).toBeLessThan(1e-4);
  });

  it('given 50 CG steps, then each item row solved last matches the exact solution of its normal equations', async () => {
    const f = 3;
    const regularization = 0.5;
    const model = await trainAls(weighted, {
      factors: f,
      regularization,
      iterations: 3,
      cgSteps: 50,
      seed: 5,
    });

    // The last half-iteration solves items against the final user factors X:
    // (XᵀCᵢX + λI) y = XᵀCᵢ p(i), with Cᵢ the item's column of confidences.
    const byItem = transpose(weighted);
    for (let i = 0; i < weighted.cols; i++) {
      const { columns, values } = rowOf(byItem, i);
      const exact = exactRowSolve(model.userFactors, f, columns, values, regularization);

      expect(maxAbsDifference(vectorOf(model.itemFactors, f, i), exact), `item ${i}`).toBeLessThan(
        1e-4,
      );
    }
  });

  it('given 50 CG steps on the transposed matrix, then each user row solved last matches the exact solution', async () => {
    const f = 3;
    const regularization = 0.5;
    // Trained item × user, the second side solved is the users, against the final item factors Y:
    // (YᵀCᵤY + λI) x = YᵀCᵤ p(u).
    const model = await trainAls(transpose(weighted), {
      factors: f,
      regularization,
      iterations: 3,
      cgSteps: 50,
      seed: 5,
    });
    const items = model.userFactors;
    const users = model.itemFactors;

    for (let u = 0; u < weighted.rows; u++) {
      const { columns, values } = rowOf(weighted, u);
      const exact = exactRowSolve(items, f, columns, values, regularization);

      expect(maxAbsDifference(vectorOf(users, f, u), exact), `user ${u}`).toBeLessThan(1e-4);
    }
  });

  it('given a row with no interactions, then its factors go to zero', async () => {
    const withEmptyRow = csrOf([
      [1, 0, 1],
      [0, 0, 0],
      [0, 1, 1],
    ]);

    const model = await trainAls(withEmptyRow, { factors: 2, iterations: 3, cgSteps: 10 });

    expect(maxAbsDifference(vectorOf(model.userFactors, 2, 1), [0, 0])).toBeLessThan(1e-6);
  });

  it('given settings, then progress is reported once per iteration in order', async () => {
    const seen: TrainingProgress[] = [];

    const model = await trainAls(checkerboard, { factors: 2, iterations: 3 }, (p) => seen.push(p));

    expect(seen.map((p) => [p.iteration, p.iterations])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(model.factors).toBe(2);
    expect(model.userFactors).toHaveLength(6 * 2);
    expect(model.itemFactors).toHaveLength(6 * 2);
  });

  it('given a NaN confidence, then training rejects with NonFiniteFactorsError', async () => {
    const poisoned = csrOf([
      [1, 0, 1],
      [0, 1, 1],
    ]);
    poisoned.data[1] = Number.NaN;

    const failure = trainAls(poisoned, { factors: 2, iterations: 2 });

    await expect(failure).rejects.toBeInstanceOf(NonFiniteFactorsError);
    await expect(failure).rejects.toMatchObject({ code: 'NON_FINITE_FACTORS' });
    const error = (await failure.catch((e: unknown) => e)) as NonFiniteFactorsError;
    expect(error.count).toBeGreaterThan(0);
  });

  it.each([
    ['factors', { factors: 0 }],
    ['regularization', { regularization: 0 }],
    ['regularization', { regularization: -1 }],
    ['threads', { threads: 0 }],
  ] as const)(
    'given a bad %s, then training rejects with a SettingsError naming it',
    async (setting, bad) => {
      const failure = trainAls(checkerboard, bad);

      await expect(failure).rejects.toBeInstanceOf(SettingsError);
      await expect(failure).rejects.toMatchObject({ setting });
    },
  );
});
