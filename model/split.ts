import { seededRandom } from './random.js';
import type { Interactions } from './sparse.js';

/**
 * Holds out a random part of every user's interactions, the way
 * EVALUATION.md's split was made: per user, a `fraction` of their events
 * (at least one, never all) goes to the held-out part.
 * @param interactions - the events
 * @param fraction - share held out per user, 0 to 1
 * @param seed - for a repeatable split
 * @returns the training part and the held-out part
 */
export function splitPerUser(
  interactions: Interactions,
  fraction: number,
  seed: number,
): { train: Interactions; heldOut: Interactions } {
  const random = seededRandom(seed);
  const byUser = new Map<number, number[]>();
  interactions.users.forEach((user, k) => {
    const list = byUser.get(user);
    if (list) list.push(k);
    else byUser.set(user, [k]);
  });

  const held = new Uint8Array(interactions.users.length);
  for (const events of byUser.values()) {
    if (events.length < 2) continue;
    const take = Math.min(events.length - 1, Math.max(1, Math.round(fraction * events.length)));
    // A partial Fisher–Yates shuffle picks `take` events uniformly.
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random() * (events.length - i));
      [events[i], events[j]] = [events[j], events[i]];
      held[events[i]] = 1;
    }
  }
  return { train: pick(interactions, held, 0), heldOut: pick(interactions, held, 1) };
}

function pick(all: Interactions, held: Uint8Array, want: number): Interactions {
  const keep: number[] = [];
  held.forEach((h, k) => h === want && keep.push(k));
  return {
    users: Int32Array.from(keep, (k) => all.users[k]),
    items: Int32Array.from(keep, (k) => all.items[k]),
    values: Float32Array.from(keep, (k) => all.values[k]),
  };
}
