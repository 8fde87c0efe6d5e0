import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../model/ids.js';
import {
  buildUserItemMatrix,
  fromTriplets,
  rowIndices,
  transpose,
  type CsrMatrix,
} from '../../model/sparse.js';

/** Plain arrays of a CSR matrix, for readable comparisons. */
function plain(m: CsrMatrix) {
  return {
    rows: m.rows,
    cols: m.cols,
    indptr: Array.from(m.indptr),
    indices: Array.from(m.indices),
    data: Array.from(m.data),
  };
}

// 3 × 4, given out of order, with (0, 2) twice and nothing in row 1:
//   row 0: col 0 = 4, col 2 = 5 + 1 = 6
//   row 1: empty
//   row 2: col 1 = 2, col 3 = 1
const rows = new Int32Array([2, 0, 0, 2, 0]);
const cols = new Int32Array([3, 2, 0, 1, 2]);
const values = new Float32Array([1, 5, 4, 2, 1]);

describe('fromTriplets', () => {
  it('given unordered triplets with a duplicate, then indptr, indices and data are as worked out by hand', () => {
    const m = fromTriplets(3, 4, rows, cols, values);

    expect(plain(m)).toEqual({
      rows: 3,
      cols: 4,
      indptr: [0, 2, 2, 4],
      indices: [0, 2, 1, 3],
      data: [4, 6, 2, 1],
    });
  });

  it('given a pair repeated three times in one row, then its values are summed into one entry', () => {
    const m = fromTriplets(
      1,
      3,
      new Int32Array([0, 0, 0, 0]),
      new Int32Array([2, 1, 2, 2]),
      new Float32Array([1, 7, 2, 3]),
    );

    expect(plain(m)).toMatchObject({ indptr: [0, 2], indices: [1, 2], data: [7, 6] });
  });

  it('given columns in descending order, then each row comes out with its columns ascending', () => {
    const m = fromTriplets(
      2,
      5,
      new Int32Array([0, 0, 0, 1, 1]),
      new Int32Array([4, 2, 0, 3, 1]),
      new Float32Array([1, 2, 3, 4, 5]),
    );

    expect(plain(m)).toMatchObject({ indices: [0, 2, 4, 1, 3], data: [3, 2, 1, 5, 4] });
  });

  it('given triplets with a negative row or column, then those triplets are skipped', () => {
    const m = fromTriplets(
      2,
      2,
      new Int32Array([0, -1, 1, 1]),
      new Int32Array([1, 0, -1, 0]),
      new Float32Array([3, 9, 9, 2]),
    );

    expect(plain(m)).toMatchObject({ indptr: [0, 1, 2], indices: [1, 0], data: [3, 2] });
  });

  it('given no triplets, then every row is empty', () => {
    const m = fromTriplets(2, 3, new Int32Array(0), new Int32Array(0), new Float32Array(0));

    expect(plain(m)).toEqual({ rows: 2, cols: 3, indptr: [0, 0, 0], indices: [], data: [] });
  });
});

describe('transpose', () => {
  it('given the hand-checked 3 × 4 matrix, then its 4 × 3 transpose is as worked out by hand', () => {
    const t = transpose(fromTriplets(3, 4, rows, cols, values));

    // col 0: row 0 = 4; col 1: row 2 = 2; col 2: row 0 = 6; col 3: row 2 = 1
    expect(plain(t)).toEqual({
      rows: 4,
      cols: 3,
      indptr: [0, 1, 2, 3, 4],
      indices: [0, 2, 0, 2],
      data: [4, 2, 6, 1],
    });
  });

  it('given any matrix, then the transpose of its transpose equals it', () => {
    const n = 60;
    const r = Int32Array.from({ length: n }, (_, k) => (k * 7) % 9);
    const c = Int32Array.from({ length: n }, (_, k) => (k * 5 + 3) % 11);
    const v = Float32Array.from({ length: n }, (_, k) => k + 0.5);
    const m = fromTriplets(9, 11, r, c, v);

    expect(plain(transpose(transpose(m)))).toEqual(plain(m));
  });

  it('given a transpose, then every row has its columns in ascending order', () => {
    const m = fromTriplets(
      3,
      2,
      new Int32Array([2, 1, 0, 2]),
      new Int32Array([0, 0, 0, 1]),
      new Float32Array([1, 2, 3, 4]),
    );

    expect(plain(transpose(m))).toMatchObject({
      indptr: [0, 3, 4],
      indices: [0, 1, 2, 2],
      data: [3, 2, 1, 4],
    });
  });
});

describe('rowIndices', () => {
  it('given a row, then it gives that row’s columns and an empty row gives none', () => {
    const m = fromTriplets(3, 4, rows, cols, values);

    expect(Array.from(rowIndices(m, 0))).toEqual([0, 2]);
    expect(Array.from(rowIndices(m, 1))).toEqual([]);
    expect(Array.from(rowIndices(m, 2))).toEqual([1, 3]);
  });
});

describe('buildUserItemMatrix', () => {
  const interactions = {
    users: new Int32Array([30, 10, 10, 20, 30]),
    items: new Int32Array([500, 700, 500, 600, 500]),
    values: new Float32Array([4, 3, 5, 1, 2]),
  };

  it('given no index, then rows and columns are the sorted distinct ids and repeats are summed', () => {
    const { matrix, users, items } = buildUserItemMatrix(interactions);

    expect(users.ids).toEqual([10, 20, 30]);
    expect(items.ids).toEqual([500, 600, 700]);
    // user 10: 500 = 5, 700 = 3; user 20: 600 = 1; user 30: 500 = 4 + 2
    expect(plain(matrix)).toEqual({
      rows: 3,
      cols: 3,
      indptr: [0, 2, 3, 4],
      indices: [0, 2, 1, 0],
      data: [5, 3, 1, 6],
    });
  });

  it('given an index, then events of unknown users or items are dropped and rows follow the index', () => {
    const index = { users: IdIndex.of([30, 10]), items: IdIndex.of([700, 500]) };

    const { matrix, users, items } = buildUserItemMatrix(interactions, index);

    expect(users).toBe(index.users);
    expect(items).toBe(index.items);
    // user 30: 500 (col 1) = 6; user 10: 700 (col 0) = 3, 500 (col 1) = 5; user 20 and 600 dropped
    expect(plain(matrix)).toEqual({
      rows: 2,
      cols: 2,
      indptr: [0, 1, 3],
      indices: [1, 0, 1],
      data: [6, 3, 5],
    });
  });
});
