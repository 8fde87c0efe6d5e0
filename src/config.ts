import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isValidCron } from './training/schedule.js';

/** A setting in the environment or .env that is not valid. */
export class ConfigError extends Error {
  readonly code = 'BAD_CONFIG';

  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`reelmate: setting ${setting} ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Every setting, its default and its check. .env.example documents each one. */
const schema = z.object({
  DISCORD_TOKEN: z.preprocess(emptyAsUnset, z.string().min(20).optional()),
  DATA_DIR: z.preprocess(emptyAsUnset, z.string().trim().min(1).default('data')),
  MOVIELENS_DIR: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  MODEL_DIR: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  LOG_LEVEL: z.preprocess(
    (value) => (typeof value === 'string' ? emptyAsUnset(value.toLowerCase()) : value),
    z.enum(LOG_LEVELS).default('info'),
  ),
  DISCORD_API_URL: z.preprocess(
    emptyAsUnset,
    z.url({ protocol: /^https?$/ }).default('https://discord.com/api'),
  ),
  RETRAIN_CRON: z.preprocess(
    emptyAsUnset,
    z.string().refine(isValidCron, 'is not a cron expression').default('30 4 * * *'),
  ),
  RETRAIN_TZ: z.preprocess(
    emptyAsUnset,
    z.string().refine(isTimeZone, 'is not a time zone such as UTC or Europe/Paris').default('UTC'),
  ),
  // Not SHARDS or SHARD_COUNT: discord.js sets those in every shard process.
  TOTAL_SHARDS: z.preprocess(
    emptyAsUnset,
    z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1000)]).default('auto'),
  ),
  DEV_GUILD_ID: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^\d{17,20}$/, 'must be a server id')
      .optional(),
  ),
});

/** The bot's validated settings, with folders made absolute. */
export interface Config {
  discordToken: string | undefined;
  dataDir: string;
  movielensDir: string;
  /** True when MOVIELENS_DIR was set: that folder is used as it is, never downloaded into. */
  movielensDirGiven: boolean;
  modelDir: string;
  serversDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  discordApiUrl: string;
  devGuildId: string | undefined;
  retrainCron: string;
  retrainTimeZone: string;
  /** Shard processes under start:sharded: a number, or 'auto' for Discord's recommendation. */
  shards: number | 'auto';
}

/**
 * Reads the settings from an environment, after loading `.env` from the
 * working folder into process.env when there is one.
 * @param env - the environment to read
 * @defaultValue env process.env
 * @returns the settings
 * @throws ConfigError naming the first bad setting
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');

  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const setting = String(issue.path[0] ?? 'unknown');
    const hint = setting === 'DISCORD_TOKEN' ? 'does not look like a bot token' : issue.message;
    throw new ConfigError(setting, hint);
  }

  const s = parsed.data;
  const dataDir = resolve(s.DATA_DIR);
  return {
    discordToken: s.DISCORD_TOKEN,
    dataDir,
    movielensDir: resolve(s.MOVIELENS_DIR ?? `${dataDir}/ml-1m`),
    movielensDirGiven: s.MOVIELENS_DIR !== undefined,
    modelDir: resolve(s.MODEL_DIR ?? `${dataDir}/model`),
    serversDir: resolve(dataDir, 'servers'),
    logLevel: s.LOG_LEVEL,
    discordApiUrl: s.DISCORD_API_URL.replace(/\/+$/, ''),
    devGuildId: s.DEV_GUILD_ID,
    retrainCron: s.RETRAIN_CRON,
    retrainTimeZone: s.RETRAIN_TZ,
    shards: s.TOTAL_SHARDS,
  };
}
