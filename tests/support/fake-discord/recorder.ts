/** A condition on a recorded entry; `index` is the entry's position in the log. */
export type EntryPredicate<T> = (entry: T, index: number) => boolean;

/** Where a {@link Recorder.waitFor} call starts looking. */
export interface WaitForOptions {
  /**
   * Index of the first entry to consider; pass `recorder.size` to ignore what is already there.
   * @defaultValue `0`
   */
  from?: number;
}

interface Waiter<T> {
  predicate: EntryPredicate<T>;
  from: number;
  resolve: (entry: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * An append-only log that tests can query now or await later. Waiting is the point: the bot
 * answers asynchronously, so a test states the request it expects and a deadline.
 */
export class Recorder<T> {
  readonly #label: string;
  readonly #describe: (entry: T) => string;
  readonly #entries: T[] = [];
  readonly #waiters = new Set<Waiter<T>>();
  #closedReason: string | null = null;

  /**
   * @param label - names the log in timeout messages, e.g. `REST requests`
   * @param describe - renders one entry in a line for timeout messages
   */
  constructor(label: string, describe: (entry: T) => string) {
    this.#label = label;
    this.#describe = describe;
  }

  /** How many entries have been recorded. */
  get size(): number {
    return this.#entries.length;
  }

  /**
   * Appends an entry and settles every waiter it satisfies.
   *
   * @param entry - what happened
   */
  record(entry: T): void {
    const index = this.#entries.push(entry) - 1;
    for (const waiter of this.#waiters) {
      if (index >= waiter.from && waiter.predicate(entry, index)) this.#settle(waiter, entry);
    }
  }

  /** @returns every entry so far, oldest first */
  all(): readonly T[] {
    return [...this.#entries];
  }

  /**
   * @param predicate - the condition to match
   * @returns the entries that match, oldest first
   */
  filter(predicate: EntryPredicate<T>): T[] {
    return this.#entries.filter(predicate);
  }

  /**
   * Resolves with the first entry, already recorded or yet to come, that matches.
   *
   * @param predicate - the condition to match
   * @param timeoutMs - how long to wait before rejecting
   * @param options - where to start looking
   * @returns the matching entry
   * @defaultValue `timeoutMs` is 5000
   */
  waitFor(
    predicate: EntryPredicate<T>,
    timeoutMs = 5_000,
    options: WaitForOptions = {},
  ): Promise<T> {
    const from = options.from ?? 0;
    const index = this.#entries.findIndex((entry, i) => i >= from && predicate(entry, i));
    if (index >= 0) return Promise.resolve(this.#entries[index]);
    if (this.#closedReason) return Promise.reject(new Error(this.#closedReason));

    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(this.#timeoutMessage(timeoutMs)));
      }, timeoutMs);
      const waiter: Waiter<T> = { predicate, from, resolve, reject, timer };
      this.#waiters.add(waiter);
    });
  }

  /**
   * Rejects every pending waiter; later waits fail at once instead of hanging.
   *
   * @param reason - why the log closed, used as the error message
   */
  close(reason: string): void {
    this.#closedReason = reason;
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(reason));
    }
    this.#waiters.clear();
  }

  #settle(waiter: Waiter<T>, entry: T): void {
    clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
    waiter.resolve(entry);
  }

  #timeoutMessage(timeoutMs: number): string {
    const recent = this.#entries.slice(-15).map((entry) => `  ${this.#describe(entry)}`);
    const seen = recent.length > 0 ? recent.join('\n') : '  (nothing)';
    return `fake-discord: nothing in ${this.#label} matched within ${timeoutMs} ms; latest:\n${seen}`;
  }
}
