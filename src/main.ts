import type { Client } from 'discord.js';
import { commands } from '../commands/index.js';
import { ConfigError, loadConfig } from './config.js';
import { runConsole } from './console/session.js';
import { startDiscord } from './discord/client.js';
import { createLogger } from './logger.js';
import { shardRetraining } from './sharding/shard-retraining.js';
import { startBot, type RetrainMode } from './startup.js';

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
  // Under `npm run start:sharded` the manager trains; this process is one shard.
  const mode: RetrainMode =
    process.env.SHARDING_MANAGER === 'true'
      ? { kind: 'remote', retraining: shardRetraining(config.modelDir, logger) }
      : { kind: 'local', schedule: Boolean(config.discordToken) };
  const bot = await startBot(config, logger, mode);

  let client: Client | undefined;
  let stopping = false;
  const stop = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'Stopping: saving pending likes');
    await client?.destroy();
    await bot.stop();
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
  await runConsole({
    input: process.stdin,
    output: process.stdout,
    commands,
    services: bot.services,
    logger,
    json: process.argv.includes('--json'),
  });
  await bot.stop();
}

main().catch((error: Error) => {
  process.stderr.write(`reelmate could not start: ${error.message}\n`);
  process.exitCode = 1;
});
