import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { MovieLensError } from './errors.js';

/** Where GroupLens publishes MovieLens 1M. */
export const MOVIELENS_1M_URL = 'https://files.grouplens.org/datasets/movielens/ml-1m.zip';

/** The published SHA-256 of ml-1m.zip, hex. */
export const MOVIELENS_1M_SHA256 =
  'a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20';

/** The files that make a MovieLens folder usable. */
const REQUIRED_FILES = ['movies.dat', 'users.dat', 'ratings.dat'];

/** Options of {@link ensureMovieLens}. */
export interface EnsureMovieLensOptions {
  /**
   * Where to download the zip from.
   * @defaultValue {@link MOVIELENS_1M_URL}
   */
  url?: string;
  /**
   * The zip's expected SHA-256, hex.
   * @defaultValue {@link MOVIELENS_1M_SHA256}
   */
  sha256?: string;
  /**
   * Told of each chunk received: bytes so far, and the total when the server sent one.
   * @defaultValue none
   */
  onProgress?: (received: number, total: number | null) => void;
  /**
   * The fetch to download with.
   * @defaultValue the global `fetch`
   */
  fetchImpl?: typeof fetch;
}

/**
 * Makes sure `dir` holds MovieLens 1M, downloading, checking and unpacking the official zip
 * when it does not. The zip and the unpacked files stay in a temporary folder beside `dir`
 * until the checksum has passed and every file is written, then move into place with a
 * rename, so a crash never leaves a half-filled `dir`.
 * @param dir - the folder that should hold movies.dat, users.dat and ratings.dat
 * @param options - where to download from, what checksum to expect, how to report progress
 * @defaultValue options `{}`
 * @returns `dir`
 * @throws MovieLensError `DOWNLOAD_FAILED`, `CHECKSUM_MISMATCH` or `BAD_ARCHIVE`
 */
export async function ensureMovieLens(
  dir: string,
  options: EnsureMovieLensOptions = {},
): Promise<string> {
  if ((await missingFiles(dir)).length === 0) return dir;

  const parent = dirname(resolve(dir));
  await mkdir(parent, { recursive: true });
  const work = await mkdtemp(join(parent, `.${basename(dir)}-download-`));
  try {
    const url = options.url ?? MOVIELENS_1M_URL;
    const zip = join(work, 'ml-1m.zip');
    const sha256 = await download(url, zip, options);
    const expected = (options.sha256 ?? MOVIELENS_1M_SHA256).toLowerCase();
    if (sha256 !== expected) {
      const message = `${url} has SHA-256 ${sha256}, expected ${expected}`;
      throw new MovieLensError('CHECKSUM_MISMATCH', message, { url });
    }

    const unpacked = join(work, 'unpacked');
    await unzipDataFiles(zip, unpacked);
    await moveIntoPlace(unpacked, dir);
    return dir;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The required files `dir` lacks; all of them when `dir` does not exist. */
async function missingFiles(dir: string): Promise<string[]> {
  const found = await Promise.all(
    REQUIRED_FILES.map((name) =>
      stat(join(dir, name)).then(
        (info) => info.isFile(),
        () => false,
      ),
    ),
  );
  return REQUIRED_FILES.filter((_, index) => !found[index]);
}

/** Streams `url` to `file`, hashing on the way, and returns its SHA-256 in hex. */
async function download(
  url: string,
  file: string,
  options: EnsureMovieLensOptions,
): Promise<string> {
  const failed = (why: string, status?: number, cause?: unknown) =>
    new MovieLensError('DOWNLOAD_FAILED', `downloading ${url} failed: ${why}`, {
      url,
      status,
      cause,
    });

  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(url);
  } catch (error) {
    throw failed(String(error), undefined, error);
  }
  if (!response.ok) throw failed(`HTTP ${response.status}`, response.status);
  if (!response.body) throw failed('the response has no body', response.status);

  // A compressed response's length counts compressed bytes, not what the body yields.
  const length = Number(response.headers.get('content-length') ?? NaN);
  const encoded = response.headers.has('content-encoding');
  const total = Number.isFinite(length) && !encoded ? length : null;
  const hash = createHash('sha256');
  let received = 0;
  options.onProgress?.(received, total);

  async function* count(chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      hash.update(chunk);
      received += chunk.length;
      options.onProgress?.(received, total);
      yield chunk;
    }
  }
  const body = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
  await pipeline(body, count, createWriteStream(file)).catch((error: unknown) => {
    throw failed(String(error), response.status, error);
  });
  return hash.digest('hex');
}

/** Writes the archive's .dat files and README, flattened, into the new folder `target`. */
async function unzipDataFiles(zip: string, target: string): Promise<void> {
  const bad = (why: string, cause?: unknown) =>
    new MovieLensError('BAD_ARCHIVE', `the MovieLens archive ${why}`, { file: zip, cause });
  await mkdir(target);
  const written = new Set<string>();

  try {
    const archive = await yauzl.openPromise(zip);
    for await (const entry of archive.eachEntry()) {
      const name = wantedName(entry.fileName);
      if (name === null) continue;
      if (written.has(name)) throw bad(`holds ${name} twice`);
      written.add(name);
      await pipeline(
        await archive.openReadStreamPromise(entry),
        createWriteStream(join(target, name)),
      );
    }
  } catch (error) {
    // A full disk or a denied write is not the archive's fault; say so by passing it through.
    if (error instanceof MovieLensError || isSystemError(error)) throw error;
    throw bad(`cannot be read: ${String(error)}`, error);
  }

  const missing = REQUIRED_FILES.filter((name) => !written.has(name));
  if (missing.length > 0) throw bad(`lacks ${missing.join(', ')}`);
}

/**
 * Picks the entries worth keeping: README and the .dat files, at the top or one folder down
 * (the official zip has them under `ml-1m/`). Returns the bare file name, or null to skip.
 * @throws MovieLensError `BAD_ARCHIVE` for a path that could escape the target folder
 */
function wantedName(path: string): string | null {
  // yauzl rejects these names itself; checking again keeps the guarantee in this file.
  const parts = path.split(/[/\\]/);
  if (/^([/\\]|[A-Za-z]:)/.test(path) || parts.includes('..')) {
    throw new MovieLensError('BAD_ARCHIVE', `the MovieLens archive has an unsafe path ${path}`);
  }
  const name = parts[parts.length - 1];
  if (parts.length > 2 || !(name === 'README' || name.endsWith('.dat'))) return null;
  return name;
}

/** Moves the unpacked files to `dir`: the whole folder at once when `dir` does not exist. */
async function moveIntoPlace(unpacked: string, dir: string): Promise<void> {
  try {
    await rename(unpacked, dir);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }

  // `dir` exists but lacks a file. Each rename is atomic, and the files `dir` lacks go last,
  // so until every file has landed `dir` still looks incomplete and a crash means "download
  // again" next time rather than a mix of old and new files.
  const missing = await missingFiles(dir);
  const names = (await readdir(unpacked)).filter((name) => !missing.includes(name));
  for (const name of [...names, ...missing]) {
    await rename(join(unpacked, name), join(dir, name));
  }
}

/** Whether an error came from the operating system, such as ENOSPC or EACCES. */
function isSystemError(error: unknown): boolean {
  return error instanceof Error && 'syscall' in error;
}
