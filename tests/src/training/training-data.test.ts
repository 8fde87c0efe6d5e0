import { describe, expect, it } from 'vitest';

import type { MemberLikes } from '../../../src/storage/index.js';
import { FIRST_MEMBER_ID, trainingData } from '../../../src/training/training-data.js';

// Three MovieLens ratings: (user, movie, stars).
const ratings = {
  users: Int32Array.from([1, 1, 2]),
  items: Int32Array.from([10, 20, 10]),
  values: Float32Array.from([5, 3, 4]),
};

const SERVER_A = '100000000000000001';
const SERVER_B = '100000000000000002';
const ALICE = '200000000000000001';
const BOB = '200000000000000002';

/** Each event of the interactions as [user, movie, value]. */
function events(interactions: { users: Int32Array; items: Int32Array; values: Float32Array }) {
  return Array.from(interactions.users, (user, k) => [
    user,
    interactions.items[k],
    interactions.values[k],
  ]);
}

describe('trainingData', () => {
  it('given no members, then the interactions are the MovieLens ratings and no row is a member', () => {
    const { interactions, members } = trainingData(ratings, []);
    expect(events(interactions)).toEqual([
      [1, 10, 5],
      [1, 20, 3],
      [2, 10, 4],
    ]);
    expect(members).toEqual([]);
  });

  it('given members, then each becomes a row numbered from FIRST_MEMBER_ID up, in snapshot order', () => {
    const snapshot: MemberLikes[] = [
      { server: SERVER_A, member: ALICE, likes: [2571, 6] },
      { server: SERVER_A, member: BOB, likes: [1] },
    ];
    const { members } = trainingData(ratings, snapshot);
    expect(FIRST_MEMBER_ID).toBeGreaterThan(6040);
    expect(members).toEqual([
      { id: FIRST_MEMBER_ID, server: SERVER_A, member: ALICE },
      { id: FIRST_MEMBER_ID + 1, server: SERVER_A, member: BOB },
    ]);
  });

  it('given members, then the MovieLens ratings come first, unchanged, and each like follows as one event of value 1', () => {
    const snapshot: MemberLikes[] = [
      { server: SERVER_A, member: ALICE, likes: [2571, 6] },
      { server: SERVER_A, member: BOB, likes: [1] },
    ];
    const { interactions } = trainingData(ratings, snapshot);
    expect(events(interactions)).toEqual([
      [1, 10, 5],
      [1, 20, 3],
      [2, 10, 4],
      [FIRST_MEMBER_ID, 2571, 1],
      [FIRST_MEMBER_ID, 6, 1],
      [FIRST_MEMBER_ID + 1, 1, 1],
    ]);
  });

  it('given members, then the MovieLens arrays passed in are left as they were', () => {
    const copy = events(ratings);
    trainingData(ratings, [{ server: SERVER_A, member: ALICE, likes: [2571] }]);
    expect(events(ratings)).toEqual(copy);
  });

  it('given a member without likes, then they get no row and use up no id', () => {
    const snapshot: MemberLikes[] = [
      { server: SERVER_A, member: ALICE, likes: [] },
      { server: SERVER_A, member: BOB, likes: [6] },
    ];
    const { interactions, members } = trainingData(ratings, snapshot);
    expect(members).toEqual([{ id: FIRST_MEMBER_ID, server: SERVER_A, member: BOB }]);
    expect(interactions.users.length).toBe(ratings.users.length + 1);
    expect(events(interactions).at(-1)).toEqual([FIRST_MEMBER_ID, 6, 1]);
  });

  it('given the same member in two servers, then each server gets its own row with its own likes', () => {
    const snapshot: MemberLikes[] = [
      { server: SERVER_A, member: ALICE, likes: [2571] },
      { server: SERVER_B, member: ALICE, likes: [6, 1] },
    ];
    const { interactions, members } = trainingData(ratings, snapshot);
    expect(members).toEqual([
      { id: FIRST_MEMBER_ID, server: SERVER_A, member: ALICE },
      { id: FIRST_MEMBER_ID + 1, server: SERVER_B, member: ALICE },
    ]);
    expect(events(interactions).slice(3)).toEqual([
      [FIRST_MEMBER_ID, 2571, 1],
      [FIRST_MEMBER_ID + 1, 6, 1],
      [FIRST_MEMBER_ID + 1, 1, 1],
    ]);
  });
});
