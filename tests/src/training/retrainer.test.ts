import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { DEFAULT_SETTINGS } from '../../../model/als/options.js';
import { loadModel } from '../../../model/model-files.js';
import type { Model } from '../../../model/model.js';
import { ModelHolder } from '../../../src/model-holder.js';
import { LikeStore, type MemberLikes } from '../../../src/storage/index.js';
import { DEFAULT_HOLDOUT } from '../../../src/training/job.js';
import { RETRAIN_COOLDOWN_MS, Retrainer } from '../../../src/training/retrainer.js';
import { TrainingError } from '../../../src/training/run-training.js';
import { FakeTraining } from './support/fake-training.js';
import { freshFolder } from './support/folders.js';
import { capturingLogger, LEVEL } from './support/logs.js';
import { figures, modelWith } from './support/models.js';

const SETTINGS = { ...DEFAULT_SETTINGS, factors: 2, iterations: 3, threads: 1 };

/** A retrainer over a fake training, serving `current` from a real ModelHolder. */
async function setup(
  options: {
    current?: Model;
    margin?: number;
    members?: () => MemberLikes[] | Promise<MemberLikes[]>;
  } = {},
) {
  const folder = await freshFolder();
  const modelDir = join(folder, 'model');
  const { logger, lines } = capturingLogger();
  const training = new FakeTraining();
  const old = options.current ?? modelWith(figures(0.3), 1);
  const holder = new ModelHolder(old);
  const swaps: Model[] = [];
  const retrainer = new Retrainer({
    ratingsFile: join(folder, 'ratings.dat'),
    modelDir,
    settings: SETTINGS,
    members: options.members ?? (() => []),
    logger,
    current: () => holder.current.model,
    swap: (model) => {
      swaps.push(model);
      holder.replace(model);
    },
    margin: options.margin,
    train: training.train,
  });
  const written = () => readdir(folder);
  return { old, modelDir, lines, training, holder, swaps, retrainer, written };
}

describe('Retrainer, given a new model that passes its checks', () => {
  it('given a better model, then it is saved to the model folder, swapped in and logged', async () => {
    const { modelDir, lines, training, holder, swaps, retrainer } = await setup();
    const better = modelWith(figures(0.35), 2);
    training.returns(better);

    const outcome = await retrainer.run('scheduled');

    expect(outcome).toEqual({ kind: 'replaced', model: better });
    expect(await loadModel(modelDir)).toEqual(better);
    expect(swaps).toEqual([better]);
    expect(holder.current.model).toBe(better);
    const done = lines.find((line) => line.msg.startsWith('Retrained'));
    expect(done).toMatchObject({ level: LEVEL.info, ndcg: 0.35 });
    expect(retrainer.last?.outcome).toBe(outcome);
    expect(retrainer.busy).toBe(false);
  });

  it('given a retrain that just ended, then a request is too soon until the cooldown has passed', async () => {
    const { training, retrainer } = await setup();
    expect(retrainer.tooSoon()).toBe(false);
    training.returns(modelWith(figures(0.35), 2));

    await retrainer.run('scheduled');

    const ended = retrainer.last!.at.getTime();
    expect(retrainer.tooSoon(ended + RETRAIN_COOLDOWN_MS - 1)).toBe(true);
    expect(retrainer.tooSoon(ended + RETRAIN_COOLDOWN_MS)).toBe(false);
  });

  it('given a model worse by less than the margin, then it still replaces the current one', async () => {
    const { modelDir, training, holder, retrainer } = await setup();
    const slightlyWorse = modelWith(figures(0.29), 2);
    training.returns(slightlyWorse);

    expect((await retrainer.run('scheduled')).kind).toBe('replaced');
    expect(holder.current.model).toBe(slightlyWorse);
    expect(await loadModel(modelDir)).toEqual(slightlyWorse);
  });

  it('given a wider margin, then a model that much worse still replaces the current one', async () => {
    const { training, holder, retrainer } = await setup({ margin: 0.1 });
    const worse = modelWith(figures(0.25), 2);
    training.returns(worse);

    expect((await retrainer.run('scheduled')).kind).toBe('replaced');
    expect(holder.current.model).toBe(worse);
  });

  it('given a current model without held-out figures, then a new model with figures replaces it', async () => {
    const { training, holder, retrainer } = await setup({ current: modelWith(null, 1) });
    const next = modelWith(figures(0.01), 2);
    training.returns(next);

    expect((await retrainer.run('scheduled')).kind).toBe('replaced');
    expect(holder.current.model).toBe(next);
  });
});

describe('Retrainer, given a new model worse than the current one beyond the margin', () => {
  it('then it is kept out: nothing written, nothing swapped, a warning with both figures', async () => {
    const { old, lines, training, holder, swaps, retrainer, written } = await setup();
    training.returns(modelWith(figures(0.25), 2));

    const outcome = await retrainer.run('scheduled');

    expect(outcome).toEqual({
      kind: 'kept',
      reason: 'ndcg@10 on held-out data fell from 0.3000 to 0.2500',
    });
    expect(holder.current.model).toBe(old);
    expect(swaps).toEqual([]);
    expect(await written()).toEqual([]);
    const warnings = lines.filter((line) => line.level === LEVEL.warn);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].reason).toContain('0.3000');
    expect(warnings[0].reason).toContain('0.2500');
    expect(warnings[0].msg).toContain('the current model keeps serving');
  });
});

describe('Retrainer, when a retrain goes wrong', () => {
  const cases: {
    name: string;
    plan: (training: FakeTraining) => unknown;
    members?: () => Promise<MemberLikes[]>;
    outcome: { kind: 'failed' | 'kept'; reason: string };
  }[] = [
    {
      name: 'a training thread that fails',
      plan: (t) => t.fails(new TrainingError('FAILED', 'training failed: a solver thread stopped')),
      outcome: { kind: 'failed', reason: 'reelmate: training failed: a solver thread stopped' },
    },
    {
      name: 'a training thread that cannot be started',
      plan: (t) => t.throwsOnStart(new Error('reelmate: could not start a worker thread')),
      outcome: { kind: 'failed', reason: 'reelmate: could not start a worker thread' },
    },
    {
      name: 'a training run that runs out of memory',
      plan: (t) => t.fails(new TrainingError('OUT_OF_MEMORY', 'training ran out of memory')),
      outcome: { kind: 'failed', reason: 'reelmate: training ran out of memory' },
    },
    {
      name: 'a model whose held-out figures are NaN',
      plan: (t) => t.returns(modelWith(figures(Number.NaN), 2)),
      outcome: { kind: 'kept', reason: 'the new model has no held-out figures' },
    },
    {
      name: 'a model trained without held-out figures',
      plan: (t) => t.returns(modelWith(null, 2)),
      outcome: { kind: 'kept', reason: 'the new model has no held-out figures' },
    },
    {
      name: 'members’ likes that cannot be read',
      plan: () => undefined,
      members: async () => Promise.reject(new Error('reelmate: a server file could not be read')),
      outcome: { kind: 'failed', reason: 'reelmate: a server file could not be read' },
    },
  ];

  for (const { name, plan, members, outcome } of cases) {
    it(`given ${name}, then the outcome says why, the old model keeps serving and a warning is logged`, async () => {
      const { old, lines, training, holder, swaps, retrainer, written } = await setup({ members });
      plan(training);

      expect(await retrainer.run('scheduled')).toEqual(outcome);

      expect(holder.current.model).toBe(old);
      expect(swaps).toEqual([]);
      expect(await written()).toEqual([]);
      expect(retrainer.last?.outcome).toEqual(outcome);
      const warnings = lines.filter((line) => line.level >= LEVEL.warn);
      expect(warnings).toEqual([
        expect.objectContaining({ level: LEVEL.warn, reason: outcome.reason }),
      ]);
    });

    it(`given ${name}, then the next retrain still runs and can replace the model`, async () => {
      let calls = 0;
      const flaky = members && (async () => (calls++ === 0 ? members() : []));
      const { modelDir, training, holder, retrainer } = await setup({ members: flaky });
      plan(training);
      await retrainer.run('scheduled');
      expect(retrainer.busy).toBe(false);

      const next = modelWith(figures(0.31), 3);
      training.returns(next);
      expect(await retrainer.run('scheduled')).toEqual({ kind: 'replaced', model: next });
      expect(holder.current.model).toBe(next);
      expect(await loadModel(modelDir)).toEqual(next);
    });
  }
});

describe('Retrainer, one run at a time', () => {
  it('given two run() calls at once, then one training run serves both with the same outcome', async () => {
    const { training, retrainer } = await setup();
    const held = training.holds();

    const first = retrainer.run('scheduled');
    const second = retrainer.run('asked by a member');
    await held.started;
    expect(retrainer.busy).toBe(true);
    const next = modelWith(figures(0.4), 2);
    held.finish(next);

    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual({ kind: 'replaced', model: next });
    expect(b).toBe(a);
    expect(training.jobs).toHaveLength(1);
    expect(retrainer.busy).toBe(false);
  });

  it('given a run() after the last one ended, then it trains again', async () => {
    const { training, retrainer } = await setup();
    training.returns(modelWith(figures(0.3), 2)).returns(modelWith(figures(0.3), 3));

    await retrainer.run('scheduled');
    await retrainer.run('scheduled');
    expect(training.jobs).toHaveLength(2);
  });
});

describe('Retrainer.stop', () => {
  it('given a run under way, then it ends as kept, stopped at shutdown, logged at info and not as a failure', async () => {
    const { old, lines, training, holder, swaps, retrainer, written } = await setup();
    const held = training.holds();

    const outcome = retrainer.run('scheduled');
    await held.started;
    await retrainer.stop();

    expect(await outcome).toEqual({ kind: 'kept', reason: 'stopped at shutdown' });
    expect(holder.current.model).toBe(old);
    expect(swaps).toEqual([]);
    expect(await written()).toEqual([]);
    expect(lines.filter((line) => line.level >= LEVEL.warn)).toEqual([]);
    expect(lines.at(-1)).toMatchObject({
      level: LEVEL.info,
      msg: expect.stringContaining('stopped'),
    });
    expect(retrainer.busy).toBe(false);
  });

  it('given a stop while members’ likes are still being read, then no training run starts', async () => {
    let give!: (members: MemberLikes[]) => void;
    const members = () => new Promise<MemberLikes[]>((resolve) => (give = resolve));
    const { training, retrainer } = await setup({ members });

    const outcome = retrainer.run('scheduled');
    await retrainer.stop();
    give([]);

    expect(await outcome).toEqual({ kind: 'kept', reason: 'stopped at shutdown' });
    expect(training.jobs).toEqual([]);
  });

  it('given no run under way, then it does nothing and the next run works', async () => {
    const { training, retrainer } = await setup();
    await retrainer.stop();
    training.returns(modelWith(figures(0.3), 2));
    expect((await retrainer.run('scheduled')).kind).toBe('replaced');
  });
});

describe('Retrainer, the job it starts', () => {
  it('given members’ likes in a LikeStore, then the job holds its snapshot, the settings and the held-out share', async () => {
    const store = await LikeStore.open(await freshFolder(), capturingLogger().logger);
    await store.like('100000000000000002', '200000000000000001', 6);
    await store.like('100000000000000001', '200000000000000002', 2571);
    await store.like('100000000000000001', '200000000000000001', 1);
    await store.like('100000000000000001', '200000000000000001', 260);
    const { training, retrainer } = await setup({ members: () => store.snapshot() });
    training.returns(modelWith(figures(0.3), 2));

    await retrainer.run('scheduled');

    expect(training.jobs).toHaveLength(1);
    const [job] = training.jobs;
    expect(job.members).toEqual([
      { server: '100000000000000001', member: '200000000000000001', likes: [1, 260] },
      { server: '100000000000000001', member: '200000000000000002', likes: [2571] },
      { server: '100000000000000002', member: '200000000000000001', likes: [6] },
    ]);
    expect(job.settings).toEqual(SETTINGS);
    expect(job.holdout).toBe(DEFAULT_HOLDOUT);
    expect(job.ratingsFile).toMatch(/ratings\.dat$/);
    await store.close();
  });

  it('given a like made between two retrains, then the second job holds it', async () => {
    const store = await LikeStore.open(await freshFolder(), capturingLogger().logger);
    const { training, retrainer } = await setup({ members: () => store.snapshot() });
    training.returns(modelWith(figures(0.3), 2)).returns(modelWith(figures(0.3), 3));

    await retrainer.run('scheduled');
    await store.like('100000000000000001', '200000000000000001', 1);
    await retrainer.run('scheduled');

    expect(training.jobs.map((job) => job.members.length)).toEqual([0, 1]);
    await store.close();
  });
});
