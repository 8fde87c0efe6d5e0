import { StorageError } from './errors.js';

/**
 * What a server or member id may look like: Discord snowflakes and the console's fixed ids.
 * No dot or slash, so an id used in a file name cannot leave the servers folder.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * @param id - a server or member id
 * @returns whether the id can be stored
 */
export function isId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}

/**
 * @param movie - a MovieLens movie id
 * @returns whether it is a positive whole number
 */
export function isMovieId(movie: unknown): movie is number {
  return typeof movie === 'number' && Number.isSafeInteger(movie) && movie > 0;
}

/**
 * Checks the ids of a change before anything is touched.
 * @param server - the server id
 * @param member - the member id, when the change concerns one
 * @param movie - the movie id, when the change concerns one
 * @throws StorageError `BAD_ID` naming the first id that cannot be stored
 */
export function checkIds(server: string, member?: string, movie?: number): void {
  if (!isId(server)) throw badId('server', server);
  if (member !== undefined && !isId(member)) throw badId('member', member);
  if (movie !== undefined && !isMovieId(movie)) throw badId('movie', movie);
}

function badId(kind: string, id: unknown): StorageError {
  const shown = JSON.stringify(
    typeof id === 'string' && id.length > 80 ? `${id.slice(0, 80)}…` : id,
  );
  const rule = kind === 'movie' ? 'a positive whole number' : '1 to 64 letters, digits, _ or -';
  return new StorageError('BAD_ID', `${kind} id ${shown} is not ${rule}`);
}
