import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ML_1M } from '../support/shared-data.js';

/** The repository, where `npm start` runs. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MATRIX = 'Matrix, The (1999)';
/** First start trains a model; on a busy two-core machine that can take a while. */
const FIRST_START_TIMEOUT = 600_000;
const RUN_TIMEOUT = 180_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node --import tsx src/main.ts` in the repository with standard input piped in, as
 * `printf '…' | npm start` would, and an environment made from nothing but what is given: no
 * DISCORD_TOKEN can reach it, so it stays in console mode and opens no connection.
 */
function start(env: Record<string, string>, input: string, args: string[] = []): Promise<Run> {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  for (const name of ['HOME', 'TMPDIR'] as const) {
    const value = process.env[name];
    if (value !== undefined) base[name] = value;
  }
  const childEnv = { ...base, ...env };
  if ('DISCORD_TOKEN' in childEnv) throw new Error('no test may start the bot with a token');

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: childEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The JSON objects of a log, failing on any line that is not one. */
function logLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`standard error holds a line that is not JSON: ${line}`);
      }
    });
}

/** The numbered movie lines of the answer whose title line is `heading`. */
function numberedTitles(
  stdout: string,
  heading: string,
): { n: number; title: string; note?: string }[] {
  const answer = stdout.split('\n\n').find((block) => block.startsWith(heading));
  if (!answer) throw new Error(`no answer "${heading}" in:\n${stdout}`);
  return answer
    .split('\n')
    .map((line) => /^\s?(\d+)\. (.+?)(?: — (.+))?$/.exec(line))
    .filter((m) => m !== null)
    .map(([, n, title, note]) => ({ n: Number(n), title, note }));
}

let movies: Map<number, string>;
let dataDir: string;
let first: Run;

beforeAll(async () => {
  // loadConfig reads .env from the working folder; one there could hold a real token.
  if (existsSync(join(ROOT, '.env'))) throw new Error(`refusing to run: ${ROOT}.env exists`);

  const text = await readFile(join(ML_1M, 'movies.dat'), 'latin1');
  movies = new Map(
    text
      .split('\n')
      .filter((line) => line.includes('::'))
      .map((line) => {
        const [id, title] = line.split('::');
        return [Number(id), title] as [number, string];
      }),
  );

  dataDir = await mkdtemp(join(tmpdir(), 'reelmate-main-'));
  first = await start(
    { DATA_DIR: dataDir, MOVIELENS_DIR: ML_1M, LOG_LEVEL: 'info' },
    '/like the matrix\n/recommend\n',
  );
}, FIRST_START_TIMEOUT);

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start without DISCORD_TOKEN (console mode)', () => {
  it('given a fresh data folder, then it trains, answers both commands and exits with 0', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^# Liked Matrix, The \(1999\)\nYou like 1 movie now\.\n\n/);
  });

  it('recommends ten real movies, numbered, none of them the liked one', () => {
    const recommended = numberedTitles(first.stdout, '# Recommended for you');

    expect(recommended.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const titles = new Set(movies.values());
    for (const { title } of recommended) expect(titles, title).toContain(title);
    expect(recommended.map((r) => r.title)).not.toContain(MATRIX);
    expect(recommended[0].note).toBe(`because you liked ${MATRIX}`);
  });

  it('writes only JSON log lines to standard error, saying it trained and saved the model', () => {
    const lines = logLines(first.stderr);

    expect(lines.every((l) => l.app === 'reelmate' && typeof l.level === 'number')).toBe(true);
    const messages = lines.map((l) => l.msg);
    expect(messages).toContain('Training a model; this takes a few seconds');
    expect(messages).toContain('Trained and saved the model');
    expect(messages).not.toContain('Loaded the saved model');
  });

  it('writes the model folder: model.json and both factor files', async () => {
    const files = await readdir(join(dataDir, 'model'));

    expect(files).toEqual(
      expect.arrayContaining(['model.json', 'user_factors.npy', 'item_factors.npy']),
    );
    const info = JSON.parse(await readFile(join(dataDir, 'model', 'model.json'), 'utf8'));
    expect(info.items.length).toBeGreaterThan(3000);
  });

  it('keeps the like on disk for the next start', async () => {
    const servers = await readdir(join(dataDir, 'servers'));

    expect(servers).toContain('console.json');
  });

  it(
    'given a second start, then it loads the saved model instead of training and recommends the same ten',
    async () => {
      const second = await start(
        { DATA_DIR: dataDir, MOVIELENS_DIR: ML_1M, LOG_LEVEL: 'info' },
        '/like the matrix\n/recommend\n',
      );

      expect(second.code, second.stderr).toBe(0);
      const messages = logLines(second.stderr).map((l) => l.msg);
      expect(messages).toContain('Loaded the saved model');
      expect(messages).not.toContain('Training a model; this takes a few seconds');
      expect(second.stdout).toMatch(/^# You already like Matrix, The \(1999\)\n/);
      expect(numberedTitles(second.stdout, '# Recommended for you')).toEqual(
        numberedTitles(first.stdout, '# Recommended for you'),
      );
    },
    RUN_TIMEOUT,
  );

  it(
    'given --json, then one JSON object per answer, with MovieLens ids',
    async () => {
      const run = await start(
        { DATA_DIR: dataDir, MOVIELENS_DIR: ML_1M, LOG_LEVEL: 'warn' },
        '/like heat 1995\n/recommend 5\n/like hamlet\n',
        ['--json'],
      );

      expect(run.code, run.stderr).toBe(0);
      const answers = run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(answers.map((a) => a.command)).toEqual(['like', 'recommend', 'like']);
      expect(answers[0]).toMatchObject({ tone: 'success', title: 'Liked Heat (1995)' });

      const recommended: { id: number; title: string }[] = answers[1].movies;
      expect(recommended).toHaveLength(5);
      for (const { id, title } of recommended) expect(movies.get(id)).toBe(title);
      expect(recommended.map((m) => m.id)).not.toContain(2571);
      expect(recommended.map((m) => m.id)).not.toContain(6);

      expect(answers[2].title).toBe('Which one do you mean?');
      for (const { id, title } of answers[2].choices) {
        expect(title).toMatch(/^Hamlet/);
        expect(movies.get(id)).toBe(title);
      }
    },
    RUN_TIMEOUT,
  );

  it(
    'given LOG_LEVEL=loud, then it stops with exit code 1 and a message naming LOG_LEVEL',
    async () => {
      const run = await start(
        { DATA_DIR: dataDir, MOVIELENS_DIR: ML_1M, LOG_LEVEL: 'loud' },
        '/help\n',
      );

      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/setting LOG_LEVEL/);
      expect(run.stdout).toBe('');
    },
    RUN_TIMEOUT,
  );
});
