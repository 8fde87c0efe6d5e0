import { IdIndex } from './ids.js';

/** Columnar interactions: one entry per (user, item) event, with its value (stars, or 1). */
export interface Interactions {
  users: Int32Array;
  items: Int32Array;
  values: Float32Array;
}

/** A compressed sparse row matrix. Column indices are sorted within each row. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
}

/** A user × item matrix together with the ids of its rows and columns. */
export interface UserItemMatrix {
  matrix: CsrMatrix;
  users: IdIndex;
  items: IdIndex;
}

/**
 * Builds the user × item matrix of a set of interactions. A repeated
 * (user, item) pair is summed, as a sparse matrix constructor would.
 * @param interactions - the events, by outside id
 * @param index - fixed row and column ids; events whose user or item is not
 *   in them are dropped (used to map a test set onto a training set)
 * @defaultValue index sorted distinct ids of the interactions
 * @returns the matrix and its ids
 */
export function buildUserItemMatrix(
  interactions: Interactions,
  index?: { users: IdIndex; items: IdIndex },
): UserItemMatrix {
  const users = index?.users ?? IdIndex.sorted(interactions.users);
  const items = index?.items ?? IdIndex.sorted(interactions.items);
  const n = interactions.users.length;
  const rowOf = new Int32Array(n);
  const colOf = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    rowOf[k] = users.rowOf(interactions.users[k]);
    colOf[k] = items.rowOf(interactions.items[k]);
  }
  const matrix = fromTriplets(users.size, items.size, rowOf, colOf, interactions.values);
  return { matrix, users, items };
}

/**
 * Builds a CSR matrix from (row, col, value) triplets; triplets with a
 * negative row or column are skipped, duplicates are summed.
 */
export function fromTriplets(
  rows: number,
  cols: number,
  rowOf: Int32Array,
  colOf: Int32Array,
  values: Float32Array,
): CsrMatrix {
  const counts = new Int32Array(rows + 1);
  for (let k = 0; k < rowOf.length; k++) {
    if (rowOf[k] >= 0 && colOf[k] >= 0) counts[rowOf[k] + 1]++;
  }
  for (let r = 0; r < rows; r++) counts[r + 1] += counts[r];

  const fill = counts.slice(0, rows);
  const indices = new Int32Array(counts[rows]);
  const data = new Float32Array(counts[rows]);
  for (let k = 0; k < rowOf.length; k++) {
    if (rowOf[k] < 0 || colOf[k] < 0) continue;
    const at = fill[rowOf[k]]++;
    indices[at] = colOf[k];
    data[at] = values[k];
  }
  return sortAndMerge({ rows, cols, indptr: counts, indices, data });
}

/** Sorts each row's columns and sums repeated columns. */
function sortAndMerge(m: CsrMatrix): CsrMatrix {
  // Transposing visits rows in order, so transposing twice sorts every row's columns in
  // linear time; one pass then sums the repeats, which now sit side by side.
  const sorted = transpose(transpose(m));
  const indptr = new Int32Array(m.rows + 1);
  const indices = new Int32Array(sorted.indices.length);
  const data = new Float32Array(sorted.indices.length);
  let out = 0;
  for (let r = 0; r < m.rows; r++) {
    for (let k = sorted.indptr[r]; k < sorted.indptr[r + 1]; k++) {
      if (out > indptr[r] && indices[out - 1] === sorted.indices[k]) {
        data[out - 1] += sorted.data[k];
        continue;
      }
      indices[out] = sorted.indices[k];
      data[out++] = sorted.data[k];
    }
    indptr[r + 1] = out;
  }
  return {
    rows: m.rows,
    cols: m.cols,
    indptr,
    indices: indices.slice(0, out),
    data: data.slice(0, out),
  };
}

/**
 * @param m - a CSR matrix
 * @returns its transpose, also CSR with sorted columns
 */
export function transpose(m: CsrMatrix): CsrMatrix {
  const indptr = new Int32Array(m.cols + 1);
  for (let k = 0; k < m.indices.length; k++) indptr[m.indices[k] + 1]++;
  for (let c = 0; c < m.cols; c++) indptr[c + 1] += indptr[c];

  const fill = indptr.slice(0, m.cols);
  const indices = new Int32Array(m.indices.length);
  const data = new Float32Array(m.indices.length);
  // Rows are visited in order, so each output row comes out sorted.
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
      const at = fill[m.indices[k]]++;
      indices[at] = r;
      data[at] = m.data[k];
    }
  }
  return { rows: m.cols, cols: m.rows, indptr, indices, data };
}

/**
 * @param m - a CSR matrix
 * @param row - a row number
 * @returns the column indices of that row (a view)
 */
export function rowIndices(m: CsrMatrix, row: number): Int32Array {
  return m.indices.subarray(m.indptr[row], m.indptr[row + 1]);
}
