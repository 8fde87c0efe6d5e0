import type { Movie } from '../src/movielens/types.js';
import type { MovieLine, Reply } from './types.js';

/**
 * A friendly error reply, seen only by the member who asked.
 * @param title - what went wrong, in a few words
 * @param text - what to do about it
 * @returns the reply
 */
export function problem(title: string, text?: string): Reply {
  return { tone: 'error', title, text, private: true };
}

/**
 * @param movie - a movie
 * @param note - text after the title
 * @returns the movie as a reply line
 */
export function line(movie: Movie, note?: string): MovieLine {
  return note === undefined
    ? { id: movie.id, title: movie.title }
    : { id: movie.id, title: movie.title, note };
}

/**
 * @param n - a count
 * @param one - the singular noun
 * @returns "1 movie", "3 movies"
 */
export function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}
