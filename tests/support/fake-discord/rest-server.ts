import type { IncomingMessage, ServerResponse } from 'node:http';
import { failureReply, type FailureRules } from './failures.js';
import type { RecordedRequest } from './recorded-request.js';
import type { Recorder } from './recorder.js';
import { errors, type RouteReply } from './replies.js';
import { MalformedBodyError, parseBody, readRawBody, type ParsedBody } from './request-body.js';
import type { RouteMatch, Router } from './router.js';

/** The API prefix discord.js builds from `rest.api` and `rest.version`. */
const API_PREFIX = '/api/v10';

/** Everything the REST endpoint needs. */
export interface RestServerParts {
  /** The token requests must carry; a function because a test may rotate it. */
  token: () => string;
  /** Routes under `/api/v10`. */
  api: Router;
  /** Routes outside the API (the fake CDN). */
  cdn: Router;
  failures: FailureRules;
  requests: Recorder<RecordedRequest>;
}

type Draft = Omit<
  RecordedRequest,
  'index' | 'status' | 'responseBody' | 'injectedFailure' | 'handlerError'
>;

/**
 * Serves Discord's REST API: authenticates, applies armed failures, runs the route and records
 * the exchange. Every request is recorded, unknown and refused ones included, so a test can
 * see what the bot tried.
 */
export class RestServer {
  readonly #parts: RestServerParts;

  /** @param parts - routers, token, failures and the log */
  constructor(parts: RestServerParts) {
    this.#parts = parts;
  }

  /**
   * Answers one HTTP request; never rejects.
   *
   * @param request - the incoming request
   * @param response - where to answer
   */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      await this.#handle(request, response);
    } catch {
      // Only an aborted upload gets here (the body could not be read); nobody awaits an answer.
      response.destroy();
    }
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const apiPath = url.pathname.startsWith(`${API_PREFIX}/`)
      ? url.pathname.slice(API_PREFIX.length)
      : null;
    const match =
      apiPath === null
        ? this.#parts.cdn.match(request.method ?? 'GET', url.pathname)
        : this.#parts.api.match(request.method ?? 'GET', apiPath);

    const draft: Draft = {
      at: Date.now(),
      method: request.method ?? 'GET',
      path: url.pathname,
      apiPath,
      route: match.kind === 'found' ? match.route.pattern : null,
      params: match.kind === 'found' ? match.params : {},
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      authorized: request.headers.authorization === `Bot ${this.#parts.token()}`,
      body: undefined,
      files: [],
      multipart: false,
    };

    const outcome = await this.#answer(request, url, match, draft);
    this.#parts.requests.record({
      ...draft,
      // Taken at recording time: concurrent requests may finish out of arrival order.
      index: this.#parts.requests.size,
      status: outcome.reply.status,
      responseBody: outcome.reply.body,
      injectedFailure: outcome.injected ? outcome.reply.status : null,
      handlerError: outcome.handlerError,
    });
    send(response, outcome.reply);
  }

  async #answer(request: IncomingMessage, url: URL, match: RouteMatch, draft: Draft) {
    const outcome = (reply: RouteReply, injected = false, handlerError: string | null = null) => ({
      reply,
      injected,
      handlerError,
    });

    let parsed: ParsedBody;
    try {
      parsed = await parseBody(await readRawBody(request), request.headers['content-type']);
    } catch (error) {
      if (error instanceof MalformedBodyError) return outcome(errors.invalidJson());
      throw error;
    }
    Object.assign(draft, parsed);

    if (match.kind === 'unknown') return outcome(errors.notFound());
    if (match.kind === 'wrong-method') return outcome(errors.methodNotAllowed());
    if (match.route.auth === 'bot' && !draft.authorized) return outcome(errors.unauthorized());

    const failure = this.#parts.failures.take(
      draft.method,
      draft.apiPath ?? draft.path,
      match.route.pattern,
    );
    if (failure) return outcome(failureReply(failure), true);

    try {
      const route = { params: match.params, query: url.searchParams, ...parsed };
      return outcome(await match.route.handle(route));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return outcome(
        { status: 500, body: { message: `fake-discord bug: ${message}`, code: 0 } },
        false,
        message,
      );
    }
  }
}

function send(response: ServerResponse, reply: RouteReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  if (Buffer.isBuffer(reply.body)) {
    response.writeHead(reply.status, headers).end(reply.body);
    return;
  }
  headers['content-type'] = 'application/json';
  response.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
}
