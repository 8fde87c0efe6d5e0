import { GatewayCloseCodes } from 'discord.js';
import { intentsRefusal } from './intents.js';

/** The `d` of an IDENTIFY (op 2), as far as the fake reads it. */
export interface IdentifyData {
  token: string;
  intents: number;
  shard?: [number, number];
  compress?: boolean;
  properties?: unknown;
}

/** The `d` of a RESUME (op 6). */
export interface ResumeData {
  token: string;
  session_id: string;
  seq: number;
}

/** A close code with the reason text sent alongside it. */
export interface CloseFrame {
  code: number;
  reason: string;
}

/**
 * Checks the query of a gateway URL. The fake speaks API v10 JSON without compression and says
 * so when asked for more, instead of sending frames the client cannot read.
 *
 * @param query - the connection URL's query parameters
 * @returns the close to answer with, or null to send HELLO
 */
export function connectRefusal(query: Record<string, string>): CloseFrame | null {
  if (query.v !== '10')
    return { code: GatewayCloseCodes.InvalidAPIVersion, reason: 'Invalid API version.' };
  if (query.encoding !== 'json') {
    return {
      code: GatewayCloseCodes.DecodeError,
      reason: 'fake-discord speaks encoding=json only',
    };
  }
  if (query.compress) {
    return { code: GatewayCloseCodes.DecodeError, reason: 'fake-discord supports no compression' };
  }
  return null;
}

/**
 * Decides whether Discord would accept an IDENTIFY.
 *
 * @param d - the IDENTIFY data
 * @param expected - the configured token and the privileged intents the application enabled
 * @param alreadyIdentified - whether this socket already holds a session
 * @returns the close code to answer with, or null to accept
 */
export function identifyRefusal(
  d: IdentifyData | undefined,
  expected: { token: string; privilegedIntents: bigint },
  alreadyIdentified: boolean,
): number | null {
  if (alreadyIdentified) return GatewayCloseCodes.AlreadyAuthenticated;
  if (d?.token !== expected.token) return GatewayCloseCodes.AuthenticationFailed;
  if (d.compress) return GatewayCloseCodes.DecodeError;

  const [shardId, shardCount] = d.shard ?? [0, 1];
  const shardValid =
    Number.isInteger(shardId) && shardCount >= 1 && shardId >= 0 && shardId < shardCount;
  if (!shardValid) return GatewayCloseCodes.InvalidShard;

  return intentsRefusal(d.intents, expected.privilegedIntents);
}

/** What the gateway does with a RESUME. */
export type ResumeVerdict =
  { kind: 'accept'; seq: number } | { kind: 'invalid-session' } | { kind: 'close'; code: number };

/**
 * Decides what Discord would do with a RESUME.
 *
 * @param d - the RESUME data
 * @param session - the session it names, if it exists and is still resumable
 * @param token - the token the fake accepts now
 * @param alreadyIdentified - whether this socket already holds a session
 * @returns accept (replaying after `seq`), op 9 invalid session, or a close
 */
export function resumeVerdict(
  d: ResumeData | undefined,
  session: { seq: number } | undefined,
  token: string,
  alreadyIdentified: boolean,
): ResumeVerdict {
  if (d?.token !== token) return { kind: 'close', code: GatewayCloseCodes.AuthenticationFailed };
  if (alreadyIdentified) return { kind: 'close', code: GatewayCloseCodes.AlreadyAuthenticated };
  if (!session) return { kind: 'invalid-session' };
  if (!Number.isInteger(d.seq) || d.seq > session.seq) {
    return { kind: 'close', code: GatewayCloseCodes.InvalidSeq };
  }
  return { kind: 'accept', seq: d.seq };
}

/**
 * @param code - a gateway close code
 * @returns a readable reason, e.g. `Authentication Failed` for 4004
 */
export function closeReason(code: number): string {
  return GatewayCloseCodes[code]?.replace(/([a-z])([A-Z])/g, '$1 $2') ?? 'Closed.';
}
