import { describe, expect, it } from 'vitest';
import { perUser } from '../../model/fit.js';
import { buildUserItemMatrix } from '../../model/sparse.js';
import { readRatingsFile } from '../../src/movielens/index.js';
import { ML_1M } from '../support/shared-data.js';

/** A matrix with the given number of interactions in each user row. */
function rowsOf(lengths: number[]) {
  const users = lengths.flatMap((n, u) => Array<number>(n).fill(u + 1));
  const items = lengths.flatMap((n) => Array.from({ length: n }, (_, i) => i + 1));
  return buildUserItemMatrix({
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1),
  }).matrix;
}

describe('perUser', () => {
  it('given an odd number of users, then the median is the middle row length', () => {
    expect(perUser(rowsOf([4, 1, 7]))).toEqual({ min: 1, median: 4, mean: 4, max: 7 });
  });

  it('given an even number of users, then the median is the mean of the two middle ones', () => {
    expect(perUser(rowsOf([2, 9, 3, 6]))).toEqual({ min: 2, median: 4.5, mean: 5, max: 9 });
  });

  it('given no users, then every figure is 0', () => {
    expect(perUser(rowsOf([]))).toEqual({ min: 0, median: 0, mean: 0, max: 0 });
  });

  it('given MovieLens 1M, then 6,040 users, 3,706 movies, 1,000,209 interactions: 20, 96, ≈165.6, 2,314 per user', async () => {
    const { matrix } = buildUserItemMatrix(await readRatingsFile(`${ML_1M}/ratings.dat`));

    expect(matrix.rows).toBe(6040);
    expect(matrix.cols).toBe(3706);
    expect(matrix.indices.length).toBe(1_000_209);
    const figures = perUser(matrix);
    expect(figures).toMatchObject({ min: 20, median: 96, max: 2314 });
    expect(figures.mean).toBeCloseTo(165.6, 1);
    expect(figures.mean).toBeCloseTo(1_000_209 / 6040, 10);
  });
});
