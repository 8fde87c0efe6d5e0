/** Fields every gateway event carries. */
interface Base {
  /** When it happened, in ms since the Unix epoch. */
  at: number;
  /** Which WebSocket connection, numbered from 1 in opening order; 0 for a held dispatch. */
  connection: number;
}

/** Something that happened on the fake gateway, for tests to query and await. */
export type GatewayEvent =
  | (Base & { kind: 'connect'; path: string; query: Record<string, string> })
  | (Base & {
      kind: 'identify';
      shard: [number, number];
      intents: number;
      /** null when accepted, else the close code the fake answered with. */
      refusedWith: number | null;
      properties: unknown;
    })
  | (Base & { kind: 'resume'; sessionId: string; seq: number; accepted: boolean })
  | (Base & { kind: 'heartbeat'; seq: number | null })
  | (Base & {
      kind: 'dispatch';
      t: string;
      s: number;
      sessionId: string;
      shardId: number;
      /** false when the session had no live socket: the event waits for a RESUME. */
      delivered: boolean;
      replayed: boolean;
    })
  | (Base & { kind: 'close'; code: number; reason: string; initiatedBy: 'client' | 'fake' })
  | (Base & { kind: 'payload'; op: number; d: unknown });

/**
 * @param event - a gateway event
 * @returns one line for timeout messages
 */
export function describeGatewayEvent(event: GatewayEvent): string {
  const where = `conn ${event.connection}`;
  switch (event.kind) {
    case 'identify':
      return `${where} IDENTIFY shard ${event.shard.join('/')} refused=${event.refusedWith}`;
    case 'resume':
      return `${where} RESUME seq ${event.seq} accepted=${event.accepted}`;
    case 'dispatch':
      return `${where} DISPATCH ${event.t} s=${event.s} delivered=${event.delivered}`;
    case 'close':
      return `${where} CLOSE ${event.code} by ${event.initiatedBy}`;
    case 'payload':
      return `${where} op ${event.op}`;
    default:
      return `${where} ${event.kind}`;
  }
}

/** An event before the log stamps its time, for the code that reports it. */
export type NewGatewayEvent = GatewayEvent extends infer Event
  ? Event extends unknown
    ? Omit<Event, 'at'>
    : never
  : never;
