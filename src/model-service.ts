import { isDeepStrictEqual } from 'node:util';
import type { AlsSettings } from '../model/als/options.js';
import { loadModel, ModelFilesError, saveModel } from '../model/model-files.js';
import type { Model } from '../model/model.js';
import type { Logger } from './logger.js';

/** Settings that change the model; the thread count only changes how fast it trains. */
function sameSettings(a: AlsSettings, b: AlsSettings): boolean {
  return isDeepStrictEqual({ ...a, threads: 0 }, { ...b, threads: 0 });
}

/**
 * Loads the saved model when it was trained on this MovieLens data with these
 * settings (members' likes since then are folded in at request time and
 * trained in at the next retrain); otherwise trains one and saves it, so the
 * next start is quick.
 * @param options.fingerprint - the MovieLens data's fingerprint
 * @param options.settings - ALS settings
 * @param options.modelDir - the model folder
 * @param options.logger - where to say what happened
 * @param options.train - trains a model when none fits
 * @returns the model
 */
export async function loadOrTrain(options: {
  fingerprint: string;
  settings: AlsSettings;
  modelDir: string;
  logger: Logger;
  train: () => Promise<Model>;
}): Promise<Model> {
  const { settings, modelDir, logger } = options;
  const saved = await loadModel(modelDir).catch((error: Error) => {
    if (error instanceof ModelFilesError && error.code === 'MISSING') return null;
    logger.warn(
      { modelDir, reason: error.message },
      'The saved model could not be read; training a new one',
    );
    return null;
  });
  if (
    saved &&
    saved.fingerprint === options.fingerprint &&
    sameSettings(saved.settings, settings)
  ) {
    logger.info({ modelDir, trainedAt: saved.trainedAt }, 'Loaded the saved model');
    return saved;
  }

  const why = saved
    ? 'the data or settings changed since the saved model'
    : 'there is no saved model yet';
  logger.info({ modelDir, reason: why }, 'Training a model; this takes a few seconds');
  const model = await options.train();
  await saveModel(modelDir, model);
  logger.info(
    { modelDir, seconds: Number(model.fitSeconds.toFixed(2)), ...model.trainedOn },
    'Trained and saved the model',
  );
  return model;
}
