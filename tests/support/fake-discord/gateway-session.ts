import { randomBytes } from 'node:crypto';
import { GatewayOpcodes } from 'discord.js';

/** A dispatch as sent on the wire: op 0 with event name, sequence number and data. */
export interface DispatchPayload {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

/** Where a session's payloads go while a socket is attached. */
export interface SessionSocket {
  /** Numbers the connection in gateway events. */
  id: number;
  send: (payload: DispatchPayload) => void;
}

/**
 * One gateway session: what IDENTIFY starts and RESUME continues. It outlives its socket so
 * that events sent while the bot is disconnected can be replayed in order on RESUME.
 */
export class GatewaySession {
  readonly id = randomBytes(16).toString('hex');
  readonly shard: [number, number];
  readonly intents: number;
  readonly token: string;
  /** False once Discord would refuse to resume it (client closed with 1000, or closeWith). */
  resumable = true;
  socket: SessionSocket | null = null;
  readonly #log: DispatchPayload[] = [];

  /**
   * @param shard - the `[shard_id, num_shards]` pair of the IDENTIFY
   * @param intents - the intents of the IDENTIFY
   * @param token - the token that opened it; a RESUME must bring the same
   */
  constructor(shard: [number, number], intents: number, token: string) {
    this.shard = shard;
    this.intents = intents;
    this.token = token;
  }

  /** The sequence number of the last dispatch, 0 before READY. */
  get seq(): number {
    return this.#log.length;
  }

  /**
   * Numbers and logs a dispatch, and sends it if a socket is attached.
   *
   * @param t - the event name, e.g. `INTERACTION_CREATE`
   * @param d - the event data
   * @returns the payload and whether it went out now
   */
  dispatch(t: string, d: unknown): { payload: DispatchPayload; delivered: boolean } {
    const payload: DispatchPayload = { op: GatewayOpcodes.Dispatch, t, s: this.seq + 1, d };
    this.#log.push(payload);
    this.socket?.send(payload);
    return { payload, delivered: this.socket !== null };
  }

  /**
   * @param seq - the last sequence number the client saw
   * @returns the dispatches it missed, oldest first
   */
  missedSince(seq: number): DispatchPayload[] {
    return this.#log.slice(seq);
  }
}
