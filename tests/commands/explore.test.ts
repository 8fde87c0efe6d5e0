import { describe, expect, it } from 'vitest';
import type { Invocation, Reply, Services } from '../../commands/index.js';
import { explore, GROUPS_CHART, LISTING } from '../../commands/explore.js';
import { Catalog } from '../../src/catalog/index.js';
import { profileWords } from '../../src/stats/explore.js';
import { SUPPORT } from '../../src/stats/groups.js';
import { computeTopLists } from '../../src/stats/top-lists.js';
import { pngSize } from '../src/stats/support/png.js';
import { MOVIES, PROFILES, smallWorld } from '../src/stats/support/small-world.js';
import { commandFixture, MEMBER, SERVER } from './support/fixture.js';

const figures = computeTopLists(smallWorld());
const profiles = new Map(PROFILES.map((p) => [p.id, p]));
const SAMPLE_LINE = /^\*\*#(\d+)\*\* ([^:]+): (.+)$/;

/** Runs /explore over the small world: sixty profiled users, thirty movies. */
async function exploreWith(
  options: Invocation['options'] = {},
  extra: Partial<Services> = {},
): Promise<Reply> {
  const f = await commandFixture({ movies: MOVIES });
  const services: Services = {
    ...f.services,
    catalog: new Catalog(MOVIES),
    profiles,
    topLists: async () => figures,
    ...extra,
  };
  return explore.run({ server: SERVER, member: MEMBER, options }, services);
}

/** The sampled profiles of a reply: user id, words, titles. */
function sampled(reply: Reply) {
  return reply.text!.split('\n').flatMap((line) => {
    const match = SAMPLE_LINE.exec(line);
    return match
      ? [{ user: Number(match[1]), words: match[2], titles: match[3].split(' · ') }]
      : [];
  });
}

describe('/explore', () => {
  it('given no count, then thirty distinct profiles, each with five movies', async () => {
    const reply = await exploreWith({ seed: 4 });

    const sample = sampled(reply);
    expect(sample).toHaveLength(30);
    expect(new Set(sample.map((s) => s.user)).size).toBe(30);
    for (const s of sample) expect(s.titles).toHaveLength(5);
    expect(reply.title).toBe('Top 5 for 30 random MovieLens profiles');
  });

  it('given count 7, then seven profiles', async () => {
    expect(sampled(await exploreWith({ count: 7, seed: 4 }))).toHaveLength(7);
  });

  it('given the same seed twice, then the same profiles and lists; another seed, another sample', async () => {
    const first = await exploreWith({ count: 10, seed: 123 });
    const again = await exploreWith({ count: 10, seed: '123' });
    const other = await exploreWith({ count: 10, seed: 124 });

    expect(again.text).toBe(first.text);
    expect(sampled(other).map((s) => s.user)).not.toEqual(sampled(first).map((s) => s.user));
    expect(first.text).toContain('Seed 123: `/explore seed:123` draws the same profiles again.');
  });

  it('given no seed, then a seed is drawn and named so the sample can be seen again', async () => {
    const reply = await exploreWith({ count: 5 });
    const seed = /^Seed (\d+):/.exec(reply.text!)?.[1];

    expect(seed).toBeDefined();
    expect((await exploreWith({ count: 5, seed: Number(seed) })).text).toBe(reply.text);
  });

  it('given a profile, then its gender, age band and occupation in words, and its own top 5 in order', async () => {
    const reply = await exploreWith({ count: 20, seed: 9 });

    for (const s of sampled(reply)) {
      const p = profiles.get(s.user)!;
      expect(s.words).toBe(`${p.gender}, ${p.age.replace('Under', 'under')}, ${p.occupation}`);
      const u = figures.movielens.users.indexOf(s.user);
      const top5 = [...figures.movielens.movies.subarray(u * 10, u * 10 + 5)];
      const titles = top5.map((id) => MOVIES.find((m) => m.id === id)!.title);
      expect(s.titles).toEqual(titles.map((t) => t.replace(/\*/g, '\\*')));
    }
    expect(profileWords(PROFILES[0])).toBe('female, under 18, programmer');
  });

  it('given women in the population, then their over-represented movies match a lift computed here', async () => {
    const { users, movies, k } = figures.movielens;
    const women = new Set(PROFILES.filter((p) => p.gender === 'female').map((p) => p.id));
    const all = new Map<number, number>();
    const theirs = new Map<number, number>();
    users.forEach((user, u) => {
      for (const m of movies.subarray(u * k, (u + 1) * k)) {
        all.set(m, (all.get(m) ?? 0) + 1);
        if (women.has(user)) theirs.set(m, (theirs.get(m) ?? 0) + 1);
      }
    });
    const expected = [...theirs]
      .map(([m, n]) => ({ m, n, lift: n / women.size / ((all.get(m) ?? 0) / users.length) }))
      .filter((x) => x.n >= SUPPORT.minUsers && x.n / women.size >= SUPPORT.minShare && x.lift > 1)
      .sort((a, b) => b.lift - a.lift || b.n - a.n || a.m - b.m)
      .slice(0, 2)
      .map(
        (x) =>
          `${MOVIES.find((m) => m.id === x.m)!.title.replace(/\*/g, '\\*')} ${x.lift.toFixed(1)}×`,
      );

    const reply = await exploreWith({ seed: 1 });

    const gender = reply.sections!.find((s) => s.title === 'By gender')!;
    expect(gender.text.split('\n')[0]).toBe(`**female** (30): ${expected.join(' · ')}`);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('given the groups, then one section per attribute, each line a group, within Discord’s field limit', async () => {
    const reply = await exploreWith({ seed: 1 });

    expect(reply.sections!.map((s) => s.title)).toEqual([
      'By gender',
      'By age band',
      'By occupation',
    ]);
    expect(reply.sections!.map((s) => s.text.split('\n').length)).toEqual([2, 4, 3]);
    expect(reply.sections![1].text).toMatch(/^\*\*under 18\*\* \(15\): /);
    for (const s of reply.sections!) expect(s.text.length).toBeLessThanOrEqual(1024);
    expect(reply.footer).toContain(`at least ${SUPPORT.minUsers} users and 2% of the group`);
  });

  it('given an answer, then the groups chart is attached and shown, and the whole answer as text', async () => {
    const reply = await exploreWith({ seed: 1, count: 3 });

    expect(reply.files?.map((f) => f.name)).toEqual([LISTING, GROUPS_CHART]);
    expect(reply.image).toBe(GROUPS_CHART);
    const [listing, chart] = reply.files!;
    expect(pngSize(chart.data)!.width).toBeGreaterThanOrEqual(400);
    const text = listing.data.toString('utf8');
    for (const s of sampled(reply)) expect(text).toContain(`#${s.user} ${s.words}: `);
    expect(text).toContain('By occupation\n');
    expect(text).not.toContain('**');
  });

  it.each([0, -3, 51, 'many', 2.5])('given count %s, then a friendly error', async (count) => {
    const reply = await exploreWith({ count });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('count must be a whole number from 1 to 50');
    expect(reply.private).toBe(true);
  });

  it.each([-1, 'abc', 2 ** 31, '1e3', '0x10', true])(
    'given seed %s, then a friendly error',
    async (seed) => {
      const reply = await exploreWith({ seed });

      expect(reply.tone).toBe('error');
      expect(reply.title).toBe('seed must be a whole number from 0 to 2,147,483,647');
    },
  );

  it('given a process without profiles or statistics, then it says exploring is not available', async () => {
    const reply = await exploreWith({}, { topLists: undefined });

    expect(reply).toMatchObject({ tone: 'error', title: 'Exploring is not available here' });
  });

  it('given the computation fails, then a short apology', async () => {
    const reply = await exploreWith(
      {},
      {
        topLists: async () => {
          throw new Error('simulated');
        },
      },
    );

    expect(reply).toMatchObject({
      tone: 'error',
      title: 'I could not work out everybody’s recommendations',
    });
  });

  it('given share, then the answer is for the whole channel; otherwise private', async () => {
    expect((await exploreWith({ share: true, seed: 1 })).private).toBe(false);
    expect((await exploreWith({ seed: 1 })).private).toBe(true);
  });
});
