import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { silentLogger } from '../../../src/logger.js';
import { LikeStore, type ServerDocument } from '../../../src/storage/index.js';
import { ML_1M } from '../../support/shared-data.js';
import type { Exit } from './bot-process.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD_GUARD = fileURLToPath(new URL('./child-guard.ts', import.meta.url));

/** Where a console bot keeps its files. */
export interface ConsoleFolders {
  /** DATA_DIR: liked lists go to `servers/` in it. */
  dataDir: string;
  /** MODEL_DIR. */
  modelDir: string;
}

/**
 * The real bot in console mode (`node --import tsx src/main.ts --json`), standard input piped
 * in, each answer read as the JSON line it prints. Its environment is built from nothing, with
 * no DISCORD_TOKEN, so it opens no connection; the loopback guard is preloaded all the same.
 */
export class ConsoleBot {
  /** Each answer as printed, in order; the last may be cut short by a kill. */
  readonly answers: string[] = [];
  /** Every line of standard error: the JSON log and the guard's reports. */
  readonly log: string[] = [];
  readonly exited: Promise<Exit>;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #watchers = new Set<() => void>();
  #cut = '';

  /**
   * @param folders - data and model folders
   * @param args - further arguments after `src/main.ts --json`
   */
  constructor(folders: ConsoleFolders, args: string[] = []) {
    const inherited = ['PATH', 'HOME', 'TMPDIR', 'LANG'].filter((k) => process.env[k]);
    const env = {
      ...Object.fromEntries(inherited.map((k) => [k, process.env[k]])),
      DATA_DIR: folders.dataDir,
      MODEL_DIR: folders.modelDir,
      MOVIELENS_DIR: ML_1M,
      LOG_LEVEL: 'info',
    };
    const node = ['--import', 'tsx', '--import', CHILD_GUARD, 'src/main.ts', '--json', ...args];
    this.#child = spawn(process.execPath, node, { cwd: REPO, env, stdio: 'pipe' });
    this.#child.stdin.on('error', () => undefined); // a killed bot closes its end first
    lines(
      this.#child.stdout,
      (line) => this.answers.push(line),
      (cut) => (this.#cut = cut),
    );
    lines(this.#child.stderr, (line) => this.log.push(line));
    this.#child.stdout.on('data', () => this.#watchers.forEach((check) => check()));
    this.#child.stderr.on('data', () => this.#watchers.forEach((check) => check()));
    this.exited = new Promise((resolve) => {
      this.#child.once('close', (code, signal) => {
        this.#watchers.forEach((check) => check());
        resolve({ code, signal });
      });
    });
  }

  /** What the last answer had printed when the bot was killed: an answer given, if cut short. */
  get cutAnswer(): string {
    return this.#cut;
  }

  /** @param text - lines to type, each ending with a newline; input stays open */
  type(text: string): void {
    this.#child.stdin.write(text);
  }

  /** Ends standard input, as the end of a pipe does. */
  endInput(): void {
    this.#child.stdin.end();
  }

  /**
   * @param condition - checked on every chunk of output
   * @param timeoutMs - how long to wait
   * @throws Error when the bot ends first or the time passes
   */
  async until(condition: () => boolean, timeoutMs: number): Promise<void> {
    if (condition()) return;
    let done = false;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`no progress within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const finish = (error?: Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.#watchers.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (condition()) finish();
        else if (this.#child.exitCode !== null || this.#child.signalCode !== null) {
          finish(new Error(`the bot ended first:\n${this.log.slice(-5).join('\n')}`));
        }
      };
      this.#watchers.add(check);
    });
  }

  /** @returns true once the bot logged that console mode is reading commands */
  ready(): boolean {
    return this.log.some((line) => line.includes('"msg":"Console mode'));
  }

  /** Kills the bot with SIGKILL, as a crash or the kernel's OOM killer would. */
  async kill(): Promise<Exit> {
    this.#child.kill('SIGKILL');
    return this.exited;
  }
}

/**
 * What a console bot left in its data folder.
 * @param dataDir - its DATA_DIR
 * @returns the console member's likes as `console.json` lists them (none when it is missing),
 *   and a problem for each server file that does not parse and each file set aside as corrupt
 */
export async function readDisk(dataDir: string): Promise<{ likes: number[]; problems: string[] }> {
  const servers = join(dataDir, 'servers');
  const names = existsSync(servers) ? await readdir(servers) : [];
  const problems = names.filter((n) => n.includes('.corrupt-')).map((n) => `found ${n}`);
  let likes: number[] = [];
  for (const name of names.filter((n) => /^console\.json(?:\.bak)?$/.test(n))) {
    const text = await readFile(join(servers, name), 'utf8');
    let document: ServerDocument;
    try {
      document = JSON.parse(text) as ServerDocument;
    } catch {
      problems.push(`${name} does not parse: ${JSON.stringify(text.slice(0, 80))}`);
      continue;
    }
    if (document.version !== 1) problems.push(`${name} is not a server file`);
    if (name === 'console.json') likes = document.members?.you?.likes.map((l) => l.movie) ?? [];
  }
  return { likes, problems };
}

/** What the like store itself reads from the folder, as the next start would. */
export async function storeReads(dataDir: string): Promise<number[]> {
  const store = await LikeStore.open(join(dataDir, 'servers'), silentLogger());
  const likes = store.likes('console', 'you');
  await store.close();
  return likes;
}

/** Splits a stream into lines; what is left when it closes is given to `rest`. */
function lines(
  stream: NodeJS.ReadableStream,
  onLine: (line: string) => void,
  rest: (text: string) => void = () => undefined,
): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    parts.forEach(onLine);
  });
  stream.on('end', () => rest(partial));
}
