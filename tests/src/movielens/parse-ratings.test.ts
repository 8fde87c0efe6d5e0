import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MovieLensError, parseRatings } from '../../../src/movielens/index.js';
import { ML_1M } from '../../support/shared-data.js';

/** Runs `action`, expecting a MovieLensError, and returns it for closer checks. */
function caught(action: () => unknown): MovieLensError {
  try {
    action();
  } catch (error) {
    if (error instanceof MovieLensError) return error;
    throw error;
  }
  throw new Error('expected a MovieLensError, nothing was thrown');
}

describe('parseRatings', () => {
  it('given a ratings line without a timestamp, then it reads user, movie and rating', () => {
    const ratings = parseRatings('1::1193::5\n');

    expect(Array.from(ratings.users)).toEqual([1]);
    expect(Array.from(ratings.items)).toEqual([1193]);
    expect(Array.from(ratings.values)).toEqual([5]);
  });

  it('given a ratings line with a timestamp, then it reads the first three fields and drops the time', () => {
    const ratings = parseRatings('6040::1097::4::956715569\n');

    expect(Array.from(ratings.users)).toEqual([6040]);
    expect(Array.from(ratings.items)).toEqual([1097]);
    expect(Array.from(ratings.values)).toEqual([4]);
  });

  it('given mixed lines, CRLF endings, blank lines and no final newline, then each rating is one entry in order', () => {
    const text =
      '1::661::3::978302109\r\n\n  \n2::1357::5\r\n\r\n3::3421::4::978298147\n10::2622::1';

    const ratings = parseRatings(text);

    expect(ratings.users).toEqual(new Int32Array([1, 2, 3, 10]));
    expect(ratings.items).toEqual(new Int32Array([661, 1357, 3421, 2622]));
    expect(ratings.values).toEqual(new Float32Array([3, 5, 4, 1]));
  });

  it('given a half-star rating, then the fraction is kept', () => {
    const ratings = parseRatings('1::31::2.5::1260759144\n');

    expect(Array.from(ratings.values)).toEqual([2.5]);
  });

  it('given empty text, then there are no ratings', () => {
    const ratings = parseRatings('');

    expect(ratings.users).toHaveLength(0);
    expect(ratings.items).toHaveLength(0);
    expect(ratings.values).toHaveLength(0);
  });

  it.each([
    ['a missing rating', '1::2'],
    ['a word for a movie id', '1::two::3'],
    ['single colons', '1:2:3'],
    ['a negative user id', '-1::2::3'],
    ['a dangling separator', '1::2::3::'],
    ['a field after the timestamp', '1::2::3::4::5'],
    ['a trailing space', '1::2::3 '],
    ['a rating ending in a dot', '1::2::3.'],
    ['a user id past Int32', '2147483648::2::3'],
  ])('given %s on line 3, then it throws BAD_LINE for line 3', (_, bad) => {
    const text = `1::1::5\n\n${bad}\n4::4::4\n`;

    const error = caught(() => parseRatings(text, 'ratings.dat'));

    expect(error.code).toBe('BAD_LINE');
    expect(error.line).toBe(3);
    expect(error.file).toBe('ratings.dat');
    expect(error.message).toMatch(/^reelmate: ratings\.dat, line 3 /);
    expect(error.message).toContain(JSON.stringify(bad));
  });

  it('given a malformed line and no file name, then the error names the line alone', () => {
    const error = caught(() => parseRatings('1::2::3\nnot a rating'));

    expect(error.line).toBe(2);
    expect(error.file).toBeUndefined();
    expect(error.message).toMatch(/^reelmate: line 2 is not/);
  });

  it('given the real ratings.dat, then it parses a million lines in well under a second', () => {
    const text = readFileSync(`${ML_1M}/ratings.dat`, 'latin1');

    const start = performance.now();
    const ratings = parseRatings(text);
    const ms = performance.now() - start;

    expect(ratings.users).toHaveLength(1_000_209);
    expect([ratings.users[0], ratings.items[0], ratings.values[0]]).toEqual([1, 938, 4]);
    expect(ms).toBeLessThan(1000);
  });
});
