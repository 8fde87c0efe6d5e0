import type { IncomingHttpHeaders } from 'node:http';
import type { RecordedFile } from './request-body.js';

/** One HTTP request the fake received, with what it answered. */
export interface RecordedRequest {
  /** Position in the log, from 0; requests are logged when answered, not when they arrive. */
  index: number;
  /** When it arrived, in ms since the Unix epoch. */
  at: number;
  method: string;
  /** The raw pathname, e.g. `/api/v10/gateway/bot`. */
  path: string;
  /**
   * The path after `/api/v10`, comparable with discord.js's `Routes` (`Routes.gatewayBot()` is
   * `/gateway/bot`); null outside the API (the fake CDN) or under another API version.
   */
  apiPath: string | null;
  /** The matched route pattern, e.g. `/interactions/:interactionId/:token/callback`; null if unknown. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Whether `Authorization` held `Bot <configured token>`. */
  authorized: boolean;
  /** The JSON body, or the parsed `payload_json` of a multipart body. */
  body: unknown;
  files: RecordedFile[];
  multipart: boolean;
  status: number;
  responseBody: unknown;
  /** Set when an armed failure answered instead of the route. */
  injectedFailure: number | null;
  /** Set when the route handler threw: a bug in the fake, answered with 500. */
  handlerError: string | null;
}

/**
 * @param request - a recorded request
 * @returns one line for timeout messages, e.g. `#3 POST /interactions/1/t/callback -> 204`
 */
export function describeRequest(request: RecordedRequest): string {
  const failure = request.injectedFailure ? ' (injected)' : '';
  const path = request.apiPath ?? request.path;
  return `#${request.index} ${request.method} ${path} -> ${request.status}${failure}`;
}
