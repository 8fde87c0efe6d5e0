/**
 * Keeps each movie's best score during one search and hands back the best few. Typed arrays
 * and a cut-off before the final sort keep broad queries ("the", 2,000 names) cheap.
 */
export class ScoreBoard {
  readonly #best: Float64Array;
  readonly #touched: number[] = [];

  /**
   * @param size - how many movies can be scored
   */
  constructor(size: number) {
    this.#best = new Float64Array(size).fill(Infinity);
  }

  /**
   * Records a score for a movie, keeping the better one if it already has a score.
   * @param movie - the movie's position
   * @param score - 0 (exact) to 1 (poor)
   */
  offer(movie: number, score: number): void {
    const known = this.#best[movie];
    if (known === Infinity) this.#touched.push(movie);
    if (score < known) this.#best[movie] = score;
  }

  /**
   * @param bound - a score
   * @returns how many movies score strictly better than `bound`
   */
  countBelow(bound: number): number {
    let count = 0;
    for (const movie of this.#touched) if (this.#best[movie] < bound) count++;
    return count;
  }

  /**
   * Takes the best scores out, leaving the board empty for the next search.
   * @param limit - the most entries returned
   * @param compare - orders entries with equal scores
   * @returns up to `limit` [movie, score] pairs, best first
   */
  take(limit: number, compare: (a: number, b: number) => number): [number, number][] {
    const scores = Float64Array.from(this.#touched, (movie) => this.#best[movie]).sort();
    const cutoff = scores.length > limit ? scores[limit - 1] : Infinity;

    const kept: [number, number][] = [];
    for (const movie of this.#touched) {
      const score = this.#best[movie];
      if (score <= cutoff) kept.push([movie, score]);
      this.#best[movie] = Infinity;
    }
    this.#touched.length = 0;

    kept.sort(([a, first], [b, second]) => first - second || compare(a, b));
    return kept.slice(0, limit);
  }
}
