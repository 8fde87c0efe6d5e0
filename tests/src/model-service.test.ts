import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import type { AlsSettings } from '../../model/als/options.js';
import { loadModel, saveModel } from '../../model/model-files.js';
import type { Model } from '../../model/model.js';
import { loadOrTrain } from '../../src/model-service.js';
import { freshFolder } from './training/support/folders.js';
import { capturingLogger, LEVEL } from './training/support/logs.js';
import { figures, modelWith } from './training/support/models.js';

const saved = modelWith(figures(0.3), 1);
const fresh = modelWith(figures(0.32), 2);

/** loadOrTrain on a model folder, with a train function that returns `fresh`. */
async function setup(options: { save?: Model } = {}) {
  const modelDir = join(await freshFolder(), 'model');
  if (options.save) await saveModel(modelDir, options.save);
  const { logger, lines } = capturingLogger();
  const train = vi.fn(async () => fresh);
  const load = (fingerprint: string, settings: AlsSettings) =>
    loadOrTrain({ fingerprint, settings, modelDir, logger, train });
  return { modelDir, lines, train, load };
}

describe('loadOrTrain', () => {
  it('given an empty model folder, then it trains a model, saves it and says why', async () => {
    const { modelDir, lines, train, load } = await setup();

    expect(await load(fresh.fingerprint, fresh.settings)).toBe(fresh);

    expect(train).toHaveBeenCalledTimes(1);
    expect(await loadModel(modelDir)).toEqual(fresh);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: LEVEL.info, reason: 'there is no saved model yet' }),
    );
    expect(lines.filter((line) => line.level >= LEVEL.warn)).toEqual([]);
  });

  it('given a saved model with the same fingerprint and settings, then it loads it without training', async () => {
    const { lines, train, load } = await setup({ save: saved });

    expect(await load(saved.fingerprint, saved.settings)).toEqual(saved);

    expect(train).not.toHaveBeenCalled();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: LEVEL.info, msg: 'Loaded the saved model' }),
    );
  });

  it('given a saved model that differs only in the thread count, then it still loads it', async () => {
    const { train, load } = await setup({ save: saved });

    const model = await load(saved.fingerprint, {
      ...saved.settings,
      threads: saved.settings.threads + 3,
    });

    expect(model).toEqual(saved);
    expect(train).not.toHaveBeenCalled();
  });

  it('given a saved model trained on other data, then it trains a new one and saves it over the old', async () => {
    const { modelDir, lines, train, load } = await setup({ save: saved });

    expect(await load('ffffffffffffffff', saved.settings)).toBe(fresh);

    expect(train).toHaveBeenCalledTimes(1);
    expect(await loadModel(modelDir)).toEqual(fresh);
    expect(lines).toContainEqual(
      expect.objectContaining({ reason: 'the data or settings changed since the saved model' }),
    );
  });

  const changes: [string, Partial<AlsSettings>][] = [
    ['factors', { factors: 3 }],
    ['iterations', { iterations: saved.settings.iterations + 1 }],
    ['regularization', { regularization: 0.5 }],
    ['alpha', { alpha: 7 }],
    ['weighting', { weighting: 'bm25' }],
    ['cgSteps', { cgSteps: 4 }],
    ['seed', { seed: 42 }],
  ];
  for (const [setting, change] of changes) {
    it(`given a saved model with another ${setting}, then it trains a new one`, async () => {
      const { modelDir, train, load } = await setup({ save: saved });

      expect(await load(saved.fingerprint, { ...saved.settings, ...change })).toBe(fresh);

      expect(train).toHaveBeenCalledTimes(1);
      expect(await loadModel(modelDir)).toEqual(fresh);
    });
  }

  const damages: [string, (modelDir: string) => Promise<void>][] = [
    [
      'a model.json that is not JSON',
      (dir) => writeFile(join(dir, 'model.json'), '{ "format": 1, '),
    ],
    [
      'a model.json of an unknown format',
      async (dir) => {
        const info = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
        await writeFile(join(dir, 'model.json'), JSON.stringify({ ...info, format: 2 }));
      },
    ],
    [
      'a cut-off factor file',
      async (dir) => {
        const bytes = await readFile(join(dir, 'item_factors.npy'));
        await writeFile(join(dir, 'item_factors.npy'), bytes.subarray(0, bytes.length - 5));
      },
    ],
  ];
  for (const [damage, apply] of damages) {
    it(`given a model folder with ${damage}, then it logs a warning and trains a new model`, async () => {
      const { modelDir, lines, train, load } = await setup({ save: saved });
      await apply(modelDir);

      expect(await load(saved.fingerprint, saved.settings)).toBe(fresh);

      expect(train).toHaveBeenCalledTimes(1);
      const warnings = lines.filter((line) => line.level === LEVEL.warn);
      expect(warnings).toEqual([
        expect.objectContaining({ modelDir, reason: expect.stringContaining(modelDir) }),
      ]);
      expect(await loadModel(modelDir)).toEqual(fresh);
    });
  }

  it('given training that fails, then the error reaches the caller and the saved model is left as it was', async () => {
    const { modelDir, train, load } = await setup({ save: saved });
    train.mockRejectedValueOnce(new Error('reelmate: training ran out of memory'));

    await expect(load('ffffffffffffffff', saved.settings)).rejects.toThrow('ran out of memory');
    expect(await loadModel(modelDir)).toEqual(saved);
  });
});
