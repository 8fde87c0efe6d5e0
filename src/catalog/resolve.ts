import type { Movie } from '../movielens/types.js';
import type { Resolution, TitleMatch } from './types.js';

/** The most titles a pick list offers. */
export const MAX_OPTIONS = 5;

/** The most titles suggested after a miss. */
export const MAX_SUGGESTIONS = 3;

/** How many search results resolution looks at. */
export const RESOLVE_DEPTH = 10;

// Both thresholds were chosen by resolving queries made from the 3,883 MovieLens 1M titles
// (tests/src/catalog/resolve.test.ts keeps a version of that check):
// - a title typed with one wrong, missing or extra letter: with these values 94% resolve
//   straight to it, 4-5% give a pick list holding it, about 1% give "none", none go wrong;
// - 500 strings of random letters: 99% give "none".
// Ceilings from 0.25 to 0.35 changed those figures by a point at most. 0.3 keeps one wrong
// letter in a short word a match ("matrx" scores 0.25) and makes two in six ("matirx" for
// "matrix", 0.33) a suggestion. A gap of 0.1 turned 4% more typos into pick lists without
// fixing a single wrong match; 0.05 still groups the Star Wars films (0.106 to 0.119) and
// the two Titanics while dropping "Titan A.E." (0.057 behind them).

/** A best score above this is no match: the reply is "none" with suggestions. */
const MATCH_CEILING = 0.3;

/** Titles scoring within this of the best are close enough to ask which one was meant. */
const CLOSE_GAP = 0.05;

/**
 * Decides what a query means from its best search results.
 * @param matches - search results, best first
 * @returns one match, a short list of close candidates, or suggestions after a miss
 */
export function resolveMatches(matches: readonly TitleMatch[]): Resolution {
  const exact = matches.filter(({ score }) => score === 0).map(({ movie }) => movie);
  if (exact.length === 1) return { kind: 'match', movie: exact[0] };
  if (exact.length > 1) return { kind: 'ambiguous', options: exact.slice(0, MAX_OPTIONS) };

  const best = matches[0];
  if (!best || best.score > MATCH_CEILING) return none(matches);

  const close = matches.filter(({ score }) => score - best.score <= CLOSE_GAP);
  if (close.length === 1) return { kind: 'match', movie: best.movie };
  return { kind: 'ambiguous', options: close.slice(0, MAX_OPTIONS).map(({ movie }) => movie) };
}

/** The nearest titles after a miss, possibly none. */
function none(matches: readonly TitleMatch[]): Resolution {
  const suggestions: Movie[] = matches.slice(0, MAX_SUGGESTIONS).map(({ movie }) => movie);
  return { kind: 'none', suggestions };
}
