import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDiscord, type FakeDiscord } from '../../support/fake-discord/index.js';
import { botEnv, ChildScript, type BotFolders, type Exit } from './bot-process.js';
import { leftoverHandles, openHandles } from './handles.js';
import { claimSharedModel, copyModel } from './shared-model.js';

/** How long a bot may take to connect: loading MovieLens, and training on the first start. */
const CONNECT_MS = { load: 90_000, train: 240_000 };
/** How long `deploy-commands` may take. */
const DEPLOY_MS = 60_000;

/** One `deploy-commands` run for one server. */
export interface DeployRun {
  guildId: string;
  script: ChildScript;
  exit: Exit;
}

/** A fake Discord, the real bot logged into it, and the folders the bot writes. */
export interface E2eSession {
  fake: FakeDiscord;
  /** The bot running now. */
  bot: ChildScript;
  folders: BotFolders;
  /** `deploy-commands` run once per server with DEV_GUILD_ID. */
  deploys: DeployRun[];
  /** Every process started for this session, bots and deploy runs, for greps over output. */
  scripts: ChildScript[];
  /**
   * Starts a new bot on the same fake and folders, once the old one has ended.
   * @returns the new bot, connected
   */
  restart(): Promise<ChildScript>;
  /**
   * Kills what still runs, closes the fake and removes the folders.
   * @returns the sockets, servers, pipes and child processes of this test process still open
   *   that were not open before the session; empty when everything closed
   */
  close(): Promise<string[]>;
}

/**
 * Starts a fake Discord and the real bot (`node --import tsx src/main.ts`) logged into it, and
 * registers the commands in every server of the fake with `deploy-commands`. The bot starts
 * from a copy of the run's model; the first session of a run trains that model.
 * @returns the session, with the bot connected
 */
export async function startSession(): Promise<E2eSession> {
  const before = openHandles();
  const fake = await startFakeDiscord();
  const dataDir = await mkdtemp(join(tmpdir(), 'reelmate-e2e-'));
  const folders: BotFolders = { dataDir, modelDir: join(dataDir, 'model') };
  const scripts: ChildScript[] = [];
  const close = async () => {
    await Promise.all(scripts.map((s) => s.kill()));
    await keepLogs(scripts);
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
    return leftoverHandles(before);
  };

  try {
    const claim = await claimSharedModel(CONNECT_MS.train);
    if (claim.role === 'copy') await copyModel(claim.from, folders.modelDir);
    const deploying = Promise.all(fake.guilds.map((g) => deploy(fake, folders, g.id, scripts)));
    deploying.catch(() => undefined); // awaited below; not unhandled if the bot fails first

    const timeoutMs = claim.role === 'train' ? CONNECT_MS.train : CONNECT_MS.load;
    const bot = await startBot(fake, folders, scripts, timeoutMs)
      .then(async (started) => {
        if (claim.role === 'train') await claim.publish(folders.modelDir);
        return started;
      })
      .catch(async (error: Error) => {
        if (claim.role === 'train') await claim.abandon();
        throw error;
      });
    const deploys = await deploying;

    const session: E2eSession = {
      fake,
      bot,
      folders,
      deploys,
      scripts,
      restart: async () => {
        if (!session.bot.exit) throw new Error('e2e: stop the bot before starting another');
        session.bot = await startBot(fake, folders, scripts, CONNECT_MS.load);
        return session.bot;
      },
      close,
    };
    return session;
  } catch (error) {
    await close();
    throw error;
  }
}

/** Starts `src/main.ts` and waits until it has logged in to the fake. */
async function startBot(
  fake: FakeDiscord,
  folders: BotFolders,
  scripts: ChildScript[],
  timeoutMs: number,
): Promise<ChildScript> {
  const bot = new ChildScript('src/main.ts', botEnv(fake, folders));
  scripts.push(bot);
  await bot.log.waitFor('Connected to Discord', timeoutMs);
  return bot;
}

async function deploy(
  fake: FakeDiscord,
  folders: BotFolders,
  guildId: string,
  scripts: ChildScript[],
): Promise<DeployRun> {
  const script = new ChildScript(
    'src/deploy-commands.ts',
    botEnv(fake, folders, { DEV_GUILD_ID: guildId }),
  );
  scripts.push(script);
  return { guildId, script, exit: await script.finished(DEPLOY_MS) };
}

/**
 * With REELMATE_E2E_LOGS set to a folder, each process's output is written there when a
 * session closes, for reading after a failure.
 */
async function keepLogs(scripts: readonly ChildScript[]): Promise<void> {
  const folder = process.env.REELMATE_E2E_LOGS;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  for (const script of scripts) await writeFile(join(folder, `${script.pid}.log`), script.log.raw);
}
