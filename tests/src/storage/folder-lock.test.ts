import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockFolder, StorageError } from '../../../src/storage/index.js';

describe('lockFolder', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'reelmate-lock-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('given a free folder, then it writes this process id and release removes it', async () => {
    const release = await lockFolder(folder);

    expect(await readFile(join(folder, '.lock'), 'utf8')).toBe(String(process.pid));
    await release();
    expect(existsSync(join(folder, '.lock'))).toBe(false);
  });

  it('given a lock held by another running process, then it refuses with LOCKED naming that process', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      await writeFile(join(folder, '.lock'), String(other.pid));

      const error = await lockFolder(folder).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(StorageError);
      expect((error as StorageError).code).toBe('LOCKED');
      expect((error as StorageError).message).toContain(String(other.pid));
      expect(await readFile(join(folder, '.lock'), 'utf8')).toBe(String(other.pid));
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('given a lock left by a process that has ended, then it takes the lock over', async () => {
    const ended = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => ended.once('exit', resolve));
    await writeFile(join(folder, '.lock'), String(ended.pid));

    await lockFolder(folder);

    expect(await readFile(join(folder, '.lock'), 'utf8')).toBe(String(process.pid));
  });
});

describe('lockFolder, raced', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'reelmate-lock-race-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('given a stale lock and two processes taking it over at once, then exactly one holds it', async () => {
    const ended = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => ended.once('exit', resolve));
    const script = [
      `import { lockFolder } from ${JSON.stringify(new URL('../../../src/storage/index.ts', import.meta.url).href)};`,
      `const start = Number(process.argv[1]); while (Date.now() < start) {}`,
      `lockFolder(process.argv[2]).then(() => console.log('held'), (e) => console.log(e.code));`,
      `setTimeout(() => {}, 1500);`,
    ].join('\n');

    for (let trial = 0; trial < 5; trial++) {
      await writeFile(join(folder, '.lock'), String(ended.pid));
      const start = Date.now() + 1500;
      const runs = [0, 1].map(
        () =>
          new Promise<string>((resolve) => {
            const child = spawn(
              process.execPath,
              ['--import', 'tsx', '--input-type=module', '-e', script, String(start), folder],
              { stdio: ['ignore', 'pipe', 'inherit'] },
            );
            let out = '';
            child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
            child.on('exit', () => resolve(out.trim()));
          }),
      );
      expect((await Promise.all(runs)).sort()).toEqual(['LOCKED', 'held']);
      await rm(join(folder, '.lock'), { force: true });
    }
  }, 60_000);
});
