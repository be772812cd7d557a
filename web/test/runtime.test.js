// Packing, manifest validation and limits of the runtime (src/tessera-web.js),
// without a GPU.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  packTensor, unpackTensor, packedByteSize, validateManifest, requiredLimitsFor,
  DEFAULT_LIMITS, DTYPE_NAMES, TesseraWebError,
} from '../src/tessera-web.js';

test('packing follows docs/WebGPUArtifact.md byte for byte', () => {
  assert.deepEqual(Array.from(packTensor('int8', new Int8Array([1, -1, -128, 127, 5]), 'x')),
                   [1, 255, 128, 127, 5, 0, 0, 0]);
  // int4: element i in byte i/2, even i in the low nibble.
  assert.deepEqual(Array.from(packTensor('int4', new Int8Array([1, -1, -8, 7, 3]), 'x')),
                   [0xf1, 0x78, 0x03, 0]);
  assert.deepEqual(Array.from(packTensor('bool', new Uint8Array([0, 2, 1]), 'x')), [0, 1, 1, 0]);
  assert.deepEqual(Array.from(packTensor('float32', new Float32Array([1]), 'x')), [0, 0, 0x80, 0x3f]);
  assert.equal(packedByteSize('int4', [3, 3]), 8);
  assert.equal(packedByteSize('uint8', []), 4);
  assert.equal(packedByteSize('int32', [0]), 0);
});

test('unpacking inverts packing for every dtype and odd lengths', () => {
  const cases = {
    float32: Float32Array.from([0.5, -3, 1e30]), int32: Int32Array.from([-5, 9]),
    uint32: Uint32Array.from([4294967295]), int8: Int8Array.from([-128, 3, 127, 0, -1]),
    uint8: Uint8Array.from([255, 0, 7]), bool: Uint8Array.from([1, 0, 0, 1, 1]),
    int4: Int8Array.from([-8, -7, -1, 0, 1, 6, 7]),
  };
  for (const [dtype, data] of Object.entries(cases)) {
    const back = unpackTensor(dtype, packTensor(dtype, data, 'x'), data.length);
    assert.equal(back.constructor, data.constructor, dtype);
    assert.deepEqual(Array.from(back), Array.from(data), dtype);
  }
});

test('int4 values outside -8..7 are rejected', () => {
  assert.throws(() => packTensor('int4', new Int8Array([0, 8]), 'input 0'),
                { message: "input 0: element 1 is 8, outside int4's range -8..7" });
});

/// A valid manifest; tests break one field at a time.
function manifest() {
  return {
    format: 'tessera-webgpu', version: 1, entry: 'f',
    inputs: [{ dtype: 'float32', shape: [4], buffer: 0 }],
    outputs: [{ dtype: 'int4', shape: [3], buffer: 1 }],
    weights: 'weights.bin',
    buffers: [{ size: 16 }, { size: 4 }, { size: 8, data: { offset: 0, size: 8 } }],
    kernels: [{ name: 'k', file: 'kernels/k.wgsl', entryPoint: 'main', workgroupSize: [64, 1, 1],
                bindings: [{ binding: 0, access: 'read' }, { binding: 1, access: 'read' },
                           { binding: 2, access: 'read_write' }] }],
    steps: [{ op: 'upload', input: 0, buffer: 0 },
            { op: 'dispatch', kernel: 0, workgroups: [1, 1, 1], buffers: [0, 2, 1] },
            { op: 'copy', src: 1, dst: 0, size: 4 },
            { op: 'download', output: 0, buffer: 1 }],
    limits: { maxComputeInvocationsPerWorkgroup: 64 },
  };
}

test('a valid manifest is accepted and normalized', () => {
  const m = validateManifest(manifest());
  assert.equal(m.inputs[0].count, 4);
  assert.equal(m.outputs[0].bytes, 4);
  assert.equal(m.generator, null);
  const noWeights = manifest();
  delete noWeights.weights;
  noWeights.buffers[2] = { size: 8 };
  assert.equal(validateManifest(noWeights).weights, null);
  const offsets = manifest();
  Object.assign(offsets.steps[2], { dstOffset: 12 });
  assert.deepEqual(validateManifest(offsets).steps[2],
                   { op: 'copy', src: 1, dst: 0, size: 4, srcOffset: 0, dstOffset: 12 });
});

test('each malformed field is named', () => {
  const broken = [
    [m => { m.format = 'onnx'; }, 'manifest.format: expected "tessera-webgpu", got "onnx"'],
    [m => { m.version = 2; }, 'manifest.version: 2 is not a version this runtime reads (it reads 1)'],
    [m => { delete m.entry; }, 'manifest.entry: expected a non-empty string, got missing'],
    [m => { m.generator = 3; }, 'manifest.generator: expected a string, got 3'],
    [m => { m.buffers[1].size = 6; }, 'manifest.buffers[1].size: 6 is not a multiple of 4'],
    [m => { m.buffers[1].size = 0; }, 'manifest.buffers[1].size: expected an integer >= 4, got 0'],
    [m => { m.buffers[2].data.size = 12; }, 'manifest.buffers[2].data.size: 12 is larger than the buffer (8 bytes)'],
    [m => { m.buffers[2].data.offset = 2; }, 'manifest.buffers[2].data: offset 2 and size 8 must be multiples of 4'],
    [m => { delete m.weights; }, 'manifest.weights: expected a non-empty string, got missing'],
    [m => { m.weights = '../secret.bin'; }, 'manifest.weights: "../secret.bin" is not a relative path inside the artifact'],
    [m => { m.inputs[0].dtype = 'float64'; }, `manifest.inputs[0].dtype: "float64" is not one of ${DTYPE_NAMES.join(', ')}`],
    [m => { m.inputs[0].shape = [4, -1]; }, 'manifest.inputs[0].shape[1]: expected an integer >= 0, got -1'],
    [m => { m.inputs[0].shape = [5]; }, 'manifest.inputs[0].buffer: buffer 0 has 16 bytes, the float32 tensor [5] needs 20'],
    [m => { m.outputs[0].buffer = 9; }, 'manifest.outputs[0].buffer: 9 is not a buffer index (the manifest has 3)'],
    [m => { m.inputs[0].buffer = 2; m.buffers[2].size = 16; }, 'manifest.inputs[0].buffer: buffer 2 is a constant (it has data)'],
    [m => { m.kernels[0].file = '/etc/k.wgsl'; }, 'manifest.kernels[0].file: "/etc/k.wgsl" is not a relative path inside the artifact'],
    [m => { m.kernels[0].file = 'https://evil/k.wgsl'; }, 'manifest.kernels[0].file: "https://evil/k.wgsl" is not a relative path inside the artifact'],
    [m => { m.kernels[0].workgroupSize = [64, 1]; }, 'manifest.kernels[0].workgroupSize: expected 3 elements, got 2'],
    [m => { m.kernels[0].workgroupSize[2] = 0; }, 'manifest.kernels[0].workgroupSize[2]: expected an integer >= 1, got 0'],
    [m => { m.kernels[0].bindings[1].binding = 2; }, "manifest.kernels[0].bindings[1].binding: expected 1 (binding i is a dispatch's i-th buffer), got 2"],
    [m => { m.kernels[0].bindings[2].access = 'write'; }, 'manifest.kernels[0].bindings[2].access: "write" is not one of read, read_write'],
    [m => { m.steps[1].op = 'launch'; }, 'manifest.steps[1].op: "launch" is not one of upload, dispatch, copy, download'],
    [m => { m.steps[0].input = 1; }, 'manifest.steps[0].input: 1 is not an input index (the manifest has 1)'],
    [m => { m.steps[1].kernel = 1; }, 'manifest.steps[1].kernel: 1 is not a kernel index (the manifest has 1)'],
    [m => { m.steps[1].buffers = [0, 2]; }, 'manifest.steps[1].buffers: kernel k has 3 bindings, the step binds 2 buffers'],
    [m => { m.steps[1].buffers = [0, 2, 17]; }, 'manifest.steps[1].buffers[2]: 17 is not a buffer index (the manifest has 3)'],
    [m => { m.steps[1].buffers = [1, 2, 1]; }, 'manifest.steps[1].buffers[2]: buffer 1 is bound twice (WebGPU forbids writable aliasing)'],
    [m => { m.steps[1].buffers = [0, 1, 2]; }, 'manifest.steps[1].buffers[2]: buffer 2 is a constant, kernel k writes binding 2'],
    [m => { m.steps[1].workgroups = [1, 1, 1.5]; }, 'manifest.steps[1].workgroups[2]: expected an integer >= 0, got 1.5'],
    [m => { m.steps[2].size = 8; }, 'manifest.steps[2].size: 8 bytes from offset 0 do not fit buffer 1 (4 bytes)'],
    [m => { m.steps[2].dstOffset = 16; }, 'manifest.steps[2].size: 4 bytes to offset 16 do not fit buffer 0 (16 bytes)'],
    [m => { m.steps[2].srcOffset = 2; }, 'manifest.steps[2].srcOffset: 2 is not a multiple of 4'],
    [m => { m.steps[2].dstOffset = -4; }, 'manifest.steps[2].dstOffset: expected an integer >= 0, got -4'],
    [m => { m.steps[2].dst = 1; }, 'manifest.steps[2].dst: a copy from buffer 1 to itself'],
    [m => { m.steps[2].dst = 2; }, 'manifest.steps[2].dst: buffer 2 is a constant (it has data)'],
    [m => { m.steps[3].buffer = 17; }, 'manifest.steps[3].buffer: 17 is not a buffer index (the manifest has 3)'],
    [m => { m.steps.push({ op: 'download', output: 0, buffer: 1 }); }, 'manifest.steps[4].output: output 0 is downloaded twice'],
    [m => { m.steps.shift(); }, 'manifest.inputs[0]: no upload step writes it'],
    [m => { m.steps.pop(); }, 'manifest.outputs[0]: no download step reads it'],
    [m => { m.limits.maxWarpSize = 32; }, 'manifest.limits.maxWarpSize: not a WebGPU limit'],
    [m => { m.limits.maxBufferSize = -1; }, 'manifest.limits.maxBufferSize: expected an integer >= 0, got -1'],
    [m => { m.steps = {}; }, 'manifest.steps: expected an array, got {}'],
  ];
  for (const [breakIt, message] of broken) {
    const m = manifest();
    breakIt(m);
    assert.throws(() => validateManifest(m), e => {
      assert.ok(e instanceof TesseraWebError);
      assert.equal(e.message, message);
      return true;
    });
  }
  assert.throws(() => validateManifest([]), { message: 'manifest: expected an object, got []' });
});

test('requiredLimitsFor asks only for limits beyond the defaults', () => {
  const artifact = { manifest: validateManifest(manifest()) };
  const adapter = { limits: { ...DEFAULT_LIMITS, maxComputeInvocationsPerWorkgroup: 1024 } };
  assert.deepEqual(requiredLimitsFor(artifact, adapter), {});
  artifact.manifest.limits = { maxComputeInvocationsPerWorkgroup: 512, maxBufferSize: 1024,
                               minStorageBufferOffsetAlignment: 256 };
  assert.deepEqual(requiredLimitsFor(artifact, adapter), { maxComputeInvocationsPerWorkgroup: 512 });
  artifact.manifest.limits = { maxComputeInvocationsPerWorkgroup: 2048 };
  assert.throws(() => requiredLimitsFor(artifact, adapter),
                { message: "the adapter's maxComputeInvocationsPerWorkgroup is 1024, the artifact needs 2048" });
});

test('the runtime uses no Node-only API (it must also run in a browser)', async () => {
  const { readFile } = await import('node:fs/promises');
  for (const file of ['tessera-web.js', 'npy.js']) {
    const code = (await readFile(new URL(`../src/${file}`, import.meta.url), 'utf8'))
      .replace(/\/\/[^\n]*/g, '');
    for (const re of [/from\s+['"](?!\.)/, /\bimport\s*\(/, /\brequire\s*\(/, /\bprocess\./,
                      /\bBuffer\b/, /\b__dirname\b/])
      assert.doesNotMatch(code, re, `${file} uses ${re}`);
  }
});
