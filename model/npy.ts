/**
 * Reads and writes 2-D float32 arrays in NumPy's .npy format (version 1.0,
 * little-endian, C order), so model files open in NumPy as they are.
 */

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

/** A file that is not a 2-D little-endian float32 .npy array. */
export class NpyError extends Error {
  readonly code = 'BAD_NPY';

  constructor(message: string) {
    super(`reelmate: ${message}`);
    this.name = 'NpyError';
  }
}

/**
 * @param data - rows × cols values, row-major
 * @param rows - number of rows
 * @param cols - number of columns
 * @returns the .npy file's bytes
 */
export function encodeNpy(data: Float32Array, rows: number, cols: number): Buffer {
  if (data.length !== rows * cols)
    throw new NpyError(`${data.length} values do not fill ${rows}×${cols}`);
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  // The header (magic, version, length, dict, newline) is padded with spaces
  // to a multiple of 64 bytes, as NumPy writes it.
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(MAGIC.length + 4);
  MAGIC.copy(prefix);
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), littleEndian(body)]);
}

/**
 * @param bytes - a .npy file
 * @returns its values and shape
 */
export function decodeNpy(bytes: Buffer): { data: Float32Array; rows: number; cols: number } {
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC))
    throw new NpyError('not a .npy file');
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = bytes.subarray(start, start + headerLength).toString('latin1');

  if (!/'descr':\s*'<f4'/.test(header))
    throw new NpyError('only little-endian float32 arrays are read');
  if (/'fortran_order':\s*True/.test(header))
    throw new NpyError('Fortran-ordered arrays are not read');
  const shape = /'shape':\s*\((\d+),\s*(\d+)\)/.exec(header);
  if (!shape) throw new NpyError('only 2-D arrays are read');

  const rows = Number(shape[1]);
  const cols = Number(shape[2]);
  const body = bytes.subarray(start + headerLength);
  if (body.length !== rows * cols * 4)
    throw new NpyError(`expected ${rows * cols * 4} data bytes, found ${body.length}`);
  const copy = littleEndian(Buffer.from(body));
  return { data: new Float32Array(copy.buffer, copy.byteOffset, rows * cols).slice(), rows, cols };
}

/** Float32Array uses the machine's byte order; .npy here is little-endian. */
function littleEndian(bytes: Buffer): Buffer {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return bytes;
  return Buffer.from(bytes).swap32();
}
