import { describe, expect, it } from 'vitest';

import { likes, PAGE_SIZE } from '../../commands/likes.js';
import type { Movie } from '../../src/movielens/types.js';
import { commandFixture, ID, ids, MEMBER, MOVIES, SERVER } from './support/fixture.js';

const OTHER = '200000000000000002';

/** The fixture's movies and 31 more, enough to like three pages' worth. */
const MANY: Movie[] = [
  ...MOVIES,
  ...Array.from({ length: 31 }, (_, i) => ({
    id: 5001 + i,
    title: `Film Number ${String(i + 1).padStart(2, '0')} (2001)`,
    year: 2001,
    genres: ['Drama'],
  })),
];
const FILLERS = MANY.slice(MOVIES.length).map((m) => m.id);

describe('/likes', () => {
  it('given my likes, then they are listed in the order liked with their count, privately', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat, ID.matrix, ID.hamlet1990]);

    const reply = await f.run(likes);

    expect(reply).toEqual({
      tone: 'info',
      title: 'Your likes',
      text: 'You like 3 movies in this server.',
      movies: [
        { id: ID.heat, title: 'Heat (1995)' },
        { id: ID.matrix, title: 'Matrix, The (1999)' },
        { id: ID.hamlet1990, title: 'Hamlet (1990)' },
      ],
      footer: undefined,
      private: true,
    });
  });

  it("given another member, then their likes in this server are listed, not mine and not another server's", async () => {
    const f = await commandFixture();
    await f.seed([ID.heat]);
    await f.seed([ID.fargo, ID.alien], { member: OTHER });
    await f.seed([ID.toyStory], { member: OTHER, server: '100000000000000002' });

    const reply = await f.run(likes, { member: OTHER });

    expect(reply.title).toBe('Their likes');
    expect(reply.text).toBe(`<@${OTHER}> likes 2 movies in this server.`);
    expect(ids(reply)).toEqual([ID.fargo, ID.alien]);
  });

  it('given myself named as the member, then it reads as my own list', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat]);

    const reply = await f.run(likes, { member: MEMBER });

    expect(reply.title).toBe('Your likes');
  });

  it('given no likes of mine, then the reply says so and suggests /like', async () => {
    const f = await commandFixture();

    const reply = await f.run(likes);

    expect(reply.tone).toBe('info');
    expect(reply.title).toBe('You have no likes here yet');
    expect(reply.text).toContain('/like');
    expect(reply.movies).toBeUndefined();
  });

  it('given a member with no likes here, then the reply says so without a hint meant for me', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat], { member: OTHER, server: '100000000000000002' });

    const reply = await f.run(likes, { member: OTHER });

    expect(reply.title).toBe('This member has no likes here yet');
    expect(reply.text).toBeUndefined();
  });

  it('given something that is not a member id, then a friendly error instead of a failure', async () => {
    const f = await commandFixture();

    const reply = await f.run(likes, { member: '@everyone' });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('That is not a member');
    expect(`${reply.title} ${reply.text}`).not.toMatch(/@(?!\u200b)/);
  });

  it('given share, then the answer is for the whole channel; otherwise only for me', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat]);

    expect((await f.run(likes, { share: true })).private).toBe(false);
    expect((await f.run(likes, { share: 'yes' })).private).toBe(false);
    expect((await f.run(likes, { share: false })).private).toBe(true);
    expect((await f.run(likes)).private).toBe(true);
  });

  describe('paging', () => {
    it('given more likes than a page holds, then page 1 shows the first ones and points at page 2', async () => {
      const f = await commandFixture({ movies: MANY });
      await f.seed(FILLERS);

      const reply = await f.run(likes);

      expect(PAGE_SIZE).toBe(15);
      expect(reply.text).toBe('You like 31 movies in this server.');
      expect(ids(reply)).toEqual(FILLERS.slice(0, 15));
      expect(reply.footer).toBe('Page 1 of 3: use page:2 for more');
    });

    it('given page 2, then the next likes are shown', async () => {
      const f = await commandFixture({ movies: MANY });
      await f.seed(FILLERS);

      const reply = await f.run(likes, { page: 2 });

      expect(ids(reply)).toEqual(FILLERS.slice(15, 30));
      expect(reply.footer).toBe('Page 2 of 3: use page:3 for more');
    });

    it('given the last page, then its footer does not promise more', async () => {
      const f = await commandFixture({ movies: MANY });
      await f.seed(FILLERS);

      const reply = await f.run(likes, { page: '3' });

      expect(ids(reply)).toEqual(FILLERS.slice(30));
      expect(reply.footer).toBe('Page 3 of 3');
    });

    it('given a page beyond the end, then a friendly error says how many pages there are', async () => {
      const f = await commandFixture({ movies: MANY });
      await f.seed(FILLERS);

      const beyond = await f.run(likes, { page: 4 });

      expect(beyond.tone).toBe('error');
      expect(beyond.title).toBe('There are only 3 pages');
    });

    it('given page 2 of a one-page list, then the error says there is only 1 page', async () => {
      const f = await commandFixture();
      await f.seed([ID.heat]);

      const reply = await f.run(likes, { page: 2 });

      expect(reply.title).toBe('There is only 1 page');
    });

    it.each([0, -1, 1.5, 'abc'])('given page %s, then a friendly error', async (page) => {
      const f = await commandFixture();
      await f.seed([ID.heat]);

      const reply = await f.run(likes, { page });

      expect(reply.tone).toBe('error');
      expect(reply.title).toMatch(/^page must be a whole number 1 or more$/);
      expect(reply.movies).toBeUndefined();
    });
  });
});
