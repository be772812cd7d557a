// Reading and writing NumPy .npy files (format versions 1-3; little-endian,
// C order, any rank including 0-d) as typed arrays. No Node-only APIs: it
// works on bytes, so that a browser page can use it as well as the CLI.
//
// dtypes use the artifact's names (docs/WebGPUArtifact.md). The .npy type of
// `int4` is int8 (one value per byte), as in Tessera's C++ runtime (Npy.cpp).

/// .npy descr (without byte order) -> [dtype, typed array class].
const DESCRS = {
  f4: ['float32', Float32Array],
  c8: ['complex64', Float32Array, 2], // real, imaginary
  i4: ['int32', Int32Array],
  u4: ['uint32', Uint32Array],
  i1: ['int8', Int8Array],
  u1: ['uint8', Uint8Array],
  b1: ['bool', Uint8Array],
};

/// dtype -> .npy descr, for writing.
const DESCR_OF = {
  float32: '<f4', complex64: '<c8', int32: '<i4', uint32: '<u4',
  int8: '|i1', int4: '|i1', uint8: '|u1', uint4: '|u1', bool: '|b1',
};

export const NPY_DTYPES = Object.freeze(Object.keys(DESCR_OF));

export class NpyError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NpyError';
  }
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/// The value of `key` in the header's Python dict literal, as text.
function headerValue(header, key) {
  const m = header.match(new RegExp(`['"]${key}['"]\\s*:\\s*(\\([^)]*\\)|'[^']*'|"[^"]*"|[A-Za-z]+)`));
  return m ? m[1] : null;
}

/// Parses a .npy file: returns {dtype, shape, data}, `data` a typed array
/// that owns its memory. `what` names the file in errors.
export function parseNpy(bytes, what = '.npy file') {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const bad = why => new NpyError(`${what}: not a valid .npy file: ${why}`);
  if (u8.length < 10 || MAGIC.some((b, i) => u8[i] !== b))
    throw bad('missing the \\x93NUMPY magic');
  const major = u8[6];
  let headerStart, headerLength;
  if (major === 1) {
    headerLength = u8[8] | (u8[9] << 8);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (u8.length < 12) throw bad('truncated header');
    headerLength = (u8[8] | (u8[9] << 8) | (u8[10] << 16)) + u8[11] * 2 ** 24;
    headerStart = 12;
  } else {
    throw bad(`unsupported format version ${major}`);
  }
  if (headerStart + headerLength > u8.length) throw bad('truncated header');
  // Versions 1 and 2 are latin-1 (decoded by hand: not every JS engine's
  // TextDecoder has it), version 3 UTF-8.
  const headerBytes = u8.subarray(headerStart, headerStart + headerLength);
  const header = major === 3 ? new TextDecoder('utf-8').decode(headerBytes)
                             : Array.from(headerBytes, b => String.fromCharCode(b)).join('');

  const descrText = headerValue(header, 'descr');
  const fortran = headerValue(header, 'fortran_order');
  const shapeText = headerValue(header, 'shape');
  if (descrText === null || fortran === null || shapeText === null)
    throw bad('header lacks descr, fortran_order or shape');
  if (fortran === 'True')
    throw bad('Fortran-order arrays are not supported (use C order)');
  const descr = descrText.slice(1, -1);
  const order = descr[0];
  const kind = DESCRS[descr.slice(1)] && '<|='.includes(order) ? DESCRS[descr.slice(1)] : null;
  if (!kind)
    throw bad(`unsupported dtype '${descr}' (supported: <f4 <c8 <i4 <u4 |i1 |u1 |b1)`);
  const dims = shapeText.slice(1, -1).split(',').map(s => s.trim()).filter(s => s);
  const shape = dims.map(d => {
    if (!/^\d+L?$/.test(d)) throw bad(`bad shape ${shapeText}`);
    return Number.parseInt(d, 10);
  });
  const [dtype, ArrayType, lanes = 1] = kind;
  const count = shape.reduce((a, b) => a * b, 1) * lanes;
  const dataStart = headerStart + headerLength;
  const byteLength = count * ArrayType.BYTES_PER_ELEMENT;
  if (dataStart + byteLength > u8.length)
    throw bad(`data is shorter than the shape (${shape.join(', ')}) requires`);
  // Copy into fresh memory: the data offset need not be aligned for the type.
  const data = new ArrayType(count);
  new Uint8Array(data.buffer).set(u8.subarray(dataStart, dataStart + byteLength));
  return { dtype, shape, data };
}

/// The dtype of a typed array, when it has only one (Uint8Array is `uint8`
/// unless the caller says `bool`; Int8Array is `int8` unless it says `int4`).
function dtypeOfArray(data) {
  for (const [dtype, ArrayType] of Object.values(DESCRS))
    if (data instanceof ArrayType) return dtype;
  return null;
}

/// Encodes a typed array as a version 1.0 .npy file. `dtype` defaults to the
/// array's; it may be `bool` for a Uint8Array or `int4` for an Int8Array.
export function encodeNpy(data, shape, dtype = dtypeOfArray(data)) {
  if (!(dtype in DESCR_OF))
    throw new NpyError(`cannot write dtype ${dtype} to .npy (supported: ${NPY_DTYPES.join(', ')})`);
  const count = shape.reduce((a, b) => a * b, 1) * (dtype === 'complex64' ? 2 : 1);
  if (!shape.every(d => Number.isInteger(d) && d >= 0))
    throw new NpyError(`bad shape [${shape.join(', ')}]`);
  if (count !== data.length)
    throw new NpyError(`shape [${shape.join(', ')}] has ${count} elements, the data ${data.length}`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${DESCR_OF[dtype]}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Pad with spaces and a newline so that the data starts at a multiple of 64.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; ++i) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}
