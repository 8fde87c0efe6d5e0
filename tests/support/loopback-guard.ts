import diagnosticsChannel from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/** An outgoing TCP connection attempt seen by the guard. */
export interface ConnectionAttempt {
  address: string;
  port: number;
  at: number;
}

/** A running guard; dispose it when the test file ends. */
export interface LoopbackGuard {
  /** Every outgoing attempt since the guard started. */
  readonly attempts: readonly ConnectionAttempt[];
  /** Attempts aimed anywhere but 127.0.0.1; a test asserts this stays empty. */
  readonly violations: readonly ConnectionAttempt[];
  dispose: () => void;
}

/** Node publishes every client socket it creates (net.connect, http, undici, ws) here. */
const CLIENT_SOCKET_CHANNEL = 'net.client.socket';

/**
 * Watches every outgoing TCP connection of this process and refuses any that is not aimed at
 * 127.0.0.1, as a second line behind pointing discord.js at the fake. It throws from the
 * socket's `connectionAttempt` event, which Node emits just before the connect call, so a
 * stray connection fails loudly instead of leaving the machine. It cannot stop the DNS
 * lookup that precedes a connection to a host name.
 *
 * @returns the guard, with its log of attempts and violations
 */
export function guardLoopback(): LoopbackGuard {
  const attempts: ConnectionAttempt[] = [];
  const violations: ConnectionAttempt[] = [];

  const onSocket = (message: unknown) => {
    const { socket } = message as { socket: Socket };
    socket.on('connectionAttempt', (address: string, port: number) => {
      const attempt = { address, port, at: Date.now() };
      attempts.push(attempt);
      if (address === '127.0.0.1') return;

      violations.push(attempt);
      throw new Error(`loopback guard: refused a connection to ${address}:${port}`);
    });
  };

  diagnosticsChannel.subscribe(CLIENT_SOCKET_CHANNEL, onSocket);
  return {
    attempts,
    violations,
    dispose: () => diagnosticsChannel.unsubscribe(CLIENT_SOCKET_CHANNEL, onSocket),
  };
}
