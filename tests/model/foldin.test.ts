import { beforeAll, describe, expect, it } from 'vitest';
import { trainAls, type AlsFactors } from '../../model/als/train.js';
import { FoldIn, FoldInError } from '../../model/foldin.js';
import { csrOf, maxAbsDifference, rowOf, vectorOf } from './support/matrices.js';
import { exactRowSolve, normalEquations } from './support/normal-equations.js';

// 7 users × 5 items with unequal confidences, so that C − I is not zero.
const confidence = csrOf([
  [2, 0, 1, 0, 4],
  [0, 3, 0, 1, 0],
  [1, 1, 0, 0, 2],
  [0, 0, 5, 1, 0],
  [3, 0, 0, 2, 1],
  [0, 2, 1, 0, 0],
  [1, 0, 0, 0, 3],
]);
const f = 3;
const regularization = 0.5;

describe('FoldIn', () => {
  let model: AlsFactors;
  let foldIn: FoldIn;

  beforeAll(async () => {
    // Enough iterations that ALS has settled: one more user step barely moves a user.
    model = await trainAls(confidence, {
      factors: f,
      regularization,
      iterations: 30,
      cgSteps: 10,
      seed: 5,
    });
    foldIn = new FoldIn(model.itemFactors, f, regularization);
  });

  it('given a trained user’s items and confidences, then the folded vector is close to the trained one', () => {
    for (let u = 0; u < confidence.rows; u++) {
      const { columns, values } = rowOf(confidence, u);

      const folded = foldIn.foldIn(columns, values).vector;

      expect(maxAbsDifference(folded, vectorOf(model.userFactors, f, u)), `user ${u}`).toBeLessThan(
        1e-4,
      );
    }
  });

  it('given a trained user, then the folded vector equals one exact ALS user step against the item factors', () => {
    for (let u = 0; u < confidence.rows; u++) {
      const { columns, values } = rowOf(confidence, u);
      const exact = exactRowSolve(model.itemFactors, f, columns, values, regularization);

      const folded = foldIn.foldIn(columns, values).vector;

      expect(maxAbsDifference(folded, exact), `user ${u}`).toBeLessThan(1e-10);
    }
  });

  it('given a user, then solve inverts that user’s system: A · solve(b) = b', () => {
    const { columns, values } = rowOf(confidence, 4);
    const { a } = normalEquations(model.itemFactors, f, columns, values, regularization);
    const b = [0.3, -1.2, 2];

    const z = foldIn.foldIn(columns, values).solve(b);

    const product = a.map((row) => row.reduce((sum, x, j) => sum + x * z[j], 0));
    expect(maxAbsDifference(product, b)).toBeLessThan(1e-10);
  });

  it('given a user, then the system is symmetric: eᵢ · A⁻¹eⱼ equals eⱼ · A⁻¹eᵢ', () => {
    const { columns, values } = rowOf(confidence, 0);
    const { solve } = foldIn.foldIn(columns, values);
    const unit = (i: number) => Array.from({ length: f }, (_, d) => (d === i ? 1 : 0));

    for (let i = 0; i < f; i++) {
      for (let j = 0; j < i; j++) {
        expect(solve(unit(j))[i]).toBeCloseTo(solve(unit(i))[j], 12);
      }
    }
  });

  it('given several members in turn, then each fold-in is independent of the ones before', () => {
    const first = rowOf(confidence, 0);
    const before = foldIn.foldIn(first.columns, first.values).vector;

    const other = rowOf(confidence, 3);
    foldIn.foldIn(other.columns, other.values);
    const after = foldIn.foldIn(first.columns, first.values).vector;

    expect(after).toEqual(before);
  });

  it('given no likes, then the member’s vector is zero', () => {
    expect(Array.from(foldIn.foldIn([], []).vector)).toEqual([0, 0, 0]);
  });

  it.each([0, -1, Number.NaN])(
    'given regularization %s, then it refuses with FoldInError',
    (bad) => {
      expect(() => new FoldIn(model.itemFactors, f, bad)).toThrow(FoldInError);
      expect(() => new FoldIn(model.itemFactors, f, bad)).toThrow(
        expect.objectContaining({ code: 'FOLD_IN_FAILED' }),
      );
    },
  );
});
