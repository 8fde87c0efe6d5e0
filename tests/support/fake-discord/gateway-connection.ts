import type { WebSocket } from 'ws';
import type { GatewaySession } from './gateway-session.js';

/** One WebSocket the bot opened to the fake gateway. */
export interface Connection {
  /** Numbered from 1 in opening order; gateway events refer to it. */
  id: number;
  socket: WebSocket;
  /** The session it identified or resumed, null before that. */
  session: GatewaySession | null;
  /** True once the fake started closing it, to tell client closes from fake ones. */
  closedByFake: boolean;
}

/**
 * Sends a gateway payload if the socket is still open; Discord's frames always carry `s` and
 * `t`, null outside dispatches.
 *
 * @param connection - the target
 * @param payload - `{ op, d }`, or a full dispatch
 */
export function send(connection: Connection, payload: { op: number; d?: unknown }): void {
  if (connection.socket.readyState !== connection.socket.OPEN) return;
  connection.socket.send(JSON.stringify({ s: null, t: null, ...payload }));
}

/**
 * Closes a socket from the fake's side with a close frame.
 *
 * @param connection - the target
 * @param code - the close code
 * @param reason - the close reason
 */
export function closeFromFake(connection: Connection, code: number, reason: string): void {
  connection.closedByFake = true;
  connection.socket.close(code, reason);
}
