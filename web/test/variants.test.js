// Kernel variants without a GPU: validation of `variants` and
// `variantWorkgroups` (docs/WebGPUArtifact.md), tuning keys and the
// localStorage tuning store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  validateManifest, tuningKey, localStorageTuningStore, compareTuningResults, TesseraWebError,
} from '../src/tessera-web.js';

/// A valid manifest with variants; tests break one field at a time.
function manifest() {
  return {
    format: 'tessera-webgpu', version: 1, entry: 'f',
    inputs: [{ dtype: 'float32', shape: [256], buffer: 0 }],
    outputs: [{ dtype: 'float32', shape: [256], buffer: 1 }],
    buffers: [{ size: 1024 }, { size: 1024 }, { size: 1024 }],
    kernels: [
      { name: 'k', file: 'kernels/k.wgsl', entryPoint: 'main', workgroupSize: [64, 1, 1],
        bindings: [{ binding: 0, access: 'read' }, { binding: 1, access: 'read_write' }],
        variants: [{ file: 'kernels/k.wg128.wgsl', workgroupSize: [128, 1, 1] },
                   { file: 'kernels/k.wg256.wgsl', workgroupSize: [256, 1, 1] }] },
      { name: 'plain', file: 'kernels/plain.wgsl', entryPoint: 'main', workgroupSize: [64, 1, 1],
        bindings: [{ binding: 0, access: 'read' }, { binding: 1, access: 'read_write' }] },
    ],
    steps: [{ op: 'upload', input: 0, buffer: 0 },
            { op: 'dispatch', kernel: 0, workgroups: [4, 1, 1], variantWorkgroups: [[2, 1, 1], [1, 1, 1]],
              buffers: [0, 2] },
            { op: 'dispatch', kernel: 1, workgroups: [4, 1, 1], buffers: [2, 1] },
            { op: 'dispatch', kernel: 0, workgroups: [4, 1, 1], variantWorkgroups: [[2, 1, 1], [1, 1, 1]],
              buffers: [1, 2] },
            { op: 'download', output: 0, buffer: 1 }],
  };
}

test('variants are read and normalized', () => {
  const m = validateManifest(manifest());
  assert.deepEqual(m.kernels[0].variants.map(v => v.workgroupSize), [[128, 1, 1], [256, 1, 1]]);
  assert.deepEqual(m.kernels[1].variants, []);
  assert.deepEqual(m.steps[1].variantWorkgroups, [[2, 1, 1], [1, 1, 1]]);
  assert.deepEqual(m.steps[2].variantWorkgroups, []);
  // An empty list is no variants.
  const none = manifest();
  none.kernels[0].variants = [];
  delete none.steps[1].variantWorkgroups;
  none.steps[3].variantWorkgroups = [];
  assert.deepEqual(validateManifest(none).kernels[0].variants, []);
});

test('each malformed variant field is named', () => {
  const broken = [
    [m => { m.kernels[0].variants = {}; }, 'manifest.kernels[0].variants: expected an array, got {}'],
    [m => { m.kernels[0].variants[1] = 'k.wgsl'; }, 'manifest.kernels[0].variants[1]: expected an object, got "k.wgsl"'],
    [m => { delete m.kernels[0].variants[0].file; }, 'manifest.kernels[0].variants[0].file: expected a non-empty string, got missing'],
    [m => { m.kernels[0].variants[0].file = '../k.wgsl'; }, 'manifest.kernels[0].variants[0].file: "../k.wgsl" is not a relative path inside the artifact'],
    [m => { m.kernels[0].variants[1].workgroupSize = [256]; }, 'manifest.kernels[0].variants[1].workgroupSize: expected 3 elements, got 1'],
    [m => { m.kernels[0].variants[1].workgroupSize[1] = 0; }, 'manifest.kernels[0].variants[1].workgroupSize[1]: expected an integer >= 1, got 0'],
    [m => { m.kernels[1].name = 'k'; }, 'manifest.kernels[1].name: "k" is also kernels[0]\'s name (variants are chosen by kernel name)'],
    [m => { delete m.steps[3].variantWorkgroups; }, 'manifest.steps[3].variantWorkgroups: missing; kernel k has 2 variants'],
    [m => { m.steps[1].variantWorkgroups.pop(); }, 'manifest.steps[1].variantWorkgroups: kernel k has 2 variants, the step lists 1 grids'],
    [m => { m.steps[1].variantWorkgroups = 3; }, 'manifest.steps[1].variantWorkgroups: expected an array, got 3'],
    [m => { m.steps[1].variantWorkgroups[1] = [1, 1]; }, 'manifest.steps[1].variantWorkgroups[1]: expected 3 elements, got 2'],
    [m => { m.steps[1].variantWorkgroups[0][0] = -2; }, 'manifest.steps[1].variantWorkgroups[0][0]: expected an integer >= 0, got -2'],
    [m => { m.steps[2].variantWorkgroups = [[1, 1, 1]]; }, 'manifest.steps[2].variantWorkgroups: kernel plain has 0 variants, the step lists 1 grids'],
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
  // Kernels without variants may share a name, as before.
  const shared = manifest();
  shared.kernels.push({ ...shared.kernels[1] });
  validateManifest(shared);
});

const info = { vendor: 'mesa', architecture: 'software', device: 'llvmpipe', description: 'llvmpipe (LLVM)' };

function artifact(edit = () => {}) {
  const m = manifest();
  edit(m);
  const manifestV = validateManifest(m);
  return {
    manifest: manifestV,
    kernels: manifestV.kernels.map(k => ({
      ...k, code: `// ${k.file}`, variants: k.variants.map(v => ({ ...v, code: `// ${v.file}` })) })),
  };
}

test('the tuning key covers the manifest, every WGSL module and the adapter', () => {
  const key = tuningKey(artifact(), info);
  assert.match(key, /^webgpu-[0-9a-f]{32}$/);
  assert.equal(tuningKey(artifact(), { ...info }), key, 'deterministic');
  const others = new Set([key]);
  for (const field of Object.keys(info)) others.add(tuningKey(artifact(), { ...info, [field]: `${info[field]}2` }));
  others.add(tuningKey(artifact(m => { m.steps[1].workgroups = [5, 1, 1]; }), info));
  others.add(tuningKey(artifact(m => { m.generator = 'tessera-compile 0.2'; }), info));
  const a = artifact();
  a.kernels[0].variants[1].code += ' ';
  others.add(tuningKey(a, info));
  const b = artifact();
  b.kernels[1].code += '\n';
  others.add(tuningKey(b, info));
  assert.equal(others.size, 9, 'every change gives another key');
  assert.throws(() => tuningKey({}, info), { message: 'tuningKey: expected an artifact from loadArtifact' });
  assert.throws(() => tuningKey(artifact(), undefined), { message: /^tuningKey: expected the adapter's info/ });
});

/// localStorage's interface over a Map.
function fakeStorage() {
  const items = new Map();
  return { items,
           getItem: k => (items.has(k) ? items.get(k) : null),
           setItem: (k, v) => { items.set(k, String(v)); },
           removeItem: k => { items.delete(k); } };
}

test('the localStorage store round-trips, and reports and drops a corrupt item', () => {
  const storage = fakeStorage();
  const warnings = [];
  const store = localStorageTuningStore({ storage, warn: m => warnings.push(m) });
  assert.equal(store.get('webgpu-1'), undefined);
  store.set('webgpu-1', { choice: { k: 1 }, seconds: 0.5 });
  assert.deepEqual(store.get('webgpu-1'), { choice: { k: 1 }, seconds: 0.5 });
  assert.ok(storage.items.has('tessera-webgpu-tuning:webgpu-1'));
  storage.setItem('tessera-webgpu-tuning:webgpu-2', '{"choice": ');
  assert.equal(store.get('webgpu-2'), undefined);
  assert.match(warnings[0], /^warning: tuning cache localStorage\[tessera-webgpu-tuning:webgpu-2\] is corrupt \(.*\): ignored$/);
  assert.ok(!storage.items.has('tessera-webgpu-tuning:webgpu-2'), 'the corrupt item is removed');
  storage.setItem('tessera-webgpu-tuning:webgpu-3', '[1, 2]');
  assert.equal(store.get('webgpu-3'), undefined);
  assert.match(warnings[1], /is corrupt \(not a JSON object\): ignored$/);
  // A full storage is reported, not thrown.
  const full = localStorageTuningStore({ storage: { ...storage, setItem() { throw new Error('QuotaExceededError'); } },
                                         warn: m => warnings.push(m) });
  full.set('webgpu-4', { choice: {} });
  assert.match(warnings[2], /cannot store tessera-webgpu-tuning:webgpu-4 in localStorage: QuotaExceededError/);
  assert.throws(() => localStorageTuningStore({ storage: null }), { message: /no localStorage/ });
});

test('compareTuningResults: floats by value within a relative tolerance, integers exactly', () => {
  const f = values => Float32Array.from(values).buffer;
  const want = f([1, -2, 0, NaN, 4, 0]);
  assert.deepEqual(compareTuningResults('float', want, f([1, -2, -0, NaN, 4, 0])),
                   { count: 0, differ: 0, maxAbs: 0, maxRel: 0 }, '-0 equals 0, NaN equals NaN');
  const off = f([1, -2.5, 0, NaN, 4 * (1 + 2 ** -23), 1]);
  assert.deepEqual(compareTuningResults('float', want, off), { count: 3, differ: 3, maxAbs: 1, maxRel: Infinity });
  // A tolerance excuses the one-ulp difference only.
  assert.equal(compareTuningResults('float', want, off, 1e-6).count, 2);
  assert.equal(compareTuningResults('float', want, f([1, -2, 0, 5, 4, 0]), 1).count, 1, 'NaN vs a number');
  // Integers (and everything not f32) compare exactly, whatever the tolerance.
  const i = values => Int32Array.from(values).buffer;
  assert.deepEqual(compareTuningResults('exact', i([7, -1, 3]), i([7, -1, 4]), 0.5),
                   { count: 1, differ: 1, maxAbs: 1, maxRel: 1 / 3 });
  assert.equal(compareTuningResults('exact', i([7, -1, 3]), i([7, -1, 3])).count, 0);
});
