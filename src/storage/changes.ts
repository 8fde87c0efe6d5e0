import type { Members } from './server-document.js';

/** One change a member asked for. */
export interface Change {
  /** Add the movie to the member's likes, or take it out. */
  kind: 'like' | 'unlike';
  /** The member id. */
  member: string;
  /** The MovieLens movie id. */
  movie: number;
  /** When the change was asked for, as an ISO 8601 time. */
  at: string;
}

/** What a change did. */
export interface ChangeOutcome {
  /** Whether the likes changed: false for a second like or an unlike of a movie not liked. */
  changed: boolean;
  /** How many movies the member likes afterwards. */
  count: number;
}

/**
 * Applies a change to liked lists, replacing the member's list rather than editing it.
 * @param members - the liked lists, changed in place
 * @param change - the change
 * @returns whether anything changed and the member's count after it
 */
export function applyChange(members: Members, change: Change): ChangeOutcome {
  const likes = members.get(change.member) ?? [];
  const liked = likes.some(({ movie }) => movie === change.movie);

  if (change.kind === 'like') {
    if (liked) return { changed: false, count: likes.length };
    members.set(change.member, [...likes, { movie: change.movie, at: change.at }]);
    return { changed: true, count: likes.length + 1 };
  }

  if (!liked) return { changed: false, count: likes.length };
  const rest = likes.filter(({ movie }) => movie !== change.movie);
  if (rest.length === 0) members.delete(change.member);
  else members.set(change.member, rest);
  return { changed: true, count: rest.length };
}

/**
 * @param members - liked lists, left untouched
 * @param changes - changes to apply in order
 * @returns a copy of the lists with the changes applied
 */
export function replay(members: Members, changes: readonly Change[]): Members {
  const copy: Members = new Map(members);
  for (const change of changes) applyChange(copy, change);
  return copy;
}
