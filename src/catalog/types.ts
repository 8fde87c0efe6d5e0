import type { Movie } from '../movielens/types.js';

/** A title found by a search. */
export interface TitleMatch {
  /** The movie found. */
  movie: Movie;
  /** How well it matches: 0 for the exact title, towards 1 for a poor match. */
  score: number;
}

/**
 * What typed text refers to. Expected outcomes, not errors: the caller words the reply.
 * - `match`: one title, exactly named or clearly the best
 * - `ambiguous`: two to five titles close to each other, for a pick list
 * - `none`: nothing close enough; the nearest titles, possibly none, as suggestions
 */
export type Resolution =
  | { kind: 'match'; movie: Movie }
  | { kind: 'ambiguous'; options: Movie[] }
  | { kind: 'none'; suggestions: Movie[] };
