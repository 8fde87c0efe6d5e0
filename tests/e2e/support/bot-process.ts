import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeDiscord } from '../../support/fake-discord/index.js';
import { ML_1M } from '../../support/shared-data.js';
import { BotLog } from './bot-log.js';

/** The repository, where `npm start` runs. */
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

const CHILD_GUARD = fileURLToPath(new URL('./child-guard.ts', import.meta.url));

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The nightly schedule the tests give the bot, and when it is next due as /stats shows it. */
export const NEXT_SCHEDULED_RETRAIN = {
  cron: '0 0 1 1 *',
  shown: `${new Date().getUTCFullYear() + 1}-01-01 00:00 UTC`,
};

/** Where a bot keeps its files. */
export interface BotFolders {
  /** DATA_DIR: liked lists go to `servers/` in it. */
  dataDir: string;
  /** MODEL_DIR. */
  modelDir: string;
}

/**
 * The environment of a bot or a deploy run aimed at a fake Discord: its token, its REST base,
 * debug logs, and nothing inherited but what Node needs to run (no stray .env settings, no
 * real token from the developer's shell).
 * @param fake - the fake Discord on 127.0.0.1
 * @param folders - data and model folders
 * @param extra - further settings, e.g. DEV_GUILD_ID
 * @returns the environment
 * @throws Error when the fake is not on 127.0.0.1, so a token never goes anywhere else
 */
export function botEnv(
  fake: FakeDiscord,
  folders: BotFolders,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const api = fake.rest.api;
  if (!/^http:\/\/127\.0\.0\.1:\d+\/api$/.test(api)) {
    throw new Error(`e2e: refusing to hand a token to a bot aimed at ${api}`);
  }
  const inherited = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'].filter((k) => process.env[k]);
  return {
    ...Object.fromEntries(inherited.map((k) => [k, process.env[k]])),
    // discord.js's REST `api` option is the base before `/v10`: the fake's `rest.api`.
    DISCORD_API_URL: api,
    DISCORD_TOKEN: fake.token,
    DATA_DIR: folders.dataDir,
    MODEL_DIR: folders.modelDir,
    MOVIELENS_DIR: ML_1M,
    LOG_LEVEL: 'debug',
    // Once a year, at midnight on 1 January, so a scheduled retrain does not start mid-test.
    RETRAIN_CRON: NEXT_SCHEDULED_RETRAIN.cron,
    RETRAIN_TZ: 'UTC',
    ...extra,
  };
}

/**
 * A script of the repository run as a child process through tsx, with the loopback guard
 * preloaded, its output captured line by line.
 */
export class ChildScript {
  readonly log = new BotLog();
  /** Settles once the process has ended and its output is read. */
  readonly exited: Promise<Exit>;
  readonly #child: ChildProcess;
  #exit: Exit | null = null;

  /**
   * @param script - the entry point, relative to the repository, e.g. `src/main.ts`
   * @param env - its whole environment
   */
  constructor(script: string, env: NodeJS.ProcessEnv) {
    const args = ['--import', 'tsx', '--import', CHILD_GUARD, script];
    this.#child = spawn(process.execPath, args, {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      this.#child[stream]?.setEncoding('utf8');
      this.#child[stream]?.on('data', (chunk: string) => this.log.write(stream, chunk));
    }
    this.exited = new Promise<Exit>((resolve) => {
      this.#child.once('error', (error) => {
        this.log.end(`${script} could not start: ${error.message}`);
        resolve((this.#exit = { code: null, signal: null }));
      });
      this.#child.once('close', (code, signal) => {
        this.#exit = { code, signal };
        this.log.end(`${script} ended (code ${code}, signal ${signal})`);
        resolve(this.#exit);
      });
    });
  }

  /** The process id. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Null while it runs, else how it ended. */
  get exit(): Exit | null {
    return this.#exit;
  }

  /**
   * Sends a signal and waits for the process to end.
   * @param signal - e.g. SIGTERM
   * @param timeoutMs - how long it may take
   * @returns how it ended
   * @throws Error when it is still running after `timeoutMs`
   */
  async stop(signal: NodeJS.Signals, timeoutMs: number): Promise<Exit> {
    if (!this.#exit) this.#child.kill(signal);
    return withTimeout(
      this.exited,
      timeoutMs,
      `the bot did not end within ${timeoutMs} ms of ${signal}`,
    );
  }

  /**
   * Waits for the process to end by itself.
   * @param timeoutMs - how long it may take
   * @returns how it ended
   */
  finished(timeoutMs: number): Promise<Exit> {
    return withTimeout(this.exited, timeoutMs, `the script did not end within ${timeoutMs} ms`);
  }

  /** Ends the process for sure (SIGKILL) and waits for its streams to close. */
  async kill(): Promise<void> {
    if (!this.#exit) this.#child.kill('SIGKILL');
    await this.exited;
  }
}

/**
 * @param promise - what to wait for
 * @param timeoutMs - the deadline
 * @param message - the error when it passes
 * @returns what the promise gave
 */
export async function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  message: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`e2e: ${message}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
