// .npy reading and writing (src/npy.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNpy, encodeNpy, NpyError } from '../src/npy.js';

const cases = [
  ['float32', new Float32Array([1.5, -2, 3e-8, Infinity, NaN, 0]), [2, 3]],
  ['int32', new Int32Array([-2147483648, 2147483647, 0, 5]), [4]],
  ['uint32', new Uint32Array([0, 4294967295, 7]), [3, 1]],
  ['int8', new Int8Array([-128, 127, 0, -1, 5]), [5]],
  ['uint8', new Uint8Array([0, 255, 128]), [1, 3, 1]],
  ['bool', new Uint8Array([1, 0, 1, 1]), [2, 2]],
  ['float32', new Float32Array([42]), []],          // 0-d
  ['int32', new Int32Array([]), [0, 3]],             // empty
];

test('round trip of every dtype, rank 0 to 3, empty arrays', () => {
  for (const [dtype, data, shape] of cases) {
    const back = parseNpy(encodeNpy(data, shape, dtype));
    assert.equal(back.dtype, dtype);
    assert.deepEqual(back.shape, shape);
    assert.equal(back.data.constructor, data.constructor);
    assert.deepEqual(Array.from(back.data), Array.from(data));
  }
});

test('the header is what numpy writes: aligned to 64 bytes, 1-tuples with a comma', () => {
  const bytes = encodeNpy(new Float32Array(3), [3]);
  const headerLength = bytes[8] | (bytes[9] << 8);
  assert.equal((10 + headerLength) % 64, 0);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
  assert.match(header, /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3,\), \} *\n$/);
  assert.match(new TextDecoder().decode(encodeNpy(new Int8Array(1), [], 'int4').subarray(10, 74)),
               /'descr': '\|i1'.*'shape': \(\)/);
});

/// A .npy file with the given header text and data bytes.
function npyWith(header, data = new Uint8Array(0), version = 1) {
  const pre = version === 1 ? 10 : 12;
  const out = new Uint8Array(pre + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  if (version === 1) out.set([header.length & 0xff, header.length >> 8], 8);
  else out.set([header.length & 0xff, header.length >> 8, 0, 0], 8);
  for (let i = 0; i < header.length; ++i) out[pre + i] = header.charCodeAt(i);
  out.set(data, pre + header.length);
  return out;
}

test('versions 2 and 3 and numpy\'s other spellings are read', () => {
  const data = new Uint8Array(new Int32Array([7, -7]).buffer);
  for (const version of [2, 3]) {
    const r = parseNpy(npyWith("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }\n", data, version));
    assert.deepEqual(Array.from(r.data), [7, -7]);
  }
  const r = parseNpy(npyWith('{"shape": (1, 2), "fortran_order": False, "descr": "=i4"}\n', data));
  assert.deepEqual(r.shape, [1, 2]);
});

test('malformed files are rejected with the reason', () => {
  const err = (bytes, re) => assert.throws(() => parseNpy(bytes, 'x.npy'),
    e => e instanceof NpyError && re.test(e.message) && e.message.startsWith('x.npy: '));
  err(new Uint8Array([1, 2, 3]), /missing the \\x93NUMPY magic/);
  err(npyWith("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4)),
      /unsupported dtype '>f4'/);
  err(npyWith("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8)),
      /unsupported dtype '<f8'/);
  err(npyWith("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new Uint8Array(16)),
      /Fortran-order/);
  err(npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }", new Uint8Array(8)),
      /data is shorter than the shape \(5\) requires/);
  err(npyWith("{'descr': '<f4', 'shape': (5,), }"), /lacks descr, fortran_order or shape/);
  err(npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }"), /bad shape/);
  err(npyWith("{'descr': '<f4'", new Uint8Array(0), 7), /unsupported format version 7/);
});

test('encodeNpy rejects shapes that do not fit the data', () => {
  assert.throws(() => encodeNpy(new Float32Array(5), [2, 2]), /has 4 elements, the data 5/);
  assert.throws(() => encodeNpy(new Float64Array(1), [1]), /cannot write dtype null/);
});
