import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/rate-limit.js';

describe('RateLimiter', () => {
  it('given uses within the limit, then each is allowed', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1000, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
    ]);
  });

  it('given one use too many, then it says how long until the oldest use leaves the window', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1000, () => now);
    limiter.take('a');
    now = 300;
    limiter.take('a');
    now = 400;
    expect(limiter.take('a')).toEqual({ ok: false, retryInMs: 600 });
  });

  it('given the window has passed, then the member may go again', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1000, () => now);
    limiter.take('a');
    now = 1000;
    expect(limiter.take('a')).toEqual({ ok: true });
  });

  it('given two members, then one being limited does not limit the other', () => {
    const limiter = new RateLimiter(1, 1000, () => 0);
    limiter.take('a');
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b').ok).toBe(true);
  });

  it('given a refused use, then it is not counted against the member', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1000, () => now);
    limiter.take('a');
    now = 500;
    limiter.take('a');
    now = 1000;
    expect(limiter.take('a')).toEqual({ ok: true });
  });
});
