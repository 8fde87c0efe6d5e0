import type {
  APIApplicationCommand,
  APIApplicationCommandAutocompleteInteraction,
  APIChatInputApplicationCommandInteraction,
  APIMessage,
  APIMessageComponentSelectMenuInteraction,
  APIUser,
} from 'discord.js';
import { GatewayDispatchEvents } from 'discord.js';
import { FailureRules, type FailureRule, type FailureSpec } from './failures.js';
import { Gateway, GATEWAY_PATHS } from './gateway.js';
import { describeGatewayEvent, type GatewayEvent } from './gateway-events.js';
import type { DispatchPayload, GatewaySession } from './gateway-session.js';
import { SessionRegistry } from './gateway-sessions.js';
import { InteractionHandle } from './interaction-handle.js';
import {
  InteractionFactory,
  type AutocompleteInput,
  type BuiltInteraction,
  type CommandInput,
  type ComponentInput,
} from './interactions.js';
import type { FakeDiscordOptions } from './options.js';
import { describeRequest, type RecordedRequest } from './recorded-request.js';
import { Recorder, type EntryPredicate, type WaitForOptions } from './recorder.js';
import { RestServer } from './rest-server.js';
import { listenOnLoopback, type LoopbackServer } from './server.js';
import { createRouters } from './routes/index.js';
import { createState, type FakeState, type FakeUrls } from './state.js';
import type { FakeGuild } from './world.js';

/** The `rest` client options that keep discord.js on the fake: API, CDN and media proxy. */
export interface FakeRestOptions {
  api: string;
  cdn: string;
  mediaProxy: string;
}

/**
 * A fake Discord on 127.0.0.1 that the real discord.js Client logs into: REST, gateway and
 * CDN on one random port. Tests drive it (inject interactions, drop sockets, break routes)
 * and read what the bot did from its request and gateway logs.
 */
export class FakeDiscord {
  /** Every REST and CDN request, in the order the fake answered them. */
  readonly requests = new Recorder<RecordedRequest>('REST requests', describeRequest);
  /** Every gateway connection, payload received, dispatch and close. */
  readonly gatewayEvents = new Recorder<GatewayEvent>('gateway events', describeGatewayEvent);
  readonly urls: FakeUrls;
  readonly #state: FakeState;
  readonly #failures = new FailureRules();
  readonly #sessions = new SessionRegistry(this.gatewayEvents);
  readonly #gateway: Gateway;
  readonly #rest: RestServer;
  readonly #factory: InteractionFactory;
  readonly #server: LoopbackServer;

  private constructor(options: FakeDiscordOptions, server: LoopbackServer) {
    this.#server = server;
    this.#state = createState(options, server.port);
    this.urls = this.#state.urls;
    this.#gateway = new Gateway(this.#state, this.#sessions, this.gatewayEvents);
    this.#rest = new RestServer({
      ...createRouters(this.#state),
      token: () => this.#state.options.token,
      failures: this.#failures,
      requests: this.requests,
    });
    this.#factory = new InteractionFactory(this.#state);
  }

  /**
   * Starts a fake Discord on 127.0.0.1 at a random port.
   *
   * @param options - token, users, guilds, shards, timings; all optional
   * @returns the running fake; call {@link FakeDiscord.close} when done
   */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    // The port is known only once listening, and the fake's URLs depend on it.
    const ready: { fake?: FakeDiscord } = {};
    const server = await listenOnLoopback({
      request: (request, response) => {
        if (ready.fake) void ready.fake.#rest.handle(request, response);
        else response.writeHead(503).end();
      },
      upgrade: (request, socket, head) => {
        if (ready.fake) ready.fake.#gateway.upgrade(request, socket, head);
        else socket.destroy();
      },
      isGatewayPath: (pathname) => GATEWAY_PATHS.includes(pathname),
    });
    try {
      ready.fake = new FakeDiscord(options, server);
    } catch (error) {
      await server.close();
      throw error;
    }
    return ready.fake;
  }

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return this.urls.http;
  }

  /** Pass as `new Client({ rest: fake.rest })` so no URL of discord.js points at Discord. */
  get rest(): FakeRestOptions {
    return { api: `${this.url}/api`, cdn: this.urls.cdn, mediaProxy: `${this.url}/media` };
  }

  /** The token the fake accepts now. */
  get token(): string {
    return this.#state.options.token;
  }

  /** The application id, also the bot user's id. */
  get applicationId(): string {
    return this.#state.world.bot.id;
  }

  /** The bot's user. */
  get bot(): APIUser {
    return this.#state.world.bot;
  }

  /** The seeded users, members of every guild. */
  get users(): readonly APIUser[] {
    return this.#state.world.users;
  }

  /** The guilds the bot is in. */
  get guilds(): readonly FakeGuild[] {
    return this.#state.world.guilds;
  }

  /** Every gateway session opened, oldest first. */
  get sessions(): readonly GatewaySession[] {
    return this.#sessions.all;
  }

  /**
   * Waits for a REST request; see {@link Recorder.waitFor}.
   *
   * @param predicate - the request to expect
   * @param timeoutMs - how long to wait
   * @param options - where to start looking
   * @returns the first matching request, already recorded or yet to come
   * @defaultValue `timeoutMs` is 5000
   */
  waitFor(
    predicate: EntryPredicate<RecordedRequest>,
    timeoutMs = 5_000,
    options?: WaitForOptions,
  ): Promise<RecordedRequest> {
    return this.requests.waitFor(predicate, timeoutMs, options);
  }

  /**
   * Waits for a gateway event; see {@link Recorder.waitFor}.
   *
   * @param predicate - the event to expect
   * @param timeoutMs - how long to wait
   * @param options - where to start looking
   * @returns the first matching event
   * @defaultValue `timeoutMs` is 5000
   */
  waitForGateway(
    predicate: EntryPredicate<GatewayEvent>,
    timeoutMs = 5_000,
    options?: WaitForOptions,
  ): Promise<GatewayEvent> {
    return this.gatewayEvents.waitFor(predicate, timeoutMs, options);
  }

  /**
   * @param guildId - a guild, or nothing for global commands
   * @returns the commands registered in that scope
   */
  commands(guildId?: string): APIApplicationCommand[] {
    return this.#state.commands.list(guildId ?? null);
  }

  /**
   * @param messageId - a message the bot posted through the fake
   * @returns the message as it stands, or undefined
   */
  message(messageId: string): APIMessage | undefined {
    return this.#state.messages.get(messageId);
  }

  /**
   * Makes the next matching REST requests fail with 429 (with rate-limit headers), a 5xx, or
   * another error status with Discord's JSON error code.
   *
   * @param spec - route, method, status, count
   * @returns the armed rule; its `remaining` counts down
   */
  failNext(spec: FailureSpec): FailureRule {
    return this.#failures.add(spec);
  }

  /** Disarms every failure armed with {@link FakeDiscord.failNext}. */
  clearFailures(): void {
    this.#failures.clear();
  }

  /**
   * Sends any dispatch to the shard that owns a guild; held and replayed if it is offline.
   *
   * @param t - the event name, e.g. `GUILD_DELETE`
   * @param d - the event data
   * @param guildId - the guild it concerns, or null for shard 0
   * @returns the payload with its sequence number
   */
  dispatch(t: string, d: unknown, guildId: string | null): DispatchPayload {
    return this.#sessions.dispatch(this.#sessions.owner(guildId), t, d);
  }

  /**
   * Dispatches a slash command (INTERACTION_CREATE, type 2) as if a user ran it.
   *
   * @param input - guild, user, command name, options, permissions
   * @returns a handle to await the bot's reply and final answer
   */
  sendCommand(input: CommandInput): InteractionHandle<APIChatInputApplicationCommandInteraction> {
    return this.#send(this.#factory.command(input), input.guildId);
  }

  /**
   * Dispatches an autocomplete request (type 4) for the `focused` option.
   *
   * @param input - the command being typed, with the focused option and its text so far
   * @returns a handle; `choices()` awaits the suggestions
   */
  sendAutocomplete(
    input: AutocompleteInput,
  ): InteractionHandle<APIApplicationCommandAutocompleteInteraction> {
    return this.#send(this.#factory.autocomplete(input), input.guildId);
  }

  /**
   * Dispatches a string select choice (type 3) on a message the bot posted.
   *
   * @param input - custom id, values, message, user, guild
   * @returns a handle to await the bot's update or reply
   */
  sendComponent(
    input: ComponentInput,
  ): InteractionHandle<APIMessageComponentSelectMenuInteraction> {
    return this.#send(this.#factory.component(input), input.guildId);
  }

  /**
   * Cuts gateway sockets but keeps their sessions, so the client resumes.
   *
   * @param closeCode - a close code such as 4000; none for an abrupt TCP drop
   * @param shardId - only this shard; all by default
   * @returns how many sockets were cut
   */
  dropConnection(closeCode?: number, shardId?: number): number {
    return this.#gateway.drop(closeCode, shardId);
  }

  /**
   * Closes gateway sockets with a fatal code (4004, 4014, ...) and ends their sessions.
   *
   * @param code - the close code
   * @param shardId - only this shard; all by default
   */
  closeWith(code: number, shardId?: number): void {
    this.#gateway.closeWith(code, shardId);
  }

  /**
   * Sends op 7 RECONNECT.
   *
   * @param shardId - only this shard; all by default
   */
  requestReconnect(shardId?: number): void {
    this.#gateway.requestReconnect(shardId);
  }

  /**
   * Replaces the bot token, as "Reset Token" in the developer portal does: from now on REST
   * answers 401 and the gateway 4004 to the old one, RESUME included.
   *
   * @param token - the new token
   */
  rotateToken(token: string): void {
    this.#state.options.token = token;
  }

  /** Closes every socket and the HTTP server, and fails pending waits. */
  async close(): Promise<void> {
    this.requests.close('fake-discord: closed');
    this.gatewayEvents.close('fake-discord: closed');
    this.#gateway.close();
    await this.#server.close();
  }

  #send<P extends BuiltInteraction['payload']>(
    built: BuiltInteraction<P>,
    guildId: string | undefined,
  ): InteractionHandle<P> {
    this.dispatch(GatewayDispatchEvents.InteractionCreate, built.payload, guildId ?? null);
    return new InteractionHandle(built.payload, built.state, this.requests, this.#state.messages);
  }
}

/**
 * Starts a fake Discord; see {@link FakeDiscord}.
 *
 * @param options - token, users, guilds, shards, timings; all optional
 * @returns the running fake
 */
export function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return FakeDiscord.start(options);
}
