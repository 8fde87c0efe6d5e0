import type { Profile } from '../movielens/index.js';

/** A field of users.dat that splits MovieLens users into groups. */
export type Attribute = 'gender' | 'age' | 'occupation';

/** The attributes in the order they are shown. */
export const ATTRIBUTES: readonly Attribute[] = ['gender', 'age', 'occupation'];

/**
 * When a movie may count as over-represented in a group: at least `minUsers` of the group's
 * users, and at least `minShare` of them, have it in their top list. Without it a movie that
 * one user of a small group gets, and almost nobody else does, would top every group with a
 * huge lift that means nothing.
 */
export const SUPPORT = { minUsers: 5, minShare: 0.02 } as const;

/** A movie that a group gets more often than everybody does. */
export interface OverRepresented {
  /** MovieLens movie id. */
  movie: number;
  /** Users of the group with the movie in their top list. */
  users: number;
  /** users / the group's size. */
  share: number;
  /** share / the share of all users with the movie in their top list. */
  lift: number;
}

/** One group of MovieLens users and the movies most over-represented in its top lists. */
export interface Group {
  attribute: Attribute;
  /** The value in words, as users.dat decodes it ("female", "25-34", "programmer"). */
  value: string;
  /** Users in the group. */
  users: number;
  /** Highest lift first; only movies above SUPPORT with a lift above 1. */
  movies: OverRepresented[];
}

/** Everybody's top lists as MovieLens ids. */
export interface UserLists {
  /** MovieLens user ids, one per list. */
  users: readonly number[];
  /** Row-major users × k MovieLens movie ids, 0 where a list is shorter. */
  movies: Int32Array;
  k: number;
}

/**
 * For each gender, age band and occupation present among the users, the movies most
 * over-represented in that group's top lists compared with everyone's. The lift of movie m
 * in group G is (users of G with m ÷ users in G) ÷ (users with m ÷ users): 2 means the
 * group gets it twice as often as everybody does. Users without a profile are left out of
 * both shares.
 * @param lists - everybody's top lists
 * @param profiles - users.dat by user id
 * @param top - how many movies per group
 * @returns the groups: by attribute, then age bands in age order and other values
 *   alphabetically
 */
export function overRepresented(
  lists: UserLists,
  profiles: ReadonlyMap<number, Profile>,
  top = 3,
): Group[] {
  const everybody = new Map<number, number>();
  const groups = new Map<
    string,
    { attribute: Attribute; value: string; users: number; counts: Map<number, number> }
  >();
  let users = 0;

  lists.users.forEach((user, u) => {
    const profile = profiles.get(user);
    if (!profile) return;
    users++;
    const movies = lists.movies.subarray(u * lists.k, (u + 1) * lists.k).filter((m) => m > 0);
    movies.forEach((m) => everybody.set(m, (everybody.get(m) ?? 0) + 1));
    for (const attribute of ATTRIBUTES) {
      const key = `${attribute}\u0000${profile[attribute]}`;
      let group = groups.get(key);
      if (!group)
        groups.set(
          key,
          (group = { attribute, value: profile[attribute], users: 0, counts: new Map() }),
        );
      group.users++;
      movies.forEach((m) => group.counts.set(m, (group.counts.get(m) ?? 0) + 1));
    }
  });

  return [...groups.values()].sort(groupOrder).map(({ counts, ...group }) => {
    const movies = [...counts]
      .filter(([, n]) => n >= SUPPORT.minUsers && n / group.users >= SUPPORT.minShare)
      .map(([movie, n]) => ({
        movie,
        users: n,
        share: n / group.users,
        lift: n / group.users / ((everybody.get(movie) ?? n) / users),
      }))
      .filter((m) => m.lift > 1)
      .sort((a, b) => b.lift - a.lift || b.users - a.users || a.movie - b.movie)
      .slice(0, top);
    return { ...group, movies };
  });
}

function groupOrder(
  a: Pick<Group, 'attribute' | 'value'>,
  b: Pick<Group, 'attribute' | 'value'>,
): number {
  const byAttribute = ATTRIBUTES.indexOf(a.attribute) - ATTRIBUTES.indexOf(b.attribute);
  if (byAttribute !== 0) return byAttribute;
  if (a.attribute === 'age') return ageFrom(a.value) - ageFrom(b.value);
  return a.value.localeCompare(b.value, 'en');
}

/** "Under 18" → 0, "25-34" → 25, "56+" → 56. */
function ageFrom(band: string): number {
  return Number(/^\d+/.exec(band)?.[0] ?? 0);
}
