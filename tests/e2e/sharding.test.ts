/**
 * `npm run start:sharded` end to end: the real manager and two real shard
 * processes against the fake Discord, which recommends 2 shards and routes
 * each of its two servers to a different one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { ML_1M } from '../support/shared-data.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MANAGE_SERVER = String(1n << 5n);

describe('given the bot started as a shard manager with two shards', () => {
  let fake: FakeDiscord;
  let folder: string;
  let manager: ChildProcess;
  let output = '';

  const logged = (text: string, times = 1, timeoutMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => output.split(text).length - 1 >= times;
      if (check()) return resolve();
      const timer = setTimeout(
        () => reject(new Error(`no "${text}" ×${times} in:\n${output.slice(-3000)}`)),
        timeoutMs,
      );
      const onData = () => {
        if (!check()) return;
        clearTimeout(timer);
        manager.stdout?.off('data', onData);
        manager.stderr?.off('data', onData);
        resolve();
      };
      manager.stdout?.on('data', onData);
      manager.stderr?.on('data', onData);
    });

  const embedText = (answer: { data: { embeds?: { title?: string; description?: string }[] } }) =>
    (answer.data.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');

  beforeAll(async () => {
    fake = await startFakeDiscord({ shards: 2 });
    folder = await mkdtemp(join(tmpdir(), 'reelmate-sharded-'));
    manager = spawn(process.execPath, ['--import', 'tsx', 'src/sharded.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.rest.api,
        DATA_DIR: folder,
        MOVIELENS_DIR: ML_1M,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    manager.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    manager.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await logged('All shards started', 1, 240_000);
    await logged('Connected to Discord', 2);
  }, 300_000);

  afterAll(async () => {
    if (manager.exitCode === null) manager.kill('SIGKILL');
    await fake?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('then each shard identifies with its own shard pair', () => {
    const shards = fake.gatewayEvents
      .all()
      .flatMap((e) => (e.kind === 'identify' && e.refusedWith === null ? [e.shard.join('/')] : []));
    expect(new Set(shards)).toEqual(new Set(['0/2', '1/2']));
  });

  it('then members of both servers are answered and each server has its own file', async () => {
    const [first, second] = fake.guilds;
    const [alice, bob] = fake.users;
    const a = await fake
      .sendCommand({
        guildId: first.id,
        userId: alice.id,
        name: 'like',
        options: { title: '2571' },
      })
      .final();
    const b = await fake
      .sendCommand({ guildId: second.id, userId: bob.id, name: 'like', options: { title: '6' } })
      .final();

    expect(embedText(a)).toContain('Liked Matrix, The (1999)');
    expect(embedText(b)).toContain('Liked Heat (1995)');
    const firstFile = JSON.parse(
      await readFile(join(folder, 'servers', `${first.id}.json`), 'utf8'),
    );
    const secondFile = JSON.parse(
      await readFile(join(folder, 'servers', `${second.id}.json`), 'utf8'),
    );
    expect(firstFile.members[alice.id].likes.map((l: { movie: number }) => l.movie)).toEqual([
      2571,
    ]);
    expect(secondFile.members[bob.id].likes.map((l: { movie: number }) => l.movie)).toEqual([6]);
  });

  it('then /retrain on one shard is trained by the manager and every shard loads the new model', async () => {
    const [first, second] = fake.guilds;
    const [alice, bob] = fake.users;
    const asked = await fake
      .sendCommand({
        guildId: first.id,
        userId: alice.id,
        name: 'retrain',
        permissions: MANAGE_SERVER,
      })
      .final();
    expect(embedText(asked)).toContain('Retraining started');

    await logged('Retrained: the new model is serving', 1, 180_000);
    await logged('Loaded the new model the manager trained', 2);
    const stats = await fake
      .sendCommand({ guildId: second.id, userId: bob.id, name: 'stats' })
      .final({ timeoutMs: 15_000 });
    expect(embedText(stats)).toMatch(/Trained on 6,042 users \(2 members\)/);
  }, 240_000);

  it('then SIGTERM stops the shards and the manager cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => manager.once('exit', resolve));
    manager.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped cleanly');
    expect(existsSync(join(folder, 'model', 'model.json'))).toBe(true);
    expect(output).not.toContain(fake.token);
  }, 60_000);
});
