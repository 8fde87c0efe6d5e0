/**
 * @param samples - measurements
 * @param q - the quantile, 0 to 1
 * @returns the q-quantile (nearest rank)
 */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * Times a function n times.
 * @returns the median and 99th percentile in milliseconds
 */
export function timeCalls(n: number, call: (i: number) => void): { median: number; p99: number } {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    call(i);
    times.push(performance.now() - started);
  }
  return { median: quantile(times, 0.5), p99: quantile(times, 0.99) };
}
