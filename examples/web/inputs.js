// Deterministic inputs for the Tessera WebGPU demo page (index.html), with
// no browser or Node APIs so that Node can import it as well.
//
// One linear congruential generator (Numerical Recipes' constants) fills
// every input of an artifact, in the manifest's order, elements row-major
// (complex64: real then imaginary part of each element):
//
//   state(0)   = seed                                    (a uint32)
//   state(k+1) = (1664525 * state(k) + 1013904223) mod 2^32
//   u(k)       = state(k+1) / 2^32                       (in [0, 1))
//
// float32 / complex64: v = (2 u - 1) * s, computed in float64 and rounded to
//   float32, with s = 1 / sqrt(last dimension) for inputs after the first
//   whose rank is at least 2 (weights: keeps a Linear layer's output O(1)),
//   s = 1 otherwise.
// integer types and bool: v = lo + floor(u * (hi - lo + 1)) with [lo, hi]
//   from LCG_INT_RANGES.
//
// examples/web/demo_inputs.py implements the same rule in Python and writes
// the values as .npy files, so that the CPU runtime (tessera-run) can
// compute the reference outputs of the page's inputs.

export const LCG_MULTIPLIER = 1664525;
export const LCG_INCREMENT = 1013904223;

export const LCG_INT_RANGES = Object.freeze({
  int32: [-128, 127], uint32: [0, 255], int8: [-128, 127], uint8: [0, 255],
  int4: [-8, 7], uint4: [0, 15], bool: [0, 1],
});

const ARRAY_TYPES = {
  float32: Float32Array, complex64: Float32Array, int32: Int32Array,
  uint32: Uint32Array, int8: Int8Array, uint8: Uint8Array, bool: Uint8Array,
  int4: Int8Array, uint4: Uint8Array,
};

/// A generator of u(1), u(2), ... for `seed`.
export function lcg(seed) {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`the LCG seed must be an integer in [0, 2^32), got ${seed}`);
  let state = seed >>> 0;
  return () => {
    // Math.imul keeps the product exact modulo 2^32.
    state = (Math.imul(state, LCG_MULTIPLIER) + LCG_INCREMENT) >>> 0;
    return state / 4294967296;
  };
}

/// The inputs of `manifest` (a validated artifact manifest: inputs with
/// dtype, shape) for `seed`, as the typed arrays session.run() takes.
export function lcgInputs(manifest, seed) {
  const next = lcg(seed);
  return manifest.inputs.map((spec, index) => {
    const ArrayType = ARRAY_TYPES[spec.dtype];
    if (!ArrayType) throw new RangeError(`input ${index}: no LCG rule for dtype ${spec.dtype}`);
    const lanes = spec.dtype === 'complex64' ? 2 : 1;
    const count = spec.shape.reduce((a, b) => a * b, 1) * lanes;
    const out = new ArrayType(count);
    if (ArrayType === Float32Array) {
      const s = index > 0 && spec.shape.length >= 2 ? 1 / Math.sqrt(spec.shape[spec.shape.length - 1]) : 1;
      for (let i = 0; i < count; ++i) out[i] = (2 * next() - 1) * s;
    } else {
      const [lo, hi] = LCG_INT_RANGES[spec.dtype];
      for (let i = 0; i < count; ++i) out[i] = lo + Math.floor(next() * (hi - lo + 1));
    }
    return out;
  });
}
