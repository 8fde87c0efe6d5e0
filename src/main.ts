import type { Client } from 'discord.js';
import { commands } from '../commands/index.js';
import { ConfigError, loadConfig } from './config.js';
import { runConsole } from './console/session.js';
import { startDiscord } from './discord/client.js';
import { createLogger } from './logger.js';
import { shardRetraining } from './sharding/shard-retraining.js';
import { startBot, type RetrainMode } from './startup.js';
import { lockFolder } from './storage/index.js';

/**
 * `npm start`: with DISCORD_TOKEN the bot joins Discord; without it, console
 * mode reads commands from standard input. `--json` prints one JSON object
 * per answer in console mode.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}. See .env.example.\n`);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config.logLevel);
  // Under `npm run start:sharded` the manager trains and holds the data folder's lock; this
  // process is one shard and writes only its own servers' files.
  const shard = process.env.SHARDING_MANAGER === 'true';
  const mode: RetrainMode = shard
    ? { kind: 'remote', retraining: shardRetraining(config.modelDir, logger) }
    : { kind: 'local', schedule: Boolean(config.discordToken) };
  const unlock = shard ? async () => {} : await lockFolder(config.serversDir);
  const bot = await startBot(config, logger, mode).catch(async (error: unknown) => {
    await unlock();
    throw error;
  });

  let client: Client | undefined;
  let stopping = false;
  const input = new AbortController();
  let reading = Promise.resolve();
  const stop = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'Stopping: saving pending likes');
    // Console mode reads no further line; the one being answered finishes first.
    input.abort();
    await reading;
    await client?.destroy();
    await bot.stop();
    await unlock();
    logger.info('Stopped cleanly');
    process.exit(exitCode);
  };
  if (config.discordToken) {
    const endpoint = { token: config.discordToken, apiUrl: config.discordApiUrl };
    const giveUp = () => void stop('Discord ended the connection', 1);
    try {
      client = await startDiscord(endpoint, commands, bot.services, logger, giveUp);
    } catch {
      // startDiscord has logged what to fix. The schedule and the workers would keep the
      // process alive, so stop them as any other shutdown does.
      return stop('Could not log in to Discord', 1);
    }
  }

  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  if (client) return;

  logger.info(
    'Console mode: type commands such as /like the matrix, /recommend, /similar heat, /help',
  );
  reading = runConsole({
    input: process.stdin,
    output: process.stdout,
    commands,
    services: bot.services,
    logger,
    json: process.argv.includes('--json'),
    signal: input.signal,
  });
  await reading;
  if (stopping) return;
  await bot.stop();
  await unlock();
}

main().catch((error: Error) => {
  process.stderr.write(`reelmate could not start: ${error.message.replace(/^reelmate: /, '')}\n`);
  process.exitCode = 1;
});
