import { describe, expect, it } from 'vitest';

import { like } from '../../commands/like.js';
import { recommend } from '../../commands/recommend.js';
import { commandFixture, ID, ids, MOVIES, POPULAR_ORDER } from './support/fixture.js';

const titleOf = (id: number) => MOVIES.find((m) => m.id === id)!.title;

describe('/recommend', () => {
  it('given no likes, then the most popular movies come with a hint to use /like', async () => {
    const f = await commandFixture();

    const reply = await f.run(recommend);

    expect(reply.tone).toBe('info');
    expect(reply.title).toBe('Popular movies to start with');
    expect(reply.text).toContain('/like');
    expect(ids(reply)).toEqual(POPULAR_ORDER);
    expect(reply.movies?.every((m) => m.note === undefined)).toBe(true);
  });

  it('given likes only of movies the model does not know, then popular movies, never the liked ones', async () => {
    const f = await commandFixture();
    await f.seed([ID.bladeRunner]);

    const reply = await f.run(recommend, { count: 3 });

    expect(reply.title).toBe('Popular movies to start with');
    expect(ids(reply)).toEqual(POPULAR_ORDER.slice(0, 3));
    expect(ids(reply)).not.toContain(ID.bladeRunner);
  });

  it('given one like, then the nearest movies come first, none of them liked, each explained by that like', async () => {
    const f = await commandFixture();
    await f.seed([ID.matrix]);

    const reply = await f.run(recommend, { count: 3 });

    expect(reply.tone).toBe('success');
    expect(reply.title).toBe('Recommended for you');
    expect(reply.text).toBe('From the movie you like in this server.');
    expect(reply.movies).toEqual([
      {
        id: ID.starWars,
        title: titleOf(ID.starWars),
        note: 'because you liked Matrix, The (1999)',
      },
      { id: ID.alien, title: titleOf(ID.alien), note: 'because you liked Matrix, The (1999)' },
      {
        id: ID.toyStory,
        title: titleOf(ID.toyStory),
        note: 'because you liked Matrix, The (1999)',
      },
    ]);
  });

  it('given two likes, then each reason names the liked movie that contributes most', async () => {
    const f = await commandFixture();
    await f.seed([ID.matrix, ID.heat]);

    const reply = await f.run(recommend, { count: 2 });

    expect(reply.text).toBe('From the 2 movies you like in this server.');
    expect(reply.movies).toEqual([
      { id: ID.alien, title: 'Alien (1979)', note: 'because you liked Matrix, The (1999)' },
      { id: ID.fargo, title: 'Fargo (1996)', note: 'because you liked Heat (1995)' },
    ]);
  });

  it('given likes, then no liked movie is ever recommended and every reason names a liked movie', async () => {
    const f = await commandFixture();
    const liked: number[] = [ID.matrix, ID.hamlet1996, ID.bladeRunner];
    await f.seed(liked);

    const reply = await f.run(recommend, { count: 25 });

    const likedTitles = liked.map(titleOf);
    expect(ids(reply).length).toBeGreaterThan(0);
    expect(ids(reply).filter((id) => liked.includes(id))).toEqual([]);
    for (const movie of reply.movies ?? []) {
      if (movie.note === undefined) continue;
      const named = movie.note.replace(/^because you liked /, '');
      expect(likedTitles).toContain(named);
    }
    expect(reply.movies?.[0].note).toMatch(/^because you liked /);
  });

  it('given a count, then at most that many movies are listed', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat]);

    expect(ids(await f.run(recommend, { count: 1 }))).toHaveLength(1);
    expect(ids(await f.run(recommend, { count: '4' }))).toHaveLength(4);
    expect(ids(await f.run(recommend, { count: ' 2 ' }))).toHaveLength(2);
  });

  it('given no count, then the default ten (or all the model has left) are listed', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat]);

    const reply = await f.run(recommend);

    // The model knows eight movies; one is liked.
    expect(ids(reply)).toHaveLength(7);
  });

  it.each([0, -1, 26, 1e9, 2.5, 'abc', '1e9', 'ten'])(
    'given count %s, then a friendly error naming the range',
    async (count) => {
      const f = await commandFixture();
      await f.seed([ID.heat]);

      const reply = await f.run(recommend, { count });

      expect(reply.tone).toBe('error');
      expect(reply.title).toBe('count must be a whole number from 1 to 25');
      expect(reply.text).toContain('count:10');
      expect(reply.movies).toBeUndefined();
      expect(reply.private).toBe(true);
    },
  );

  it('given share, then the list is for the whole channel; otherwise only for the member', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat]);

    expect((await f.run(recommend, { share: true })).private).toBe(false);
    expect((await f.run(recommend, { share: 'true' })).private).toBe(false);
    expect((await f.run(recommend)).private).toBe(true);
  });

  it('given likes only in another server, then this server still answers with popular movies', async () => {
    const f = await commandFixture();
    await f.seed([ID.matrix], { server: '100000000000000002' });

    const reply = await f.run(recommend);

    expect(reply.title).toBe('Popular movies to start with');
  });

  it('given a like made a moment ago, then the next recommendation is shaped by it', async () => {
    const f = await commandFixture();

    await f.run(like, { title: 'heat' });
    const reply = await f.run(recommend, { count: 1 });

    expect(reply.movies).toEqual([
      { id: ID.fargo, title: 'Fargo (1996)', note: 'because you liked Heat (1995)' },
    ]);
  });
});
