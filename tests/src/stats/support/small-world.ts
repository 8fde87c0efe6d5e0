import { DEFAULT_SETTINGS } from '../../../../model/als/options.js';
import type { Model } from '../../../../model/model.js';
import { seededRandom } from '../../../../model/random.js';
import type { Movie, Profile } from '../../../../src/movielens/index.js';
import type { TopListsJob } from '../../../../src/stats/top-lists.js';

/** Thirty movies, ids 10 to 300; "M*A*S*H" has Markdown characters in its title. */
export const MOVIES: readonly Movie[] = Array.from({ length: 30 }, (_, i) => {
  const id = 10 * (i + 1);
  const title = i === 3 ? 'M*A*S*H (1970)' : `Movie ${id} (${1950 + i})`;
  return { id, title, year: 1950 + i, genres: [] };
});

const GENDERS = ['female', 'male'];
const AGES = ['Under 18', '18-24', '25-34', '56+'];
const OCCUPATIONS = ['programmer', 'writer', 'K-12 student'];

/**
 * Sixty MovieLens users, ids 1 to 60, with profiles that cycle through two genders, four age
 * bands and three occupations.
 */
export const PROFILES: readonly Profile[] = Array.from({ length: 60 }, (_, u) => ({
  id: u + 1,
  gender: GENDERS[u % 2],
  age: AGES[u % 4],
  occupation: OCCUPATIONS[u % 3],
}));

/**
 * A model of the sixty users and thirty movies with seeded random factors (3 per row), and
 * each user's two rated movies. Women's first factor is raised by 1, so the movies strongest
 * in that factor are over-represented in their lists.
 * @param seed - for the factors
 * @returns the job for computeTopLists, without members
 */
export function smallWorld(seed = 11): TopListsJob {
  const random = seededRandom(seed);
  const f = 3;
  const users = PROFILES.map((p) => p.id);
  const items = MOVIES.map((m) => m.id);
  const model: Model = {
    format: 1,
    users,
    members: [],
    items,
    popularity: items.map(() => 10),
    settings: { ...DEFAULT_SETTINGS, factors: f },
    weighting: { name: 'constant', alpha: DEFAULT_SETTINGS.alpha },
    fingerprint: '00000000000000aa',
    trainedOn: { users: 60, items: 30, interactions: 120 },
    fitSeconds: 0.1,
    evaluation: null,
    trainedAt: '2024-06-01T00:00:00.000Z',
    createdAt: '2024-06-01T00:00:01.000Z',
    userFactors: Float32Array.from({ length: users.length * f }, (_, k) => {
      const woman = PROFILES[Math.floor(k / f)].gender === 'female';
      return random() - 0.3 + (woman && k % f === 0 ? 1 : 0);
    }),
    itemFactors: Float32Array.from({ length: items.length * f }, () => random() - 0.3),
  };
  // User u rated movies (u mod 30) and (u + 5 mod 30).
  const rated = users.flatMap((u) => [items[u % 30], items[(u + 5) % 30]]);
  return {
    model,
    seen: {
      users: Int32Array.from(users.flatMap((u) => [u, u])),
      items: Int32Array.from(rated),
    },
    members: [],
    profiles: [...PROFILES],
    titles: MOVIES.map((m) => [m.id, m.title]),
  };
}
