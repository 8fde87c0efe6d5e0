export {
  ensureMovieLens,
  MOVIELENS_1M_SHA256,
  MOVIELENS_1M_URL,
  type EnsureMovieLensOptions,
} from './download.js';
export { MovieLensError, type MovieLensErrorCode, type MovieLensErrorContext } from './errors.js';
export { loadMovieLens, readRatingsFile, type MovieLens } from './load.js';
export { parseMovies, parseRatings, parseUsers } from './parse.js';
export type { Movie, Profile, Ratings } from './types.js';
