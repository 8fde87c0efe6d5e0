import type { CsrMatrix } from '../sparse.js';

/** Where one side (users or items) lives in the shared memory: byte offsets. */
export interface SideLayout {
  rows: number;
  indptr: number;
  indices: number;
  confidence: number;
  factors: number;
}

/** Byte offsets of everything the solver threads share. */
export interface Layout {
  factors: number;
  users: SideLayout;
  items: SideLayout;
  /** YᵀY + λI of the side held fixed, f×f. */
  gram: number;
  /** One f×f partial YᵀY per thread. */
  partialGrams: number[];
  /** One 3·f scratch vector per thread. */
  scratch: number[];
  /** An Int32 used as the shared work counter. */
  counter: number;
  bytes: number;
}

const PAGE = 65_536;
const ALIGN = 64;

/** Hands out aligned byte ranges, front to back. */
class Arena {
  bytes = ALIGN;

  take(size: number): number {
    const at = this.bytes;
    this.bytes += Math.ceil(size / ALIGN) * ALIGN;
    return at;
  }
}

/**
 * Plans the shared memory for a user × item confidence matrix and its transpose.
 * @param users - confidences, user × item
 * @param items - the same, item × user
 * @param factors - vector length
 * @param threads - solver threads
 * @returns the layout
 */
export function planLayout(users: CsrMatrix, items: CsrMatrix, factors: number, threads: number) {
  const arena = new Arena();
  const side = (m: CsrMatrix): SideLayout => ({
    rows: m.rows,
    indptr: arena.take((m.rows + 1) * 4),
    indices: arena.take(m.indices.length * 4),
    confidence: arena.take(m.data.length * 4),
    factors: arena.take(m.rows * factors * 4),
  });
  const layout: Layout = {
    factors,
    users: side(users),
    items: side(items),
    gram: arena.take(factors * factors * 4),
    partialGrams: Array.from({ length: threads }, () => arena.take(factors * factors * 4)),
    scratch: Array.from({ length: threads }, () => arena.take(3 * factors * 4)),
    counter: arena.take(4),
    bytes: 0,
  };
  layout.bytes = arena.bytes;
  return layout;
}

/**
 * Allocates the shared WebAssembly memory for a layout and copies both
 * matrices into it.
 * @returns the memory
 */
export function allocate(layout: Layout, users: CsrMatrix, items: CsrMatrix): WebAssembly.Memory {
  const pages = Math.ceil(layout.bytes / PAGE);
  if (pages > 65_536) {
    throw new RangeError(
      `reelmate: training needs ${layout.bytes} bytes, over WebAssembly's 4 GiB`,
    );
  }
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const buffer = memory.buffer;
  const copy = (m: CsrMatrix, at: SideLayout) => {
    new Int32Array(buffer, at.indptr, m.indptr.length).set(m.indptr);
    new Int32Array(buffer, at.indices, m.indices.length).set(m.indices);
    new Float32Array(buffer, at.confidence, m.data.length).set(m.data);
  };
  copy(users, layout.users);
  copy(items, layout.items);
  return memory;
}
