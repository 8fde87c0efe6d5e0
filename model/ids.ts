/**
 * The two-way mapping between outside ids (MovieLens user and movie ids) and
 * the rows of a factor matrix. Kept explicit so that no code guesses that
 * "movie 2571" is "row 2570".
 */
export class IdIndex {
  readonly #rows = new Map<number, number>();
  readonly #ids: number[] = [];

  /**
   * Builds an index whose rows follow the given order.
   * @param ids - distinct ids, in row order
   * @returns the index
   */
  static of(ids: Iterable<number>): IdIndex {
    const index = new IdIndex();
    for (const id of ids) index.add(id);
    return index;
  }

  /**
   * Builds an index of the distinct values, sorted ascending, so that the row
   * order does not depend on the order the data came in.
   * @param values - ids, repeats allowed
   * @returns the index
   */
  static sorted(values: ArrayLike<number>): IdIndex {
    const distinct = [...new Set(Array.from(values))].sort((a, b) => a - b);
    return IdIndex.of(distinct);
  }

  /** The number of rows. */
  get size(): number {
    return this.#ids.length;
  }

  /** The ids in row order (a copy). */
  get ids(): number[] {
    return [...this.#ids];
  }

  /**
   * Appends an id, or returns its row when it is already there.
   * @param id - the outside id
   * @returns its row
   */
  add(id: number): number {
    const known = this.#rows.get(id);
    if (known !== undefined) return known;
    this.#rows.set(id, this.#ids.length);
    this.#ids.push(id);
    return this.#ids.length - 1;
  }

  /**
   * @param id - the outside id
   * @returns its row, or -1 when the id is unknown
   */
  rowOf(id: number): number {
    return this.#rows.get(id) ?? -1;
  }

  /**
   * @param row - a row number
   * @returns the id of that row
   */
  idOf(row: number): number {
    const id = this.#ids[row];
    if (id === undefined)
      throw new RangeError(`reelmate: row ${row} is outside 0..${this.size - 1}`);
    return id;
  }
}
