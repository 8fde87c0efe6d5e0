import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../model/fingerprint.js';

const interactions = () => ({
  users: new Int32Array([1, 1, 2]),
  items: new Int32Array([10, 20, 10]),
  values: new Float32Array([5, 3, 4]),
});

describe('fingerprint', () => {
  it('given the same data twice, then it gives the same 16 hex characters', () => {
    const first = fingerprint(interactions());

    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(interactions())).toBe(first);
  });

  it('given one changed user, item or rating, then the fingerprint changes', () => {
    const base = fingerprint(interactions());
    const changedUser = { ...interactions(), users: new Int32Array([1, 1, 3]) };
    const changedItem = { ...interactions(), items: new Int32Array([10, 21, 10]) };
    const changedRating = { ...interactions(), values: new Float32Array([5, 3, 4.5]) };

    expect(fingerprint(changedUser)).not.toBe(base);
    expect(fingerprint(changedItem)).not.toBe(base);
    expect(fingerprint(changedRating)).not.toBe(base);
  });

  it('given views into larger arrays, then only the viewed data counts', () => {
    const views = {
      users: new Int32Array([9, 1, 1, 2, 9]).subarray(1, 4),
      items: new Int32Array([9, 10, 20, 10, 9]).subarray(1, 4),
      values: new Float32Array([9, 5, 3, 4, 9]).subarray(1, 4),
    };

    expect(fingerprint(views)).toBe(fingerprint(interactions()));
  });
});
