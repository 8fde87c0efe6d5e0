import { describe, expect, it } from 'vitest';
import { Recommender } from '../../../model/recommender.js';
import { topListsInWorker, TopListsError } from '../../../src/stats/run-top-lists.js';
import { computeTopLists, TOP } from '../../../src/stats/top-lists.js';
import { pngSize } from './support/png.js';
import { smallWorld } from './support/small-world.js';

/** User u's list of movie ids. */
function listOf(figures: ReturnType<typeof computeTopLists>, u: number): number[] {
  const { movies, k } = figures.movielens;
  return [...movies.subarray(u * k, (u + 1) * k)];
}

describe('computeTopLists', () => {
  it('given sixty MovieLens users, then each gets the ten best movies they have not rated, in score order', () => {
    const job = smallWorld();
    const figures = computeTopLists(job);

    expect(figures.movielens.users).toEqual(job.model.users);
    expect(figures.movielens.k).toBe(TOP);
    const f = job.model.settings.factors;
    for (const [u, user] of figures.movielens.users.entries()) {
      const rated = new Set([...job.seen.items].filter((_, k) => job.seen.users[k] === user));
      const score = (movie: number) => {
        const i = job.model.items.indexOf(movie);
        let s = 0;
        for (let d = 0; d < f; d++)
          s += job.model.itemFactors[i * f + d] * job.model.userFactors[u * f + d];
        return s;
      };
      const expected = job.model.items
        .filter((m) => !rated.has(m))
        .sort((a, b) => score(b) - score(a))
        .slice(0, 10);
      expect(listOf(figures, u)).toEqual(expected);
    }
  });

  it('given sixty users and thirty movies, then the coverage counts sixty lists over a catalog of thirty', () => {
    const figures = computeTopLists(smallWorld());

    expect(figures.coverage).toMatchObject({ users: 60, catalog: 30, k: 10 });
    expect(figures.coverage.cumulative[9]).toBe(figures.coverage.distinct);
    expect(figures.members).toBe(0);
  });

  it('given a member with likes, then their top 10 as /recommend ranks it joins the coverage at every rank', () => {
    const job = smallWorld();
    const likes = [10, 20, 999_999];
    const figures = computeTopLists({ ...job, members: [{ server: '1', member: '2', likes }] });
    const alone = computeTopLists(job);

    const recommended = new Recommender(job.model).recommend(likes, TOP).map((r) => r.movie);
    expect(recommended).toHaveLength(10);
    expect(figures.members).toBe(1);
    expect(figures.coverage.users).toBe(61);
    expect(figures.movielens.users).toHaveLength(60);
    const atRank = (r: number) => alone.movielens.movies.filter((_, k) => k % TOP === r);
    const expected = recommended.map((movie, r) => new Set([...atRank(r), movie]).size);
    expect(figures.coverage.perRank).toEqual(expected);
  });

  it('given a member whose likes the model does not know, then they are left out', () => {
    const job = smallWorld();
    const figures = computeTopLists({
      ...job,
      members: [{ server: '1', member: '2', likes: [5] }],
    });

    expect(figures.members).toBe(0);
    expect(figures.coverage.users).toBe(60);
  });

  it('given member rows trained into the model, then they are not counted as MovieLens users', () => {
    const job = smallWorld();
    job.model.members = [{ id: 60, server: '1', member: '2' }];

    const figures = computeTopLists(job);

    expect(figures.movielens.users).toHaveLength(59);
    expect(figures.movielens.users).not.toContain(60);
  });

  it('given the lists, then the groups and both charts come with them', () => {
    const figures = computeTopLists(smallWorld());

    expect(figures.groups.map((g) => g.value)).toContain('female');
    expect(pngSize(figures.charts.coverage)?.width).toBeGreaterThanOrEqual(400);
    expect(pngSize(figures.charts.groups)?.width).toBeGreaterThanOrEqual(400);
    expect(figures.trainedAt).toBe('2024-06-01T00:00:00.000Z');
  });
});

describe('topListsInWorker', () => {
  it('given a job, then the thread gives the same figures as computing here', async () => {
    const job = smallWorld();

    const inThread = await topListsInWorker(job).result;
    const here = computeTopLists(job);

    expect(inThread.coverage).toEqual(here.coverage);
    expect([...inThread.movielens.movies]).toEqual([...here.movielens.movies]);
    expect(inThread.groups).toEqual(here.groups);
    expect(pngSize(inThread.charts.coverage)).toEqual(pngSize(here.charts.coverage));
  });

  it('given a run stopped at once, then it fails with STOPPED', async () => {
    const run = topListsInWorker(smallWorld());

    await run.stop();

    const error = await run.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopListsError);
    expect((error as TopListsError).code).toBe('STOPPED');
  });
});
