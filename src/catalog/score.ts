import type { NameEntry } from './name-index.js';

/**
 * How much the part of a name the query leaves uncovered counts. Fuse scores a query found
 * inside a longer name as perfect, so on its own "heat" would tie "Heat" and "Heathers"; the
 * uncovered share separates them. It weighs less than Fuse's distance so that "star wars"
 * finds the Star Wars films, which it only begins, before "Star Maps", two letters off.
 */
const SHORTFALL_WEIGHT = 0.3;

/** A name that starts with the query is what someone is still typing: its shortfall counts half. */
const PREFIX_DISCOUNT = 0.5;

/** An alternate title ("The Postman" for "Postino, Il") ranks just below the title itself. */
const ALTERNATE_PENALTY = 0.05;

/** A title from another year than the one asked for: far enough down to lose, still listed. */
const YEAR_MISMATCH_PENALTY = 0.15;

/** The best score a name that is not exactly the query can reach, so that 0 means exact. */
const INEXACT_FLOOR = 0.001;

/**
 * Scores one name for a query: 0 when the query is exactly the title, towards 1 as it is
 * fuzzier and covers less of the name.
 * @param query - the normalised query the name was found for
 * @param hit - the name found
 * @param fuzziness - Fuse's distance from the query to the closest part of the name
 * @defaultValue fuzziness 0, for a name that holds the query as it is
 * @returns a score from 0 (exact) to 1 (poor)
 */
export function scoreName(query: string, hit: NameEntry, fuzziness = 0): number {
  const penalty = hit.alternate ? ALTERNATE_PENALTY : 0;
  if (query === hit.name) return penalty;

  const coverage = Math.min(1, query.length / hit.name.length);
  const shortfall = (1 - coverage) * (hit.name.startsWith(query) ? PREFIX_DISCOUNT : 1);
  const score = fuzziness + SHORTFALL_WEIGHT * shortfall + penalty;
  return Math.min(1, Math.max(INEXACT_FLOOR, score));
}

/**
 * Moves a title down when the query names a year and the title is from another one.
 * @param score - the title's score for the query without its year
 * @param wanted - the year in the query, or null
 * @param year - the title's year, or null when unknown
 * @returns the score, raised when the years differ
 */
export function scoreYear(score: number, wanted: number | null, year: number | null): number {
  if (wanted === null || wanted === year) return score;
  return Math.min(1, score + YEAR_MISMATCH_PENALTY);
}
