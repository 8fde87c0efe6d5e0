import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MovieLensError } from './errors.js';
import { parseMovies, parseRatings, parseUsers } from './parse.js';
import type { Movie, Profile, Ratings } from './types.js';

/** The three files of MovieLens 1M, parsed. */
export interface MovieLens {
  /** Every line of movies.dat. */
  movies: Movie[];
  /** Every line of users.dat. */
  profiles: Profile[];
  /** Every line of ratings.dat, in columns. */
  ratings: Ratings;
}

/**
 * Reads movies.dat, users.dat and ratings.dat from a MovieLens 1M folder.
 * @param dir - the folder holding the three files
 * @returns the parsed movies, profiles and ratings
 * @throws MovieLensError `MISSING_FILE` naming an absent file, `BAD_LINE` for a malformed line
 */
export async function loadMovieLens(dir: string): Promise<MovieLens> {
  const moviesFile = join(dir, 'movies.dat');
  const usersFile = join(dir, 'users.dat');
  const [movies, profiles, ratings] = await Promise.allSettled([
    readDataFile(moviesFile).then((bytes) => parseMovies(bytes, moviesFile)),
    readDataFile(usersFile).then((bytes) => parseUsers(bytes.toString('latin1'), usersFile)),
    readRatingsFile(join(dir, 'ratings.dat')),
  ]);

  // The reads run together, but a failure is reported in file order so the message is stable.
  return { movies: valueOf(movies), profiles: valueOf(profiles), ratings: valueOf(ratings) };
}

/**
 * Reads one ratings file, such as ml-1m/ratings.dat or a split's train.dat.
 * @param file - the file's path
 * @returns the ratings in columns, in file order
 * @throws MovieLensError `MISSING_FILE` when the file is absent, `BAD_LINE` for a malformed line
 */
export async function readRatingsFile(file: string): Promise<Ratings> {
  // Latin-1 maps each byte to one char, so the ASCII ratings decode without UTF-8 checks.
  const text = (await readDataFile(file)).toString('latin1');
  return parseRatings(text, file);
}

/** Reads a file's bytes, turning "no such file" into an error that names it. */
async function readDataFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new MovieLensError('MISSING_FILE', `the MovieLens file ${file} is missing`, {
      file,
      cause: error,
    });
  }
}

/** Unwraps a settled read, rethrowing its failure. */
function valueOf<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}
