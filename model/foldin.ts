import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/** A user vector solved from a list of liked items. */
export interface FoldedUser {
  vector: Float64Array;
  /** Solves (YᵀCY + λI) z = b for any b: used to explain recommendations. */
  solve(b: ArrayLike<number>): Float64Array;
}

/** The system for a member was not positive definite (λ must be > 0). */
export class FoldInError extends Error {
  readonly code = 'FOLD_IN_FAILED';

  constructor(message: string) {
    super(`reelmate: ${message}`);
    this.name = 'FoldInError';
  }
}

/**
 * Folds users in against fixed item factors: solves
 *   (YᵀY + λI + Yᵀ(Cᵘ − I)Y) x = Yᵀ Cᵘ p(u)
 * exactly (Hu, Koren & Volinsky 2008, eq. 4) by Cholesky. YᵀY is cached per
 * model, so a call costs O(n·f² + f³) for a user with n likes.
 */
export class FoldIn {
  readonly #items: Float32Array;
  readonly #f: number;
  readonly #gramPlusRegularization: Float64Array;

  /**
   * @param itemFactors - Y, items × f, row-major
   * @param factors - f
   * @param regularization - λ, above 0
   */
  constructor(itemFactors: Float32Array, factors: number, regularization: number) {
    if (!(regularization > 0)) throw new FoldInError('fold-in needs a regularization above 0');
    this.#items = itemFactors;
    this.#f = factors;
    this.#gramPlusRegularization = gram(itemFactors, factors);
    for (let d = 0; d < factors; d++)
      this.#gramPlusRegularization[d * factors + d] += regularization;
  }

  /**
   * @param items - rows of the liked items
   * @param confidences - the confidence of each, as the model's weighting gives
   * @returns the user's vector and a solver for explanations
   */
  foldIn(items: ArrayLike<number>, confidences: ArrayLike<number>): FoldedUser {
    const f = this.#f;
    const a = Float64Array.from(this.#gramPlusRegularization);
    const b = new Float64Array(f);
    for (let k = 0; k < items.length; k++) {
      const y = this.#items.subarray(items[k] * f, items[k] * f + f);
      const c = confidences[k];
      for (let i = 0; i < f; i++) {
        b[i] += c * y[i];
        // Only the upper triangle is accumulated, then mirrored, so the
        // matrix is exactly symmetric as Cholesky requires.
        const scaled = (c - 1) * y[i];
        for (let j = i; j < f; j++) a[i * f + j] += scaled * y[j];
      }
    }
    for (let i = 0; i < f; i++) for (let j = 0; j < i; j++) a[i * f + j] = a[j * f + i];

    const rows = Array.from({ length: f }, (_, i) => Array.from(a.subarray(i * f, i * f + f)));
    const cholesky = new CholeskyDecomposition(new Matrix(rows));
    if (!cholesky.isPositiveDefinite())
      throw new FoldInError('the fold-in system is not positive definite');

    const solve = (rhs: ArrayLike<number>) =>
      Float64Array.from(cholesky.solve(Matrix.columnVector(Array.from(rhs))).getColumn(0));
    return { vector: solve(b), solve };
  }
}

/** YᵀY in float64, f × f row-major. */
function gram(y: Float32Array, f: number): Float64Array {
  const out = new Float64Array(f * f);
  const rows = y.length / f;
  for (let r = 0; r < rows; r++) {
    const o = r * f;
    for (let i = 0; i < f; i++) {
      const yi = y[o + i];
      for (let j = i; j < f; j++) out[i * f + j] += yi * y[o + j];
    }
  }
  for (let i = 0; i < f; i++) for (let j = 0; j < i; j++) out[i * f + j] = out[j * f + i];
  return out;
}
