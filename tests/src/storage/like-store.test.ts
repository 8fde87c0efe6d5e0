import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { silentLogger } from '../../../src/logger.js';
import { LikeStore, StorageError } from '../../../src/storage/index.js';
import { freshFolder, list, readJson } from './helpers.js';

const SERVER = '123456789012345678';
const OTHER_SERVER = '876543210987654321';
const MEMBER = '111111111111111111';

async function openStore(folder: string): Promise<LikeStore> {
  return LikeStore.open(folder, silentLogger());
}

describe('LikeStore', () => {
  it('given a folder that does not exist yet, creates it and starts empty', async () => {
    const folder = join(await freshFolder(), 'data', 'servers');
    const store = await openStore(folder);
    expect((await stat(folder)).isDirectory()).toBe(true);
    expect(store.servers()).toEqual([]);
    expect(store.likes(SERVER, MEMBER)).toEqual([]);
    expect(store.snapshot()).toEqual([]);
  });

  it('likes movies in order and counts them', async () => {
    const store = await openStore(await freshFolder());
    expect(await store.like(SERVER, MEMBER, 2571)).toEqual({ added: true, count: 1 });
    expect(await store.like(SERVER, MEMBER, 6)).toEqual({ added: true, count: 2 });
    expect(store.likes(SERVER, MEMBER)).toEqual([2571, 6]);
  });

  it('given a second like of the same movie, says it was not added and keeps one', async () => {
    const store = await openStore(await freshFolder());
    await store.like(SERVER, MEMBER, 2571);
    expect(await store.like(SERVER, MEMBER, 2571)).toEqual({ added: false, count: 1 });
    expect(store.likes(SERVER, MEMBER)).toEqual([2571]);
  });

  it('unlikes a liked movie, and says so when the movie was not liked', async () => {
    const store = await openStore(await freshFolder());
    await store.like(SERVER, MEMBER, 2571);
    await store.like(SERVER, MEMBER, 6);
    expect(await store.unlike(SERVER, MEMBER, 2571)).toEqual({ removed: true, count: 1 });
    expect(await store.unlike(SERVER, MEMBER, 2571)).toEqual({ removed: false, count: 1 });
    expect(await store.unlike(OTHER_SERVER, MEMBER, 6)).toEqual({ removed: false, count: 0 });
    expect(store.likes(SERVER, MEMBER)).toEqual([6]);
  });

  it('keeps servers apart, and members within a server', async () => {
    const store = await openStore(await freshFolder());
    await store.like(SERVER, MEMBER, 1);
    await store.like(SERVER, 'console', 2);
    await store.like(OTHER_SERVER, MEMBER, 3);

    expect(store.members(SERVER)).toEqual(
      new Map([
        [MEMBER, [1]],
        ['console', [2]],
      ]),
    );
    expect(store.likes(OTHER_SERVER, MEMBER)).toEqual([3]);
    expect(store.servers()).toEqual([SERVER, OTHER_SERVER]);
    expect(store.snapshot()).toEqual([
      { server: SERVER, member: MEMBER, likes: [1] },
      { server: SERVER, member: 'console', likes: [2] },
      { server: OTHER_SERVER, member: MEMBER, likes: [3] },
    ]);
  });

  it('given a reopened folder, shows the same likes', async () => {
    const folder = await freshFolder();
    const store = await openStore(folder);
    await store.like(SERVER, MEMBER, 2571);
    await store.like(SERVER, MEMBER, 6);
    await store.like(OTHER_SERVER, 'console', 1);
    await store.unlike(SERVER, MEMBER, 2571);
    await store.close();

    const reopened = await openStore(folder);
    expect(reopened.likes(SERVER, MEMBER)).toEqual([6]);
    expect(reopened.likes(OTHER_SERVER, 'console')).toEqual([1]);
    expect(reopened.snapshot()).toEqual(store.snapshot());
  });

  it('writes one JSON file per server, with its last good copy beside it', async () => {
    const folder = await freshFolder();
    const store = await openStore(folder);
    const before = Date.now();
    await store.like(SERVER, MEMBER, 2571);
    await store.like(SERVER, 'console', 6);
    await store.flush();

    expect(await list(folder)).toEqual([`${SERVER}.json`, `${SERVER}.json.bak`]);
    const onDisk = await readJson(join(folder, `${SERVER}.json`));
    expect(onDisk).toEqual({
      version: 1,
      members: {
        [MEMBER]: { likes: [{ movie: 2571, at: expect.any(String) }] },
        console: { likes: [{ movie: 6, at: expect.any(String) }] },
      },
    });
    const { at } = (onDisk as { members: Record<string, { likes: { at: string }[] }> }).members[
      MEMBER
    ].likes[0];
    expect(new Date(at).toISOString()).toBe(at);
    expect(Date.parse(at)).toBeGreaterThanOrEqual(before - 1000);
    expect(await readJson(join(folder, `${SERVER}.json.bak`))).toEqual(onDisk);
  });

  it('leaves a member out of the file once they unlike their last movie', async () => {
    const folder = await freshFolder();
    const store = await openStore(folder);
    await store.like(SERVER, MEMBER, 1);
    await store.unlike(SERVER, MEMBER, 1);
    expect(await readJson(join(folder, `${SERVER}.json`))).toEqual({ version: 1, members: {} });
    expect(store.servers()).toEqual([]);
  });

  it('given 200 likes at once from 20 members and another server, stores each once', async () => {
    const folder = await freshFolder();
    const store = await openStore(folder);
    const members = Array.from({ length: 20 }, (_, index) => `member-${index}`);

    const results = await Promise.all([
      ...members.flatMap((member, index) =>
        Array.from({ length: 10 }, (_, like) => store.like(SERVER, member, index * 100 + like + 1)),
      ),
      ...Array.from({ length: 10 }, (_, like) => store.like(OTHER_SERVER, MEMBER, like + 1)),
    ]);
    expect(results.every(({ added }) => added)).toBe(true);
    await store.close();

    const reopened = await openStore(folder);
    members.forEach((member, index) => {
      const expected = Array.from({ length: 10 }, (_, like) => index * 100 + like + 1);
      expect(reopened.likes(SERVER, member)).toEqual(expected);
    });
    expect(reopened.likes(OTHER_SERVER, MEMBER)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(reopened.snapshot().reduce((sum, { likes }) => sum + likes.length, 0)).toBe(210);
  });

  it('given 20 members liking 10 movies each in turn, interleaved, keeps all 200', async () => {
    const folder = await freshFolder();
    const store = await openStore(folder);

    await Promise.all(
      Array.from({ length: 20 }, async (_, member) => {
        for (let like = 1; like <= 10; like++) {
          const { added, count } = await store.like(SERVER, `m${member}`, like);
          expect({ added, count }).toEqual({ added: true, count: like });
        }
      }),
    );

    const onDisk = (await readJson(join(folder, `${SERVER}.json`))) as {
      members: Record<string, { likes: { movie: number }[] }>;
    };
    expect(Object.keys(onDisk.members)).toHaveLength(20);
    for (const { likes } of Object.values(onDisk.members)) {
      expect(likes.map(({ movie }) => movie)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });

  it('given two likes of one movie at once, adds it once and tells the second', async () => {
    const store = await openStore(await freshFolder());
    const [first, second] = await Promise.all([
      store.like(SERVER, MEMBER, 2571),
      store.like(SERVER, MEMBER, 2571),
    ]);
    expect(first).toEqual({ added: true, count: 1 });
    expect(second).toEqual({ added: false, count: 1 });
  });

  it('shows a like to readers at once, before it is on disk', async () => {
    const store = await openStore(await freshFolder());
    const saving = store.like(SERVER, MEMBER, 2571);
    expect(store.likes(SERVER, MEMBER)).toEqual([2571]);
    await saving;
  });

  it('given an id that could leave the folder, rejects it with BAD_ID, writing nothing', async () => {
    const folder = await freshFolder();
    const store = await openStore(folder);
    for (const bad of ['../x', '..', 'a/b', 'a.json', '', 'x'.repeat(65), 'é', 'a b', '\u0000']) {
      await expect(store.like(bad, MEMBER, 1)).rejects.toMatchObject({
        name: 'StorageError',
        code: 'BAD_ID',
        message: expect.stringMatching(/^reelmate: server id /),
      });
      await expect(store.like(SERVER, bad, 1)).rejects.toMatchObject({ code: 'BAD_ID' });
      expect(() => store.likes(bad, MEMBER)).toThrow(StorageError);
    }
    for (const movie of [0, -1, 1.5, Number.NaN, 2 ** 60]) {
      await expect(store.like(SERVER, MEMBER, movie)).rejects.toMatchObject({ code: 'BAD_ID' });
    }
    expect(await list(folder)).toEqual([]);
    expect(await list(join(folder, '..'))).not.toContain('x.json');
  });

  it('stores a member called "__proto__" as plain data', async () => {
    const folder = await freshFolder();
    const store = await openStore(folder);
    await store.like(SERVER, '__proto__', 1);
    await store.close();

    expect(await readFile(join(folder, `${SERVER}.json`), 'utf8')).toContain('"__proto__"');
    const reopened = await openStore(folder);
    expect(reopened.likes(SERVER, '__proto__')).toEqual([1]);
    expect(reopened.likes(SERVER, 'constructor')).toEqual([]);
  });

  it('ignores files in the folder that are not server files', async () => {
    const folder = await freshFolder();
    await mkdir(join(folder, 'notes'));
    const store = await openStore(folder);
    await store.like(SERVER, MEMBER, 1);
    expect(store.servers()).toEqual([SERVER]);
  });

  it('after close, waits for the likes asked for and refuses new ones', async () => {
    const folder = await freshFolder();
    const store = await openStore(folder);
    const pending = store.like(SERVER, MEMBER, 1);
    await store.close();
    expect(await pending).toEqual({ added: true, count: 1 });
    await expect(store.like(SERVER, MEMBER, 2)).rejects.toMatchObject({ code: 'SAVE_FAILED' });
    expect(store.likes(SERVER, MEMBER)).toEqual([1]);
  });
});
