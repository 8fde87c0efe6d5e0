import { readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';

import type { Adapter } from 'lowdb';
import { describe, expect, it } from 'vitest';

import type { Command, Reply } from '../../commands/index.js';
import { like } from '../../commands/like.js';
import { unlike } from '../../commands/unlike.js';
import { silentLogger } from '../../src/logger.js';
import {
  AtomicJsonFile,
  LikeStore,
  temporaryPath,
  type ServerDocument,
} from '../../src/storage/index.js';
import { capturingLogger } from '../src/storage/helpers.js';
import { commandFixture, ID, MEMBER, SERVER, type Fixture } from './support/fixture.js';

// What tests/src/storage/failures.test.ts and like.test.ts / unlike.test.ts leave out: the
// errors a full or read-only disk really raises, seen from the command, with the bytes on disk
// compared before and after, and the admin's log line.

/** Every file of the servers folder, byte for byte. */
async function files(folder: string): Promise<Record<string, string>> {
  const names = (await readdir(folder).catch(() => [])).sort();
  const texts = await Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')));
  return Object.fromEntries(names.map((name, i) => [name, texts[i]]));
}

/**
 * Makes the next write of the server file hit a full disk for real: its temporary file is a
 * link to /dev/full, where every write fails with ENOSPC. The failed write removes the link,
 * so the disk has room again afterwards.
 */
async function fillDisk(folder: string): Promise<void> {
  await symlink('/dev/full', temporaryPath(join(folder, `${SERVER}.json`)));
}

/** Server files whose writes fail with a file-system error code, as Node reports one. */
function failingWith(code: string) {
  return (file: string): Adapter<ServerDocument> => {
    const real = new AtomicJsonFile<ServerDocument>(file);
    return {
      read: () => real.read(),
      write: async () => {
        throw Object.assign(new Error(`${code}: simulated, write '${file}'`), { code });
      },
    };
  };
}

const COMMANDS: [string, Command, string, string, number[]][] = [
  ['/like', like, 'the matrix', 'Your like could not be saved', [ID.heat, ID.fargo]],
  ['/unlike', unlike, 'heat', 'That change could not be saved', [ID.heat, ID.fargo]],
];

function expectFriendly(reply: Reply, title: string): void {
  expect(reply).toEqual({
    tone: 'error',
    title,
    text: 'Nothing was changed. Please try again in a moment.',
    private: true,
  });
}

async function reopened(f: Fixture): Promise<number[]> {
  const store = await LikeStore.open(f.folder, silentLogger());
  const likes = store.likes(SERVER, MEMBER);
  await store.close();
  return likes;
}

/**
 * The fixture with MEMBER liking Heat and Fargo on disk, and services whose like store (over
 * the same folder) logs for the test to read.
 */
async function likedHeatAndFargo(fileAdapter?: (file: string) => Adapter<ServerDocument>) {
  const f = await commandFixture();
  await f.seed([ID.heat, ID.fargo]);
  await f.store.flush();
  const { logger, lines } = capturingLogger();
  const store = await LikeStore.open(f.folder, logger, { fileAdapter });
  const services = { ...f.services, likes: store };
  const errors = () => lines.filter((line) => line.level >= 50);
  return { f, store, services, errors, before: await files(f.folder) };
}

/** The one error line an admin gets for a write the disk refused. */
function refusedWrite(f: Fixture, code: string) {
  return expect.objectContaining({
    server: SERVER,
    file: join(f.folder, `${SERVER}.json`),
    err: expect.objectContaining({ code }),
    msg: 'Could not save a server file; the change was not kept',
  });
}

describe('a command when the disk is really full (ENOSPC from /dev/full)', () => {
  it.each(COMMANDS)(
    'given %s, then the member is told it could not be saved and every byte on disk stays',
    async (_, command, title, expected, liked) => {
      const { f, store, services, errors, before } = await likedHeatAndFargo();
      await fillDisk(f.folder);

      const reply = await command.run(
        { server: SERVER, member: MEMBER, options: { title } },
        services,
      );

      expectFriendly(reply, expected);
      expect(store.likes(SERVER, MEMBER)).toEqual(liked);
      await store.close();
      expect(await files(f.folder)).toEqual(before);
      expect(await reopened(f)).toEqual(liked);
      expect(errors()).toEqual([refusedWrite(f, 'ENOSPC')]);
    },
  );

  it('given room again, then the next like is saved beside the ones kept', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat]);
    await fillDisk(f.folder);
    await f.run(like, { title: 'the matrix' });

    const reply = await f.run(like, { title: 'the matrix' });

    expect(reply.title).toBe('Liked Matrix, The (1999)');
    expect(await reopened(f)).toEqual([ID.heat, ID.matrix]);
  });

  it('given the first like of a server, then no server file is left behind', async () => {
    const f = await commandFixture();
    await fillDisk(f.folder);

    const reply = await f.run(like, { title: 'heat' });

    expectFriendly(reply, 'Your like could not be saved');
    await f.store.flush();
    expect(await files(f.folder)).toEqual({});
    expect(f.store.servers()).toEqual([]);
  });
});

describe('a command when the file system refuses the write', () => {
  const CODES = ['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO'];

  it.each(CODES.flatMap((code) => COMMANDS.map((c) => [code, ...c] as const)))(
    'given %s on %s, then the member is told and what was stored stays, in memory and on disk',
    async (code, _, command, title, expected, liked) => {
      const { f, store, services, errors, before } = await likedHeatAndFargo(failingWith(code));

      const reply = await command.run(
        { server: SERVER, member: MEMBER, options: { title } },
        services,
      );

      expectFriendly(reply, expected);
      expect(store.likes(SERVER, MEMBER)).toEqual(liked);
      await store.close();
      expect(await files(f.folder)).toEqual(before);
      expect(errors()).toEqual([refusedWrite(f, code)]);
    },
  );
});
