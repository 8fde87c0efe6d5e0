import { fileURLToPath } from 'node:url';

/**
 * The read-only MovieLens copies that sit beside the repository in ../shared/data
 * (CI lays them out the same way). REELMATE_SHARED_DATA points elsewhere.
 */
export const SHARED_DATA =
  process.env.REELMATE_SHARED_DATA ??
  fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** MovieLens 1M: movies.dat, users.dat, ratings.dat. */
export const ML_1M = `${SHARED_DATA}/ml-1m`;
/** EVALUATION.md's split: train.dat and test.dat. */
export const ML_1M_SPLIT = `${SHARED_DATA}/ml-1m-split`;
