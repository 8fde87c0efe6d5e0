import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
} from 'discord.js';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { closeFromFake, send, type Connection } from './gateway-connection.js';
import type { GatewayEvent, NewGatewayEvent } from './gateway-events.js';
import {
  closeReason,
  connectRefusal,
  identifyRefusal,
  type IdentifyData,
  resumeVerdict,
  type ResumeData,
} from './gateway-handshake.js';
import type { GatewaySession } from './gateway-session.js';
import type { SessionRegistry } from './gateway-sessions.js';
import { hasIntent } from './intents.js';
import { guildCreatePayload, readyPayload } from './payloads.js';
import type { Recorder } from './recorder.js';
import { shardIdFor } from './snowflake.js';
import type { FakeState } from './state.js';

/** The paths the gateway answers on: the URL from /gateway/bot, and the resume URL. */
export const GATEWAY_PATHS = ['/gateway', '/gateway/resume'];

/** Ops a client may send once identified; the fake logs them and does nothing more. */
const LOGGED_OPS: number[] = [
  GatewayOpcodes.PresenceUpdate,
  GatewayOpcodes.VoiceStateUpdate,
  GatewayOpcodes.RequestGuildMembers,
  GatewayOpcodes.RequestSoundboardSounds,
];

/**
 * Discord's gateway protocol over WebSocket (JSON, no compression): HELLO, heartbeat ACKs,
 * IDENTIFY with READY and GUILD_CREATE, RESUME with replay of missed dispatches, and the
 * close codes Discord uses to refuse. Also the test controls that cut or close sockets.
 */
export class Gateway {
  readonly #state: FakeState;
  readonly #sessions: SessionRegistry;
  readonly #events: Recorder<GatewayEvent>;
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #connections = new Set<Connection>();
  #opened = 0;

  /**
   * @param state - the fake's shared state
   * @param sessions - the session registry, shared with whoever dispatches events
   * @param events - where gateway events are logged
   */
  constructor(state: FakeState, sessions: SessionRegistry, events: Recorder<GatewayEvent>) {
    this.#state = state;
    this.#sessions = sessions;
    this.#events = events;
  }

  /**
   * Takes over an HTTP upgrade request on one of {@link GATEWAY_PATHS}.
   *
   * @param request - the upgrade request
   * @param socket - its socket
   * @param head - bytes already read past the headers
   */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#open(ws, request));
  }

  /**
   * Closes live sockets as a network drop or a Discord restart would, keeping their
   * sessions so that the client can RESUME.
   *
   * @param code - the close code (4000 is Discord's unknown error); none for an abrupt drop
   * @param shardId - only this shard's socket; all by default
   * @returns how many sockets were closed
   */
  drop(code?: number, shardId?: number): number {
    const targets = this.#live(shardId);
    for (const connection of targets) {
      if (code !== undefined) {
        closeFromFake(connection, code, 'fake-discord: connection dropped');
        continue;
      }
      connection.closedByFake = true;
      connection.socket.terminate();
    }
    return targets.length;
  }

  /**
   * Closes live sockets with a fatal code such as 4004 or 4014 and ends their sessions, as
   * Discord does when it will not take the bot back.
   *
   * @param code - the close code
   * @param shardId - only this shard's socket; all by default
   */
  closeWith(code: number, shardId?: number): void {
    for (const connection of this.#live(shardId)) {
      if (connection.session) connection.session.resumable = false;
      closeFromFake(connection, code, closeReason(code));
    }
  }

  /**
   * Sends op 7 RECONNECT, which asks the client to reconnect and resume.
   *
   * @param shardId - only this shard; all by default
   */
  requestReconnect(shardId?: number): void {
    for (const connection of this.#live(shardId)) {
      send(connection, { op: GatewayOpcodes.Reconnect, d: null });
    }
  }

  /** Terminates every socket and stops accepting new ones. */
  close(): void {
    for (const connection of this.#connections) connection.socket.terminate();
    this.#server.close();
  }

  #live(shardId?: number): Connection[] {
    return [...this.#connections].filter(
      (c) => shardId === undefined || c.session?.shard[0] === shardId,
    );
  }

  #open(socket: WebSocket, request: IncomingMessage): void {
    const connection: Connection = {
      id: ++this.#opened,
      socket,
      session: null,
      closedByFake: false,
    };
    this.#connections.add(connection);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    this.#record({ kind: 'connect', connection: connection.id, path: url.pathname, query });

    socket.on('message', (data) => this.#receive(connection, data));
    socket.on('close', (code, reason) => this.#closed(connection, code, reason.toString()));
    socket.on('error', () => socket.terminate());

    const refusal = connectRefusal(query);
    if (refusal) {
      closeFromFake(connection, refusal.code, refusal.reason);
      return;
    }
    const interval = this.#state.options.heartbeatIntervalMs;
    send(connection, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: interval } });
  }

  #receive(connection: Connection, data: RawData): void {
    let payload: { op: number; d?: unknown };
    try {
      payload = JSON.parse(data.toString());
    } catch {
      closeFromFake(connection, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }

    const { op, d } = payload;
    if (op === GatewayOpcodes.Heartbeat) {
      this.#record({ kind: 'heartbeat', connection: connection.id, seq: (d as number) ?? null });
      send(connection, { op: GatewayOpcodes.HeartbeatAck });
    } else if (op === GatewayOpcodes.Identify) {
      this.#identify(connection, d as IdentifyData);
    } else if (op === GatewayOpcodes.Resume) {
      this.#resume(connection, d as ResumeData);
    } else if (!LOGGED_OPS.includes(op)) {
      closeFromFake(connection, GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    } else if (!connection.session) {
      closeFromFake(connection, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
    } else {
      this.#record({ kind: 'payload', connection: connection.id, op, d });
    }
  }

  #identify(connection: Connection, d: IdentifyData | undefined): void {
    const { options, world, urls } = this.#state;
    const shard = d?.shard ?? [0, 1];
    const refusedWith = identifyRefusal(d, options, connection.session !== null);
    const intents = d?.intents ?? 0;
    this.#record({
      kind: 'identify',
      connection: connection.id,
      shard,
      intents,
      refusedWith,
      properties: d?.properties,
    });
    if (refusedWith !== null || !d) {
      const code = refusedWith ?? GatewayCloseCodes.DecodeError;
      closeFromFake(connection, code, closeReason(code));
      return;
    }

    this.#state.sessionStartsRemaining -= 1;
    const session = this.#sessions.open(shard, intents, d.token);
    this.#attach(connection, session);

    const guilds = world.guilds.filter((g) => shardIdFor(g.id, shard[1]) === shard[0]);
    const ready = { id: session.id, shard, resumeUrl: urls.resume, guilds };
    this.#sessions.dispatch(
      session,
      GatewayDispatchEvents.Ready,
      readyPayload(world, ready, options.privilegedIntents),
    );
    // Discord sends GUILD_CREATE only with the Guilds intent; discord.js then stops waiting.
    if (!hasIntent(intents, GatewayIntentBits.Guilds)) return;
    for (const guild of guilds) {
      const data = guildCreatePayload(world, guild);
      this.#sessions.dispatch(session, GatewayDispatchEvents.GuildCreate, data);
    }
  }

  #resume(connection: Connection, d: ResumeData | undefined): void {
    const session = d ? this.#sessions.resumable(d.session_id) : undefined;
    const token = this.#state.options.token;
    const verdict = resumeVerdict(d, session, token, connection.session !== null);
    this.#record({
      kind: 'resume',
      connection: connection.id,
      sessionId: d?.session_id ?? '',
      seq: d?.seq ?? 0,
      accepted: verdict.kind === 'accept',
    });

    if (verdict.kind === 'close') {
      closeFromFake(connection, verdict.code, closeReason(verdict.code));
      return;
    }
    if (verdict.kind === 'invalid-session' || !session) {
      // op 9 with d=false: this session cannot be resumed, identify again.
      send(connection, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }

    const previous = [...this.#connections].find((c) => c !== connection && c.session === session);
    if (previous) closeFromFake(previous, GatewayCloseCodes.SessionTimedOut, 'Resumed elsewhere.');
    this.#attach(connection, session);
    for (const payload of session.missedSince(verdict.seq)) {
      send(connection, payload);
      this.#sessions.logDispatch(connection.id, session, payload, true, true);
    }
    this.#sessions.dispatch(session, GatewayDispatchEvents.Resumed, null);
  }

  #attach(connection: Connection, session: GatewaySession): void {
    connection.session = session;
    session.socket = { id: connection.id, send: (payload) => send(connection, payload) };
  }

  #closed(connection: Connection, code: number, reason: string): void {
    this.#connections.delete(connection);
    const session = connection.session;
    if (session?.socket?.id === connection.id) session.socket = null;
    // A client closing with 1000 or 1001 ends its session; Discord would refuse to resume it.
    if (session && !connection.closedByFake && (code === 1000 || code === 1001)) {
      session.resumable = false;
    }
    const initiatedBy = connection.closedByFake ? 'fake' : 'client';
    this.#record({ kind: 'close', connection: connection.id, code, reason, initiatedBy });
  }

  #record(event: NewGatewayEvent): void {
    this.#events.record({ ...event, at: Date.now() } as GatewayEvent);
  }
}
