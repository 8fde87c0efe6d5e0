import { normaliseText } from './normalise.js';

/**
 * The longest query looked at, in UTF-16 units after whitespace is collapsed. The longest
 * MovieLens 1M title has 82 characters; anything past 200 cannot make a match better.
 */
export const MAX_QUERY_LENGTH = 200;

/** A query as the search understands it. */
export interface TitleQuery {
  /** The whole query, normalised: "heat 1995". */
  full: string;
  /** The query without a trailing year: "heat"; empty when the query is only a year. */
  title: string;
  /** The trailing year, when the query ends with one that could be a release year. */
  year: number | null;
}

const TRAILING_YEAR = /^(?:(.*) )?((?:18|19|20)\d\d)$/;

/**
 * Cleans what someone typed and splits off a trailing year ("heat 1995", "Heat (1995)").
 * @param raw - the text as typed, of any length
 * @returns the parsed query, or null when nothing searchable is left (empty, whitespace, emoji,
 * control characters)
 */
export function parseQuery(raw: string): TitleQuery | null {
  const collapsed = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
  const full = normaliseText(collapsed);
  if (full === '') return null;

  const match = TRAILING_YEAR.exec(full);
  if (!match) return { full, title: full, year: null };
  return { full, title: match[1] ?? '', year: Number(match[2]) };
}
