import type { APIUser } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../support/fake-discord/index.js';
import { CLEAN, hygieneReport } from './support/hygiene.js';
import { embedOf, listedMovies, storedLikes } from './support/replies.js';
import { ANSWER, HEAT, MATRIX } from './support/movies.js';
import { startSession, type E2eSession } from './support/session.js';

describe('two members in two servers', () => {
  let s: E2eSession;
  let first: string;
  let second: string;
  let alice: APIUser;
  let bob: APIUser;

  beforeAll(async () => {
    s = await startSession();
    [first, second] = s.fake.guilds.map((g) => g.id);
    [alice, bob] = s.fake.users;
  });

  afterAll(async () => {
    if (s) expect(await s.close()).toEqual([]);
  });

  const run = (input: CommandInput) => s.fake.sendCommand(input).final(ANSWER);
  /** `/likes member:<user>` as Discord sends it, with the user resolved. */
  const likesOf = (guildId: string, asker: APIUser, member: APIUser) =>
    run({
      guildId,
      userId: asker.id,
      name: 'likes',
      options: { member: member.id },
      resolved: { users: { [member.id]: member } },
    });

  it('keeps a member’s like in the server where it was made', async () => {
    const liked = await run({
      guildId: first,
      userId: alice.id,
      name: 'like',
      options: { title: String(MATRIX.id) },
    });
    expect(embedOf(liked).title).toBe(`Liked ${MATRIX.title}`);

    const own = embedOf(await run({ guildId: second, userId: alice.id, name: 'likes' }));
    expect(own.title).toBe('You have no likes here yet');
    expect(listedMovies(own)).toEqual([]);

    const stats = embedOf(await run({ guildId: second, userId: alice.id, name: 'stats' }));
    expect(stats.description).toContain('**This server**: 0 members with likes, 0 likes in total.');
    expect(listedMovies(stats)).toEqual([]);

    const recommended = embedOf(
      await run({ guildId: second, userId: alice.id, name: 'recommend' }),
    );
    expect(recommended.title).toBe('Popular movies to start with');

    const unlikeChoices = await s.fake
      .sendAutocomplete({
        guildId: second,
        userId: alice.id,
        name: 'unlike',
        options: { title: '' },
        focused: 'title',
      })
      .choices(ANSWER.timeoutMs);
    expect(unlikeChoices).toEqual([]);
    const unliked = embedOf(
      await run({
        guildId: second,
        userId: alice.id,
        name: 'unlike',
        options: { title: String(MATRIX.id) },
      }),
    );
    expect(unliked.title).toBe(`None of your likes matches “${MATRIX.id}”`);
  });

  it('never shows one server’s likes to a member of another', async () => {
    const there = embedOf(await likesOf(second, bob, alice));
    expect(there.title).toBe('This member has no likes here yet');

    const stats = embedOf(await run({ guildId: second, userId: bob.id, name: 'stats' }));
    expect(stats.description).toContain('**This server**: 0 members with likes, 0 likes in total.');
    expect(stats.description).not.toContain(MATRIX.title);

    const popular = embedOf(await run({ guildId: second, userId: bob.id, name: 'recommend' }));
    expect(popular.title).toBe('Popular movies to start with');

    const here = embedOf(await likesOf(first, bob, alice));
    expect(here.title).toBe('Their likes');
    expect(listedMovies(here).map((m) => m.title)).toEqual([MATRIX.title]);
  });

  it('recommends in each server from that server’s likes only', async () => {
    await run({
      guildId: second,
      userId: alice.id,
      name: 'like',
      options: { title: String(HEAT.id) },
    });

    const inFirst = listedMovies(
      embedOf(await run({ guildId: first, userId: alice.id, name: 'recommend' })),
    );
    const inSecond = listedMovies(
      embedOf(await run({ guildId: second, userId: alice.id, name: 'recommend' })),
    );

    expect(inFirst.map((m) => m.note)).toEqual(
      inFirst.map(() => `because you liked ${MATRIX.title}`),
    );
    expect(inSecond.map((m) => m.note)).toEqual(
      inSecond.map(() => `because you liked ${HEAT.title}`),
    );
    expect(await storedLikes(s.folders.dataDir, first)).toEqual({ [alice.id]: [MATRIX.id] });
    expect(await storedLikes(s.folders.dataDir, second)).toEqual({ [alice.id]: [HEAT.id] });
  });

  it('talked to nothing but the fake: no refused request, no error, no token in its output', () => {
    expect(hygieneReport(s)).toEqual(CLEAN);
  });
});
