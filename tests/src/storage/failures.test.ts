import { chmod, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Adapter } from 'lowdb';
import { afterEach, describe, expect, it } from 'vitest';

import {
  AtomicJsonFile,
  LikeStore,
  temporaryPath,
  type ServerDocument,
} from '../../../src/storage/index.js';
import { capturingLogger, freshFolder, list } from './helpers.js';

const SERVER = '123456789012345678';
const MEMBER = '111111111111111111';

const undo: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const step of undo.splice(0).reverse()) await step();
});

/**
 * Makes writing a server file fail. A read-only folder does it for ordinary users; root
 * ignores folder permissions, so then the temporary file's path is taken by a folder instead.
 */
async function blockWrites(file: string): Promise<string> {
  const folder = join(file, '..');
  await chmod(folder, 0o500);
  undo.push(() => chmod(folder, 0o700));
  if (!(await canCreateFileIn(folder))) return 'read-only folder';

  const blocker = temporaryPath(file);
  await mkdir(blocker);
  undo.push(() => rm(blocker, { recursive: true, force: true }));
  return 'temporary path taken by a folder';
}

async function canCreateFileIn(folder: string): Promise<boolean> {
  const probe = join(folder, 'probe');
  try {
    await writeFile(probe, '');
  } catch {
    return false;
  }
  await unlink(probe);
  return true;
}

/** An adapter that lets the test decide when, and whether, each write finishes. */
class GatedFile implements Adapter<ServerDocument> {
  readonly #file: AtomicJsonFile<ServerDocument>;
  readonly gates: { finish: (fail: boolean) => void; data: ServerDocument }[] = [];

  constructor(file: string) {
    this.#file = new AtomicJsonFile(file);
  }

  read(): Promise<ServerDocument | null> {
    return this.#file.read();
  }

  async write(data: ServerDocument): Promise<void> {
    const fail = await new Promise<boolean>((finish) => this.gates.push({ finish, data }));
    if (fail) throw new Error('disk full (simulated)');
    await this.#file.write(data);
  }
}

/** Waits until the adapter has a write waiting at its gate. */
async function nextWrite(file: GatedFile, count: number): Promise<void> {
  while (file.gates.length < count) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('LikeStore when the disk refuses a write', () => {
  it('rejects the like with SAVE_FAILED and keeps memory and disk as they were', async () => {
    const folder = await freshFolder();
    const file = join(folder, `${SERVER}.json`);
    const { logger, lines } = capturingLogger();
    const store = await LikeStore.open(folder, logger);
    await store.like(SERVER, MEMBER, 2571);
    await store.flush();
    const before = await readFile(file, 'utf8');

    const how = await blockWrites(file);
    await expect(store.like(SERVER, MEMBER, 6), how).rejects.toMatchObject({
      name: 'StorageError',
      code: 'SAVE_FAILED',
      server: SERVER,
      message: expect.stringMatching(/^reelmate: could not save/),
    });
    await expect(store.unlike(SERVER, MEMBER, 2571)).rejects.toMatchObject({
      code: 'SAVE_FAILED',
    });

    expect(store.likes(SERVER, MEMBER)).toEqual([2571]);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(lines.filter(({ level }) => level === 50)).toHaveLength(2);
    expect(lines[0]).toMatchObject({ server: SERVER, file, err: expect.any(Object) });

    for (const step of undo.splice(0).reverse()) await step();
    expect(await store.like(SERVER, MEMBER, 6)).toEqual({ added: true, count: 2 });
    expect(store.likes(SERVER, MEMBER)).toEqual([2571, 6]);
  });

  it('given a like for a new server that fails, leaves no trace of that server', async () => {
    const folder = await freshFolder();
    const store = await LikeStore.open(folder, capturingLogger().logger);
    await blockWrites(join(folder, `${SERVER}.json`));

    await expect(store.like(SERVER, MEMBER, 1)).rejects.toMatchObject({ code: 'SAVE_FAILED' });
    expect(store.servers()).toEqual([]);
    expect(store.snapshot()).toEqual([]);
    expect((await list(folder)).filter((name) => name.endsWith('.json'))).toEqual([]);
  });

  it('given the last good copy cannot be written, still saves the like and warns', async () => {
    const folder = await freshFolder();
    const file = join(folder, `${SERVER}.json`);
    const { logger, lines } = capturingLogger();
    await mkdir(temporaryPath(`${file}.bak`));
    const store = await LikeStore.open(folder, logger);

    expect(await store.like(SERVER, MEMBER, 1)).toEqual({ added: true, count: 1 });
    await store.flush();
    expect(JSON.parse(await readFile(file, 'utf8')).members[MEMBER].likes).toHaveLength(1);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        server: SERVER,
        msg: 'Could not update the last good copy',
      }),
    );
  });
});

describe('LikeStore write queue', () => {
  it('never has two writes of a file in flight, and batches what waits', async () => {
    const folder = await freshFolder();
    const adapters = new Map<string, GatedFile>();
    const fileAdapter = (file: string) => {
      const adapter = new GatedFile(file);
      adapters.set(file, adapter);
      return adapter;
    };
    const store = await LikeStore.open(folder, capturingLogger().logger, { fileAdapter });
    const main = () => adapters.get(join(folder, `${SERVER}.json`))!;
    const backup = () => adapters.get(join(folder, `${SERVER}.json.bak`))!;

    const first = store.like(SERVER, 'a', 1);
    await nextWrite(main(), 1);
    const waiting = [store.like(SERVER, 'b', 2), store.like(SERVER, 'c', 3)];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(main().gates).toHaveLength(1);

    main().gates[0].finish(false);
    expect(await first).toEqual({ added: true, count: 1 });
    await nextWrite(backup(), 1);
    expect(main().gates).toHaveLength(1);
    backup().gates[0].finish(false);

    await nextWrite(main(), 2);
    expect(Object.keys(main().gates[1].data.members)).toEqual(['a', 'b', 'c']);
    main().gates[1].finish(false);
    expect(await Promise.all(waiting)).toEqual([
      { added: true, count: 1 },
      { added: true, count: 1 },
    ]);
    await nextWrite(backup(), 2);
    backup().gates[1].finish(false);
    await store.flush();
  });

  it('given a failed write, takes back its own changes only and saves the next ones', async () => {
    const folder = await freshFolder();
    let main: GatedFile | undefined;
    const fileAdapter = (file: string) =>
      file.endsWith('.json')
        ? (main = new GatedFile(file))
        : new AtomicJsonFile<ServerDocument>(file);
    const store = await LikeStore.open(folder, capturingLogger().logger, { fileAdapter });

    const failing = store.like(SERVER, MEMBER, 1);
    await nextWrite(main!, 1);
    const queued = store.like(SERVER, MEMBER, 2);
    const again = store.like(SERVER, MEMBER, 1);
    expect(store.likes(SERVER, MEMBER)).toEqual([1, 2]);

    main!.gates[0].finish(true);
    await expect(failing).rejects.toMatchObject({ code: 'SAVE_FAILED' });
    expect(store.likes(SERVER, MEMBER)).toEqual([2, 1]);

    await nextWrite(main!, 2);
    main!.gates[1].finish(false);
    // Outcomes are worked out against what is on disk: the second like of 1 adds it after all.
    expect(await queued).toEqual({ added: true, count: 1 });
    expect(await again).toEqual({ added: true, count: 2 });
    await store.close();

    const reopened = await LikeStore.open(folder, capturingLogger().logger);
    expect(reopened.likes(SERVER, MEMBER)).toEqual([2, 1]);
  });
});

describe('AtomicJsonFile', () => {
  it('reads null for a missing file, then what it wrote, leaving no temporary file', async () => {
    const folder = await freshFolder();
    const file = new AtomicJsonFile<{ n: number }>(join(folder, 'a.json'));
    expect(await file.read()).toBeNull();
    await file.write({ n: 1 });
    await file.write({ n: 2 });
    expect(await file.read()).toEqual({ n: 2 });
    expect(await list(folder)).toEqual(['a.json']);
  });

  it('given a write that fails, leaves the old file whole', async () => {
    const folder = await freshFolder();
    const path = join(folder, 'a.json');
    const file = new AtomicJsonFile<{ n: number }>(path);
    await file.write({ n: 1 });
    await mkdir(temporaryPath(path));

    await expect(file.write({ n: 2 })).rejects.toThrow();
    expect(await file.read()).toEqual({ n: 1 });
  });

  it('ignores a temporary file left by a crash: a write never acknowledged', async () => {
    const folder = await freshFolder();
    const path = join(folder, `${SERVER}.json`);
    await new AtomicJsonFile(path).write({ version: 1, members: {} });
    await writeFile(temporaryPath(path), '{"version":1,"members":{"1":{"li');

    const store = await LikeStore.open(folder, capturingLogger().logger);
    expect(store.members(SERVER)).toEqual(new Map());
    expect(await store.like(SERVER, MEMBER, 1)).toEqual({ added: true, count: 1 });
    await store.flush();
    expect(await list(folder)).toEqual([`${SERVER}.json`, `${SERVER}.json.bak`]);
  });

  it('throws SyntaxError for a file that is not JSON', async () => {
    const folder = await freshFolder();
    await writeFile(join(folder, 'a.json'), '{');
    await expect(new AtomicJsonFile(join(folder, 'a.json')).read()).rejects.toThrow(SyntaxError);
  });
});
