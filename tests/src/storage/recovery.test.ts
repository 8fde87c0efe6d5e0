import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { silentLogger } from '../../../src/logger.js';
import { LikeStore } from '../../../src/storage/index.js';
import { capturingLogger, freshFolder, list, readJson } from './helpers.js';

const SERVER = '123456789012345678';
const MEMBER = '111111111111111111';
const WARNING =
  'Server file could not be read; using the last good copy and keeping the bad file aside';

/** A folder holding a server file and its last good copy, both liking 2571 then 6. */
async function savedServer(): Promise<{ folder: string; file: string; good: string }> {
  const folder = await freshFolder();
  const store = await LikeStore.open(folder, silentLogger());
  await store.like(SERVER, MEMBER, 2571);
  await store.like(SERVER, MEMBER, 6);
  await store.close();
  const file = join(folder, `${SERVER}.json`);
  return { folder, file, good: await readFile(file, 'utf8') };
}

const BAD_FILES: [string, (good: string) => string][] = [
  ['truncated JSON', (good) => good.slice(0, good.length / 2)],
  ['an empty file', () => ''],
  ['not JSON at all', () => 'this is not json \u0000\u0001'],
  ['JSON of the wrong shape', () => JSON.stringify({ members: [1, 2, 3] })],
  ['a likes entry of the wrong shape', () => '{"version":1,"members":{"1":{"likes":["x"]}}}'],
  [
    'a member id that could leave the folder',
    () => '{"version":1,"members":{"../x":{"likes":[]}}}',
  ],
  ['an unknown version', () => JSON.stringify({ version: 2, members: {} })],
];

afterEach(() => {
  vi.useRealTimers();
});

describe('LikeStore.open with an unreadable server file', () => {
  it.each(BAD_FILES)(
    'given %s, keeps it aside, uses the last good copy and warns',
    async (_, bad) => {
      const { folder, file, good } = await savedServer();
      const content = bad(good);
      await writeFile(file, content);
      const { logger, lines } = capturingLogger();

      const before = Date.now();
      const store = await LikeStore.open(folder, logger);

      expect(store.likes(SERVER, MEMBER)).toEqual([2571, 6]);

      const names = await list(folder);
      const aside = names.filter((name) => name.startsWith(`${SERVER}.corrupt-`));
      expect(aside).toHaveLength(1);
      // The name holds the time it was set aside, its colons replaced: 2024-05-06T07-08-09.010Z.
      const stamp = /^\d+\.corrupt-(.{13})-(\d\d)-(\d\d\.\d{3}Z)\.json$/.exec(aside[0]);
      expect(stamp).not.toBeNull();
      const keptAt = Date.parse(`${stamp![1]}:${stamp![2]}:${stamp![3]}`);
      expect(keptAt).toBeGreaterThanOrEqual(before);
      expect(keptAt).toBeLessThanOrEqual(Date.now());
      expect(await readFile(join(folder, aside[0]), 'utf8')).toBe(content);

      // The good copy is written back, so the server file is whole again.
      expect(await readFile(file, 'utf8')).toBe(good);

      const warning = lines.find(({ msg }) => msg === WARNING);
      expect(warning).toMatchObject({
        level: 40,
        server: SERVER,
        file,
        kept: join(folder, aside[0]),
      });
    },
  );

  it('keeps the new likes after a recovery, and the bad file is never overwritten', async () => {
    const { folder, file } = await savedServer();
    await writeFile(file, '{"version":1,');
    const store = await LikeStore.open(folder, silentLogger());
    await store.like(SERVER, MEMBER, 1);
    await store.close();

    const [aside] = (await list(folder)).filter((name) => name.includes('.corrupt-'));
    expect(await readFile(join(folder, aside), 'utf8')).toBe('{"version":1,');
    expect((await LikeStore.open(folder, silentLogger())).likes(SERVER, MEMBER)).toEqual([
      2571, 6, 1,
    ]);
  });

  it('given a second bad file at the same instant as the first, keeps both apart', async () => {
    const { folder, file } = await savedServer();
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2024-05-06T07:08:09.010Z') });
    await writeFile(file, 'first bad');
    await LikeStore.open(folder, silentLogger());
    await writeFile(file, 'second bad');
    await LikeStore.open(folder, silentLogger());

    const aside = (await list(folder)).filter((name) => name.includes('.corrupt-'));
    expect(aside).toEqual([
      `${SERVER}.corrupt-2024-05-06T07-08-09.010Z-1.json`,
      `${SERVER}.corrupt-2024-05-06T07-08-09.010Z.json`,
    ]);
    const contents = await Promise.all(aside.map((name) => readFile(join(folder, name), 'utf8')));
    expect(contents.sort()).toEqual(['first bad', 'second bad']);
  });

  it.each([
    ['a folder', (file: string) => mkdir(file)],
    ['a link to a folder', (file: string) => symlink('/', file)],
  ])(
    'given %s in place of the server file, keeps it aside and uses the last good copy',
    async (_, put) => {
      const { folder, file } = await savedServer();
      await rm(file);
      await put(file);
      const { logger, lines } = capturingLogger();

      const store = await LikeStore.open(folder, logger);

      expect(store.likes(SERVER, MEMBER)).toEqual([2571, 6]);
      expect(
        (await list(folder)).filter((name) => name.startsWith(`${SERVER}.corrupt-`)),
      ).toHaveLength(1);
      expect(lines.some(({ msg }) => msg === WARNING)).toBe(true);
    },
  );

  it('given a missing server file but a good copy, uses the copy and warns', async () => {
    const { folder, file, good } = await savedServer();
    await writeFile(`${file}.bak`, good);
    await rm(file);
    const { logger, lines } = capturingLogger();

    const store = await LikeStore.open(folder, logger);
    expect(store.likes(SERVER, MEMBER)).toEqual([2571, 6]);
    expect(await readFile(file, 'utf8')).toBe(good);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, server: SERVER, msg: expect.stringMatching(/missing/) }),
    );
  });

  it('given a bad file and a bad copy, keeps both aside, starts empty, logs an error', async () => {
    const { folder, file } = await savedServer();
    await writeFile(file, 'not json');
    await writeFile(`${file}.bak`, '[]');
    const { logger, lines } = capturingLogger();

    const store = await LikeStore.open(folder, logger);
    expect(store.likes(SERVER, MEMBER)).toEqual([]);

    const names = await list(folder);
    expect(names.filter((name) => name.startsWith(`${SERVER}.corrupt-`))).toHaveLength(1);
    expect(names.filter((name) => name.startsWith(`${SERVER}.bak.corrupt-`))).toHaveLength(1);
    expect(names).not.toContain(`${SERVER}.json`);
    const error = lines.find(({ level }) => level === 50);
    expect(error).toMatchObject({ server: SERVER, file, kept: expect.any(String) });
    expect(error?.keptBackup).toEqual(expect.any(String));
  });

  it('given a movie listed twice, keeps it once and leaves the file where it is', async () => {
    const folder = await freshFolder();
    const like = { movie: 1, at: '2024-01-01T00:00:00.000Z' };
    const document = { version: 1, members: { [MEMBER]: { likes: [like, like] } } };
    await writeFile(join(folder, `${SERVER}.json`), JSON.stringify(document));

    const store = await LikeStore.open(folder, silentLogger());
    expect(store.likes(SERVER, MEMBER)).toEqual([1]);
    expect(await list(folder)).toEqual([`${SERVER}.json`]);
    expect(await readJson(join(folder, `${SERVER}.json`))).toEqual(document);
  });
});
