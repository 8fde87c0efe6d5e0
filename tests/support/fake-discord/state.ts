import { CommandStore } from './command-store.js';
import { InteractionStore } from './interaction-store.js';
import { MessageStore } from './message-store.js';
import { resolveOptions, type FakeDiscordOptions, type ResolvedOptions } from './options.js';
import { SnowflakeFactory } from './snowflake.js';
import { World } from './world.js';

/** The addresses of one running fake, all on 127.0.0.1. */
export interface FakeUrls {
  /** `http://127.0.0.1:<port>` */
  http: string;
  /** What `GET /gateway/bot` returns: `ws://127.0.0.1:<port>/gateway`. */
  gateway: string;
  /** What READY gives as `resume_gateway_url`; a separate path so tests can tell resumes apart. */
  resume: string;
  /** Base of attachment URLs: `http://127.0.0.1:<port>/cdn`. */
  cdn: string;
}

/** What the REST routes and the gateway share. */
export interface FakeState {
  options: ResolvedOptions;
  urls: FakeUrls;
  world: World;
  snowflakes: SnowflakeFactory;
  commands: CommandStore;
  messages: MessageStore;
  interactions: InteractionStore;
  /** `session_start_limit.remaining`; each IDENTIFY uses one, as on Discord. */
  sessionStartsRemaining: number;
}

/**
 * @param options - what the test asked for
 * @param port - the port the fake listens on, which every URL contains
 * @returns fresh state: seeded world, empty stores, a full session budget
 */
export function createState(options: FakeDiscordOptions, port: number): FakeState {
  const resolved = resolveOptions(options);
  const http = `http://127.0.0.1:${port}`;
  const urls: FakeUrls = {
    http,
    gateway: `ws://127.0.0.1:${port}/gateway`,
    resume: `ws://127.0.0.1:${port}/gateway/resume`,
    cdn: `${http}/cdn`,
  };
  const snowflakes = new SnowflakeFactory();
  const world = new World(resolved, snowflakes);
  return {
    options: resolved,
    urls,
    world,
    snowflakes,
    commands: new CommandStore(snowflakes, world.bot.id),
    messages: new MessageStore(snowflakes, urls.cdn, world.bot),
    interactions: new InteractionStore(),
    sessionStartsRemaining: 1_000,
  };
}
