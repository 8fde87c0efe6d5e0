import { InteractionResponseType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../support/fake-discord/index.js';
import { CLEAN, hygieneReport } from './support/hygiene.js';
import { ANSWER, HEAT, MATRIX } from './support/movies.js';
import {
  embedOf,
  isEphemeral,
  listedMovies,
  selectMenuOf,
  storedLikes,
} from './support/replies.js';
import { startSession, type E2eSession } from './support/session.js';

describe('the real bot given odd input, odd places, a failing API and busy members', () => {
  let s: E2eSession;
  let server: string;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    s = await startSession();
    server = s.fake.guilds[0].id;
    [alice, bob] = s.fake.users.map((u) => u.id);
  });

  afterAll(async () => {
    if (s) expect(await s.close()).toEqual([]);
  });

  const run = (input: Omit<CommandInput, 'guildId'>) =>
    s.fake.sendCommand({ guildId: server, ...input }).final(ANSWER);

  it.each([
    ['only spaces', '   ', 'Which movie?'],
    ['5,000 characters', 'x'.repeat(5_000), 'That title is too long'],
    ['a control character', 'heat\u0007', 'That title has characters I cannot read'],
    ['only emoji', '🎬🍿', 'No movie matches “🎬🍿”'],
    ['an id no movie has', '999999', 'No movie matches “999999”'],
  ])('answers /like with %s with a friendly error and stores nothing', async (_, title, error) => {
    const answer = await run({ userId: alice, name: 'like', options: { title } });

    expect(answer.status).toBeLessThan(300);
    expect(isEphemeral(answer)).toBe(true);
    expect(embedOf(answer).title).toBe(error);
    expect(embedOf(answer).description).toBeTruthy();
    expect(await storedLikes(s.folders.dataDir, server)).toEqual({});
  });

  it.each([
    ['nothing typed yet', ''],
    ['5,000 characters', 'x'.repeat(5_000)],
    ['emoji', '🎬'],
    ['a control character', 'heat\u0007'],
  ])('answers autocomplete on %s within Discord’s limits', async (_, typed) => {
    const answer = await s.fake
      .sendAutocomplete({
        guildId: server,
        userId: alice,
        name: 'like',
        options: { title: typed },
        focused: 'title',
      })
      .reply(ANSWER.timeoutMs);

    expect(answer.status).toBe(204);
    expect(answer.data.choices?.length).toBeLessThanOrEqual(25);
    for (const choice of answer.data.choices ?? []) {
      expect(choice.name.length).toBeGreaterThanOrEqual(1);
      expect(choice.name.length).toBeLessThanOrEqual(100);
    }
  });

  it('answers a command sent in a direct message by pointing to servers', async () => {
    const answer = await s.fake.sendCommand({ userId: alice, name: 'recommend' }).final(ANSWER);

    expect(answer.status).toBeLessThan(300);
    expect(embedOf(answer).title).toBe('reelmate works inside servers');
  });

  it('answers a command it does not know', async () => {
    const answer = await run({ userId: alice, name: 'watchlist' });

    expect(embedOf(answer).title).toBe('I do not know that command');
  });

  it('refuses a stale pick list and one it did not make, and stores nothing', async () => {
    const list = await run({ userId: alice, name: 'like', options: { title: 'hamlet' } });
    const messageId = list.message?.id ?? '';
    const customId = selectMenuOf(list)?.custom_id ?? '';
    const value = selectMenuOf(list)?.options[0].value ?? '';
    // The list remembers when it was made; this is the same list as if 16 minutes had passed.
    const madeAt = (Date.now() - 16 * 60_000).toString(36);
    const stale = customId.replace(/:[0-9a-z]+$/, `:${madeAt}`);

    const expired = await s.fake
      .sendComponent({
        guildId: server,
        userId: alice,
        customId: stale,
        values: [value],
        messageId,
      })
      .reply(ANSWER.timeoutMs);
    const foreign = await s.fake
      .sendComponent({
        guildId: server,
        userId: alice,
        customId: 'poll:1',
        values: [value],
        messageId,
      })
      .reply(ANSWER.timeoutMs);

    expect(expired.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(embedOf(expired)).toMatchObject({
      title: 'That list has expired',
      description: 'Run /like again.',
    });
    expect(isEphemeral(expired)).toBe(true);
    expect(embedOf(foreign).title).toBe('That list is not mine to answer');
    expect(s.fake.message(messageId)?.components).toHaveLength(1);
    expect(await storedLikes(s.folders.dataDir, server)).toEqual({});
  });

  it('removes a like with /unlike, offering only the member’s own likes', async () => {
    await run({ userId: alice, name: 'like', options: { title: String(HEAT.id) } });

    const choices = await s.fake
      .sendAutocomplete({
        guildId: server,
        userId: alice,
        name: 'unlike',
        options: { title: 'he' },
        focused: 'title',
      })
      .choices(ANSWER.timeoutMs);
    expect(choices).toEqual([{ name: HEAT.title, value: String(HEAT.id) }]);
    const bobsChoices = await s.fake
      .sendAutocomplete({
        guildId: server,
        userId: bob,
        name: 'unlike',
        options: { title: 'he' },
        focused: 'title',
      })
      .choices(ANSWER.timeoutMs);
    expect(bobsChoices).toEqual([]);

    const removed = embedOf(
      await run({ userId: alice, name: 'unlike', options: { title: String(HEAT.id) } }),
    );
    expect(removed).toMatchObject({
      title: `Removed ${HEAT.title} from your likes`,
      description: 'You like 0 movies now.',
    });
    expect(await storedLikes(s.folders.dataDir, server)).toEqual({});
  });

  it('pages a long list of likes, and fits 25 long-titled recommendations in one embed', async () => {
    // The eight longest titles of MovieLens 1M, and eight more: 16 likes, one more than a page.
    const ids = [3636, 797, 63, 363, 2239, 793, 750, 2585, 1, 2, 3, 5, 7, 10, 11, 16];
    for (const id of ids) {
      const liked = await run({ userId: alice, name: 'like', options: { title: String(id) } });
      expect(embedOf(liked).title).toMatch(/^Liked /);
    }

    const first = embedOf(await run({ userId: alice, name: 'likes' }));
    const second = embedOf(await run({ userId: alice, name: 'likes', options: { page: 2 } }));
    const third = embedOf(await run({ userId: alice, name: 'likes', options: { page: 3 } }));
    expect(listedMovies(first)).toHaveLength(15);
    expect(first.footer?.text).toBe('Page 1 of 2: use page:2 for more');
    expect(listedMovies(second).map((m) => m.rank)).toEqual([1]);
    expect(third.title).toBe('There are only 2 pages');

    const answer = await run({ userId: alice, name: 'recommend', options: { count: 25 } });
    const movies = listedMovies(embedOf(answer));
    expect(answer.status).toBeLessThan(300);
    expect(movies.length).toBeGreaterThan(10);
    expect(movies.length).toBeLessThanOrEqual(25);
    expect(movies.map((m) => m.rank)).toEqual(movies.map((_, i) => i + 1));
  });

  it('keeps every like when members like at the same moment', async () => {
    const at = (userId: string, id: number) =>
      s.fake.sendCommand({ guildId: server, userId, name: 'like', options: { title: String(id) } });
    const handles = [at(bob, MATRIX.id), at(bob, HEAT.id), at(alice, MATRIX.id)];

    const titles = await Promise.all(
      handles.map(async (h) => embedOf(await h.final(ANSWER)).title),
    );

    expect(titles).toEqual([
      `Liked ${MATRIX.title}`,
      `Liked ${HEAT.title}`,
      `Liked ${MATRIX.title}`,
    ]);
    const stored = await storedLikes(s.folders.dataDir, server);
    expect(stored[bob]?.sort((a, b) => a - b)).toEqual([HEAT.id, MATRIX.id]);
    expect(stored[alice]).toContain(MATRIX.id);
  });

  it('still answers when Discord’s API fails once or rate-limits the bot', async () => {
    const callback = '/interactions/:interactionId/:token/callback';

    const failed = s.fake.failNext({ route: callback, status: 500 });
    const afterFailure = await run({ userId: alice, name: 'likes' });
    const limited = s.fake.failNext({ route: callback, status: 429, retryAfterMs: 200 });
    const afterLimit = await run({ userId: alice, name: 'likes' });

    expect([failed.remaining, limited.remaining]).toEqual([0, 0]);
    expect(embedOf(afterFailure).title).toBe('Your likes');
    expect(embedOf(afterLimit).title).toBe('Your likes');
  });

  it('shows an answer to the whole channel when asked to share it, within Discord’s limits', async () => {
    const answer = await run({
      userId: alice,
      name: 'similar',
      options: { title: String(HEAT.id), count: 25, share: true },
    });
    const embed = embedOf(answer);
    const movies = listedMovies(embed);

    expect(isEphemeral(answer)).toBe(false);
    expect(embed.title).toBe(`Movies like ${HEAT.title}`);
    expect(movies.length).toBeGreaterThan(10);
    expect(movies.length).toBeLessThanOrEqual(25);
    expect(movies.map((m) => m.rank)).toEqual(movies.map((_, i) => i + 1));
    expect(movies.map((m) => m.title)).not.toContain(HEAT.title);
  });

  it('tells a member who asks for too much at once to slow down, and answers others', async () => {
    const titles: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      titles.push(
        embedOf(await run({ userId: bob, name: 'similar', options: { title: String(HEAT.id) } }))
          .title ?? '',
      );
    }

    expect(titles.slice(0, 6)).toEqual(titles.slice(0, 6).map(() => `Movies like ${HEAT.title}`));
    expect(titles[6]).toBe('Slow down a little');
    const others = embedOf(
      await run({ userId: alice, name: 'similar', options: { title: String(HEAT.id) } }),
    );
    expect(others.title).toBe(`Movies like ${HEAT.title}`);
  });

  it('talked to nothing but the fake: no refused request, no error, no token in its output', () => {
    expect(hygieneReport(s)).toEqual(CLEAN);
  });
});
