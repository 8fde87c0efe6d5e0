/** One line the bot wrote: its text, and its fields when it is a JSON log line. */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** The parsed pino line (`msg`, `level`, bound fields), or null for plain text. */
  json: (Record<string, unknown> & { msg?: string; level?: number }) | null;
}

/** What a test waits for: a log message, or any condition on a line. */
export type LinePredicate = string | ((line: LogLine) => boolean);

interface Waiter {
  matches: (line: LogLine) => boolean;
  from: number;
  resolve: (line: LogLine) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Everything a child process printed, kept whole for greps and split into lines that tests
 * can await. Waiting fails at once, with the last lines, when the process has ended.
 */
export class BotLog {
  readonly #lines: LogLine[] = [];
  readonly #partial = { stdout: '', stderr: '' };
  readonly #waiters = new Set<Waiter>();
  #raw = '';
  #ended: string | null = null;

  /** Everything printed on both streams, in arrival order. */
  get raw(): string {
    return this.#raw;
  }

  /** How many complete lines were printed so far. */
  get size(): number {
    return this.#lines.length;
  }

  /** @returns every complete line so far */
  lines(): readonly LogLine[] {
    return [...this.#lines];
  }

  /**
   * @param predicate - a log message or a condition
   * @returns the lines that match
   */
  filter(predicate: LinePredicate): LogLine[] {
    return this.#lines.filter(matcher(predicate));
  }

  /**
   * Feeds a chunk of output; complete lines are parsed and waiters settled.
   * @param stream - which stream it came from
   * @param chunk - the text
   */
  write(stream: 'stdout' | 'stderr', chunk: string): void {
    this.#raw += chunk;
    const parts = (this.#partial[stream] + chunk).split('\n');
    this.#partial[stream] = parts.pop() ?? '';
    for (const text of parts) this.#add({ stream, text, json: parseJson(text) });
  }

  /**
   * Marks the output as finished; pending and later waits fail with `reason`.
   * @param reason - how the process ended
   */
  end(reason: string): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.#partial[stream];
      this.#partial[stream] = '';
      if (rest) this.#add({ stream, text: rest, json: parseJson(rest) });
    }
    this.#ended = reason;
    for (const waiter of this.#waiters) this.#fail(waiter, reason);
  }

  /**
   * Resolves with the first line, already printed or yet to come, that matches.
   * @param predicate - a log message (`msg` of a JSON line) or a condition
   * @param timeoutMs - how long to wait
   * @param from - the first line to consider; pass `log.size` to ignore what came before
   * @returns the line
   */
  waitFor(predicate: LinePredicate, timeoutMs: number, from = 0): Promise<LogLine> {
    const matches = matcher(predicate);
    const found = this.#lines.find((line, index) => index >= from && matches(line));
    if (found) return Promise.resolve(found);

    return new Promise<LogLine>((resolve, reject) => {
      const what = typeof predicate === 'string' ? `"${predicate}"` : 'a matching line';
      const timer = setTimeout(
        () => this.#fail(waiter, `no ${what} within ${timeoutMs} ms`),
        timeoutMs,
      );
      const waiter: Waiter = { matches, from, resolve, reject, timer };
      if (this.#ended) return this.#fail(waiter, this.#ended);
      this.#waiters.add(waiter);
    });
  }

  /** @returns the last lines, for failure messages */
  tail(count = 20): string {
    return this.#lines
      .slice(-count)
      .map((line) => `  ${line.text}`)
      .join('\n');
  }

  #add(line: LogLine): void {
    const index = this.#lines.push(line) - 1;
    for (const waiter of this.#waiters) {
      if (index < waiter.from || !waiter.matches(line)) continue;
      clearTimeout(waiter.timer);
      this.#waiters.delete(waiter);
      waiter.resolve(line);
    }
  }

  #fail(waiter: Waiter, reason: string): void {
    clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
    waiter.reject(new Error(`bot log: ${reason}; last lines:\n${this.tail()}`));
  }
}

function matcher(predicate: LinePredicate): (line: LogLine) => boolean {
  return typeof predicate === 'string' ? (line) => line.json?.msg === predicate : predicate;
}

function parseJson(text: string): LogLine['json'] {
  if (!text.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as LogLine['json']) : null;
  } catch {
    return null;
  }
}
