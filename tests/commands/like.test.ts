import { describe, expect, it } from 'vitest';

import { like } from '../../commands/like.js';
import { silentLogger } from '../../src/logger.js';
import { LikeStore } from '../../src/storage/index.js';
import { commandFixture, diskThatCanFail, ID, MEMBER, SERVER } from './support/fixture.js';

describe('/like', () => {
  it('given an autocomplete choice (a MovieLens id), then that movie is liked and the count shown', async () => {
    const f = await commandFixture();

    const reply = await f.run(like, { title: String(ID.matrix) });

    expect(reply).toEqual({
      tone: 'success',
      title: 'Liked Matrix, The (1999)',
      text: 'You like 1 movie now.',
      subject: { id: ID.matrix, title: 'Matrix, The (1999)' },
      private: true,
    });
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.matrix]);
  });

  it('given typed text, then the title search picks the movie and the count grows', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat]);

    const reply = await f.run(like, { title: '  the matrix ' });

    expect(reply.tone).toBe('success');
    expect(reply.title).toBe('Liked Matrix, The (1999)');
    expect(reply.text).toBe('You like 2 movies now.');
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.heat, ID.matrix]);
  });

  it('given a title with a year, then the year picks among remakes', async () => {
    const f = await commandFixture();

    const reply = await f.run(like, { title: 'hamlet 1990' });

    expect(reply.title).toBe('Liked Hamlet (1990)');
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.hamlet1990]);
  });

  it('given an ambiguous title, then a pick list of the candidates comes back and nothing is stored', async () => {
    const f = await commandFixture();

    const reply = await f.run(like, { title: 'hamlet' });

    expect(reply.tone).toBe('info');
    expect(reply.title).toBe('Which one do you mean?');
    expect(reply.text).toContain('“hamlet”');
    expect(reply.private).toBe(true);
    expect(reply.pick?.command).toBe('like');
    expect(reply.pick?.option).toBe('title');
    expect(reply.pick?.movies.map((m) => m.title)).toEqual(['Hamlet (1990)', 'Hamlet (1996)']);
    expect(f.store.likes(SERVER, MEMBER)).toEqual([]);
  });

  it('given text that matches nothing closely, then "No movie matches" with the nearest titles, and nothing is stored', async () => {
    const f = await commandFixture();

    const reply = await f.run(like, { title: 'matirx' });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('No movie matches “matirx”');
    expect(reply.text).toBe('Did you mean **Matrix, The (1999)**?');
    expect(reply.private).toBe(true);
    expect(f.store.likes(SERVER, MEMBER)).toEqual([]);
  });

  it('given text near no title at all, then "No movie matches" with spelling advice instead of suggestions', async () => {
    const f = await commandFixture();

    const reply = await f.run(like, { title: 'qwerty uiop' });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('No movie matches “qwerty uiop”');
    expect(reply.text).toMatch(/spelling/);
    expect(f.store.likes(SERVER, MEMBER)).toEqual([]);
  });

  it('given an id that is no movie, then it is treated as text and matches nothing', async () => {
    const f = await commandFixture();

    const reply = await f.run(like, { title: '999999' });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('No movie matches “999999”');
    expect(f.store.likes(SERVER, MEMBER)).toEqual([]);
  });

  it.each([
    ['missing', undefined, 'Which movie?'],
    ['empty', '', 'Which movie?'],
    ['whitespace only', '  \t \n ', 'Which movie?'],
    ['5,000 characters', 'a'.repeat(5_000), 'That title is too long'],
    ['a control character', 'the\u0007matrix', 'That title has characters I cannot read'],
    ['two lines', 'heat\nfargo', 'That title has characters I cannot read'],
    ['only emoji', '🎬🍿', 'No movie matches “🎬🍿”'],
  ])('given %s, then a friendly error and nothing is stored', async (_case, title, expected) => {
    const f = await commandFixture();

    const reply = await f.run(like, { title });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe(expected);
    expect(reply.text ?? '').not.toBe('');
    expect(reply.private).toBe(true);
    expect(f.store.likes(SERVER, MEMBER)).toEqual([]);
  });

  it('given a title with emoji around it, then the title still matches', async () => {
    const f = await commandFixture();

    const reply = await f.run(like, { title: 'heat 🔥' });

    expect(reply.title).toBe('Liked Heat (1995)');
  });

  it('given a movie already liked, then the reply says so and the list is unchanged', async () => {
    const f = await commandFixture();
    await f.run(like, { title: 'heat' });

    const reply = await f.run(like, { title: String(ID.heat) });

    expect(reply).toEqual({
      tone: 'info',
      title: 'You already like Heat (1995)',
      text: 'You like 1 movie now.',
      subject: { id: ID.heat, title: 'Heat (1995)' },
      private: true,
    });
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.heat]);
  });

  it('given a movie the model does not know, then it is stored and the reply says it cannot shape recommendations yet', async () => {
    const f = await commandFixture();

    const reply = await f.run(like, { title: 'blade runner' });

    expect(reply.tone).toBe('success');
    expect(reply.title).toBe('Liked Blade Runner (1982)');
    expect(reply.text).toMatch(/^You like 1 movie now\.\nNobody in the training data rated it yet/);
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.bladeRunner]);
  });

  it('given a known movie, then the reply carries no note about the training data', async () => {
    const f = await commandFixture();

    const reply = await f.run(like, { title: 'fargo' });

    expect(reply.text).not.toMatch(/training data/);
  });

  it('given the disk refuses the write, then "could not be saved" and the likes in memory and on disk are unchanged', async () => {
    const disk = diskThatCanFail();
    const f = await commandFixture({ fileAdapter: disk.fileAdapter });
    await f.seed([ID.heat]);
    disk.fail();

    const reply = await f.run(like, { title: 'the matrix' });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('Your like could not be saved');
    expect(reply.text).toMatch(/Nothing was changed/);
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.heat]);
    const reopened = await LikeStore.open(f.folder, silentLogger());
    expect(reopened.likes(SERVER, MEMBER)).toEqual([ID.heat]);
    await reopened.close();
  });

  it('given a mention or Markdown in typed text, then it is echoed so that it cannot ping or format', async () => {
    const f = await commandFixture();

    const everyone = await f.run(like, { title: '@everyone' });
    const member = await f.run(like, { title: '<@123456789012345678> ~~zz~~' });

    expect(everyone.title).toBe('No movie matches “@\u200beveryone”');
    expect(member.title).toBe('No movie matches “<@\u200b123456789012345678\\> \\~\\~zz\\~\\~”');
    for (const reply of [everyone, member]) {
      expect(`${reply.title} ${reply.text}`).not.toMatch(/@(?!\u200b)/);
    }
    expect(f.store.likes(SERVER, MEMBER)).toEqual([]);
  });

  it('given likes in two servers, then each server keeps its own list', async () => {
    const f = await commandFixture();

    await f.run(like, { title: 'heat' });
    const elsewhere = await f.run(like, { title: 'fargo' }, { server: '100000000000000002' });

    expect(elsewhere.text).toBe('You like 1 movie now.');
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.heat]);
    expect(f.store.likes('100000000000000002', MEMBER)).toEqual([ID.fargo]);
  });
});

describe('/like autocomplete', () => {
  it('given typed text, then choices are the best matches with the MovieLens id as value', async () => {
    const f = await commandFixture();

    const choices = like.autocomplete!(
      { server: SERVER, member: MEMBER, options: {} },
      'the matrix',
      f.services,
    );

    expect(choices[0]).toEqual({ name: 'Matrix, The (1999)', value: String(ID.matrix) });
  });

  it('given a title shared by remakes, then every remake is offered', async () => {
    const f = await commandFixture();

    const choices = like.autocomplete!(
      { server: SERVER, member: MEMBER, options: {} },
      'hamlet',
      f.services,
    );

    expect(choices.map((c) => c.value).sort()).toEqual(
      [String(ID.hamlet1996), String(ID.hamlet1990)].sort(),
    );
  });

  it('given nothing typed, then there are no choices', async () => {
    const f = await commandFixture();

    expect(
      like.autocomplete!({ server: SERVER, member: MEMBER, options: {} }, '', f.services),
    ).toEqual([]);
  });
});
