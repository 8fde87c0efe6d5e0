import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../src/movielens/index.js';
import { overRepresented, SUPPORT, type UserLists } from '../../../src/stats/groups.js';

/** `n` users of one profile, ids from `first`. */
function people(first: number, n: number, profile: Omit<Profile, 'id'>): Profile[] {
  return Array.from({ length: n }, (_, i) => ({ id: first + i, ...profile }));
}

// Twenty women (ids 1–20) and twenty men (21–40), in two age bands and two occupations.
const PROFILES = [
  ...people(1, 10, { gender: 'female', age: '25-34', occupation: 'writer' }),
  ...people(11, 10, { gender: 'female', age: 'Under 18', occupation: 'K-12 student' }),
  ...people(21, 10, { gender: 'male', age: '25-34', occupation: 'writer' }),
  ...people(31, 10, { gender: 'male', age: 'Under 18', occupation: 'K-12 student' }),
];

/**
 * Top-3 lists. Movie 100: 16 women, 4 men. Movie 200: everybody. Movie 300: 12 men, no
 * woman. Movie 400: 3 women only (under the support). User 41 has no profile and movie 400.
 */
function lists(): UserLists {
  const byUser = new Map<number, number[]>();
  const give = (ids: number[], movie: number) =>
    ids.forEach((id) => byUser.set(id, [...(byUser.get(id) ?? []), movie]));
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i);
  give(range(1, 41), 200);
  give([...range(1, 16), ...range(21, 24)], 100);
  give(range(25, 36), 300);
  give([17, 18, 19, 41], 400);

  const users = range(1, 41);
  const movies = new Int32Array(users.length * 3);
  users.forEach((id, u) => movies.set(byUser.get(id) ?? [], u * 3));
  return { users, movies, k: 3 };
}

/** The test's own lift of every movie for women: share among women ÷ share among everybody. */
function liftsForWomen(l: UserLists): Map<number, { users: number; lift: number }> {
  const profiled = l.users.filter((id) => PROFILES.some((p) => p.id === id));
  const women = new Set(PROFILES.filter((p) => p.gender === 'female').map((p) => p.id));
  const listOf = (u: number) => [...l.movies.subarray(u * l.k, (u + 1) * l.k)].filter((m) => m > 0);
  const all = new Map<number, number>();
  const theirs = new Map<number, number>();
  l.users.forEach((id, u) => {
    if (!profiled.includes(id)) return;
    for (const m of listOf(u)) {
      all.set(m, (all.get(m) ?? 0) + 1);
      if (women.has(id)) theirs.set(m, (theirs.get(m) ?? 0) + 1);
    }
  });
  const out = new Map<number, { users: number; lift: number }>();
  for (const [m, n] of theirs) {
    out.set(m, { users: n, lift: n / women.size / ((all.get(m) ?? 0) / profiled.length) });
  }
  return out;
}

describe('overRepresented', () => {
  const profiles = new Map(PROFILES.map((p) => [p.id, p]));

  it('given the lists, then the groups come by gender, age band in age order, then occupation', () => {
    const groups = overRepresented(lists(), profiles);

    expect(groups.map((g) => [g.attribute, g.value, g.users])).toEqual([
      ['gender', 'female', 20],
      ['gender', 'male', 20],
      ['age', 'Under 18', 20],
      ['age', '25-34', 20],
      ['occupation', 'K-12 student', 20],
      ['occupation', 'writer', 20],
    ]);
  });

  it('given the lists, then women’s over-represented movies match a lift computed by hand', () => {
    const expected = [...liftsForWomen(lists())]
      .filter(
        ([, f]) => f.users >= SUPPORT.minUsers && f.users / 20 >= SUPPORT.minShare && f.lift > 1,
      )
      .sort((a, b) => b[1].lift - a[1].lift);

    const women = overRepresented(lists(), profiles).find((g) => g.value === 'female')!;

    // 100: 16/20 of women against 20/40 of everybody, a lift of 1.6.
    expect(expected.map(([movie]) => movie)).toEqual([100]);
    expect(women.movies).toEqual([{ movie: 100, users: 16, share: 0.8, lift: 1.6 }]);
    expect(women.movies[0].lift).toBeCloseTo(expected[0][1].lift, 12);
  });

  it('given a movie only three women get, then it stays out for lack of support', () => {
    const women = overRepresented(lists(), profiles).find((g) => g.value === 'female')!;

    expect(liftsForWomen(lists()).get(400)?.lift).toBeGreaterThan(1);
    expect(women.movies.map((m) => m.movie)).not.toContain(400);
  });

  it('given a movie everybody gets, then no group lists it', () => {
    const groups = overRepresented(lists(), profiles);

    expect(groups.flatMap((g) => g.movies.map((m) => m.movie))).not.toContain(200);
  });

  it('given men, then movie 300 leads with a lift of 2 and 100 is not over-represented', () => {
    const men = overRepresented(lists(), profiles).find((g) => g.value === 'male')!;

    expect(men.movies).toEqual([{ movie: 300, users: 12, share: 0.6, lift: 2 }]);
  });

  it('given top 1, then at most one movie per group', () => {
    const groups = overRepresented(lists(), profiles, 1);

    expect(Math.max(...groups.map((g) => g.movies.length))).toBe(1);
  });
});
