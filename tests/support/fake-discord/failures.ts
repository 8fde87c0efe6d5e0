import { createHash } from 'node:crypto';
import { discordError, type RouteReply } from './replies.js';

/** Which requests to break and how; see {@link FailureRules.add}. */
export interface FailureSpec {
  /**
   * The requests to break: a route pattern as recorded in `RecordedRequest.route`
   * (`/applications/:applicationId/commands`), a concrete API path as discord.js's `Routes`
   * builds it (`/gateway/bot`), or a RegExp tested against the API path.
   */
  route: string | RegExp;
  /** Only this method. @defaultValue any method */
  method?: string;
  /** 429 answers as a rate limit, anything else as a bare server error. */
  status: number;
  /** How many matching requests fail before the route works again. @defaultValue `1` */
  times?: number;
  /**
   * For 429: the wait announced in `retry-after`. Real Discord sends whole seconds in the
   * header; the fake sends the exact fraction so that tests stay fast.
   * @defaultValue `100`
   */
  retryAfterMs?: number;
  /** For 429: mark the limit as global (`x-ratelimit-global`). @defaultValue `false` */
  global?: boolean;
  /**
   * For other statuses: Discord's JSON error, e.g. `{ code: 10062, message: 'Unknown
   * interaction' }`, which discord.js turns into a `DiscordAPIError` with that code.
   * @defaultValue code 0 and a generic server error message
   */
  error?: { code: number; message: string };
}

/** A failure that is armed; `remaining` counts down as requests hit it. */
export interface FailureRule extends Required<Omit<FailureSpec, 'method' | 'error'>> {
  method: string | null;
  error: { code: number; message: string } | null;
  remaining: number;
}

/** The armed failures of one fake; each request takes the first rule that matches it. */
export class FailureRules {
  readonly #rules: FailureRule[] = [];

  /**
   * Arms a failure for the next `times` matching requests.
   *
   * @param spec - which requests and how
   * @returns the live rule, whose `remaining` a test can inspect
   */
  add(spec: FailureSpec): FailureRule {
    const times = spec.times ?? 1;
    const rule: FailureRule = {
      route: spec.route,
      method: spec.method?.toUpperCase() ?? null,
      status: spec.status,
      times,
      retryAfterMs: spec.retryAfterMs ?? 100,
      global: spec.global ?? false,
      error: spec.error ?? null,
      remaining: times,
    };
    this.#rules.push(rule);
    return rule;
  }

  /**
   * Consumes one use of the first armed rule matching a request.
   *
   * @param method - the request's method
   * @param apiPath - its path after `/api/v10`
   * @param pattern - the pattern of the route it matched
   * @returns the rule to apply, or null to serve the request normally
   */
  take(method: string, apiPath: string, pattern: string): FailureRule | null {
    const rule = this.#rules.find((r) => r.remaining > 0 && matches(r, method, apiPath, pattern));
    if (!rule) return null;

    rule.remaining -= 1;
    return rule;
  }

  /** Disarms every rule. */
  clear(): void {
    this.#rules.length = 0;
  }
}

/**
 * @param rule - the failure being applied
 * @returns the reply Discord would send: a rate limit with its headers, or an error
 */
export function failureReply(rule: FailureRule): RouteReply {
  if (rule.status !== 429) {
    const { code, message } = rule.error ?? {
      code: 0,
      message: `${rule.status}: Fake server error`,
    };
    return discordError(rule.status, code, message);
  }

  const seconds = rule.retryAfterMs / 1_000;
  const headers: Record<string, string> = {
    'retry-after': String(seconds),
    'x-ratelimit-scope': rule.global ? 'global' : 'user',
  };
  if (rule.global) {
    headers['x-ratelimit-global'] = 'true';
  } else {
    headers['x-ratelimit-limit'] = '5';
    headers['x-ratelimit-remaining'] = '0';
    headers['x-ratelimit-reset'] = String((Date.now() + rule.retryAfterMs) / 1_000);
    headers['x-ratelimit-reset-after'] = String(seconds);
    headers['x-ratelimit-bucket'] = bucketHash(rule.route);
  }
  const body = {
    message: 'You are being rate limited.',
    retry_after: seconds,
    global: rule.global,
  };
  return { status: 429, body: { ...body, code: 0 }, headers };
}

function matches(rule: FailureRule, method: string, apiPath: string, pattern: string): boolean {
  if (rule.method && rule.method !== method) return false;
  if (rule.route instanceof RegExp) return rule.route.test(apiPath);
  return rule.route === apiPath || rule.route === pattern;
}

/** Discord's bucket ids are opaque hashes; one per rule keeps unrelated routes apart. */
function bucketHash(route: string | RegExp): string {
  return createHash('sha1').update(String(route)).digest('hex').slice(0, 32);
}
