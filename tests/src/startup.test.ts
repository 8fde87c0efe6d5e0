import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { MovieLensError } from '../../src/movielens/index.js';
import { prepareModel } from '../../src/startup.js';
import { ML_1M } from '../support/shared-data.js';

describe('prepareModel', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'reelmate-startup-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('given a MOVIELENS_DIR that lacks users.dat, then it names the file and never downloads into it', async () => {
    const movielens = join(folder, 'ml-1m');
    await mkdir(movielens);
    await copyFile(join(ML_1M, 'movies.dat'), join(movielens, 'movies.dat'));
    await copyFile(join(ML_1M, 'ratings.dat'), join(movielens, 'ratings.dat'));
    const config = loadConfig({ DATA_DIR: folder, MOVIELENS_DIR: movielens });
    // Any request would fail the test: the folder named by the admin is never downloaded into.
    const fetchBefore = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error('no request may be made'));

    const error = await prepareModel(config, silentLogger(), () => []).catch((e: unknown) => e);
    globalThis.fetch = fetchBefore;

    expect(error).toBeInstanceOf(MovieLensError);
    expect((error as MovieLensError).code).toBe('MISSING_FILE');
    expect((error as MovieLensError).message).toContain('users.dat');
  });
});
