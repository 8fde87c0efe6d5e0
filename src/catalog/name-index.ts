import Fuse, { type IFuseOptions } from 'fuse.js';

import { BigramFilter } from './bigram-filter.js';
import { titleNames } from './title-names.js';

/** One name a movie can be found by. */
export interface NameEntry {
  /** The movie's position in the list the index was built from. */
  movie: number;
  /** The normalised name. */
  name: string;
  /** Whether the name is an alternate title rather than the title itself. */
  alternate: boolean;
}

/** A name found for a query. */
export interface NameHit extends NameEntry {
  /** Fuse's distance from the query to the closest part of the name: 0 when it appears as is. */
  fuzziness: number;
}

/**
 * Fuse's cut-off: the share of the query's characters that may be wrong, about one in three.
 * That lets "matirx" (a swap is two edits) and "shawshank redemtion" through, while a query of
 * three letters may miss by one at most.
 */
export const FUZZY_THRESHOLD = 0.34;

/**
 * How many names, beyond those holding the query as it is, go through Fuse: the ones sharing
 * the most two-letter pieces with the query. A name further down shares fewer and usually
 * needs more edits, so it would rank among the last anyway. The cut can drop such a match
 * ("Hamlet" for "amelie", two edits in six letters), a price paid for answering in a few
 * milliseconds.
 */
const FUZZY_CANDIDATES = 150;

const FUSE_OPTIONS: IFuseOptions<string> = {
  ignoreLocation: true,
  isCaseSensitive: true,
  threshold: FUZZY_THRESHOLD,
};

/** Every name of every title, with the lookups built once so each query answers quickly. */
export class NameIndex {
  readonly #entries: NameEntry[] = [];
  readonly #exact = new Map<string, NameEntry[]>();
  readonly #filter: BigramFilter;

  /**
   * @param titles - movie titles as movies.dat has them; hits refer to them by position
   */
  constructor(titles: readonly string[]) {
    titles.forEach((title, movie) => {
      const { primary, alternates } = titleNames(title);
      for (const name of primary) this.#add({ movie, name, alternate: false });
      for (const name of alternates) this.#add({ movie, name, alternate: true });
    });
    this.#filter = new BigramFilter(this.#entries.map(({ name }) => name));
  }

  /**
   * Finds the titles named exactly so, alternates excluded.
   * @param query - a normalised query
   * @returns the primary names equal to the query
   */
  exact(query: string): readonly NameEntry[] {
    return this.#exact.get(query) ?? [];
  }

  /**
   * Finds the names that hold the query as it is. A one-character query only finds primary
   * names that start with it: a single letter appears in nearly every title.
   * @param query - a non-empty normalised query
   * @returns the names holding the query
   */
  containing(query: string): NameEntry[] {
    const holds =
      query.length === 1
        ? ({ name, alternate }: NameEntry) => !alternate && name.startsWith(query)
        : ({ name }: NameEntry) => name.includes(query);
    return this.#entries.filter(holds);
  }

  /**
   * Finds the names close to the query with a typo or a few, leaving out those that hold it
   * as it is. Queries shorter than three characters have no fuzzy matches.
   * @param query - a non-empty normalised query
   * @returns names within Fuse's threshold, in no particular order
   */
  fuzzy(query: string): NameHit[] {
    if (query.length < 3) return [];

    const maxErrors = Math.floor(FUZZY_THRESHOLD * query.length);
    const hits: NameHit[] = [];
    let compared = 0;
    for (const index of this.#filter.candidates(query, maxErrors)) {
      const entry = this.#entries[index];
      if (entry.name.includes(query)) continue;
      if (compared++ === FUZZY_CANDIDATES) break;

      // Fuse averages the chunks of a query longer than 32 characters, so check the score too.
      const { isMatch, score } = Fuse.match(query, entry.name, FUSE_OPTIONS);
      if (isMatch && score <= FUZZY_THRESHOLD) hits.push({ ...entry, fuzziness: score });
    }
    return hits;
  }

  #add(entry: NameEntry): void {
    this.#entries.push(entry);
    if (entry.alternate) return;

    const same = this.#exact.get(entry.name);
    if (same) same.push(entry);
    else this.#exact.set(entry.name, [entry]);
  }
}
