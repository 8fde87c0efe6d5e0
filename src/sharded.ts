import { ShardingManager, type Shard } from 'discord.js';
import { fileURLToPath } from 'node:url';
import type { Model } from '../model/model.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { fetchGatewayInfo } from './sharding/gateway-info.js';
import { isReelmateMessage, type ManagerMessage } from './sharding/messages.js';
import { createRetrainer, prepareModel } from './startup.js';
import { LikeStore, lockFolder } from './storage/index.js';
import { scheduleRetraining } from './training/schedule.js';

/**
 * `npm run start:sharded`: runs the bot as shard processes under discord.js's
 * ShardingManager. This manager process is the only one that trains: it
 * prepares the model before the shards start, runs the nightly schedule and
 * the retrains shards ask for, and tells every shard to load the new model
 * folder. One lowdb file per server means no two shards write the same file.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.discordToken) throw new ConfigError('DISCORD_TOKEN', 'is needed to run shards');
  const logger = createLogger(config.logLevel).child({ process: 'manager' });
  // The manager holds the data folder for all its shards: a second bot on it is refused.
  const unlock = await lockFolder(config.serversDir);

  const members = () => readMembers(config, logger);
  const prepared = await prepareModel(config, logger, members);
  const holder = {
    current: { model: prepared.model },
    replace(model: Model) {
      this.current = { model };
      broadcast({ type: 'reelmate:model-updated' });
    },
  };
  const retrainer = createRetrainer(config, logger, prepared, holder, members);
  const task = scheduleRetraining(retrainer, config.retrainCron, config.retrainTimeZone, logger);

  const gateway = await fetchGatewayInfo(config.discordToken, config.discordApiUrl);
  const totalShards = config.shards === 'auto' ? gateway.shards : config.shards;
  const manager = new ShardingManager(fileURLToPath(new URL('./main.ts', import.meta.url)), {
    token: config.discordToken,
    totalShards,
    execArgv: ['--import', 'tsx'],
    respawn: true,
  });
  const state = (): ManagerMessage => ({
    type: 'reelmate:retrain-state',
    busy: retrainer.busy,
    nextRun: task.getNextRun()?.toISOString() ?? null,
  });
  const broadcast = (message: ManagerMessage) => {
    for (const shard of manager.shards.values()) void shard.send(message).catch(() => undefined);
  };

  manager.on('shardCreate', (shard: Shard) => {
    logger.info({ shard: shard.id, of: totalShards }, 'Starting a shard');
    shard.on('ready', () => void shard.send(state()).catch(() => undefined));
    shard.on('death', () =>
      logger.warn({ shard: shard.id }, 'A shard process ended; restarting it'),
    );
    shard.on('error', (error) => logger.error({ shard: shard.id, err: error }, 'A shard failed'));
    shard.on('message', (message: unknown) => {
      if (!isReelmateMessage(message) || message.type !== 'reelmate:retrain') return;
      if (!retrainer.busy && retrainer.tooSoon()) {
        logger.info(
          { reason: message.reason },
          'Retrain request ignored: the last one ended under 10 minutes ago',
        );
        return;
      }
      void retrainer.run(message.reason).finally(() => broadcast(state()));
      broadcast(state());
    });
  });

  // Shards in one identify window may start together; otherwise Discord
  // wants them 5 seconds apart.
  const delay = gateway.maxConcurrency >= totalShards ? 0 : 5_500;
  await manager.spawn({ amount: totalShards, delay, timeout: 120_000 });
  logger.info({ shards: totalShards }, 'All shards started');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'Stopping the shards');
    await task.destroy();
    await retrainer.stop();
    await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard)));
    await unlock();
    logger.info('Stopped cleanly');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** A fresh read of every server file: the shards are the ones writing them. */
async function readMembers(config: Config, logger: Logger) {
  const store = await LikeStore.open(config.serversDir, logger);
  const members = store.snapshot();
  await store.close();
  return members;
}

/** Asks a shard to stop as it would on its own (saving pending likes), then waits. */
async function stopShard(shard: Shard): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Shard.kill() sends SIGTERM without the manager's respawn.
  shard.kill();
  await exited;
}

main().catch((error: Error) => {
  process.stderr.write(
    `reelmate could not start its shards: ${error.message.replace(/^reelmate: /, '')}\n`,
  );
  process.exitCode = 1;
});
