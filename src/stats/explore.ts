import { seededRandom } from '../../model/random.js';
import type { Profile } from '../movielens/index.js';
import type { Group } from './groups.js';
import type { TopListFigures } from './top-lists.js';

/** How many movies each sampled profile shows. */
export const SAMPLE_TOP = 5;

/** One sampled MovieLens user and their top 5. */
export interface SampledProfile {
  user: number;
  /** "female, 25-34, programmer". */
  words: string;
  /** MovieLens movie ids, best first. */
  movies: number[];
}

/** A repeatable sample of profiles with their lists, and the groups of the whole population. */
export interface ExploreFigures {
  seed: number;
  sample: SampledProfile[];
  /** Over-represented movies per group, over every MovieLens user, not only the sample. */
  groups: Group[];
}

/**
 * Draws `count` MovieLens users at random and reads their top 5 from everybody's top 10.
 * The same seed draws the same users, so a sample can be shown again.
 * @param figures - everybody's top 10
 * @param profiles - users.dat by user id; users without a profile are never drawn
 * @param count - how many users
 * @param seed - any whole number
 * @returns the sample, in the order drawn, and the groups
 */
export function exploreFigures(
  figures: TopListFigures,
  profiles: ReadonlyMap<number, Profile>,
  count: number,
  seed: number,
): ExploreFigures {
  const { users, movies, k } = figures.movielens;
  const candidates = users.flatMap((user, u) => (profiles.has(user) ? [u] : []));

  // A partial Fisher–Yates shuffle: the first `count` places are a uniform sample.
  const random = seededRandom(seed);
  const drawn = Math.min(count, candidates.length);
  for (let i = 0; i < drawn; i++) {
    const j = i + Math.floor(random() * (candidates.length - i));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }

  const sample = candidates.slice(0, drawn).map((u) => ({
    user: users[u],
    words: profileWords(profiles.get(users[u])!),
    movies: [...movies.subarray(u * k, u * k + SAMPLE_TOP)].filter((m) => m > 0),
  }));
  return { seed, sample, groups: figures.groups };
}

/**
 * @param profile - a users.dat line
 * @returns gender, age band and occupation in words: "female, 25-34, programmer"
 */
export function profileWords(profile: Profile): string {
  return `${profile.gender}, ${ageWords(profile.age)}, ${profile.occupation}`;
}

/**
 * @param band - an age band as users.dat decodes it
 * @returns the band as it reads inside a sentence ("Under 18" → "under 18")
 */
export function ageWords(band: string): string {
  return band.replace(/^Under/, 'under');
}
