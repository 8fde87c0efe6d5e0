import type { Movie } from '../movielens/types.js';

/** Discord's limit on the name of an autocomplete choice. */
export const MAX_CHOICE_NAME_LENGTH = 100;

/**
 * Names a movie in an autocomplete list: its title as movies.dat has it, so the list reads like
 * the rest of the bot's answers. A title too long for Discord is shortened in the middle of its
 * name, keeping the year that tells remakes apart.
 * @param movie - the movie to name
 * @returns 1 to 100 UTF-16 units, never a split character
 */
export function choiceName(movie: Movie): string {
  const title = movie.title.trim() || `Movie ${movie.id}`;
  if (title.length <= MAX_CHOICE_NAME_LENGTH) return title;

  const year = movie.year === null ? '' : ` (${movie.year})`;
  const name = year && title.endsWith(year) ? title.slice(0, -year.length) : title;
  const room = MAX_CHOICE_NAME_LENGTH - year.length - 1;
  return `${truncate(name, room).trimEnd()}…${year}`;
}

/** Keeps whole code points up to `room` UTF-16 units. */
function truncate(text: string, room: number): string {
  let kept = '';
  for (const character of text) {
    if (kept.length + character.length > room) break;
    kept += character;
  }
  return kept;
}
