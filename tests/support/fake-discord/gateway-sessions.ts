import type { GatewayEvent } from './gateway-events.js';
import { GatewaySession, type DispatchPayload } from './gateway-session.js';
import type { Recorder } from './recorder.js';
import { shardIdFor } from './snowflake.js';

/**
 * The gateway sessions of one fake, and the rule that routes a guild's events to the session
 * of the shard that owns it. Every dispatch is logged here, sent or held.
 */
export class SessionRegistry {
  readonly #sessions: GatewaySession[] = [];
  readonly #events: Recorder<GatewayEvent>;

  /** @param events - where dispatches are logged */
  constructor(events: Recorder<GatewayEvent>) {
    this.#events = events;
  }

  /** Every session opened so far, oldest first. */
  get all(): readonly GatewaySession[] {
    return this.#sessions;
  }

  /**
   * @param shard - the shard pair of the IDENTIFY
   * @param intents - its intents
   * @param token - its token
   * @returns the new session
   */
  open(shard: [number, number], intents: number, token: string): GatewaySession {
    const session = new GatewaySession(shard, intents, token);
    this.#sessions.push(session);
    return session;
  }

  /**
   * @param sessionId - the `session_id` of a RESUME
   * @returns the session if it can still be resumed
   */
  resumable(sessionId: string): GatewaySession | undefined {
    return this.#sessions.find((s) => s.id === sessionId && s.resumable);
  }

  /**
   * @param guildId - a guild, or null for DMs, which Discord sends to shard 0
   * @returns the newest resumable session whose shard is `(guild_id >> 22) % num_shards`
   * @throws Error when there is none, since the event would otherwise vanish
   */
  owner(guildId: string | null): GatewaySession {
    const owns = (s: GatewaySession) =>
      s.shard[0] === (guildId ? shardIdFor(guildId, s.shard[1]) : 0);
    const session = this.#sessions.findLast((s) => s.resumable && owns(s));
    if (session) return session;

    const open = this.#sessions.filter((s) => s.resumable).map((s) => s.shard.join('/'));
    throw new Error(`fake-discord: no gateway session owns guild ${guildId}; open: [${open}]`);
  }

  /**
   * Sends (or holds) a dispatch on a session and logs it.
   *
   * @param session - the target session
   * @param t - the event name
   * @param d - the event data
   * @returns the numbered payload
   */
  dispatch(session: GatewaySession, t: string, d: unknown): DispatchPayload {
    const { payload, delivered } = session.dispatch(t, d);
    this.logDispatch(session.socket?.id ?? 0, session, payload, delivered, false);
    return payload;
  }

  /**
   * Logs a dispatch that went out, or was held, or was replayed on RESUME.
   *
   * @param connection - the socket's number, 0 when held
   * @param session - the session it belongs to
   * @param payload - the dispatch
   * @param delivered - whether a socket received it now
   * @param replayed - whether this is a replay after RESUME
   */
  logDispatch(
    connection: number,
    session: GatewaySession,
    payload: DispatchPayload,
    delivered: boolean,
    replayed: boolean,
  ): void {
    this.#events.record({
      kind: 'dispatch',
      at: Date.now(),
      connection,
      t: payload.t,
      s: payload.s,
      sessionId: session.id,
      shardId: session.shard[0],
      delivered,
      replayed,
    });
  }
}
