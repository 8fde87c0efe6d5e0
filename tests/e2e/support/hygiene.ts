import {
  describeRequest,
  type RecordedRequest,
} from '../../support/fake-discord/recorded-request.js';
import type { FakeDiscord } from '../../support/fake-discord/index.js';
import type { LogLine } from './bot-log.js';
import type { ChildScript } from './bot-process.js';

/**
 * Requests Discord would not have served as the bot wanted: a route the fake does not know
 * (it would be a 404), any error status, a bot route without the bot token, or a fake bug.
 * Failures a test armed with `fake.failNext` are expected and left out.
 * @param fake - the fake the bot talked to
 * @returns one line per such request; empty when all is well
 */
export function troubledRequests(fake: FakeDiscord): string[] {
  const troubled = (r: RecordedRequest) =>
    r.injectedFailure === null &&
    (r.route === null || r.status >= 400 || r.handlerError !== null || r.apiPath === null);
  return fake.requests
    .filter(troubled)
    .map((r) => `${describeRequest(r)} ${JSON.stringify(r.responseBody)}`);
}

/**
 * What the loopback guard preloaded into each process (child-guard.ts) reported.
 * @param scripts - the bot and deploy processes
 * @returns the processes where the guard did not report as armed, and every refused connection
 */
export function guardFindings(scripts: readonly ChildScript[]): {
  unguarded: number[];
  refused: string[];
} {
  const reports = (s: ChildScript) => s.log.filter((l) => l.json?.e2eGuard === true);
  const armed = (s: ChildScript) => reports(s).some((l) => l.json?.armed === true);
  const refusal = (l: LogLine) => l.json?.violation !== undefined || Number(l.json?.violations) > 0;
  return {
    unguarded: scripts.filter((s) => !armed(s)).map((s) => s.pid ?? -1),
    refused: scripts.flatMap((s) =>
      reports(s)
        .filter(refusal)
        .map((l) => l.text),
    ),
  };
}

/**
 * @param scripts - the bot and deploy processes
 * @param token - the bot token
 * @returns the lines of any process output that show the token or its secret part
 */
export function tokenSightings(scripts: readonly ChildScript[], token: string): string[] {
  const secret = token.slice(token.indexOf('.') + 1);
  const shows = (text: string) => text.includes(token) || text.includes(secret);
  return scripts.flatMap((s) => {
    if (!shows(s.log.raw)) return [];
    const lines = s.log.lines().filter((l) => shows(l.text));
    return lines.length > 0 ? lines.map((l) => l.text) : ['(in output that is not a whole line)'];
  });
}

/** Everything a session's processes did that they should not have; all empty when clean. */
export interface HygieneReport {
  /** Requests Discord would have refused or does not have (see {@link troubledRequests}). */
  troubled: string[];
  /** Processes where the loopback guard did not arm. */
  unguarded: number[];
  /** Connections the guard refused: aimed anywhere but 127.0.0.1. */
  refused: string[];
  /** Output lines that show the bot token. */
  tokens: string[];
  /** Log lines at error level or above. */
  errors: string[];
}

/**
 * @param session - a fake and the processes that talked to it
 * @returns what went wrong, by kind
 */
export function hygieneReport(session: {
  fake: FakeDiscord;
  scripts: readonly ChildScript[];
}): HygieneReport {
  const { unguarded, refused } = guardFindings(session.scripts);
  return {
    troubled: troubledRequests(session.fake),
    unguarded,
    refused,
    tokens: tokenSightings(session.scripts, session.fake.token),
    errors: session.scripts.flatMap((script) =>
      script.log.filter((l) => (l.json?.level ?? 0) >= 50).map((l) => l.text),
    ),
  };
}

/** A report with nothing in it, to compare with. */
export const CLEAN: HygieneReport = {
  troubled: [],
  unguarded: [],
  refused: [],
  tokens: [],
  errors: [],
};
