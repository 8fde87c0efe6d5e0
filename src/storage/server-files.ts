import { lstat, rename } from 'node:fs/promises';
import { join } from 'node:path';

import type { Adapter } from 'lowdb';

import type { Logger } from '../logger.js';
import { StorageError } from './errors.js';
import { readMembers, toDocument, type Members, type ServerDocument } from './server-document.js';

/** The two files of a server. */
export interface ServerFiles {
  /** `<serverId>.json`, the liked lists. */
  main: string;
  /** `<serverId>.json.bak`, the last copy written successfully. */
  backup: string;
}

/** Makes the adapter a file is read and written through. */
export type AdapterFactory = (file: string) => Adapter<ServerDocument>;

const SERVER_FILE = /^([A-Za-z0-9_-]{1,64})\.json(?:\.bak)?$/;

/**
 * @param folder - the servers folder
 * @param server - a checked server id
 * @returns the paths of the server's files
 */
export function serverFiles(folder: string, server: string): ServerFiles {
  const main = join(folder, `${server}.json`);
  return { main, backup: `${main}.bak` };
}

/**
 * @param names - the names of the files in the servers folder
 * @returns the ids of the servers that have a file or a last good copy, sorted
 */
export function serverIds(names: readonly string[]): string[] {
  const ids = names.map((name) => SERVER_FILE.exec(name)?.[1]).filter((id) => id !== undefined);
  return [...new Set(ids)].sort();
}

/**
 * Reads a server's liked lists at start. A file that is not JSON or not shaped like a server
 * file is renamed aside, never overwritten, and the last good copy is used (and written back
 * as the server file); the admin is told in the log.
 * @param folder - the servers folder
 * @param server - a checked server id
 * @param adapterFor - makes the adapter each file is read through
 * @param logger - where warnings go
 * @returns the liked lists; empty when neither file holds any
 * @throws StorageError `READ_FAILED` when a file cannot be read or a bad one moved aside
 */
export async function loadServer(
  folder: string,
  server: string,
  adapterFor: AdapterFactory,
  logger: Logger,
): Promise<Members> {
  const files = serverFiles(folder, server);
  const file = files.main;
  const main = await readServerFile(adapterFor(files.main), files.main, server);
  if (main.kind === 'ok') return main.members;

  const backup = await readServerFile(adapterFor(files.backup), files.backup, server);
  const kept = main.kind === 'bad' ? await keepAside(files.main, server) : undefined;
  const keptBackup =
    backup.kind === 'bad' ? await keepAside(files.backup, `${server}.bak`) : undefined;

  if (backup.kind === 'ok') {
    if (kept) {
      logger.warn(
        { server, file, kept },
        'Server file could not be read; using the last good copy and keeping the bad file aside',
      );
    } else {
      logger.warn({ server, file }, 'Server file is missing; using its last good copy');
    }
    await restore(adapterFor(files.main), backup.members, server, file, logger);
    return backup.members;
  }

  if (kept || keptBackup) {
    logger.error(
      { server, file, kept, keptBackup },
      'Server file and its last good copy are unreadable; starting empty, bad files kept aside',
    );
  }
  return new Map();
}

type ReadResult = { kind: 'ok'; members: Members } | { kind: 'missing' } | { kind: 'bad' };

async function readServerFile(
  adapter: Adapter<ServerDocument>,
  file: string,
  server: string,
): Promise<ReadResult> {
  let value: unknown;
  try {
    value = await adapter.read();
  } catch {
    // Not JSON, a folder or a link loop in its place, too large to read: whatever the reason,
    // the file is kept aside (renamed, never deleted) and the last good copy takes over, so
    // one bad file never stops the bot.
    return { kind: 'bad' };
  }
  if (value === null) return { kind: 'missing' };

  const members = readMembers(value);
  return members ? { kind: 'ok', members } : { kind: 'bad' };
}

/** Renames a bad file to `<prefix>.corrupt-<time>.json`, with a number if that name is taken. */
async function keepAside(file: string, prefix: string): Promise<string> {
  const time = new Date().toISOString().replace(/:/g, '-');
  for (let attempt = 0; ; attempt++) {
    const suffix = attempt === 0 ? '' : `-${attempt}`;
    const aside = join(file, '..', `${prefix}.corrupt-${time}${suffix}.json`);
    if (await exists(aside)) continue;
    try {
      await rename(file, aside);
      return aside;
    } catch (cause) {
      const message = `could not move the unreadable ${file} aside: ${(cause as Error).message}`;
      throw new StorageError('READ_FAILED', message, { file, cause });
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Writes the last good copy back as the server file, so disk and memory agree from the start. */
async function restore(
  adapter: Adapter<ServerDocument>,
  members: Members,
  server: string,
  file: string,
  logger: Logger,
): Promise<void> {
  try {
    await adapter.write(toDocument(members));
  } catch (err) {
    logger.warn(
      { server, file, err },
      'Could not write the last good copy back; the next like will',
    );
  }
}
