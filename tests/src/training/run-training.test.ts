import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TrainingProgress } from '../../../model/als/train.js';
import { DEFAULT_SETTINGS, type AlsSettings } from '../../../model/als/options.js';
import { fingerprint } from '../../../model/fingerprint.js';
import type { Model } from '../../../model/model.js';
import { readRatingsFile } from '../../../src/movielens/index.js';
import { FIRST_MEMBER_ID } from '../../../src/training/training-data.js';
import { TrainingError, trainInWorker } from '../../../src/training/run-training.js';
import { writeManyRatings, writeRatings } from './support/ratings.js';

const SMALL: AlsSettings = { ...DEFAULT_SETTINGS, factors: 8, iterations: 3, threads: 1 };
const SERVER = '100000000000000001';
const MEMBER = '200000000000000001';

let folder: string;
let smallFile: string;
let smallLines: number;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'reelmate-run-training-'));
  smallFile = join(folder, 'ratings.dat');
  smallLines = await writeRatings(smallFile, { users: 30, movies: 20 });
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Waits for a run to fail and returns its error. */
async function failure(result: Promise<Model>): Promise<TrainingError> {
  const error = await result.then(
    () => expect.fail('the training run was expected to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrainingError);
  return error as TrainingError;
}

describe('trainInWorker, given a small ratings file and one member', () => {
  let model: Model;
  const progress: TrainingProgress[] = [];

  beforeAll(async () => {
    const members = [{ server: SERVER, member: MEMBER, likes: [1, 2, 3] }];
    const run = trainInWorker(
      { ratingsFile: smallFile, members, settings: SMALL, holdout: 0.1 },
      (p) => progress.push(p),
    );
    model = await run.result;
  });

  it('then the model has a row for each of the 30 users and the member, and one for each of the 20 movies', () => {
    expect(smallLines).toBeGreaterThan(300);
    expect(model.users).toEqual([...Array.from({ length: 30 }, (_, i) => i + 1), FIRST_MEMBER_ID]);
    expect(model.items).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(model.trainedOn).toMatchObject({ users: 31, items: 20, interactions: smallLines + 3 });
  });

  it('then the factors have the asked size and are all finite', () => {
    expect(model.settings).toEqual(SMALL);
    expect(model.userFactors).toBeInstanceOf(Float32Array);
    expect(model.userFactors.length).toBe(31 * 8);
    expect(model.itemFactors.length).toBe(20 * 8);
    expect([...model.userFactors, ...model.itemFactors].every(Number.isFinite)).toBe(true);
    expect(model.itemFactors.some((v) => v !== 0)).toBe(true);
  });

  it('then the member’s row is listed with its server and member ids', () => {
    expect(model.members).toEqual([{ id: FIRST_MEMBER_ID, server: SERVER, member: MEMBER }]);
  });

  it('then the held-out figures are filled in, each between 0 and 1', () => {
    expect(model.evaluation).not.toBeNull();
    const { users, ...rates } = model.evaluation!;
    expect(users).toBeGreaterThan(0);
    expect(users).toBeLessThanOrEqual(31);
    for (const [name, value] of Object.entries(rates)) {
      expect(value, name).toBeGreaterThanOrEqual(0);
      expect(value, name).toBeLessThanOrEqual(1);
    }
  });

  it('then the fingerprint is that of the MovieLens ratings alone, without the member', async () => {
    expect(model.fingerprint).toBe(fingerprint(await readRatingsFile(smallFile)));
  });

  it('then progress is reported after each iteration of the final run', () => {
    expect(progress.map((p) => [p.iteration, p.iterations])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(progress.every((p) => p.seconds >= 0)).toBe(true);
  });
});

describe('trainInWorker, when training cannot finish', () => {
  it('given a ratings file that does not exist, then it fails with FAILED naming the file', async () => {
    const missing = join(folder, 'no-such-ratings.dat');
    const error = await failure(
      trainInWorker({ ratingsFile: missing, members: [], settings: SMALL, holdout: 0.1 }).result,
    );
    expect(error.code).toBe('FAILED');
    expect(error.message).toContain(missing);
  });

  it('given stop() right after the start, then it fails with STOPPED', async () => {
    const run = trainInWorker({
      ratingsFile: smallFile,
      members: [],
      settings: SMALL,
      holdout: 0.1,
    });
    await run.stop();
    const error = await failure(run.result);
    expect(error.code).toBe('STOPPED');
  });

  it('given stop() while a long training run is under way, then it fails with STOPPED', async () => {
    // About 25,000 ratings with 1,000 iterations: tens of seconds of work, stopped after one.
    const file = join(folder, 'medium.dat');
    await writeRatings(file, { users: 400, movies: 100 });
    const settings = { ...SMALL, factors: 32, iterations: 1000, cgSteps: 10 };
    const run = trainInWorker({ ratingsFile: file, members: [], settings, holdout: 0.1 });

    await new Promise((resolve) => setTimeout(resolve, 1000));
    await run.stop();
    const error = await failure(run.result);
    expect(error.code).toBe('STOPPED');
  });

  it('given a heap limit of 16 MB, then the small file trains but a million ratings fail with OUT_OF_MEMORY', async () => {
    const small = trainInWorker(
      { ratingsFile: smallFile, members: [], settings: SMALL, holdout: 0.1 },
      undefined,
      16,
    );
    expect((await small.result).users.length).toBe(30);

    const big = join(folder, 'big.dat');
    await writeManyRatings(big, 1_000_000);
    const run = trainInWorker(
      { ratingsFile: big, members: [], settings: SMALL, holdout: 0.1 },
      undefined,
      16,
    );
    const error = await failure(run.result);
    expect(error.code).toBe('OUT_OF_MEMORY');
    expect(error.message).toBe('reelmate: training ran out of memory');
    expect((error.cause as { code?: string }).code).toBe('ERR_WORKER_OUT_OF_MEMORY');
  });
});
