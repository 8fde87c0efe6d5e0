import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import type { Adapter } from 'lowdb';

/**
 * The temporary file a write goes through: hidden, in the same folder, so the rename that
 * replaces the target stays on one file system and is atomic.
 * @param file - the target file
 * @returns the temporary file's path
 */
export function temporaryPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.tmp`);
}

/**
 * A lowdb adapter for a JSON file that a crash cannot tear. A write goes to a temporary file
 * that is flushed to disk, renamed over the target, and the folder is flushed so the rename
 * itself is durable: at any moment the target holds the old document or the new one.
 * Writes to one file must not overlap; the caller queues them.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  readonly #file: string;
  readonly #temporary: string;

  /**
   * @param file - the JSON file to read and write
   */
  constructor(file: string) {
    this.#file = file;
    this.#temporary = temporaryPath(file);
  }

  /**
   * @returns the parsed document, or null when the file does not exist
   * @throws SyntaxError when the file is not JSON; file system errors as they come
   */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  /**
   * Replaces the file with the document, durably, and resolves once it is on disk.
   * @param data - the document to write
   */
  async write(data: T): Promise<void> {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    try {
      const handle = await open(this.#temporary, 'w', 0o644);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(this.#temporary, this.#file);
    } catch (error) {
      await unlink(this.#temporary).catch(() => undefined);
      throw error;
    }
    await syncFolder(dirname(this.#file));
  }
}

/** Flushes a folder's entries, so a rename inside it survives a power cut. */
async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for flushing; NTFS journals renames itself.
  if (process.platform === 'win32') return;

  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems cannot flush a folder; the rename is then as durable as they make it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP') throw error;
  } finally {
    await handle.close();
  }
}
