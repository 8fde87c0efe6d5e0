// AssemblyScript source; compiled to WebAssembly by `npm run build:wasm`.
//
// Conjugate-gradient solve of the implicit-feedback ALS normal equations
// (Hu, Koren & Volinsky 2008, eq. 4) for a range of rows, following
// Takács, Pilászy & Tikk 2011 (section 3.2): for row u with confidences
// c_ui = 1 + (C_ui - 1) on its nonzeros,
//   (YᵀY + λI + Yᵀ(Cᵘ - I)Y) x_u = Yᵀ Cᵘ p(u)
// is solved by a few CG steps started from the previous x_u. YᵀY + λI is
// computed once per half-iteration by the caller and passed in as `gram`.
// All pointers are byte offsets into the shared linear memory; vectors are
// f32 and rows are `f` floats long. SIMD handles four lanes at a time and a
// scalar tail handles any factor count.

@inline
function dot(a: usize, b: usize, f: i32): f32 {
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let k = 0;
  for (; k + 8 <= f; k += 8) {
    const o = <usize>(k << 2);
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
    acc1 = f32x4.add(acc1, f32x4.mul(v128.load(a + o, 16), v128.load(b + o, 16)));
  }
  for (; k + 4 <= f; k += 4) {
    const o = <usize>(k << 2);
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  const acc = f32x4.add(acc0, acc1);
  let s =
    f32x4.extract_lane(acc, 0) +
    f32x4.extract_lane(acc, 1) +
    f32x4.extract_lane(acc, 2) +
    f32x4.extract_lane(acc, 3);
  for (; k < f; k++) {
    const o = <usize>(k << 2);
    s += load<f32>(a + o) * load<f32>(b + o);
  }
  return s;
}

/** y += alpha * x */
@inline
function axpy(alpha: f32, x: usize, y: usize, f: i32): void {
  const va = f32x4.splat(alpha);
  let k = 0;
  for (; k + 4 <= f; k += 4) {
    const o = <usize>(k << 2);
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(va, v128.load(x + o))));
  }
  for (; k < f; k++) {
    const o = <usize>(k << 2);
    store<f32>(y + o, load<f32>(y + o) + alpha * load<f32>(x + o));
  }
}

@inline
function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    f32x4.extract_lane(v, 2) +
    f32x4.extract_lane(v, 3)
  );
}

/**
 * out += Σ_j t_j y_j over the nonzeros [begin, stop) of one row, where
 * d_j = y_j · v and t_j = c_j − (c_j − 1)·d_j for the residual (`residual`)
 * or t_j = (c_j − 1)·d_j for a CG product. Nonzeros are taken four at a
 * time: the four dot products share the loads of v and run as independent
 * chains, and one pass adds all four rows into out, which quarters the
 * traffic on v and out (about a third faster than one row at a time).
 */
@inline
function addWeightedRows(
  begin: i32,
  stop: i32,
  indices: usize,
  confidence: usize,
  y: usize,
  v: usize,
  out: usize,
  f: i32,
  residual: bool,
): void {
  const rowBytes = <usize>(f << 2);
  const simdEnd = f & ~3;
  let j = begin;
  for (; j + 4 <= stop; j += 4) {
    const c1 = load<f32>(confidence + (<usize>j << 2));
    const c2 = load<f32>(confidence + (<usize>(j + 1) << 2));
    const c3 = load<f32>(confidence + (<usize>(j + 2) << 2));
    const c4 = load<f32>(confidence + (<usize>(j + 3) << 2));
    const y1 = y + <usize>load<i32>(indices + (<usize>j << 2)) * rowBytes;
    const y2 = y + <usize>load<i32>(indices + (<usize>(j + 1) << 2)) * rowBytes;
    const y3 = y + <usize>load<i32>(indices + (<usize>(j + 2) << 2)) * rowBytes;
    const y4 = y + <usize>load<i32>(indices + (<usize>(j + 3) << 2)) * rowBytes;
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    let a4 = f32x4.splat(0);
    for (let k = 0; k < simdEnd; k += 4) {
      const o = <usize>(k << 2);
      const vk = v128.load(v + o);
      a1 = f32x4.add(a1, f32x4.mul(v128.load(y1 + o), vk));
      a2 = f32x4.add(a2, f32x4.mul(v128.load(y2 + o), vk));
      a3 = f32x4.add(a3, f32x4.mul(v128.load(y3 + o), vk));
      a4 = f32x4.add(a4, f32x4.mul(v128.load(y4 + o), vk));
    }
    let d1 = hsum(a1);
    let d2 = hsum(a2);
    let d3 = hsum(a3);
    let d4 = hsum(a4);
    for (let k = simdEnd; k < f; k++) {
      const o = <usize>(k << 2);
      const vk = load<f32>(v + o);
      d1 += load<f32>(y1 + o) * vk;
      d2 += load<f32>(y2 + o) * vk;
      d3 += load<f32>(y3 + o) * vk;
      d4 += load<f32>(y4 + o) * vk;
    }
    const t1 = residual ? c1 - (c1 - 1) * d1 : (c1 - 1) * d1;
    const t2 = residual ? c2 - (c2 - 1) * d2 : (c2 - 1) * d2;
    const t3 = residual ? c3 - (c3 - 1) * d3 : (c3 - 1) * d3;
    const t4 = residual ? c4 - (c4 - 1) * d4 : (c4 - 1) * d4;
    const w1 = f32x4.splat(t1);
    const w2 = f32x4.splat(t2);
    const w3 = f32x4.splat(t3);
    const w4 = f32x4.splat(t4);
    for (let k = 0; k < simdEnd; k += 4) {
      const o = <usize>(k << 2);
      const s12 = f32x4.add(f32x4.mul(w1, v128.load(y1 + o)), f32x4.mul(w2, v128.load(y2 + o)));
      const s34 = f32x4.add(f32x4.mul(w3, v128.load(y3 + o)), f32x4.mul(w4, v128.load(y4 + o)));
      v128.store(out + o, f32x4.add(v128.load(out + o), f32x4.add(s12, s34)));
    }
    for (let k = simdEnd; k < f; k++) {
      const o = <usize>(k << 2);
      store<f32>(
        out + o,
        load<f32>(out + o) + t1 * load<f32>(y1 + o) + t2 * load<f32>(y2 + o) + t3 * load<f32>(y3 + o) + t4 * load<f32>(y4 + o),
      );
    }
  }
  for (; j < stop; j++) {
    const c = load<f32>(confidence + (<usize>j << 2));
    const yj = y + <usize>load<i32>(indices + (<usize>j << 2)) * rowBytes;
    const d = dot(yj, v, f);
    axpy(residual ? c - (c - 1) * d : (c - 1) * d, yj, out, f);
  }
}

/** out = M v for the f×f matrix M (row-major). */
@inline
function matVec(m: usize, v: usize, out: usize, f: i32): void {
  const rowBytes = <usize>(f << 2);
  for (let a = 0; a < f; a++) {
    store<f32>(out + (<usize>a << 2), dot(m + <usize>a * rowBytes, v, f));
  }
}

/**
 * Solves rows [start, end) of `x` against the fixed factors `y`.
 * `indptr`/`indices`/`confidence` are the CSR arrays of the side being
 * solved (i32, i32, f32). `scratch` must hold 3·f floats for this caller.
 */
export function solveRows(
  start: i32,
  end: i32,
  f: i32,
  indptr: usize,
  indices: usize,
  confidence: usize,
  x: usize,
  y: usize,
  gram: usize,
  cgSteps: i32,
  scratch: usize,
): void {
  const rowBytes = <usize>(f << 2);
  const r = scratch;
  const p = scratch + rowBytes;
  const ap = p + rowBytes;

  for (let u = start; u < end; u++) {
    const xu = x + <usize>u * rowBytes;
    const begin = load<i32>(indptr + (<usize>u << 2));
    const stop = load<i32>(indptr + (<usize>(u + 1) << 2));

    // r = YᵀCp - (YᵀY + λI + Yᵀ(C - I)Y) x
    matVec(gram, xu, r, f);
    for (let k = 0; k < f; k++) {
      const o = <usize>(k << 2);
      store<f32>(r + o, -load<f32>(r + o));
    }
    addWeightedRows(begin, stop, indices, confidence, y, xu, r, f, true);

    memory.copy(p, r, rowBytes);
    let rsOld = dot(r, r, f);
    if (rsOld < 1e-20) continue;

    for (let step = 0; step < cgSteps; step++) {
      // ap = (YᵀY + λI + Yᵀ(C - I)Y) p
      matVec(gram, p, ap, f);
      addWeightedRows(begin, stop, indices, confidence, y, p, ap, f, false);

      const alpha = rsOld / dot(p, ap, f);
      axpy(alpha, p, xu, f);
      axpy(-alpha, ap, r, f);
      const rsNew = dot(r, r, f);
      if (rsNew < 1e-20) break;

      // p = r + (rsNew / rsOld) p
      const beta = f32x4.splat(rsNew / rsOld);
      let k = 0;
      for (; k + 4 <= f; k += 4) {
        const o = <usize>(k << 2);
        v128.store(p + o, f32x4.add(v128.load(r + o), f32x4.mul(beta, v128.load(p + o))));
      }
      for (; k < f; k++) {
        const o = <usize>(k << 2);
        store<f32>(p + o, load<f32>(r + o) + (rsNew / rsOld) * load<f32>(p + o));
      }
      rsOld = rsNew;
    }
  }
}

/**
 * Adds Σ v vᵀ over rows [start, end) of `factors` into the f×f matrix at
 * `out` (row-major). Callers split the rows between threads and sum the
 * partial matrices, which gives YᵀY for the next half-iteration.
 */
export function addGram(start: i32, end: i32, f: i32, factors: usize, out: usize): void {
  const rowBytes = <usize>(f << 2);
  for (let u = start; u < end; u++) {
    const v = factors + <usize>u * rowBytes;
    for (let a = 0; a < f; a++) {
      axpy(load<f32>(v + (<usize>a << 2)), v, out + <usize>a * rowBytes, f);
    }
  }
}

/** Counts the NaN and infinite values among `count` floats at `ptr`. */
export function countNonFinite(ptr: usize, count: i32): i32 {
  let bad = 0;
  for (let k = 0; k < count; k++) {
    const v = load<f32>(ptr + (<usize>k << 2));
    if (!isFinite(v)) bad++;
  }
  return bad;
}
