import { isAbsolute, join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../src/config.js';

/**
 * @param env - an environment (never process.env, so no .env file is read)
 * @returns the ConfigError loadConfig throws for it
 */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('given no settings, then the documented defaults, with folders made absolute under DATA_DIR', () => {
    const dataDir = resolve('data');

    expect(loadConfig({})).toEqual({
      discordToken: undefined,
      dataDir,
      movielensDir: join(dataDir, 'ml-1m'),
      movielensDirGiven: false,
      modelDir: join(dataDir, 'model'),
      serversDir: join(dataDir, 'servers'),
      logLevel: 'info',
      discordApiUrl: 'https://discord.com/api',
      devGuildId: undefined,
      retrainCron: '30 4 * * *',
      retrainTimeZone: 'UTC',
      shards: 'auto',
    });
    expect(isAbsolute(dataDir)).toBe(true);
  });

  it('given DATA_DIR, then every folder that is not set on its own lives under it', () => {
    const config = loadConfig({ DATA_DIR: '/srv/reelmate' });

    expect(config.dataDir).toBe('/srv/reelmate');
    expect(config.movielensDir).toBe('/srv/reelmate/ml-1m');
    expect(config.modelDir).toBe('/srv/reelmate/model');
    expect(config.serversDir).toBe('/srv/reelmate/servers');
  });

  it('given a relative DATA_DIR, then it is made absolute from the working folder', () => {
    const config = loadConfig({ DATA_DIR: 'var/reelmate' });

    expect(config.dataDir).toBe(resolve('var/reelmate'));
    expect(config.serversDir).toBe(resolve('var/reelmate/servers'));
  });

  it('given MOVIELENS_DIR and MODEL_DIR, then those folders are used, absolute, and the rest stays under DATA_DIR', () => {
    const config = loadConfig({
      DATA_DIR: '/srv/reelmate',
      MOVIELENS_DIR: '/datasets/ml-1m',
      MODEL_DIR: 'models/current',
    });

    expect(config.movielensDir).toBe('/datasets/ml-1m');
    expect(config.movielensDirGiven).toBe(true);
    expect(config.modelDir).toBe(resolve('models/current'));
    expect(config.serversDir).toBe('/srv/reelmate/servers');
  });

  it('given LOG_LEVEL in capitals, then it is read as the same level', () => {
    expect(loadConfig({ LOG_LEVEL: 'INFO' }).logLevel).toBe('info');
  });

  it('given valid values for every setting, then each is read', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'x'.repeat(24),
      LOG_LEVEL: 'debug',
      DISCORD_API_URL: 'http://127.0.0.1:3999/api/',
      DEV_GUILD_ID: '123456789012345678',
      RETRAIN_CRON: '0 15 3 * * 1',
      RETRAIN_TZ: 'Europe/Paris',
      TOTAL_SHARDS: '4',
    });

    expect(config).toMatchObject({
      discordToken: 'x'.repeat(24),
      logLevel: 'debug',
      discordApiUrl: 'http://127.0.0.1:3999/api',
      devGuildId: '123456789012345678',
      retrainCron: '0 15 3 * * 1',
      retrainTimeZone: 'Europe/Paris',
      shards: 4,
    });
  });

  it.each([
    ['DISCORD_TOKEN'],
    ['DATA_DIR'],
    ['MOVIELENS_DIR'],
    ['MODEL_DIR'],
    ['LOG_LEVEL'],
    ['DISCORD_API_URL'],
    ['RETRAIN_CRON'],
    ['RETRAIN_TZ'],
    ['TOTAL_SHARDS'],
    ['DEV_GUILD_ID'],
  ])('given %s set to an empty string, then it counts as unset', (setting) => {
    expect(loadConfig({ [setting]: '' })).toEqual(loadConfig({}));
  });

  it.each([
    ['LOG_LEVEL', 'loud'],
    ['RETRAIN_CRON', 'every night'],
    ['RETRAIN_CRON', '61 4 * * *'],
    ['RETRAIN_TZ', 'Mars/Olympus_Mons'],
    ['DISCORD_API_URL', 'not a url'],
    ['DISCORD_API_URL', 'ftp://discord.com/api'],
    ['DEV_GUILD_ID', '12345'],
    ['DEV_GUILD_ID', 'my-test-server'],
    ['DISCORD_TOKEN', 'too-short'],
    ['TOTAL_SHARDS', '0'],
    ['TOTAL_SHARDS', 'many'],
  ])('given %s=%s, then a ConfigError naming the setting', (setting, value) => {
    const error = configError({ [setting]: value });

    expect(error.setting).toBe(setting);
    expect(error.code).toBe('BAD_CONFIG');
    expect(error.message).toMatch(new RegExp(`^reelmate: setting ${setting} `));
  });

  it('given the SHARDS and SHARD_COUNT that discord.js sets in shard processes, then they are not read', () => {
    expect(loadConfig({ SHARDS: '0', SHARD_COUNT: '2' }).shards).toBe('auto');
  });

  it('given a bad token, then the error does not repeat it', () => {
    const error = configError({ DISCORD_TOKEN: 'secret-but-short' });

    expect(error.message).toBe('reelmate: setting DISCORD_TOKEN does not look like a bot token');
  });

  it('given several bad settings, then the error names one of them', () => {
    const error = configError({ LOG_LEVEL: 'loud', RETRAIN_TZ: 'Nowhere/Land' });

    expect(['LOG_LEVEL', 'RETRAIN_TZ']).toContain(error.setting);
  });

  it('given an explicit environment, then process.env is left alone', () => {
    const before = { ...process.env };

    loadConfig({ LOG_LEVEL: 'warn', DATA_DIR: '/tmp/elsewhere' });

    expect(process.env).toEqual(before);
  });
});
