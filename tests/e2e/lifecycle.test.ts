import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../support/fake-discord/index.js';
import { CLEAN, hygieneReport } from './support/hygiene.js';
import { embedOf, listedMovies, selectMenuOf, storedLikes } from './support/replies.js';
import { ANSWER, HAMLET_1996, HEAT, MATRIX } from './support/movies.js';
import { startSession, type E2eSession } from './support/session.js';

const LOST = 'Lost the connection to Discord; reconnecting';

describe('the bot when its connection drops, when it is stopped and when it starts again', () => {
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

  const run = (input: Omit<CommandInput, 'guildId' | 'userId'>) =>
    s.fake.sendCommand({ guildId: server, userId: alice, ...input }).final(ANSWER);

  it('resumes its session when the socket drops mid-conversation, and the conversation goes on', async () => {
    const liked = await run({ name: 'like', options: { title: String(MATRIX.id) } });
    expect(embedOf(liked).title).toBe(`Liked ${MATRIX.title}`);
    const list = await run({ name: 'like', options: { title: 'hamlet' } });
    const menu = selectMenuOf(list);
    const gatewayFrom = s.fake.gatewayEvents.size;
    const logFrom = s.bot.log.size;

    expect(s.fake.dropConnection()).toBe(1);

    const resume = await s.fake.waitForGateway((e) => e.kind === 'resume', 20_000, {
      from: gatewayFrom,
    });
    expect(resume).toMatchObject({ accepted: true, sessionId: s.fake.sessions[0].id });
    await s.bot.log.waitFor('Connection to Discord resumed', 20_000, logFrom);

    const messageId = list.message?.id ?? '';
    const pick = { customId: menu?.custom_id ?? '', values: [String(HAMLET_1996.id)], messageId };
    await s.fake.sendComponent({ guildId: server, userId: alice, ...pick }).reply(ANSWER.timeoutMs);
    expect(s.fake.message(messageId)?.embeds).toMatchObject([
      { title: `Liked ${HAMLET_1996.title}` },
    ]);
    const answer = await run({ name: 'like', options: { title: 'heat 1995' } });
    expect(embedOf(answer)).toMatchObject({
      title: `Liked ${HEAT.title}`,
      description: 'You like 3 movies now.',
    });
    expect(s.fake.gatewayEvents.filter((e) => e.kind === 'identify')).toHaveLength(1);

    const warned = s.bot.log
      .lines()
      .slice(logFrom)
      .filter((l) => l.json?.msg === LOST);
    expect(warned.map((l) => l.json?.level)).toEqual([40]);
  });

  it('stops cleanly on SIGTERM, exiting 0 with the likes on disk', async () => {
    const logFrom = s.bot.log.size;
    const exit = await s.bot.stop('SIGTERM', 15_000);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(s.bot.log.filter('Stopped cleanly')).toHaveLength(1);
    const stopping = s.bot.log
      .lines()
      .slice(logFrom)
      .map((l) => l.json?.msg);
    expect(stopping).toContain('Stopping: saving pending likes');
    expect(stopping).not.toContain(LOST);
    expect(await storedLikes(s.folders.dataDir, server)).toEqual({
      [alice]: [MATRIX.id, HAMLET_1996.id, HEAT.id],
    });
    const closes = s.fake.gatewayEvents.filter((e) => e.kind === 'close');
    expect(closes.at(-1)).toMatchObject({ initiatedBy: 'client' });
  });

  it('starts again on the same folders with the saved model and the likes it had', async () => {
    const bot = await s.restart();

    expect(bot.log.filter('Loaded the saved model')).toHaveLength(1);
    expect(bot.log.filter('Training a model; this takes a few seconds')).toEqual([]);
    const likes = embedOf(await run({ name: 'likes' }));
    expect(listedMovies(likes).map((m) => m.title)).toEqual([
      MATRIX.title,
      HAMLET_1996.title,
      HEAT.title,
    ]);
  });

  it('talked to nothing but the fake: no refused request, no error, no token in its output', () => {
    expect(hygieneReport(s)).toEqual(CLEAN);
  });

  it('tells the admin what to fix and stops, exit code 1, when Discord ends the session for good', async () => {
    const logFrom = s.bot.log.size;
    s.fake.rotateToken('a-token-reset-in-the-developer-portal');
    s.fake.dropConnection(4000);

    const line = await s.bot.log.waitFor((l) => (l.json?.level ?? 0) >= 50, 20_000, logFrom);
    expect(line.json).toMatchObject({
      code: 4004,
      msg: expect.stringMatching(/for good.*DISCORD_TOKEN/),
    });
    expect((await s.bot.exited).code).toBe(1);
    expect(
      s.bot.log
        .lines()
        .slice(logFrom)
        .map((l) => l.json?.msg),
    ).not.toContain('Connection to Discord resumed');
  });
});
