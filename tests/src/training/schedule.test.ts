import type { ScheduledTask } from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { DEFAULT_SETTINGS } from '../../../model/als/options.js';
import type { Model } from '../../../model/model.js';
import { silentLogger } from '../../../src/logger.js';
import { Retrainer } from '../../../src/training/retrainer.js';
import { isValidCron, scheduleRetraining } from '../../../src/training/schedule.js';
import { FakeTraining } from './support/fake-training.js';
import { freshFolder } from './support/folders.js';
import { capturingLogger, LEVEL } from './support/logs.js';
import { figures, modelWith } from './support/models.js';

const EVERY_SECOND = '* * * * * *';
const tasks: ScheduledTask[] = [];

afterEach(async () => {
  for (const task of tasks.splice(0)) await task.destroy();
  vi.restoreAllMocks();
});

/** A real retrainer over a fake training, with run() spied on. */
async function retrainerWithFakeTraining() {
  const folder = await freshFolder();
  let current: Model = modelWith(figures(0.3), 1);
  const training = new FakeTraining();
  const retrainer = new Retrainer({
    ratingsFile: `${folder}/ratings.dat`,
    modelDir: `${folder}/model`,
    settings: DEFAULT_SETTINGS,
    members: () => [],
    logger: silentLogger(),
    current: () => current,
    swap: (model) => void (current = model),
    train: training.train,
  });
  const run = vi.spyOn(retrainer, 'run');
  return { retrainer, training, run };
}

function schedule(
  retrainer: Retrainer,
  expression: string,
  timezone = 'UTC',
  logger = silentLogger(),
) {
  const task = scheduleRetraining(retrainer, expression, timezone, logger);
  tasks.push(task);
  return task;
}

/** Resolves on the task's next event of that name. */
function next(task: ScheduledTask, event: 'execution:overlap' | 'execution:started') {
  return new Promise<void>((resolve) => task.once(event, () => resolve()));
}

describe('scheduleRetraining', () => {
  it('given a schedule that fires every second, then the retrainer runs with the reason "scheduled"', async () => {
    const { retrainer, training, run } = await retrainerWithFakeTraining();
    const held = training.holds();
    const task = schedule(retrainer, EVERY_SECOND);

    await vi.waitFor(() => expect(run).toHaveBeenCalled(), { timeout: 5_000, interval: 50 });
    expect(run).toHaveBeenCalledWith('scheduled');
    await task.destroy();

    held.finish(modelWith(figures(0.3), 2));
    expect(await run.mock.results[0].value).toMatchObject({ kind: 'replaced' });
  });

  it('given a run still going when the next second comes, then no second run starts and the skip is logged as JSON', async () => {
    const { retrainer, training, run } = await retrainerWithFakeTraining();
    const held = training.holds();
    const consoleSpies = ['warn', 'info', 'error'].map((name) =>
      vi.spyOn(console, name as 'warn' | 'info' | 'error'),
    );
    const { logger, lines } = capturingLogger();
    const task = schedule(retrainer, EVERY_SECOND, 'UTC', logger);

    await held.started;
    await next(task, 'execution:overlap');

    expect(run).toHaveBeenCalledTimes(1);
    expect(training.jobs).toHaveLength(1);
    expect(retrainer.busy).toBe(true);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: LEVEL.warn, cron: EVERY_SECOND, msg: expect.any(String) }),
    );
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
    await task.destroy();
    held.finish(modelWith(figures(0.3), 2));
    expect(await run.mock.results[0].value).toMatchObject({ kind: 'replaced' });
  });

  it('given a nightly schedule in a time zone, then the next run is in the future at that local time, and it is logged', async () => {
    const { retrainer, run } = await retrainerWithFakeTraining();
    const { logger, lines } = capturingLogger();
    const task = schedule(retrainer, '30 4 * * *', 'Asia/Tokyo', logger);

    const nextRun = task.getNextRun();
    expect(nextRun).toBeInstanceOf(Date);
    expect(nextRun!.getTime()).toBeGreaterThan(Date.now());
    expect(nextRun!.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
    // 04:30 in Tokyo (UTC+9, no daylight saving) is 19:30 UTC.
    expect([nextRun!.getUTCHours(), nextRun!.getUTCMinutes(), nextRun!.getUTCSeconds()]).toEqual([
      19, 30, 0,
    ]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: LEVEL.info,
        cron: '30 4 * * *',
        timezone: 'Asia/Tokyo',
        next: nextRun!.toISOString(),
      }),
    );
    expect(run).not.toHaveBeenCalled();
  });

  it('given destroy(), then the retrainer is not run again', async () => {
    const { retrainer, training, run } = await retrainerWithFakeTraining();
    training.returns(modelWith(figures(0.3), 2));
    const task = schedule(retrainer, EVERY_SECOND);
    await next(task, 'execution:started');
    await task.destroy();
    const runs = run.mock.calls.length;

    // node-cron 4.6 still answers getNextRun() after destroy(); what matters is that nothing runs.
    expect(task.getStatus()).toBe('destroyed');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(run.mock.calls.length).toBe(runs);
  });
});

describe('isValidCron', () => {
  it('accepts a nightly time and a seconds field', () => {
    expect(isValidCron('30 4 * * *')).toBe(true);
    expect(isValidCron(EVERY_SECOND)).toBe(true);
  });

  it('rejects words and out-of-range fields', () => {
    expect(isValidCron('every night')).toBe(false);
    expect(isValidCron('')).toBe(false);
    expect(isValidCron('61 4 * * *')).toBe(false);
    expect(isValidCron('30 25 * * *')).toBe(false);
  });
});
