/** The answer of a rate limiter: go ahead, or wait this long. */
export type RateDecision = { ok: true } | { ok: false; retryInMs: number };

/**
 * Allows each key (a member) at most `limit` uses in any `windowMs`, so one
 * member cannot keep the bot busy with expensive commands. Old uses are
 * forgotten as they leave the window.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #uses = new Map<string, number[]>();

  /**
   * @param limit - uses allowed per window
   * @param windowMs - the window's length
   * @param now - the clock, replaceable in tests
   * @defaultValue now Date.now
   */
  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /**
   * Counts a use when it is allowed.
   * @param key - who is asking
   * @returns whether they may go ahead, and if not, for how long to wait
   */
  take(key: string): RateDecision {
    const now = this.#now();
    const recent = (this.#uses.get(key) ?? []).filter((at) => now - at < this.#windowMs);
    if (recent.length >= this.#limit) {
      this.#uses.set(key, recent);
      return { ok: false, retryInMs: recent[0] + this.#windowMs - now };
    }
    recent.push(now);
    this.#uses.set(key, recent);
    if (this.#uses.size > 10_000) this.#forgetIdle(now);
    return { ok: true };
  }

  /** Drops members with no use inside the window, so the map stays small. */
  #forgetIdle(now: number): void {
    for (const [key, uses] of this.#uses) {
      if (uses.every((at) => now - at >= this.#windowMs)) this.#uses.delete(key);
    }
  }
}
