import { createHash } from 'node:crypto';
import type { Interactions } from './sparse.js';

/**
 * A short hash of training data, stable across runs: a saved model whose
 * fingerprint and settings match the data can be loaded instead of retrained.
 * @param interactions - the training events
 * @returns 16 hex characters
 */
export function fingerprint(interactions: Interactions): string {
  const hash = createHash('sha256');
  for (const column of [interactions.users, interactions.items, interactions.values]) {
    hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  }
  return hash.digest('hex').slice(0, 16);
}
