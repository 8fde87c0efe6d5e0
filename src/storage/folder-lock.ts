import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageError } from './errors.js';

/**
 * Claims the servers folder for this process. Two bots writing the same
 * files would each overwrite the other's likes; a lock file holding the
 * owner's pid stops the second one at start. A lock left by a process that
 * no longer runs (killed, crashed) is taken over.
 * @param folder - the servers folder
 * @returns a function that releases the lock
 * @throws StorageError LOCKED naming the other process
 */
export async function lockFolder(folder: string): Promise<() => Promise<void>> {
  await mkdir(folder, { recursive: true });
  const file = join(folder, '.lock');
  const mine = String(process.pid);
  try {
    await writeFile(file, mine, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (isRunning(owner)) {
      throw new StorageError(
        'LOCKED',
        `another reelmate (process ${owner}) is using ${folder}; stop it, or give this one its own DATA_DIR`,
        { file },
      );
    }
    await writeFile(file, mine);
  }
  return () => unlink(file).catch(() => undefined);
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
