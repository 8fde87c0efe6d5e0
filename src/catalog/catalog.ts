import type { Movie } from '../movielens/types.js';
import { choiceName } from './choice-name.js';
import { CatalogError } from './errors.js';
import { NameIndex, type NameEntry, type NameHit } from './name-index.js';
import { parseQuery } from './query.js';
import { RESOLVE_DEPTH, resolveMatches } from './resolve.js';
import { ScoreBoard } from './score-board.js';
import { scoreName, scoreYear } from './score.js';
import type { Resolution, TitleMatch } from './types.js';

/** Discord shows at most 25 autocomplete choices. */
const DEFAULT_LIMIT = 25;

/**
 * The movie titles, looked up by id or found by what people type. Everything is indexed once,
 * in the constructor, so searches answer from memory in a few milliseconds.
 */
export class Catalog {
  readonly #movies: readonly Movie[];
  readonly #byId = new Map<number, Movie>();
  readonly #names: NameIndex;
  readonly #board: ScoreBoard;

  /**
   * @param movies - the movies, as parsed from movies.dat
   * @throws CatalogError `DUPLICATE_ID` when two movies share an id
   */
  constructor(movies: readonly Movie[]) {
    for (const movie of movies) {
      if (this.#byId.has(movie.id)) {
        throw new CatalogError('DUPLICATE_ID', `movie id ${movie.id} appears twice`, movie.id);
      }
      this.#byId.set(movie.id, movie);
    }
    this.#movies = [...movies];
    this.#names = new NameIndex(movies.map(({ title }) => title));
    this.#board = new ScoreBoard(movies.length);
  }

  /** How many movies the catalog holds. */
  get size(): number {
    return this.#movies.length;
  }

  /**
   * @param id - a MovieLens movie id
   * @returns the movie, or undefined when the catalog has no such id
   */
  get(id: number): Movie | undefined {
    return this.#byId.get(id);
  }

  /** @returns every movie, in the order given to the constructor */
  all(): readonly Movie[] {
    return this.#movies;
  }

  /**
   * Finds titles as people type them: "the matrix" finds "Matrix, The (1999)", accents and case
   * do not matter, and a trailing year ("heat 1995") puts that year's title first. A query that
   * is only a year finds only a title that is that number ("2010"); a one-character query finds
   * only titles starting with it. Empty or unsearchable text (emoji, control characters) finds
   * nothing; text past 200 characters is ignored, and a query longer than any title finds
   * nothing.
   * @param query - the text as typed
   * @param limit - the most results returned
   * @defaultValue limit 25, Discord's autocomplete maximum
   * @returns matches, best first; equal scores go to the older title, then the lower id
   */
  search(query: string, limit = DEFAULT_LIMIT): TitleMatch[] {
    const parsed = parseQuery(query);
    if (!parsed || limit < 1) return [];

    const { full, title, year } = parsed;
    if (title === '') {
      this.#offer(full, this.#names.exact(full), null);
      return this.#take(limit);
    }

    this.#offer(title, this.#names.containing(title), year);
    // "Airport 1975" and "Fantasia 2000" end with a number that is not their year.
    if (year !== null) this.#offer(full, this.#names.containing(full), null);

    // A fuzzy match scores at least 1 / length (one wrong character): once `limit` titles score
    // better, Fuse is skipped, which makes broad short queries ("the") answer quickest.
    if (this.#board.countBelow(1 / title.length) < limit) {
      this.#offer(title, this.#names.fuzzy(title), year);
    }
    return this.#take(limit);
  }

  /**
   * Decides which movie typed text means, with the same search as autocomplete.
   * @param query - the text as typed
   * @returns `match` for an exact title or a clear winner, `ambiguous` with 2 to 5 close
   * titles, or `none` with up to 3 nearest titles (possibly none)
   */
  resolve(query: string): Resolution {
    return resolveMatches(this.search(query, RESOLVE_DEPTH));
  }

  /**
   * @param movie - a movie of this catalog
   * @returns its name for an autocomplete choice, at most 100 characters
   */
  choiceName(movie: Movie): string {
    return choiceName(movie);
  }

  #offer(query: string, hits: readonly (NameEntry | NameHit)[], year: number | null): void {
    for (const hit of hits) {
      const fuzziness = 'fuzziness' in hit ? hit.fuzziness : 0;
      const score = scoreName(query, hit, fuzziness);
      this.#board.offer(hit.movie, scoreYear(score, year, this.#movies[hit.movie].year));
    }
  }

  #take(limit: number): TitleMatch[] {
    const byYearThenId = (a: number, b: number) => {
      const [first, second] = [this.#movies[a], this.#movies[b]];
      return (first.year ?? Infinity) - (second.year ?? Infinity) || first.id - second.id;
    };
    return this.#board
      .take(limit, byYearThenId)
      .map(([movie, score]) => ({ movie: this.#movies[movie], score }));
  }
}
