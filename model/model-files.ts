import { mkdir, readFile, rename, rm, writeFile, open } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { decodeNpy, encodeNpy } from './npy.js';
import type { Model, ModelInfo } from './model.js';

/** A model folder that is missing or does not hold a readable model. */
export class ModelFilesError extends Error {
  constructor(
    readonly code: 'MISSING' | 'BAD_MODEL',
    message: string,
  ) {
    super(`reelmate: ${message}`);
    this.name = 'ModelFilesError';
  }
}

/**
 * Writes a model folder: model.json, user_factors.npy, item_factors.npy. The
 * files are written into a sibling temporary folder which then replaces
 * `dir` by rename, so a reader never sees half a model.
 * @param dir - the model folder
 * @param model - the model
 */
export async function saveModel(dir: string, model: Model): Promise<void> {
  const { userFactors, itemFactors, ...info } = model;
  const f = model.settings.factors;
  const temp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}-${Date.now()}`);
  await mkdir(temp, { recursive: true });
  await writeDurably(join(temp, 'model.json'), JSON.stringify(info, null, 2) + '\n');
  await writeDurably(join(temp, 'user_factors.npy'), encodeNpy(userFactors, info.users.length, f));
  await writeDurably(join(temp, 'item_factors.npy'), encodeNpy(itemFactors, info.items.length, f));

  const old = `${temp}-old`;
  await rename(dir, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(temp, dir);
  await rm(old, { recursive: true, force: true });
}

/**
 * Reads a model folder written by saveModel.
 * @param dir - the model folder
 * @returns the model
 * @throws ModelFilesError MISSING when there is no model.json, BAD_MODEL when
 *   a file is missing, damaged or does not agree with the others
 */
export async function loadModel(dir: string): Promise<Model> {
  const text = await readFile(join(dir, 'model.json'), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new ModelFilesError('MISSING', `no model in ${dir}`);
    throw error;
  });
  try {
    return await readFolder(dir, text);
  } catch (error) {
    if (error instanceof ModelFilesError) throw error;
    throw new ModelFilesError('BAD_MODEL', `${dir} holds a damaged model: ${(error as Error).message}`);
  }
}

async function readFolder(dir: string, modelJson: string): Promise<Model> {
  const info = JSON.parse(modelJson) as ModelInfo;
  if (info.format !== 1) throw new ModelFilesError('BAD_MODEL', `${dir}/model.json has an unknown format`);

  const users = decodeNpy(await readFile(join(dir, 'user_factors.npy')));
  const items = decodeNpy(await readFile(join(dir, 'item_factors.npy')));
  const f = info.settings.factors;
  if (users.rows !== info.users.length || items.rows !== info.items.length || users.cols !== f || items.cols !== f) {
    throw new ModelFilesError('BAD_MODEL', `the factor files in ${dir} do not match model.json`);
  }
  return { ...info, userFactors: users.data, itemFactors: items.data };
}

async function writeDurably(file: string, content: string | Buffer): Promise<void> {
  await writeFile(file, content);
  const handle = await open(file, 'r');
  await handle.sync().finally(() => handle.close());
}
