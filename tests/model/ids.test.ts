import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../model/ids.js';

describe('IdIndex', () => {
  it('given ids in a chosen order, then rows follow that order both ways', () => {
    const index = IdIndex.of([2571, 1, 318]);

    expect(index.size).toBe(3);
    expect([index.rowOf(2571), index.rowOf(1), index.rowOf(318)]).toEqual([0, 1, 2]);
    expect([index.idOf(0), index.idOf(1), index.idOf(2)]).toEqual([2571, 1, 318]);
  });

  it('given repeated unsorted values, then sorted keeps each id once in ascending order', () => {
    const index = IdIndex.sorted(new Int32Array([30, 10, 30, 20, 10]));

    expect(index.ids).toEqual([10, 20, 30]);
  });

  it('given an unknown id, then its row is -1', () => {
    expect(IdIndex.of([5, 6]).rowOf(7)).toBe(-1);
  });

  it('given a row outside the index, then idOf throws a RangeError naming the range', () => {
    const index = IdIndex.of([5, 6]);

    expect(() => index.idOf(2)).toThrow(RangeError);
    expect(() => index.idOf(-1)).toThrow('outside 0..1');
  });

  it('given an id that is already there, then add returns its row and does not grow', () => {
    const index = IdIndex.of([5, 6]);

    expect(index.add(6)).toBe(1);
    expect(index.add(9)).toBe(2);
    expect(index.size).toBe(3);
  });

  it('given the ids list is changed by the caller, then the index is unchanged', () => {
    const index = IdIndex.of([5, 6]);

    index.ids.push(99);

    expect(index.ids).toEqual([5, 6]);
  });
});
