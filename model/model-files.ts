import {
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
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
 * Writes a model folder: model.json, user_factors.npy, item_factors.npy.
 * `dir` is a symbolic link to a versioned folder beside it. The new version
 * is written and synced in full, then a new link is renamed over `dir`, so
 * the model changes in one step: a reader sees the old model or the new one,
 * never half of one and never none. The previous version is kept for readers
 * that resolved the link just before; older ones are removed.
 * @param dir - the model folder (a link once saved)
 * @param model - the model
 */
export async function saveModel(dir: string, model: Model): Promise<void> {
  const { userFactors, itemFactors, ...info } = model;
  const f = model.settings.factors;
  const parent = dirname(dir);
  const name = basename(dir);
  const version = `.${name}-v${Date.now()}-${process.pid}`;
  await mkdir(join(parent, version), { recursive: true });

  await writeDurably(join(parent, version, 'model.json'), JSON.stringify(info, null, 2) + '\n');
  await writeDurably(
    join(parent, version, 'user_factors.npy'),
    encodeNpy(userFactors, info.users.length, f),
  );
  await writeDurably(
    join(parent, version, 'item_factors.npy'),
    encodeNpy(itemFactors, info.items.length, f),
  );
  await syncFolder(join(parent, version));

  await moveRealFolderAside(dir, join(parent, `.${name}-v0-${process.pid}`));
  const link = join(parent, `.${name}-link-${process.pid}-${Date.now()}`);
  await symlink(version, link);
  await rename(link, dir);
  await syncFolder(parent);
  await removeOldVersions(parent, name, version);
}

/** A folder saved by an older reelmate (not a link) moves aside once, to become a version. */
async function moveRealFolderAside(dir: string, aside: string): Promise<void> {
  const stats = await lstat(dir).catch(() => null);
  if (stats?.isDirectory()) await rename(dir, aside);
}

/** Keeps the current and the previous version; removes the rest. */
async function removeOldVersions(parent: string, name: string, current: string): Promise<void> {
  const prefix = `.${name}-v`;
  const versions = (await readdir(parent))
    .filter((entry) => entry.startsWith(prefix) && entry !== current)
    .sort((a, b) => versionTime(b, prefix) - versionTime(a, prefix));
  for (const old of versions.slice(1))
    await rm(join(parent, old), { recursive: true, force: true });
}

function versionTime(entry: string, prefix: string): number {
  return Number(entry.slice(prefix.length).split('-')[0]) || 0;
}

/**
 * Reads a model folder written by saveModel.
 * @param dir - the model folder
 * @returns the model
 * @throws ModelFilesError MISSING when there is no model.json, BAD_MODEL when
 *   a file is missing, damaged or does not agree with the others
 */
export async function loadModel(dir: string): Promise<Model> {
  // Resolve the link once, so every file comes from the same version.
  const folder = await realpath(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new ModelFilesError('MISSING', `no model in ${dir}`);
    throw error;
  });
  const text = await readFile(join(folder, 'model.json'), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new ModelFilesError('MISSING', `no model in ${dir}`);
      throw error;
    },
  );
  try {
    return await readFolder(dir, folder, text);
  } catch (error) {
    if (error instanceof ModelFilesError) throw error;
    throw new ModelFilesError(
      'BAD_MODEL',
      `${dir} holds a damaged model: ${(error as Error).message}`,
    );
  }
}

/** Reads the files from `folder` (the resolved version); messages name `dir`, the admin's folder. */
async function readFolder(dir: string, folder: string, modelJson: string): Promise<Model> {
  const info = JSON.parse(modelJson) as ModelInfo;
  if (info.format !== 1)
    throw new ModelFilesError('BAD_MODEL', `${dir}/model.json has an unknown format`);

  const users = decodeNpy(await readFile(join(folder, 'user_factors.npy')));
  const items = decodeNpy(await readFile(join(folder, 'item_factors.npy')));
  const f = info.settings.factors;
  if (
    users.rows !== info.users.length ||
    items.rows !== info.items.length ||
    users.cols !== f ||
    items.cols !== f
  ) {
    throw new ModelFilesError('BAD_MODEL', `the factor files in ${dir} do not match model.json`);
  }
  if (!allFinite(users.data) || !allFinite(items.data)) {
    throw new ModelFilesError('BAD_MODEL', `the factors in ${dir} hold NaN or infinite values`);
  }
  return { ...info, userFactors: users.data, itemFactors: items.data };
}

function allFinite(values: Float32Array): boolean {
  for (const v of values) if (!Number.isFinite(v)) return false;
  return true;
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  await handle.sync().finally(() => handle.close());
}

async function writeDurably(file: string, content: string | Buffer): Promise<void> {
  await writeFile(file, content);
  const handle = await open(file, 'r');
  await handle.sync().finally(() => handle.close());
}
