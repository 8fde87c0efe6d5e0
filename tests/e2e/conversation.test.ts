import {
  ApplicationCommandOptionType as OptionType,
  InteractionResponseType,
  PermissionFlagsBits,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { CommandInput } from '../support/fake-discord/index.js';
import { MEMBER_PERMISSIONS } from '../support/fake-discord/world.js';
import { NEXT_SCHEDULED_RETRAIN } from './support/bot-process.js';
import { CLEAN, hygieneReport } from './support/hygiene.js';
import {
  embedOf,
  isEphemeral,
  listedMovies,
  selectMenuOf,
  storedLikes,
} from './support/replies.js';
import { ANSWER, HAMLETS, HAMLET_1996, HEAT, MATRIX } from './support/movies.js';
import { startSession, type E2eSession } from './support/session.js';

describe('a member talking to the real bot through a fake Discord', () => {
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

  it('registers every command with its options in each server through deploy-commands', () => {
    for (const deploy of s.deploys) {
      expect(deploy.exit, deploy.script.log.tail()).toEqual({ code: 0, signal: null });
      expect(
        deploy.script.log.filter('Registered the commands in the development server'),
      ).toHaveLength(1);
    }
    const core = ['help', 'like', 'likes', 'recommend', 'retrain', 'similar', 'stats', 'unlike'];
    for (const guild of s.fake.guilds) {
      const names = s.fake
        .commands(guild.id)
        .map((c) => c.name)
        .sort();
      expect(names).toEqual([...commands.keys()].sort());
      expect(names).toEqual(expect.arrayContaining(core));
    }
    expect(s.fake.commands()).toEqual([]);

    const command = (name: string) => s.fake.commands(server).find((c) => c.name === name);
    const title = { name: 'title', type: OptionType.String, required: true, autocomplete: true };
    for (const name of ['like', 'unlike', 'similar']) {
      expect(command(name)?.options?.[0], name).toMatchObject(title);
    }
    expect(command('recommend')?.options).toMatchObject([
      { name: 'count', type: OptionType.Integer, min_value: 1, max_value: 25 },
      { name: 'share', type: OptionType.Boolean },
    ]);
    expect(command('similar')?.options?.slice(1)).toMatchObject([
      { name: 'count', type: OptionType.Integer, min_value: 1, max_value: 25 },
      { name: 'share', type: OptionType.Boolean },
    ]);
    expect(command('likes')?.options).toMatchObject([
      { name: 'member', type: OptionType.User },
      { name: 'page', type: OptionType.Integer, min_value: 1 },
      { name: 'share', type: OptionType.Boolean },
    ]);
    expect(command('retrain')?.default_member_permissions).toBe(
      String(PermissionFlagsBits.ManageGuild),
    );
    const open = s.fake.commands(server).filter((c) => c.name !== 'retrain');
    expect(open.map((c) => c.default_member_permissions)).toEqual(open.map(() => null));
  });

  it('suggests at most 25 titles for "matr", The Matrix among them with its MovieLens id', async () => {
    const choices = await s.fake
      .sendAutocomplete({
        guildId: server,
        userId: alice,
        name: 'like',
        options: { title: 'matr' },
        focused: 'title',
      })
      .choices(ANSWER.timeoutMs);

    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices).toContainEqual({ name: MATRIX.title, value: String(MATRIX.id) });
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThanOrEqual(1);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(String(choice.value)).toMatch(/^\d+$/);
    }
  });

  it('likes the movie of an autocomplete choice, privately, and counts the likes', async () => {
    const answer = await run({
      userId: alice,
      name: 'like',
      options: { title: String(MATRIX.id) },
    });

    expect(answer.status).toBeLessThan(300);
    expect(isEphemeral(answer)).toBe(true);
    expect(embedOf(answer)).toMatchObject({
      title: `Liked ${MATRIX.title}`,
      description: 'You like 1 movie now.',
    });
  });

  it('likes a movie typed as text, with a year that narrows the match', async () => {
    const answer = await run({ userId: alice, name: 'like', options: { title: 'heat 1995' } });

    expect(isEphemeral(answer)).toBe(true);
    expect(embedOf(answer)).toMatchObject({
      title: `Liked ${HEAT.title}`,
      description: 'You like 2 movies now.',
    });
  });

  it('says so when a member likes a movie twice', async () => {
    const answer = await run({
      userId: alice,
      name: 'like',
      options: { title: String(MATRIX.id) },
    });

    expect(embedOf(answer)).toMatchObject({
      title: `You already like ${MATRIX.title}`,
      description: 'You like 2 movies now.',
    });
  });

  it('offers a pick list for an ambiguous title that only the member who asked may answer', async () => {
    const list = await run({ userId: alice, name: 'like', options: { title: 'hamlet' } });
    const menu = selectMenuOf(list);
    const messageId = list.message?.id ?? '';

    expect(isEphemeral(list)).toBe(true);
    expect(embedOf(list).title).toBe('Which one do you mean?');
    expect(menu?.custom_id).toMatch(new RegExp(`^pick:like:title:${alice}:`));
    expect(menu?.options.map((o) => o.label).sort()).toEqual(HAMLETS);
    expect(menu?.options.find((o) => o.label === HAMLET_1996.title)?.value).toBe(
      String(HAMLET_1996.id),
    );

    const pick = {
      guildId: server,
      customId: menu?.custom_id ?? '',
      values: [String(HAMLET_1996.id)],
      messageId,
    };
    const refused = await s.fake.sendComponent({ ...pick, userId: bob }).reply(ANSWER.timeoutMs);

    expect(refused.status).toBeLessThan(300);
    expect(refused.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(refused)).toBe(true);
    expect(embedOf(refused)).toMatchObject({
      title: 'That list belongs to another member',
      description: 'Run the command yourself to get your own.',
    });
    expect(s.fake.message(messageId)?.components).toHaveLength(1);
    expect((await storedLikes(s.folders.dataDir, server))[bob]).toBeUndefined();

    const picked = await s.fake.sendComponent({ ...pick, userId: alice }).reply(ANSWER.timeoutMs);

    expect(picked.status).toBeLessThan(300);
    expect(picked.callbackType).toBe(InteractionResponseType.UpdateMessage);
    const updated = s.fake.message(messageId);
    expect(updated?.components).toEqual([]);
    expect(updated?.embeds).toMatchObject([
      { title: `Liked ${HAMLET_1996.title}`, description: 'You like 3 movies now.' },
    ]);
    expect(await storedLikes(s.folders.dataDir, server)).toEqual({
      [alice]: [MATRIX.id, HEAT.id, HAMLET_1996.id],
    });
  });

  it('answers text that matches no movie with a friendly error and stores nothing', async () => {
    const before = await storedLikes(s.folders.dataDir, server);
    const answer = await run({ userId: alice, name: 'like', options: { title: 'qqqzzzxxx' } });

    expect(isEphemeral(answer)).toBe(true);
    const embed = embedOf(answer);
    expect(embed.title).toBe('No movie matches “qqqzzzxxx”');
    expect(embed.description).toMatch(/^(Did you mean|Check the spelling)/);
    expect(await storedLikes(s.folders.dataDir, server)).toEqual(before);
  });

  it('recommends 10 movies the member has not liked, each with a liked movie as its reason', async () => {
    const liked = [MATRIX.title, HEAT.title, HAMLET_1996.title];
    const answer = await run({ userId: alice, name: 'recommend' });
    const embed = embedOf(answer);
    const movies = listedMovies(embed);

    expect(isEphemeral(answer)).toBe(true);
    expect(embed.title).toBe('Recommended for you');
    expect(movies.map((m) => m.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(movies.filter((m) => liked.includes(m.title))).toEqual([]);
    for (const movie of movies) {
      expect(
        liked.map((t) => `because you liked ${t}`),
        movie.title,
      ).toContain(movie.note);
    }

    const three = listedMovies(
      embedOf(await run({ userId: alice, name: 'recommend', options: { count: 3 } })),
    );
    expect(three.map((m) => m.title)).toEqual(movies.slice(0, 3).map((m) => m.title));
  });

  it('lists the 10 movies most similar to The Matrix, without The Matrix', async () => {
    const answer = await run({
      userId: alice,
      name: 'similar',
      options: { title: String(MATRIX.id) },
    });
    const embed = embedOf(answer);
    const movies = listedMovies(embed);

    expect(embed.title).toBe(`Movies like ${MATRIX.title}`);
    expect(movies).toHaveLength(10);
    expect(movies.map((m) => m.title)).not.toContain(MATRIX.title);
    for (const movie of movies) expect(movie.note).toMatch(/^similarity -?\d\.\d\d$/);
  });

  it('shows the server’s likes and the model’s figures in /stats', async () => {
    const answer = await run({ userId: bob, name: 'stats' });
    const embed = embedOf(answer);
    const text = embed.description ?? '';

    expect(answer.status).toBeLessThan(300);
    expect(isEphemeral(answer)).toBe(true);
    expect(embed.title).toBe('reelmate statistics');
    expect(text).toContain('**This server**: 1 member with likes, 3 likes in total.');
    expect(text).toMatch(/\*\*Model\*\*: trained \d{4}-\d\d-\d\d \d\d:\d\d UTC in \d+\.\d s/);
    expect(text).toContain(`Next retrain: ${NEXT_SCHEDULED_RETRAIN.shown}`);
    expect(text).toContain(
      'Trained on 6,040 users (0 members), 3,706 movies, 1,000,209 interactions',
    );
    expect(text).toMatch(
      /Settings: \d+ factors, \d+ iterations, regularization [\d.]+, alpha [\d.]+/,
    );
    expect(text).toMatch(/Held-out figures: ndcg@10 0\.\d{3}, precision@10 0\.\d{3}/);
    expect(listedMovies(embed)).toEqual(
      [MATRIX, HEAT, HAMLET_1996]
        .sort((a, b) => a.id - b.id)
        .map((m, i) => ({ rank: i + 1, title: m.title, note: '1 like' })),
    );
  });

  it('lists a member’s own likes in /likes, in the order liked', async () => {
    const embed = embedOf(await run({ userId: alice, name: 'likes' }));

    expect(embed).toMatchObject({ title: 'Your likes' });
    expect(embed.description?.split('\n')[0]).toBe('You like 3 movies in this server.');
    expect(listedMovies(embed).map((m) => m.title)).toEqual([
      MATRIX.title,
      HEAT.title,
      HAMLET_1996.title,
    ]);
  });

  it('refuses /retrain to a member without Manage Server, and starts it for one with it', async () => {
    const refused = embedOf(
      await run({ userId: bob, name: 'retrain', permissions: MEMBER_PERMISSIONS }),
    );
    expect(refused.title).toBe('Only members who can manage this server can retrain');
    expect(s.bot.log.filter('Retraining the model on MovieLens and members’ likes')).toEqual([]);

    const from = s.bot.log.size;
    const manager = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild;
    const started = embedOf(await run({ userId: bob, name: 'retrain', permissions: manager }));
    expect(started.title).toBe('Retraining started');
    const again = embedOf(await run({ userId: bob, name: 'retrain', permissions: manager }));
    expect(again.title).toBe('A retrain is already running');

    const retraining = await s.bot.log.waitFor(
      'Retraining the model on MovieLens and members’ likes',
      10_000,
      from,
    );
    expect(retraining.json).toMatchObject({ members: 1 });
  });

  it('serves the retrained model, trained on the member’s likes, once the retrain is done', async () => {
    // The retrainer logs one of three outcomes; waiting for any of them fails fast on the others.
    const ended = /^Retrain(ed: the new model is serving| failed| rejected)/;
    const outcome = await s.bot.log.waitFor((l) => ended.test(l.json?.msg ?? ''), 150_000);
    expect(outcome.json?.msg).toBe('Retrained: the new model is serving');

    const text = embedOf(await run({ userId: alice, name: 'stats' })).description ?? '';
    expect(text).toMatch(/Trained on 6,04\d users \(1 member\)/);
    expect(text).not.toContain('(a retrain is running now)');
  }, 180_000);

  it('talked to nothing but the fake: no refused request, no error, no token in its output', () => {
    expect(hygieneReport(s)).toEqual(CLEAN);
  });
});
