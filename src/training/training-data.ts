import type { Interactions } from '../../model/sparse.js';
import type { MemberLikes } from '../storage/index.js';

/** A member's row in the training data: a user id beyond MovieLens's. */
export interface MemberRow {
  id: number;
  server: string;
  member: string;
}

/**
 * Member rows get ids from here up, far above MovieLens 1M's 6,040 users,
 * so the two never collide.
 */
export const FIRST_MEMBER_ID = 10_000_000;

/**
 * The training data: every MovieLens rating plus one row per (server,
 * member) holding that member's likes. A server's members never share a
 * row with another server's.
 * @param ratings - MovieLens ratings
 * @param members - the liked lists, as a snapshot
 * @returns the interactions and which row is which member
 */
export function trainingData(
  ratings: Interactions,
  members: readonly MemberLikes[],
): { interactions: Interactions; members: MemberRow[] } {
  const rows: MemberRow[] = [];
  const extra = members.reduce((n, m) => n + m.likes.length, 0);
  const n = ratings.users.length;
  const interactions = {
    users: new Int32Array(n + extra),
    items: new Int32Array(n + extra),
    values: new Float32Array(n + extra),
  };
  interactions.users.set(ratings.users);
  interactions.items.set(ratings.items);
  interactions.values.set(ratings.values);

  let k = n;
  for (const { server, member, likes } of members) {
    if (likes.length === 0) continue;
    const id = FIRST_MEMBER_ID + rows.length;
    rows.push({ id, server, member });
    for (const movie of likes) {
      interactions.users[k] = id;
      interactions.items[k] = movie;
      interactions.values[k++] = 1;
    }
  }
  return { interactions, members: rows };
}
