import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Movie } from '../../../src/movielens/types.js';

/** The real MovieLens 1M movies.dat, shared read-only by every checkout. */
const MOVIES_FILE = fileURLToPath(
  new URL('../../../../shared/data/ml-1m/movies.dat', import.meta.url),
);

/**
 * Reads movies.dat with a parser of its own, so these tests do not hang on the loader's.
 * @returns every movie of MovieLens 1M, in file order
 */
export function readMovies(): Movie[] {
  const lines = readFileSync(MOVIES_FILE).toString('latin1').split('\n');
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [id, title, genres] = line.replace(/\r$/, '').split('::');
      const year = /\((\d{4})\)$/.exec(title);
      return {
        id: Number(id),
        title,
        year: year ? Number(year[1]) : null,
        genres: genres.split('|'),
      };
    });
}

/**
 * Builds a movie for a small fixture.
 * @param id - the movie id
 * @param title - the title as movies.dat would have it, year included
 * @returns the movie, its year read from the title
 */
export function movie(id: number, title: string): Movie {
  const year = /\((\d{4})\)$/.exec(title);
  return { id, title, year: year ? Number(year[1]) : null, genres: [] };
}
