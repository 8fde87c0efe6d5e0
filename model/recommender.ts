import { FoldIn, type FoldedUser } from './foldin.js';
import { IdIndex } from './ids.js';
import type { Model } from './model.js';
import { scoreItems, topN } from './ranking.js';
import { weighRow } from './weighting.js';

/** A recommended movie, by MovieLens id. */
export interface Recommendation {
  movie: number;
  score: number;
  /** The liked movie that contributes most to this score, if any. */
  because: number | null;
}

/** A similar movie, by MovieLens id, with its cosine similarity. */
export interface Similar {
  movie: number;
  similarity: number;
}

/**
 * Answers recommendation questions from a trained model: folds a list of
 * likes in, ranks, explains, and finds similar movies. Holds no state but the
 * model and caches derived from it.
 */
export class Recommender {
  readonly model: Model;
  readonly items: IdIndex;
  readonly #foldIn: FoldIn;
  readonly #popular: number[];
  #unitItems: Float32Array | undefined;

  /** @param model - a trained model */
  constructor(model: Model) {
    this.model = model;
    this.items = IdIndex.of(model.items);
    this.#foldIn = new FoldIn(
      model.itemFactors,
      model.settings.factors,
      model.settings.regularization,
    );
    this.#popular = model.items
      .map((_, row) => row)
      .sort((a, b) => model.popularity[b] - model.popularity[a] || a - b);
  }

  /**
   * @param movie - a MovieLens id
   * @returns whether the model has a vector for it
   */
  knows(movie: number): boolean {
    return this.items.rowOf(movie) >= 0;
  }

  /**
   * Folds a member in from their likes and ranks every other movie.
   * @param liked - MovieLens ids the member likes; unknown ids are ignored
   * @param count - how many
   * @returns up to count recommendations, best first, none of them liked
   */
  recommend(liked: readonly number[], count: number): Recommendation[] {
    const rows = this.#rows(liked);
    if (rows.length === 0)
      return this.popular(count, liked).map((movie) => ({ movie, score: 0, because: null }));

    const user = this.#fold(rows);
    const scores = scoreItems(
      this.model.itemFactors,
      this.model.settings.factors,
      user.folded.vector,
    );
    return topN(scores, count, new Set(rows)).map(({ row, score }) => ({
      movie: this.items.idOf(row),
      score,
      because: this.#strongestLike(row, rows, user),
    }));
  }

  /**
   * @param liked - MovieLens ids the member likes
   * @returns the member's folded-in vector, or null without known likes
   */
  memberVector(liked: readonly number[]): Float64Array | null {
    const rows = this.#rows(liked);
    return rows.length === 0 ? null : this.#fold(rows).folded.vector;
  }

  /**
   * The most popular movies in the training data.
   * @param count - how many
   * @param exclude - MovieLens ids to leave out
   * @defaultValue exclude none
   * @returns MovieLens ids, most popular first
   */
  popular(count: number, exclude: readonly number[] = []): number[] {
    const skip = new Set(exclude);
    const out: number[] = [];
    for (const row of this.#popular) {
      if (out.length >= count) break;
      const movie = this.items.idOf(row);
      if (!skip.has(movie)) out.push(movie);
    }
    return out;
  }

  /**
   * Movies most similar to one, by cosine similarity of item factors.
   * @param movie - a MovieLens id the model knows
   * @param count - how many
   * @returns up to count movies, most similar first, never the movie itself
   */
  similar(movie: number, count: number): Similar[] {
    const row = this.items.rowOf(movie);
    if (row < 0) return [];
    const f = this.model.settings.factors;
    const unit = this.#unit();
    const scores = scoreItems(unit, f, unit.subarray(row * f, row * f + f));
    return topN(scores, count, new Set([row])).map((r) => ({
      movie: this.items.idOf(r.row),
      similarity: r.score,
    }));
  }

  #rows(liked: readonly number[]): number[] {
    const rows = new Set<number>();
    for (const movie of liked) {
      const row = this.items.rowOf(movie);
      if (row >= 0) rows.add(row);
    }
    return [...rows];
  }

  #fold(rows: number[]) {
    const confidences = weighRow(rows, this.model.weighting);
    return { folded: this.#foldIn.foldIn(rows, confidences), confidences };
  }

  /**
   * The score of item i for a folded user is y_iᵀ A⁻¹ Σ_j c_j y_j, with A the
   * user's system; liked movie j contributes c_j · y_jᵀ A⁻¹ y_i (as implicit's
   * explain does). The largest positive contribution is the reason.
   */
  #strongestLike(
    row: number,
    likedRows: number[],
    user: { folded: FoldedUser; confidences: Float32Array },
  ): number | null {
    const f = this.model.settings.factors;
    const y = this.model.itemFactors;
    const z = user.folded.solve(y.subarray(row * f, row * f + f));
    let best = -1;
    let bestContribution = 0;
    likedRows.forEach((liked, k) => {
      let dot = 0;
      for (let d = 0; d < f; d++) dot += y[liked * f + d] * z[d];
      const contribution = user.confidences[k] * dot;
      if (contribution > bestContribution) {
        bestContribution = contribution;
        best = liked;
      }
    });
    return best < 0 ? null : this.items.idOf(best);
  }

  #unit(): Float32Array {
    if (this.#unitItems) return this.#unitItems;
    const f = this.model.settings.factors;
    const y = this.model.itemFactors;
    const unit = new Float32Array(y.length);
    for (let o = 0; o < y.length; o += f) {
      let norm = 0;
      for (let d = 0; d < f; d++) norm += y[o + d] * y[o + d];
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let d = 0; d < f; d++) unit[o + d] = y[o + d] * scale;
    }
    this.#unitItems = unit;
    return unit;
  }
}
