import { describe, expect, it } from 'vitest';

import { similar } from '../../commands/similar.js';
import { commandFixture, ID, ids, MEMBER, MOVIES, SERVER } from './support/fixture.js';

describe('/similar', () => {
  it('given a title, then the most similar movies come first with their similarity, the title itself never', async () => {
    const f = await commandFixture();

    const reply = await f.run(similar, { title: 'the matrix', count: 3 });

    expect(reply.tone).toBe('success');
    expect(reply.title).toBe('Movies like Matrix, The (1999)');
    expect(reply.movies).toEqual([
      { id: ID.alien, title: 'Alien (1979)', note: 'similarity 0.99' },
      {
        id: ID.starWars,
        title: 'Star Wars: Episode IV - A New Hope (1977)',
        note: 'similarity 0.96',
      },
      { id: ID.toyStory, title: 'Toy Story (1995)', note: 'similarity 0.44' },
    ]);
    expect(reply.private).toBe(true);
  });

  it('given any movie the model knows, then it is never among its own similar movies', async () => {
    const f = await commandFixture();
    const known = MOVIES.filter((m) => m.id !== ID.bladeRunner);

    for (const movie of known) {
      const reply = await f.run(similar, { title: String(movie.id), count: 25 });

      expect(reply.title, movie.title).toBe(`Movies like ${movie.title}`);
      expect(ids(reply), movie.title).not.toContain(movie.id);
      expect(ids(reply), movie.title).toHaveLength(known.length - 1);
    }
  });

  it('given no count, then ten at most', async () => {
    const f = await commandFixture();

    const reply = await f.run(similar, { title: 'heat' });

    // The model knows eight movies, so seven others.
    expect(ids(reply)).toHaveLength(7);
  });

  it('given a title the model does not know, then a friendly note and no list', async () => {
    const f = await commandFixture();

    const reply = await f.run(similar, { title: 'blade runner' });

    expect(reply.tone).toBe('info');
    expect(reply.title).toBe('Not enough is known about Blade Runner (1982) yet');
    expect(reply.text).toMatch(/Nobody in the training data rated it/);
    expect(reply.movies).toBeUndefined();
  });

  it('given an ambiguous title, then a pick list that re-runs /similar', async () => {
    const f = await commandFixture();

    const reply = await f.run(similar, { title: 'hamlet' });

    expect(reply.pick).toEqual({
      command: 'similar',
      option: 'title',
      movies: [
        expect.objectContaining({ id: ID.hamlet1990 }),
        expect.objectContaining({ id: ID.hamlet1996 }),
      ],
    });
    expect(reply.movies).toBeUndefined();
  });

  it('given text that matches nothing, then "No movie matches" with suggestions', async () => {
    const f = await commandFixture();

    const reply = await f.run(similar, { title: 'hamelt' });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('No movie matches “hamelt”');
    expect(reply.text).toBe('Did you mean **Hamlet (1990)**, **Hamlet (1996)**?');
  });

  it.each([
    ['empty', '', 'Which movie?'],
    ['5,000 characters', 'h'.repeat(5_000), 'That title is too long'],
    ['a control character', 'heat\u0000', 'That title has characters I cannot read'],
    ['only emoji', '🍿', 'No movie matches “🍿”'],
  ])('given %s as the title, then a friendly error', async (_case, title, expected) => {
    const f = await commandFixture();

    const reply = await f.run(similar, { title });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe(expected);
  });

  it.each([0, -3, 26, 1e9, 'abc'])('given count %s, then a friendly error', async (count) => {
    const f = await commandFixture();

    const reply = await f.run(similar, { title: 'heat', count });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('count must be a whole number from 1 to 25');
  });

  it('given share, then the answer is for the whole channel', async () => {
    const f = await commandFixture();

    expect((await f.run(similar, { title: 'heat', share: true })).private).toBe(false);
  });

  it('offers the same autocomplete as /like: catalog titles with ids as values', async () => {
    const f = await commandFixture();

    const choices = similar.autocomplete!(
      { server: SERVER, member: MEMBER, options: {} },
      'heat',
      f.services,
    );

    expect(choices[0]).toEqual({ name: 'Heat (1995)', value: String(ID.heat) });
  });
});
