import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_TOKEN,
  type CommandInput,
  type FakeDiscord,
  type GatewayEvent,
  type RecordedRequest,
} from '../support/fake-discord/index.js';
import type { LogLine } from './support/bot-log.js';
import { CLEAN, hygieneReport, tokenSightings } from './support/hygiene.js';
import { ANSWER, HEAT, MATRIX } from './support/movies.js';
import { embedOf, listedMovies, storedLikes } from './support/replies.js';
import { startSession, type E2eSession } from './support/session.js';
import { stackTraces } from './support/stack-traces.js';
import { startBotWithStaleToken } from './support/stale-token.js';

// discord.js 14.28 (@discordjs/ws 1.2.3) decides what to do when the gateway socket closes:
// it resumes the session on 1001, 4000, 4001, 4002, 4009, an abrupt drop (1006) and op 7, and
// forgets the session and identifies again on 1000, 4003, 4005, 4007 and 4008. On 4004 and
// 4010 to 4014 it gives up. These tests hold the bot to exactly that.

const LOST = 'Lost the connection to Discord; reconnecting';
const RESUMED = 'Connection to Discord resumed';
const NEW_SESSION = 'Connected to Discord again with a new session';
const GIVE_UP = /^Discord closed the connection for good: /;
const CALLBACK = '/interactions/:interactionId/:token/callback';
/** Generous: reconnecting waits 0.5 s, and a second IDENTIFY within 5 s waits up to 6.5 s more. */
const RECONNECT_MS = 30_000;
const EXIT_MS = 30_000;

/** MovieLens 1M ids 1 to 12 as movies.dat names them: one new like after each reconnect. */
const FIRST_MOVIES = [
  'Toy Story (1995)',
  'Jumanji (1995)',
  'Grumpier Old Men (1995)',
  'Waiting to Exhale (1995)',
  'Father of the Bride Part II (1995)',
  'Heat (1995)',
  'Sabrina (1995)',
  'Tom and Huck (1995)',
  'Sudden Death (1995)',
  'GoldenEye (1995)',
  'American President, The (1995)',
  'Dracula: Dead and Loving It (1995)',
].map((title, index) => ({ id: index + 1, title }));

/** How the bot gets its session back, as the fake saw it. */
type Recovery = 'resume' | 'identify' | 'resume refused, then identify';

interface RecoverableClose {
  what: string;
  /** Makes the fake end the socket. */
  close: (fake: FakeDiscord) => void;
  /** The close frame the fake recorded: its code and who sent it. */
  frame: { code: number; initiatedBy: 'fake' | 'client' };
  recovery: Recovery;
}

const drop = (code?: number) => (fake: FakeDiscord) => void fake.dropConnection(code);
/** Closes the socket and ends its session, as Discord does for an invalid seq or a timeout. */
const end = (code: number) => (fake: FakeDiscord) => fake.closeWith(code);
const byFake = (code: number) => ({ code, initiatedBy: 'fake' as const });

// Resumes and identifies alternate, so that discord.js's 5 s identify spacing costs little.
const RECOVERABLE: RecoverableClose[] = [
  { what: '1000 (normal closure)', close: drop(1000), frame: byFake(1000), recovery: 'identify' },
  { what: '1001 (going away)', close: drop(1001), frame: byFake(1001), recovery: 'resume' },
  {
    what: '4003 (not authenticated)',
    close: drop(4003),
    frame: byFake(4003),
    recovery: 'identify',
  },
  { what: '4000 (unknown error)', close: drop(4000), frame: byFake(4000), recovery: 'resume' },
  {
    what: '4005 (already authenticated)',
    close: drop(4005),
    frame: byFake(4005),
    recovery: 'identify',
  },
  { what: '4001 (unknown opcode)', close: drop(4001), frame: byFake(4001), recovery: 'resume' },
  {
    what: '4007 (invalid seq), ending the session',
    close: end(4007),
    frame: byFake(4007),
    recovery: 'identify',
  },
  { what: '4002 (decode error)', close: drop(4002), frame: byFake(4002), recovery: 'resume' },
  { what: '4008 (rate limited)', close: drop(4008), frame: byFake(4008), recovery: 'identify' },
  { what: 'an abrupt TCP drop', close: drop(), frame: byFake(1006), recovery: 'resume' },
  {
    what: '4009 (session timed out), ending the session',
    close: end(4009),
    frame: byFake(4009),
    recovery: 'resume refused, then identify',
  },
  {
    what: 'op 7 RECONNECT',
    close: (fake) => fake.requestReconnect(),
    frame: { code: 4200, initiatedBy: 'client' },
    recovery: 'resume',
  },
];

/** The handshakes the expected recovery consists of, as {@link handshakes} lists them. */
const HANDSHAKES: Record<Recovery, string[]> = {
  resume: ['RESUME accepted'],
  identify: ['IDENTIFY accepted'],
  'resume refused, then identify': ['RESUME refused', 'IDENTIFY accepted'],
};

/**
 * @param events - gateway events
 * @returns each RESUME and IDENTIFY the bot sent, and whether the fake accepted it
 */
function handshakes(events: readonly GatewayEvent[]): string[] {
  return events.flatMap((e) => {
    if (e.kind === 'resume') return [`RESUME ${e.accepted ? 'accepted' : 'refused'}`];
    if (e.kind === 'identify')
      return [`IDENTIFY ${e.refusedWith === null ? 'accepted' : 'refused'}`];
    return [];
  });
}

/**
 * @param lines - log lines
 * @returns the messages of the lines at warning level or above, with their level
 */
function warnings(lines: readonly LogLine[]): [number, string][] {
  return lines
    .filter((l) => (l.json?.level ?? 0) >= 40)
    .map((l) => [l.json?.level ?? 0, String(l.json?.msg)]);
}

describe('the bot when Discord closes its gateway socket in a way it can recover from', () => {
  let s: E2eSession;
  let server: string;
  let alice: string;

  beforeAll(async () => {
    s = await startSession();
    server = s.fake.guilds[0].id;
    alice = s.fake.users[0].id;
  });

  afterAll(async () => {
    if (s) expect(await s.close()).toEqual([]);
  });

  const cases = RECOVERABLE.map(
    (c, i) =>
      [
        `after ${c.what}: ${c.recovery} as discord.js does`,
        { ...c, movie: FIRST_MOVIES[i], likes: i + 1 },
      ] as const,
  );
  it.each(cases)(
    '%s, warns once per lost connection, and answers the next command',
    async (_, { close, frame, recovery, movie, likes }) => {
      const eventsFrom = s.fake.gatewayEvents.size;
      const logFrom = s.bot.log.size;
      const before = s.fake.sessions.at(-1);

      close(s.fake);

      const back = recovery === 'resume' ? RESUMED : NEW_SESSION;
      await s.bot.log.waitFor(back, RECONNECT_MS, logFrom);
      const events = s.fake.gatewayEvents.all().slice(eventsFrom);
      expect(events.find((e) => e.kind === 'close')).toMatchObject(frame);
      expect(handshakes(events)).toEqual(HANDSHAKES[recovery]);
      const resume = events.find((e) => e.kind === 'resume');
      if (resume) expect(resume).toMatchObject({ sessionId: before?.id });
      if (recovery !== 'resume') expect(s.fake.sessions.at(-1)).not.toBe(before);

      const answer = await s.fake
        .sendCommand({
          guildId: server,
          userId: alice,
          name: 'like',
          options: { title: String(movie.id) },
        })
        .final(ANSWER);
      expect(embedOf(answer)).toMatchObject({
        title: `Liked ${movie.title}`,
        description: `You like ${likes} movie${likes === 1 ? '' : 's'} now.`,
      });

      // One warning per connection lost: a refused RESUME costs a second one.
      const attempts = HANDSHAKES[recovery].length;
      expect(warnings(s.bot.log.lines().slice(logFrom))).toEqual(
        Array.from({ length: attempts }, () => [40, LOST]),
      );
      expect(s.bot.exit).toBeNull();
    },
  );

  it('talked to nothing but the fake: no refused request, no error, no token in its output', () => {
    expect(hygieneReport(s)).toEqual(CLEAN);
    expect(stackTraces(s.bot)).toEqual([]);
  });
});

describe('the bot when Discord’s API fails its answers, and when a retrain fails', () => {
  let s: E2eSession;
  let server: string;
  let alice: string;

  beforeAll(async () => {
    s = await startSession();
    server = s.fake.guilds[0].id;
    alice = s.fake.users[0].id;
  });

  afterAll(async () => {
    if (s) expect(await s.close()).toEqual([]);
  });

  const send = (input: Omit<CommandInput, 'guildId' | 'userId'>) =>
    s.fake.sendCommand({ guildId: server, userId: alice, ...input });
  const like = (id: number) => send({ name: 'like', options: { title: String(id) } });
  /** The statuses the fake answered to each callback of one interaction, in order. */
  const callbacks = (requests: RecordedRequest[]) =>
    requests.filter((r) => r.route === CALLBACK).map((r) => r.status);
  const failed = (line: LogLine) => line.json?.msg === 'An interaction failed';

  it('waits out a per-route 429 on the answer, and the member gets it', async () => {
    const rule = s.fake.failNext({ route: CALLBACK, status: 429, retryAfterMs: 300, times: 2 });
    const handle = like(MATRIX.id);

    expect(embedOf(await handle.final(ANSWER)).title).toBe(`Liked ${MATRIX.title}`);
    expect(callbacks(handle.requests())).toEqual([429, 429, 204]);
    expect(rule.remaining).toBe(0);
  });

  it('waits out a global 429 on the answer, and the member gets it', async () => {
    const rule = s.fake.failNext({ route: CALLBACK, status: 429, retryAfterMs: 300, global: true });
    const handle = like(HEAT.id);

    expect(embedOf(await handle.final(ANSWER)).title).toBe(`Liked ${HEAT.title}`);
    expect(callbacks(handle.requests())).toEqual([429, 204]);
    expect(rule.remaining).toBe(0);
  });

  it('retries an answer through 500, 502 and 503, and the member gets it', async () => {
    for (const status of [500, 502, 503]) s.fake.failNext({ route: CALLBACK, status });
    const handle = like(FIRST_MOVIES[0].id);

    expect(embedOf(await handle.final(ANSWER)).title).toBe(`Liked ${FIRST_MOVIES[0].title}`);
    expect(callbacks(handle.requests())).toEqual([500, 502, 503, 204]);
  });

  it('gives up on an answer after 3 retries of a 500, logs it with its context, and goes on', async () => {
    const logFrom = s.bot.log.size;
    const rule = s.fake.failNext({ route: CALLBACK, status: 500, times: 5 });
    const handle = like(FIRST_MOVIES[1].id);

    const line = await s.bot.log.waitFor(failed, ANSWER.timeoutMs, logFrom);
    expect(line.json).toMatchObject({
      level: 50,
      server,
      command: 'like',
      err: { status: 500 },
    });
    expect(callbacks(handle.requests())).toEqual([500, 500, 500, 500]);
    expect(rule.remaining).toBe(1);
    expect(line.text).not.toContain(handle.payload.token);
    expect(line.json?.err).toMatchObject({ url: expect.stringContaining('/[hidden]/callback') });
    s.fake.clearFailures();

    const next = await send({ name: 'likes' }).final(ANSWER);
    expect(embedOf(next).title).toBe('Your likes');
    expect(s.bot.exit).toBeNull();
  });

  it('does not retry an answer Discord calls an unknown interaction, logs it, and goes on', async () => {
    const logFrom = s.bot.log.size;
    const error = { code: 10062, message: 'Unknown interaction' };
    s.fake.failNext({ route: CALLBACK, status: 404, error });
    const handle = like(FIRST_MOVIES[2].id);

    const line = await s.bot.log.waitFor(failed, ANSWER.timeoutMs, logFrom);
    expect(line.json).toMatchObject({
      level: 50,
      server,
      command: 'like',
      err: { status: 404, code: 10062 },
    });
    expect(callbacks(handle.requests())).toEqual([404]);
    expect(line.text).not.toContain(handle.payload.token);

    const next = await send({ name: 'likes' }).final(ANSWER);
    expect(s.bot.exit).toBeNull();
    // Each like was saved before its answer went out, so none is lost, answered or not.
    const kept = [MATRIX, HEAT, ...FIRST_MOVIES.slice(0, 3)];
    expect(listedMovies(embedOf(next)).map((m) => m.title)).toEqual(kept.map((m) => m.title));
    expect(await storedLikes(s.folders.dataDir, server)).toEqual({
      [alice]: kept.map((m) => m.id),
    });
  });

  it('keeps serving the old model when a retrain cannot save the new one, and says why', async () => {
    const recommend = async () =>
      listedMovies(embedOf(await send({ name: 'recommend' }).final(ANSWER)));
    const before = await recommend();
    const modelJson = join(s.folders.modelDir, 'model.json');
    const savedModel = await readFile(modelJson, 'utf8');
    const logFrom = s.bot.log.size;

    // The model folder's parent disappears and a file takes its place: the new model cannot
    // be written beside the old one. The folder comes back once the retrain has ended.
    const aside = `${s.folders.dataDir}.aside`;
    await rename(s.folders.dataDir, aside);
    let outcome: LogLine;
    try {
      await writeFile(s.folders.dataDir, 'not a folder');
      const started = await send({ name: 'retrain' }).final(ANSWER);
      expect(embedOf(started).title).toBe('Retraining started');
      const ended = /^Retrain(ed: the new model is serving| failed| rejected)/;
      outcome = await s.bot.log.waitFor((l) => ended.test(l.json?.msg ?? ''), 120_000, logFrom);
    } finally {
      await rm(s.folders.dataDir, { force: true });
      await rename(aside, s.folders.dataDir);
    }

    expect(outcome.json).toMatchObject({
      level: 40,
      msg: 'Retrain failed; the current model keeps serving',
      reason: expect.stringMatching(/ENOTDIR/),
    });
    expect(String(outcome.json?.reason)).toContain(s.folders.dataDir);
    expect(await recommend()).toEqual(before);
    expect(await readFile(modelJson, 'utf8')).toBe(savedModel);
    expect(s.bot.exit).toBeNull();
  }, 150_000);

  it('logged only the failures above, talked to nothing but the fake, and hid its token', () => {
    const report = hygieneReport(s);
    expect({ ...report, errors: [] }).toEqual(CLEAN);
    expect(report.errors).toHaveLength(2);
    expect(report.errors.every((text) => text.includes('"An interaction failed"'))).toBe(true);
  });
});

/** The close codes after which Discord will not take the bot back, and what the admin must do. */
const STOPS = [
  { code: 4004, fix: /DISCORD_TOKEN.*Developer Portal/, movie: MATRIX },
  { code: 4010, fix: /TOTAL_SHARDS/, movie: HEAT },
  { code: 4011, fix: /npm run start:sharded/, movie: FIRST_MOVIES[0] },
  { code: 4012, fix: /API version.*update/, movie: FIRST_MOVIES[1] },
  { code: 4013, fix: /intents.*npm ci/, movie: FIRST_MOVIES[2] },
  { code: 4014, fix: /intent.*Developer Portal/, movie: FIRST_MOVIES[3] },
];

describe('the bot when Discord will not take it back', () => {
  let s: E2eSession;
  let server: string;
  let alice: string;

  beforeAll(async () => {
    s = await startSession();
    server = s.fake.guilds[0].id;
    alice = s.fake.users[0].id;
  });

  afterAll(async () => {
    if (s) expect(await s.close()).toEqual([]);
  });

  const cases = STOPS.map(
    (stop, i) =>
      [stop.code, { ...stop, liked: STOPS.slice(0, i + 1).map((x) => x.movie) }] as const,
  );
  it.each(cases)(
    'stops on %i: says what to fix at error level, saves the likes, exits 1, no stack trace',
    async (_, { code, fix, movie, liked }) => {
      if (s.bot.exit) await s.restart();
      const bot = s.bot;
      const answer = await s.fake
        .sendCommand({
          guildId: server,
          userId: alice,
          name: 'like',
          options: { title: String(movie.id) },
        })
        .final(ANSWER);
      expect(embedOf(answer).title).toBe(`Liked ${movie.title}`);
      const eventsFrom = s.fake.gatewayEvents.size;

      s.fake.closeWith(code);

      expect(await bot.finished(EXIT_MS)).toEqual({ code: 1, signal: null });
      const errors = bot.log.filter((l) => (l.json?.level ?? 0) >= 50);
      expect(errors.map((l) => l.json)).toEqual([
        expect.objectContaining({ level: 50, code, msg: expect.stringMatching(GIVE_UP) }),
      ]);
      expect(String(errors[0].json?.msg)).toMatch(fix);
      const messages = bot.log.lines().map((l) => l.json?.msg);
      expect(messages).toContain('Stopped cleanly');
      expect(messages).not.toContain(LOST);
      expect(await storedLikes(s.folders.dataDir, server)).toEqual({
        [alice]: liked.map((m) => m.id),
      });
      const after = s.fake.gatewayEvents.all().slice(eventsFrom);
      expect(after.filter((e) => e.kind === 'connect')).toEqual([]);
      expect(stackTraces(bot)).toEqual([]);
      expect(tokenSightings([bot], s.fake.token)).toEqual([]);
    },
  );

  it('exits 1 at login with the DISCORD_TOKEN hint when the token was reset, no stack trace', async () => {
    const oldToken = s.fake.token;
    const requestsFrom = s.fake.requests.size;
    const eventsFrom = s.fake.gatewayEvents.size;

    const bot = startBotWithStaleToken(
      s,
      'MTA0ODU3NjAwMDAwMDAwMDAwMQ.reset.in-the-developer-portal',
    );

    expect(await bot.finished(90_000)).toEqual({ code: 1, signal: null });
    const errors = bot.log.filter((l) => (l.json?.level ?? 0) >= 50);
    expect(errors.map((l) => l.json)).toEqual([
      expect.objectContaining({
        level: 60,
        code: 'TokenInvalid',
        msg: expect.stringMatching(/DISCORD_TOKEN.*Developer Portal/),
      }),
    ]);
    const refused = s.fake.requests.all().slice(requestsFrom);
    expect(refused.map((r) => [r.method, r.apiPath, r.status])).toEqual([
      ['GET', '/gateway/bot', 401],
    ]);
    expect(s.fake.gatewayEvents.all().slice(eventsFrom)).toEqual([]);
    expect(bot.log.lines().map((l) => l.json?.msg)).toContain('Stopped cleanly');
    expect(stackTraces(bot)).toEqual([]);
    expect(tokenSightings([bot], oldToken)).toEqual([]);
    expect(tokenSightings([bot], s.fake.token)).toEqual([]);
  });

  it('talked to nothing but the fake, and no process printed either token', () => {
    const report = hygieneReport(s);
    expect(report.refused).toEqual([]);
    expect(report.unguarded).toEqual([]);
    expect(report.tokens).toEqual([]);
    expect(tokenSightings(s.scripts, DEFAULT_TOKEN)).toEqual([]);
    expect(report.troubled).toEqual([expect.stringMatching(/^#\d+ GET \/gateway\/bot -> 401 /)]);
  });
});
