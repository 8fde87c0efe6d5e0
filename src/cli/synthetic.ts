import type { Interactions } from '../../model/sparse.js';
import { seededRandom } from '../../model/random.js';

/**
 * A synthetic data set shaped like a large service: item popularity follows
 * a Zipf law (a long tail) and interactions per user are skewed around a mean.
 * @param users - how many users
 * @param items - how many items
 * @param perUser - mean interactions per user
 * @param seed - for repeatable data
 * @returns the interactions, every value 1
 */
export function syntheticInteractions(
  users: number,
  items: number,
  perUser: number,
  seed = 1,
): Interactions {
  const random = seededRandom(seed);
  const cumulative = new Float64Array(items);
  let total = 0;
  for (let i = 0; i < items; i++) cumulative[i] = total += 1 / Math.pow(i + 1, 0.9);

  const counts = new Int32Array(users);
  let n = 0;
  for (let u = 0; u < users; u++) {
    // Exponential around the mean, at least one interaction each.
    counts[u] = 1 + Math.floor(-Math.log(1 - random()) * (perUser - 1));
    n += counts[u];
  }

  const out = {
    users: new Int32Array(n),
    items: new Int32Array(n),
    values: new Float32Array(n).fill(1),
  };
  let k = 0;
  for (let u = 0; u < users; u++) {
    for (let c = 0; c < counts[u]; c++, k++) {
      out.users[k] = u + 1;
      out.items[k] = 1 + lowerBound(cumulative, random() * total);
    }
  }
  return out;
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
