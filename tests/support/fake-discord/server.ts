import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** What the HTTP server hands off. */
export interface ServerHandlers {
  request: (request: IncomingMessage, response: ServerResponse) => void;
  /** Called for WebSocket upgrades on a gateway path. */
  upgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  isGatewayPath: (pathname: string) => boolean;
}

/** A listening server and how to stop it. */
export interface LoopbackServer {
  port: number;
  close: () => Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 at a port the OS picks, so parallel test files never
 * collide and nothing listens beyond the machine.
 *
 * @param handlers - REST and gateway entry points
 * @returns the port and a close function that also drops keep-alive sockets
 */
export async function listenOnLoopback(handlers: ServerHandlers): Promise<LoopbackServer> {
  const server: Server = createServer(handlers.request);
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (handlers.isGatewayPath(pathname)) {
      handlers.upgrade(request, socket, head);
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('fake-discord: the server has no TCP address');
  }

  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // discord.js keeps REST sockets alive; without this, close() would wait for them.
      server.closeAllConnections();
    });
  return { port: address.port, close };
}
