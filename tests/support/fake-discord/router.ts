import type { RecordedFile } from './request-body.js';
import type { RouteReply } from './replies.js';

/**
 * How a route is authenticated: `bot` needs `Authorization: Bot <token>`; `url-token` routes
 * (interaction callbacks, interaction webhooks) carry their credential in the path, and
 * discord.js sends them without the header; `none` is for the fake CDN.
 */
export type RouteAuth = 'bot' | 'url-token' | 'none';

/** What a route handler receives. */
export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: RecordedFile[];
}

/** One REST endpoint. */
export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with `:name` segments, e.g. `/interactions/:interactionId/:token/callback`. */
  pattern: string;
  auth: RouteAuth;
  handle: (request: RouteRequest) => RouteReply | Promise<RouteReply>;
}

/** The outcome of looking a request up. */
export type RouteMatch =
  | { kind: 'found'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'unknown' };

/** Matches a method and path against a fixed table of routes. */
export class Router {
  readonly #routes: RouteDefinition[];

  /** @param routes - the table, searched in order */
  constructor(routes: RouteDefinition[]) {
    this.#routes = routes;
  }

  /**
   * @param method - the HTTP method
   * @param path - the path relative to the router's base
   * @returns the route and its parameters, or why none matched
   */
  match(method: string, path: string): RouteMatch {
    let pathKnown = false;
    for (const route of this.#routes) {
      const params = matchPattern(route.pattern, path);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', route, params };
      pathKnown = true;
    }
    return pathKnown ? { kind: 'wrong-method' } : { kind: 'unknown' };
  }
}

function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return null;

  const params: Record<string, string> = {};
  for (const [i, segment] of expected.entries()) {
    const value = actual[i];
    if (segment.startsWith(':') && value !== '')
      params[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return null;
  }
  return params;
}
