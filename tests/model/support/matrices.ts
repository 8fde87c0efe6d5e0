import type { CsrMatrix } from '../../../model/sparse.js';

/**
 * Builds a CSR matrix from dense rows, a zero meaning "no interaction". Written
 * without model/sparse.ts so that fixtures do not depend on the code they test.
 * @param dense - rows of equal length
 * @returns the matrix
 */
export function csrOf(dense: number[][]): CsrMatrix {
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (const row of dense) {
    row.forEach((value, col) => {
      if (value === 0) return;
      indices.push(col);
      data.push(value);
    });
    indptr.push(indices.length);
  }
  return {
    rows: dense.length,
    cols: dense[0]?.length ?? 0,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    data: Float32Array.from(data),
  };
}

/**
 * @param m - a CSR matrix
 * @param row - a row number
 * @returns that row's columns and values, as plain arrays
 */
export function rowOf(m: CsrMatrix, row: number): { columns: number[]; values: number[] } {
  const begin = m.indptr[row];
  const end = m.indptr[row + 1];
  return {
    columns: Array.from(m.indices.subarray(begin, end)),
    values: Array.from(m.data.subarray(begin, end)),
  };
}

/**
 * @param factors - row-major factors
 * @param f - row length
 * @param row - a row number
 * @returns that row as a plain array
 */
export function vectorOf(factors: ArrayLike<number>, f: number, row: number): number[] {
  return Array.from({ length: f }, (_, d) => factors[row * f + d]);
}

/** The largest absolute difference between two equally long vectors. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]));
  return worst;
}
