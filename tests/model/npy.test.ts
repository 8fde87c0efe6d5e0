import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy, NpyError } from '../../model/npy.js';

/** A version 1.0 .npy file written by hand: magic, version, header length, header, body. */
function handWritten(dict: string, body: Buffer): Buffer {
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const length = Buffer.alloc(2);
  length.writeUInt16LE(header.length);
  return Buffer.concat([
    Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]),
    length,
    Buffer.from(header, 'latin1'),
    body,
  ]);
}

/** Runs decodeNpy, expecting an NpyError, and returns its message. */
function rejection(bytes: Buffer): string {
  try {
    decodeNpy(bytes);
  } catch (error) {
    if (error instanceof NpyError) return error.message;
    throw error;
  }
  throw new Error('expected an NpyError, nothing was thrown');
}

const values = new Float32Array([1.5, -2, 0, 3.25, 1e-8, 65504]);

describe('encodeNpy', () => {
  it('given a 2 × 3 array, then the header bytes follow NumPy’s format 1.0 byte by byte', () => {
    const bytes = encodeNpy(values, 2, 3);
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";

    // magic \x93NUMPY, version 1.0, little-endian header length
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    // 10 + 59 dict characters + newline = 70, padded to 128: the length field says 118
    expect(dict).toHaveLength(59);
    expect(bytes.readUInt16LE(8)).toBe(118);
    expect(bytes.subarray(10, 10 + dict.length).toString('latin1')).toBe(dict);
    expect(bytes.subarray(10 + dict.length, 127).toString('latin1')).toBe(' '.repeat(58));
    expect(bytes[127]).toBe(0x0a);
    // the body starts at 128, little-endian: 1.5 is 0x3fc00000
    expect(Array.from(bytes.subarray(128, 132))).toEqual([0x00, 0x00, 0xc0, 0x3f]);
    expect(bytes).toHaveLength(128 + 6 * 4);
  });

  it.each([
    [0, 4],
    [1, 1],
    [6040, 32],
    [3706, 128],
    [123456, 7],
  ])('given shape (%i, %i), then the header is padded to a multiple of 64 bytes', (rows, cols) => {
    const bytes = encodeNpy(new Float32Array(rows * cols), rows, cols);
    const headerEnd = 10 + bytes.readUInt16LE(8);

    expect(headerEnd % 64).toBe(0);
    expect(bytes[headerEnd - 1]).toBe(0x0a);
    expect(bytes.subarray(10, headerEnd).toString('latin1')).toContain(
      `'shape': (${rows}, ${cols})`,
    );
    expect(bytes.length - headerEnd).toBe(rows * cols * 4);
  });

  it('given a view into a larger array, then only the view’s values are written', () => {
    const whole = new Float32Array([9, 9, 1, 2, 3, 4, 9]);

    const decoded = decodeNpy(encodeNpy(whole.subarray(2, 6), 2, 2));

    expect(Array.from(decoded.data)).toEqual([1, 2, 3, 4]);
  });

  it('given values that do not fill the shape, then it throws an NpyError', () => {
    expect(() => encodeNpy(new Float32Array(5), 2, 3)).toThrow(NpyError);
  });
});

describe('decodeNpy', () => {
  it('given an encoded array, then it reads back the same values and shape', () => {
    const decoded = decodeNpy(encodeNpy(values, 3, 2));

    expect(decoded).toEqual({ data: values, rows: 3, cols: 2 });
  });

  it('given the bytes are reused afterwards, then the decoded values do not change', () => {
    const bytes = encodeNpy(values, 2, 3);

    const decoded = decodeNpy(bytes);
    bytes.fill(0);

    expect(decoded.data).toEqual(values);
  });

  it('given a hand-written file with NumPy’s usual spacing, then it is read', () => {
    const body = Buffer.from(new Float32Array([1, 2]).buffer);

    const decoded = decodeNpy(
      handWritten("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", body),
    );

    expect(decoded).toEqual({ data: new Float32Array([1, 2]), rows: 1, cols: 2 });
  });

  it('given a float64 header, then it is refused', () => {
    const body = Buffer.from(new Float64Array([1, 2]).buffer);

    const message = rejection(
      handWritten("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", body),
    );

    expect(message).toMatch(/float32/);
  });

  it('given a big-endian float32 header, then it is refused', () => {
    const body = Buffer.alloc(8);

    expect(
      rejection(handWritten("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 2), }", body)),
    ).toMatch(/little-endian/);
  });

  it('given Fortran order, then it is refused', () => {
    const body = Buffer.alloc(8);

    expect(
      rejection(handWritten("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }", body)),
    ).toMatch(/Fortran/);
  });

  it('given a 1-D shape, then it is refused', () => {
    const body = Buffer.alloc(8);

    expect(
      rejection(handWritten("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", body)),
    ).toMatch(/2-D/);
  });

  it('given a 3-D shape, then it is refused', () => {
    const body = Buffer.alloc(32);

    expect(
      rejection(
        handWritten("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2), }", body),
      ),
    ).toMatch(/2-D/);
  });

  it('given a body four bytes short, then it is refused with the expected and found sizes', () => {
    const bytes = encodeNpy(values, 2, 3);

    expect(rejection(bytes.subarray(0, bytes.length - 4))).toBe(
      'reelmate: expected 24 data bytes, found 20',
    );
  });

  it('given trailing bytes after the body, then it is refused', () => {
    const bytes = Buffer.concat([encodeNpy(values, 2, 3), Buffer.alloc(4)]);

    expect(rejection(bytes)).toMatch(/expected 24 data bytes, found 28/);
  });

  it('given bytes without the magic, then it is refused as not a .npy file', () => {
    expect(rejection(Buffer.from('PK\x03\x04 not numpy at all'))).toBe('reelmate: not a .npy file');
    expect(rejection(Buffer.alloc(3))).toBe('reelmate: not a .npy file');
  });
});

describe('a .npy file on disk', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'reelmate-npy-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('given a written 5 × 7 array, then the file is a 64-aligned header plus 4 bytes per value and reads back', async () => {
    const data = Float32Array.from({ length: 35 }, (_, k) => k / 7 - 2);
    const file = join(folder, 'factors.npy');

    await writeFile(file, encodeNpy(data, 5, 7));

    const bytes = await readFile(file);
    const headerEnd = 10 + bytes.readUInt16LE(8);
    expect(headerEnd % 64).toBe(0);
    expect((await stat(file)).size).toBe(headerEnd + 35 * 4);
    expect(decodeNpy(bytes)).toEqual({ data, rows: 5, cols: 7 });
  });
});
