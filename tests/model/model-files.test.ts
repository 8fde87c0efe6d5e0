import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Model } from '../../model/model.js';
import { loadModel, ModelFilesError, saveModel } from '../../model/model-files.js';
import { encodeNpy } from '../../model/npy.js';
import { Recommender } from '../../model/recommender.js';

/** A small model with distinct, non-round factors and every field of model.json filled in. */
function sampleModel(scale = 1): Model {
  const f = 3;
  const users = [1, 2, 5, 1_000_001];
  const items = [1, 10, 260, 318, 2571];
  return {
    format: 1,
    users,
    members: [{ id: 1_000_001, server: '123', member: '456' }],
    items,
    popularity: [4, 1, 3, 2, 5],
    settings: {
      factors: f,
      iterations: 15,
      regularization: 0.25,
      alpha: 2,
      weighting: 'bm25',
      cgSteps: 3,
      threads: 2,
      seed: 9,
    },
    weighting: { name: 'bm25', alpha: 2, idf: [0.1, 1.2, 0.4, 0.8, 0.05], averageLength: 3.5 },
    fingerprint: 'a1b2c3d4e5f60718',
    trainedOn: {
      users: 4,
      items: 5,
      interactions: 15,
      perUser: { min: 2, median: 3.5, mean: 3.75, max: 6 },
    },
    fitSeconds: 1.234,
    evaluation: {
      users: 4,
      'precision@10': 0.3,
      'recall@10': 0.2,
      'map@10': 0.25,
      'ndcg@10': 0.4,
      'coverage@10': 0.6,
    },
    trainedAt: '2024-05-06T07:08:09.000Z',
    createdAt: '2024-05-06T07:08:19.000Z',
    userFactors: Float32Array.from({ length: users.length * f }, (_, k) => scale * Math.sin(k + 1)),
    itemFactors: Float32Array.from(
      { length: items.length * f },
      (_, k) => scale * Math.cos(k * 1.7),
    ),
  };
}

/** Runs loadModel, expecting a ModelFilesError, and returns it. */
async function loadFailure(dir: string): Promise<ModelFilesError> {
  const error = await loadModel(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ModelFilesError) return error;
  throw new Error(`expected a ModelFilesError, got ${String(error)}`);
}

describe('saveModel and loadModel', () => {
  let parent: string;
  let dir: string;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'reelmate-model-files-'));
    dir = join(parent, 'model');
  });

  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('given a saved model, then loading it gives identical factors and metadata', async () => {
    const model = sampleModel();

    await saveModel(dir, model);
    const loaded = await loadModel(dir);

    expect(loaded.userFactors).toEqual(model.userFactors);
    expect(loaded.itemFactors).toEqual(model.itemFactors);
    expect(loaded).toEqual(model);
  });

  it('given a saved model, then the folder holds exactly the three documented files', async () => {
    await saveModel(dir, sampleModel());

    expect((await readdir(dir)).sort()).toEqual([
      'item_factors.npy',
      'model.json',
      'user_factors.npy',
    ]);
    const info = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(info.users).toEqual([1, 2, 5, 1_000_001]);
    expect(info.items).toEqual([1, 10, 260, 318, 2571]);
    expect(info).not.toHaveProperty('userFactors');
    expect(info).not.toHaveProperty('itemFactors');
  });

  it('given a saved model, then the loaded one makes identical recommendations', async () => {
    const model = sampleModel();

    await saveModel(dir, model);
    const before = new Recommender(model);
    const after = new Recommender(await loadModel(dir));

    expect(after.recommend([10, 318], 3)).toEqual(before.recommend([10, 318], 3));
    expect(after.similar(2571, 4)).toEqual(before.similar(2571, 4));
    expect(after.recommend([], 2)).toEqual(before.recommend([], 2));
  });

  it('given a missing folder, then loading fails with code MISSING', async () => {
    const error = await loadFailure(join(parent, 'nothing-here'));

    expect(error.code).toBe('MISSING');
    expect(error.message).toContain('nothing-here');
  });

  it('given a user factor file with the wrong number of rows, then loading fails with BAD_MODEL', async () => {
    await saveModel(dir, sampleModel());
    await writeFile(join(dir, 'user_factors.npy'), encodeNpy(new Float32Array(3 * 3), 3, 3));

    expect((await loadFailure(dir)).code).toBe('BAD_MODEL');
  });

  it('given an item factor file with the wrong number of columns, then loading fails with BAD_MODEL', async () => {
    await saveModel(dir, sampleModel());
    await writeFile(join(dir, 'item_factors.npy'), encodeNpy(new Float32Array(5 * 4), 5, 4));

    expect((await loadFailure(dir)).code).toBe('BAD_MODEL');
  });

  it('given model.json lists more items than the factors hold, then loading fails with BAD_MODEL', async () => {
    await saveModel(dir, sampleModel());
    const info = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    await writeFile(
      join(dir, 'model.json'),
      JSON.stringify({ ...info, items: [...info.items, 9999] }),
    );

    expect((await loadFailure(dir)).code).toBe('BAD_MODEL');
  });

  it('given a missing factor file, unparsable JSON or a corrupt .npy, then loading fails with BAD_MODEL', async () => {
    await saveModel(dir, sampleModel());
    await rm(join(dir, 'item_factors.npy'));
    expect((await loadFailure(dir)).code).toBe('BAD_MODEL');

    await saveModel(dir, sampleModel());
    await writeFile(join(dir, 'user_factors.npy'), Buffer.from('not numpy'));
    expect((await loadFailure(dir)).code).toBe('BAD_MODEL');

    await saveModel(dir, sampleModel());
    await writeFile(join(dir, 'model.json'), '{"format": 1, "users": [');
    expect((await loadFailure(dir)).code).toBe('BAD_MODEL');
  });

  it('given an unknown format number, then loading fails with BAD_MODEL', async () => {
    await saveModel(dir, sampleModel());
    const info = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    await writeFile(join(dir, 'model.json'), JSON.stringify({ ...info, format: 2 }));

    expect((await loadFailure(dir)).code).toBe('BAD_MODEL');
  });

  it('given a folder that already holds a model, then saving replaces it and leaves nothing else behind', async () => {
    await saveModel(dir, sampleModel(1));
    await writeFile(join(dir, 'stale.txt'), 'from the old model');

    const replacement = sampleModel(2);
    await saveModel(dir, replacement);

    expect(await loadModel(dir)).toEqual(replacement);
    expect((await readdir(dir)).sort()).toEqual([
      'item_factors.npy',
      'model.json',
      'user_factors.npy',
    ]);
    // The link, the current version and the previous one (for readers mid-load); no temporaries.
    const entries = (await readdir(parent)).sort();
    expect(entries).toHaveLength(3);
    expect(entries.filter((e) => /^\.model-v\d+-\d+$/.test(e))).toHaveLength(2);
    expect((await lstat(dir)).isSymbolicLink()).toBe(true);
  });

  it('given many saves, then only the current and the previous version stay on disk', async () => {
    for (let k = 1; k <= 4; k++) await saveModel(dir, sampleModel(k));

    expect((await readdir(parent)).filter((e) => e.startsWith('.model-v'))).toHaveLength(2);
    expect((await loadModel(dir)).userFactors).toEqual(sampleModel(4).userFactors);
  });

  it('given a model folder in the older layout (a plain folder), then saving replaces it with the link', async () => {
    await mkdir(dir);
    await writeFile(join(dir, 'model.json'), '{}');

    await saveModel(dir, sampleModel(3));

    expect((await lstat(dir)).isSymbolicLink()).toBe(true);
    expect((await loadModel(dir)).userFactors).toEqual(sampleModel(3).userFactors);
  });

  it('given factors holding NaN, then loading fails with BAD_MODEL', async () => {
    const model = sampleModel();
    model.itemFactors[4] = Number.NaN;
    await saveModel(dir, model);

    const error = await loadFailure(dir);
    expect(error.code).toBe('BAD_MODEL');
    expect(error.message).toMatch(/NaN/);
  });

  it('given a parent folder that does not exist yet, then saving creates the model there', async () => {
    const nested = join(parent, 'data', 'models', 'current');

    await saveModel(nested, sampleModel());

    expect((await loadModel(nested)).items).toEqual([1, 10, 260, 318, 2571]);
    expect(
      (await readdir(join(parent, 'data', 'models'))).filter((e) => !e.startsWith('.')),
    ).toEqual(['current']);
  });
});
