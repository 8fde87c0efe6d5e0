/**
 * An independent, float64 reference for one row of implicit-feedback ALS
 * (Hu, Koren & Volinsky 2008, eq. 4). With F the fixed side's factors and C
 * the row's confidences (1 on every column the row does not have):
 *   (FᵀCF + λI) x = FᵀC p
 * which is FᵀF + λI + Fᵀ(C − I)F on the left. Built entry by entry and solved
 * by Gaussian elimination, so it shares no code with model/.
 */

/**
 * @param fixed - F, rows × f, row-major
 * @param f - factors
 * @param columns - the rows of F this row interacted with
 * @param confidences - C at those columns
 * @param regularization - λ
 * @returns the left-hand matrix and the right-hand side
 */
export function normalEquations(
  fixed: ArrayLike<number>,
  f: number,
  columns: ArrayLike<number>,
  confidences: ArrayLike<number>,
  regularization: number,
): { a: number[][]; b: number[] } {
  const confidenceOf = new Map<number, number>();
  for (let k = 0; k < columns.length; k++) confidenceOf.set(columns[k], confidences[k]);

  const a = Array.from({ length: f }, (_, i) =>
    Array.from({ length: f }, (_, j) => (i === j ? regularization : 0)),
  );
  const b = new Array<number>(f).fill(0);
  const rows = fixed.length / f;
  for (let r = 0; r < rows; r++) {
    const c = confidenceOf.get(r) ?? 1;
    const p = confidenceOf.has(r) ? 1 : 0;
    for (let i = 0; i < f; i++) {
      b[i] += c * p * fixed[r * f + i];
      for (let j = 0; j < f; j++) a[i][j] += c * fixed[r * f + i] * fixed[r * f + j];
    }
  }
  return { a, b };
}

/**
 * Solves a x = b by Gaussian elimination with partial pivoting.
 * @returns x
 */
export function gaussianSolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r][col] / m[col][col];
      for (let k = col; k <= n; k++) m[r][k] -= factor * m[col][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r][n];
    for (let k = r + 1; k < n; k++) sum -= m[r][k] * x[k];
    x[r] = sum / m[r][r];
  }
  return x;
}

/** The exact ALS solution of one row: gaussianSolve of its normal equations. */
export function exactRowSolve(
  fixed: ArrayLike<number>,
  f: number,
  columns: ArrayLike<number>,
  confidences: ArrayLike<number>,
  regularization: number,
): number[] {
  const { a, b } = normalEquations(fixed, f, columns, confidences, regularization);
  return gaussianSolve(a, b);
}
