import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageError } from './errors.js';

/** Tries to take a lock held by a dead process this many times before giving up. */
const ATTEMPTS = 6;

/**
 * Claims the servers folder for this process. Two bots writing the same
 * files would each overwrite the other's likes; a lock file holding the
 * owner's pid stops the second one at start. A lock left by a process that
 * no longer runs (killed, crashed) is taken over.
 *
 * The lock file appears whole or not at all (written aside, then hard-linked
 * into place, which fails if it exists), and a stale one is first renamed
 * away, which only one of several racing processes can do, so two processes
 * never both hold it.
 * @param folder - the servers folder
 * @returns a function that releases the lock (only while it is still ours)
 * @throws StorageError LOCKED naming the other process
 */
export async function lockFolder(folder: string): Promise<() => Promise<void>> {
  await mkdir(folder, { recursive: true });
  const file = join(folder, '.lock');
  const mine = String(process.pid);
  const draft = `${file}.${mine}`;
  await writeFile(draft, mine);
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (await claim(draft, file)) return () => release(file, mine);
      const owner = await readPid(file);
      if (owner === null) continue; // gone in between: try to claim again
      if (isRunning(owner)) throw locked(folder, file, `another reelmate (process ${owner})`);
      await takeAway(file, `${file}.stale-${mine}`, owner);
    }
    throw locked(folder, file, 'another reelmate starting at the same moment');
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/**
 * Moves a stale lock away. If what was moved is not the stale lock judged (another process
 * took the lock over in between), it is put back, and the next claim finds it held.
 */
async function takeAway(file: string, moved: string, stale: number): Promise<void> {
  const ok = await rename(file, moved).then(
    () => true,
    () => false,
  );
  if (!ok) return;
  if ((await readPid(moved)) !== stale) await link(moved, file).catch(() => undefined);
  await unlink(moved).catch(() => undefined);
}

/** The pid in a lock file, or null when it cannot be read (it was just moved). */
async function readPid(file: string): Promise<number | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return text === null ? null : Number(text.trim());
}

async function claim(draft: string, file: string): Promise<boolean> {
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function release(file: string, mine: string): Promise<void> {
  const holder = await readFile(file, 'utf8').catch(() => '');
  if (holder.trim() === mine) await unlink(file).catch(() => undefined);
}

function locked(folder: string, file: string, who: string): StorageError {
  const message = `${who} is using ${folder}; stop it, or give this one its own DATA_DIR`;
  return new StorageError('LOCKED', message, { file });
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
