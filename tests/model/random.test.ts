import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../model/random.js';

const draw = (seed: number, n: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => random());
};

describe('seededRandom', () => {
  it('given the same seed twice, then the sequences are identical', () => {
    expect(draw(12345, 50)).toEqual(draw(12345, 50));
  });

  it('given different seeds, then the sequences differ', () => {
    expect(draw(0, 5)).not.toEqual(draw(1, 5));
  });

  it('given a seed 2³² higher, then the sequence is the same (the seed is a 32-bit integer)', () => {
    expect(draw(2 ** 32 + 7, 5)).toEqual(draw(7, 5));
  });

  it('given many draws, then every value is in [0, 1) and their mean is near 1/2', () => {
    const values = draw(3, 10_000);
    const mean = values.reduce((sum, x) => sum + x, 0) / values.length;

    expect(values.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(new Set(values).size).toBe(values.length);
  });
});
