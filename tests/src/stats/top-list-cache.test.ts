import { describe, expect, it } from 'vitest';
import type { Model } from '../../../model/model.js';
import { silentLogger } from '../../../src/logger.js';
import { TopListsError, type TopListsRun } from '../../../src/stats/run-top-lists.js';
import { TopListCache } from '../../../src/stats/top-list-cache.js';
import {
  computeTopLists,
  type TopListFigures,
  type TopListsJob,
} from '../../../src/stats/top-lists.js';
import { smallWorld } from './support/small-world.js';

interface Settle {
  resolve: (figures: TopListFigures) => void;
  reject: (error: Error) => void;
}

/** Runs the cache starts, each settled by the test. */
class FakeRuns {
  readonly jobs: TopListsJob[] = [];
  readonly #settle: Settle[] = [];
  stopped = 0;

  readonly run = (job: TopListsJob): TopListsRun => {
    this.jobs.push(job);
    let settle!: Settle;
    const result = new Promise<TopListFigures>((resolve, reject) => (settle = { resolve, reject }));
    this.#settle.push(settle);
    return {
      result,
      stop: async () => {
        this.stopped++;
        settle.reject(new TopListsError('STOPPED', 'the statistics were stopped'));
      },
    };
  };

  finish(n: number): void {
    this.#settle[n].resolve(computeTopLists(this.jobs[n]));
  }

  fail(n: number): void {
    this.#settle[n].reject(new TopListsError('FAILED', 'the statistics failed: simulated'));
  }
}

function cacheOver(models: { current: Model }, runs: FakeRuns): TopListCache {
  const world = smallWorld();
  return new TopListCache({
    model: () => models.current,
    job: (model) => ({ ...world, model }),
    logger: silentLogger(),
    run: runs.run,
  });
}

describe('TopListCache', () => {
  it('given two calls while computing, then both wait for the one computation', async () => {
    const runs = new FakeRuns();
    const cache = cacheOver({ current: smallWorld().model }, runs);

    const first = cache.get();
    const second = cache.get();
    runs.finish(0);

    expect(await first).toBe(await second);
    expect(runs.jobs).toHaveLength(1);
  });

  it('given figures for the serving model, then later calls get them without computing again', async () => {
    const runs = new FakeRuns();
    const cache = cacheOver({ current: smallWorld().model }, runs);
    const first = cache.get();
    runs.finish(0);
    await first;

    const again = await cache.get();

    expect(again).toBe(await first);
    expect(runs.jobs).toHaveLength(1);
  });

  it('given a new model, then the figures are computed again for it', async () => {
    const runs = new FakeRuns();
    const models = { current: smallWorld(1).model };
    const cache = cacheOver(models, runs);
    const old = cache.get();
    runs.finish(0);
    await old;

    models.current = { ...smallWorld(2).model, trainedAt: '2024-07-01T00:00:00.000Z' };
    const fresh = cache.get();
    runs.finish(1);

    expect(runs.jobs.map((j) => j.model)).toEqual([smallWorld(1).model, models.current]);
    expect((await fresh).trainedAt).toBe('2024-07-01T00:00:00.000Z');
  });

  it('given a failed computation, then the caller gets the error and the next call tries again', async () => {
    const runs = new FakeRuns();
    const cache = cacheOver({ current: smallWorld().model }, runs);
    const failed = cache.get();
    runs.fail(0);

    await expect(failed).rejects.toMatchObject({ code: 'FAILED' });
    const retried = cache.get();
    runs.finish(1);

    expect((await retried).coverage.users).toBe(60);
    expect(runs.jobs).toHaveLength(2);
  });

  it('given stop while computing, then the run is stopped and its callers get STOPPED', async () => {
    const runs = new FakeRuns();
    const cache = cacheOver({ current: smallWorld().model }, runs);
    const pending = cache.get();

    await cache.stop();

    await expect(pending).rejects.toMatchObject({ code: 'STOPPED' });
    expect(runs.stopped).toBe(1);
  });
});
