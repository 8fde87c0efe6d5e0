import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Command, Services } from '../../commands/index.js';
import type { Logger } from '../logger.js';
import { InteractionRouter } from './interactions.js';

/** Where the bot reaches Discord; tests point it at a fake on 127.0.0.1. */
export interface DiscordEndpoint {
  token: string;
  /** REST base, e.g. https://discord.com/api. */
  apiUrl: string;
}

/** What an admin should do when Discord refuses the bot for good. */
const FATAL_HINTS: Record<string, string> = {
  TokenInvalid:
    'DISCORD_TOKEN is not a valid bot token: copy it again from the Developer Portal (Bot tab)',
  DisallowedIntents:
    'Discord refused a privileged intent: reelmate needs only Guilds, which needs no ' +
    'approval; a copy changed to ask for more needs them switched on under Bot in the ' +
    'Developer Portal',
};

/** The same advice by gateway close code, for a connection Discord ends later. */
const CLOSE_HINTS: Record<number, string> = {
  4004: FATAL_HINTS.TokenInvalid,
  4010: 'Discord refused the shard settings: check TOTAL_SHARDS',
  4011: 'Discord requires sharding for this many servers: run npm run start:sharded',
  4012: 'Discord no longer accepts the gateway API version of this discord.js: update discord.js',
  4013:
    'Discord refused the intents as invalid: reelmate asks only for Guilds, ' +
    'so reinstall it unmodified with npm ci',
  4014: FATAL_HINTS.DisallowedIntents,
};

/** A client that knows it is shutting down, so closing its own connection is not a loss. */
class StoppableClient extends Client {
  stopping = false;

  override async destroy(): Promise<void> {
    this.stopping = true;
    await super.destroy();
  }
}

/**
 * Creates the discord.js client with only the Guilds intent, routes its
 * interactions to the commands, and logs in.
 * @param endpoint - token and REST base
 * @param commands - the commands
 * @param services - what commands use
 * @param logger - the bot's logger
 * @param onGiveUp - called when Discord ends the connection for good (the
 *   bot then has nothing left to do and should stop)
 * @returns the logged-in client
 */
export async function startDiscord(
  endpoint: DiscordEndpoint,
  commands: ReadonlyMap<string, Command>,
  services: Services,
  logger: Logger,
  onGiveUp: () => void = () => {},
): Promise<Client> {
  const client = new StoppableClient({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: endpoint.apiUrl },
  });
  const router = new InteractionRouter(commands, services, logger);

  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
  client.once(Events.ClientReady, (ready) => {
    logger.info({ user: ready.user.tag, servers: ready.guilds.cache.size }, 'Connected to Discord');
  });
  // discord.js emits shardReconnecting when a connection closes and it will resume or
  // identify again, and shardDisconnect only when it gives up for good.
  client.on(Events.ShardReconnecting, (shard) => {
    if (!client.stopping) logger.warn({ shard }, 'Lost the connection to Discord; reconnecting');
  });
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (client.stopping) return;
    const hint = CLOSE_HINTS[event.code] ?? 'restart the bot once the cause is fixed';
    logger.error({ shard, code: event.code }, `Discord closed the connection for good: ${hint}`);
    onGiveUp();
  });
  client.on(Events.ShardResume, (shard) => logger.info({ shard }, 'Connection to Discord resumed'));
  // After some closes discord.js cannot resume and identifies again; say when that worked too.
  const readyShards = new Set<number>();
  client.on(Events.ShardReady, (shard) => {
    if (readyShards.has(shard)) {
      logger.info({ shard }, 'Connected to Discord again with a new session');
    }
    readyShards.add(shard);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'Discord client error'));

  try {
    await client.login(endpoint.token);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    logger.fatal(
      { code },
      FATAL_HINTS[code] ?? `Could not log in to Discord: ${(error as Error).message}`,
    );
    await client.destroy();
    throw error;
  }
  return client;
}
