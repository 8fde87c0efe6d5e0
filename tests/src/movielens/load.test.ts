import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMovieLens, MovieLensError, readRatingsFile } from '../../../src/movielens/index.js';
import { ML_1M, ML_1M_SPLIT } from '../../support/shared-data.js';

describe('loadMovieLens', () => {
  let scratch: string;
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'reelmate-load-'));
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('given the real ml-1m folder, then it loads every movie, profile and rating', async () => {
    const { movies, profiles, ratings } = await loadMovieLens(ML_1M);

    expect(movies).toHaveLength(3883);
    expect(profiles).toHaveLength(6040);
    expect(ratings.users).toHaveLength(1_000_209);
    expect(ratings.items).toHaveLength(1_000_209);
    expect(ratings.values).toHaveLength(1_000_209);
    expect(ratings.users.filter((user) => user === 1)).toHaveLength(53);
    expect(movies[0]).toEqual({
      id: 1,
      title: 'Toy Story (1995)',
      year: 1995,
      genres: ['Animation', "Children's", 'Comedy'],
    });
  });

  it('given a folder without ratings.dat, then it throws MISSING_FILE naming that file', async () => {
    await copyFile(join(ML_1M, 'movies.dat'), join(scratch, 'movies.dat'));
    await copyFile(join(ML_1M, 'users.dat'), join(scratch, 'users.dat'));

    const error = await loadMovieLens(scratch).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MovieLensError);
    expect(error).toMatchObject({ code: 'MISSING_FILE', file: join(scratch, 'ratings.dat') });
    expect((error as Error).message).toMatch(/^reelmate: .*ratings\.dat is missing$/);
  });

  it('given an empty folder, then the error names movies.dat, the first file read', async () => {
    const error = await loadMovieLens(scratch).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'MISSING_FILE', file: join(scratch, 'movies.dat') });
  });

  it('given a ratings file of four-field lines, then readRatingsFile reads it', async () => {
    const file = join(scratch, 'train.dat');
    await writeFile(file, '1::1193::5::978300760\n1::661::3::978302109\n');

    const ratings = await readRatingsFile(file);

    expect(ratings.users).toEqual(new Int32Array([1, 1]));
    expect(ratings.items).toEqual(new Int32Array([1193, 661]));
    expect(ratings.values).toEqual(new Float32Array([5, 3]));
  });

  it('given a malformed ratings file, then the BAD_LINE error names the file and line', async () => {
    const file = join(scratch, 'train.dat');
    await writeFile(file, '1::1193::5\n1::661\n');

    const error = await readRatingsFile(file).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'BAD_LINE', file, line: 2 });
  });

  it('given the real train split, then readRatingsFile reads all of its lines', async () => {
    const ratings = await readRatingsFile(`${ML_1M_SPLIT}/train.dat`);

    expect(ratings.users).toHaveLength(800_193);
  });
});
