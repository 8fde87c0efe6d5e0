/** A person the fake Discord knows; every seeded user is a member of every seeded guild. */
export interface FakeUserSeed {
  /** @defaultValue a generated snowflake */
  id?: string;
  username: string;
  /** @defaultValue `null` (Discord then shows the username) */
  globalName?: string;
}

/** A server the bot is in. */
export interface FakeGuildSeed {
  /** @defaultValue a snowflake that places the n-th guild on shard `n % shardCount` */
  id?: string;
  name: string;
  /** Text channel names. @defaultValue `['general', 'movie-night']` */
  channels?: string[];
  /** The owner, who holds every permission. @defaultValue the first seeded user */
  ownerId?: string;
  /** What Discord reports as `member_count`. @defaultValue the seeded users plus the bot */
  memberCount?: number;
}

/** Everything {@link startFakeDiscord} can be told; every field has a test-friendly default. */
export interface FakeDiscordOptions {
  /** The bot token that REST and the gateway accept. @defaultValue {@link DEFAULT_TOKEN} */
  token?: string;
  /** The application id, which is also the bot user's id. @defaultValue `'1048576000000000001'` */
  applicationId?: string;
  /** The bot user's name. @defaultValue `'reelmate'` */
  botName?: string;
  /** @defaultValue two users, `alice` (owner of the guilds) and `bob` */
  users?: FakeUserSeed[];
  /** @defaultValue two guilds, `Film Club` and `Cinema Nerds`, on different shards when there are 2 */
  guilds?: FakeGuildSeed[];
  /** The shard count `GET /gateway/bot` recommends. @defaultValue `1` */
  shards?: number;
  /** Sent in HELLO; keep it short so heartbeats happen during a test. @defaultValue `1000` */
  heartbeatIntervalMs?: number;
  /**
   * Privileged intents enabled for the application (GuildMembers, GuildPresences,
   * MessageContent); asking for any other privileged intent is closed with 4014.
   * @defaultValue `0n`, as for a new application
   */
  privilegedIntents?: bigint;
  /** How long the bot has to send the initial interaction response. @defaultValue `3000` */
  interactionDeadlineMs?: number;
  /**
   * `session_start_limit.max_concurrency`. High by default so discord.js never spaces
   * identifies by its 5 s bucket wait during tests.
   * @defaultValue `16`
   */
  maxConcurrency?: number;
}

/** A token shaped like a real one (base64 id, timestamp, signature); only the fake accepts it. */
export const DEFAULT_TOKEN = 'MTA0ODU3NjAwMDAwMDAwMDAwMQ.fake-discord.reelmate-tests-only';

/** Options with every default applied. */
export type ResolvedOptions = Required<Omit<FakeDiscordOptions, 'users' | 'guilds'>> & {
  users: FakeUserSeed[];
  guilds: FakeGuildSeed[];
};

/**
 * @param options - what the test asked for
 * @returns the options with defaults filled in
 */
export function resolveOptions(options: FakeDiscordOptions): ResolvedOptions {
  const positive = (name: keyof FakeDiscordOptions, value: number | undefined) => {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new Error(`fake-discord: ${name} must be a positive integer, got ${value}`);
    }
  };
  positive('shards', options.shards);
  positive('heartbeatIntervalMs', options.heartbeatIntervalMs);
  positive('interactionDeadlineMs', options.interactionDeadlineMs);
  positive('maxConcurrency', options.maxConcurrency);

  return {
    token: options.token ?? DEFAULT_TOKEN,
    applicationId: options.applicationId ?? '1048576000000000001',
    botName: options.botName ?? 'reelmate',
    users: options.users ?? [
      { id: '1048576000000000101', username: 'alice', globalName: 'Alice' },
      { id: '1048576000000000102', username: 'bob', globalName: 'Bob' },
    ],
    guilds: options.guilds ?? [{ name: 'Film Club' }, { name: 'Cinema Nerds' }],
    shards: options.shards ?? 1,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
    privilegedIntents: options.privilegedIntents ?? 0n,
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3_000,
    maxConcurrency: options.maxConcurrency ?? 16,
  };
}
