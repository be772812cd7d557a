// Loading and sessions (src/tessera-web.js) on Dawn's null backend: every
// WebGPU call is validated but nothing executes, so these tests check the
// runtime's errors, not results (test/web/run-*.test run on a real adapter).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { requestValidationDevice } from '../tools/dawn.mjs';
import { loadArtifact, createSession, timeRun } from '../src/tessera-web.js';

const KERNEL = `
@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> y: array<u32>;
@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3u) {
  if (g.x < arrayLength(&y)) { y[g.x] = x[g.x] + 1u; }
}`;

/// An artifact in memory: {path: text or bytes}, read through a fetch-like
/// function as a browser would read it from a server.
function files(overrides = {}) {
  const manifest = {
    format: 'tessera-webgpu', version: 1, entry: 'inc',
    inputs: [{ dtype: 'uint8', shape: [2, 3], buffer: 0 }],
    outputs: [{ dtype: 'uint8', shape: [6], buffer: 1 }],
    weights: 'weights.bin',
    buffers: [{ size: 8 }, { size: 8 }, { size: 4, data: { offset: 4, size: 4 } }],
    kernels: [{ name: 'inc', file: 'kernels/inc.wgsl', entryPoint: 'main', workgroupSize: [8, 1, 1],
                bindings: [{ binding: 0, access: 'read' }, { binding: 1, access: 'read_write' }] }],
    steps: [{ op: 'upload', input: 0, buffer: 0 },
            { op: 'dispatch', kernel: 0, workgroups: [1, 1, 1], buffers: [0, 1] },
            { op: 'download', output: 0, buffer: 1 }],
  };
  const result = { 'manifest.json': manifest, 'kernels/inc.wgsl': KERNEL, 'weights.bin': new Uint8Array(8) };
  for (const [k, v] of Object.entries(overrides)) {
    if (typeof v === 'function') v(manifest, result); else result[k] = v;
  }
  return result;
}

function fetchFrom(table, base = 'https://example.org/model/') {
  return async url => {
    assert.ok(url.startsWith(base), url);
    const value = table[url.slice(base.length)];
    if (value === undefined) return { ok: false, status: 404, statusText: 'Not Found' };
    const text = typeof value === 'string' ? value : value instanceof Uint8Array ? null : JSON.stringify(value);
    return { ok: true, status: 200,
             text: async () => text ?? new TextDecoder().decode(value),
             arrayBuffer: async () => (text === null ? value : new TextEncoder().encode(text)).buffer };
  };
}

const load = (overrides, base = 'https://example.org/model') =>
  loadArtifact(base, { fetch: fetchFrom(files(overrides)) });

const device = await requestValidationDevice();
after(() => device.destroy());

test('an artifact loads from a URL base, with or without a trailing slash', async () => {
  for (const base of ['https://example.org/model', 'https://example.org/model/']) {
    const artifact = await loadArtifact(base, { fetch: fetchFrom(files()) });
    assert.equal(artifact.kernels[0].code, KERNEL);
    assert.equal(artifact.weights.length, 8);
  }
});

test('loading errors name the file', async () => {
  await assert.rejects(load({ 'kernels/inc.wgsl': undefined }),
    { message: 'cannot read kernel inc https://example.org/model/kernels/inc.wgsl: 404 Not Found' });
  await assert.rejects(load({ 'manifest.json': '{"format": ' }),
    { message: /^https:\/\/example.org\/model\/manifest.json: invalid JSON: / });
  await assert.rejects(load({ 'weights.bin': new Uint8Array(6) }),
    { message: 'manifest.buffers[2].data: bytes [4, 8) are outside weights.bin (6 bytes)' });
  await assert.rejects(loadArtifact('x', { fetch: async () => { throw new Error('offline'); } }),
    { message: 'cannot read the manifest x/manifest.json: offline' });
});

test('run checks the inputs\' count, type and element count', async () => {
  const session = await createSession(device, await load());
  await assert.rejects(session.run([]), { message: 'inc takes 1 input, got 0' });
  await assert.rejects(session.run(new Uint8Array(6)), { message: 'inc: expected an array of 1 typed arrays as inputs' });
  await assert.rejects(session.run([new Int8Array(6)]),
    { message: 'input 0 (uint8 [2, 3]): expected a Uint8Array, got Int8Array' });
  await assert.rejects(session.run([[1, 2, 3, 4, 5, 6]]),
    { message: 'input 0 (uint8 [2, 3]): expected a Uint8Array, got Array' });
  await assert.rejects(session.run([new Uint8Array(5)]),
    { message: 'input 0 (uint8 [2, 3]): expected 6 elements, got 5' });
  // A failed call leaves the session usable.
  const [y] = await session.run([new Uint8Array(6)]);
  assert.ok(y instanceof Uint8Array);
  assert.equal(y.length, 6);
  const t = await timeRun(session, [new Uint8Array(6)], { runs: 3, warmup: 1 });
  assert.equal(t.times.length, 3);
  assert.ok(t.min <= t.median && t.median <= t.max);
  session.destroy();
});

test('WGSL errors name the kernel and the position', async () => {
  const artifact = await load({ 'kernels/inc.wgsl': KERNEL.replace('x[g.x] + 1u', 'x[g.x] + 1.5') });
  await assert.rejects(createSession(device, artifact),
    { message: /^kernel inc \(kernels\/inc.wgsl\): WGSL error: 6:41: no matching overload for 'operator \+ \(u32, abstract-float\)'$/ });
});

test('a manifest that disagrees with its kernels or the device is caught', async () => {
  await assert.rejects(createSession(device, await load({ m: m => { m.kernels[0].workgroupSize = [4, 2, 1]; } })),
    { message: "kernel inc (kernels/inc.wgsl): the manifest's workgroupSize [4, 2, 1] differs from the module's @workgroup_size(8, 1, 1)" });
  await assert.rejects(createSession(device, await load({ m: m => { m.kernels[0].entryPoint = 'start'; } })),
    { message: /^kernel inc \(kernels\/inc.wgsl\): .*start/ });
  await assert.rejects(createSession(device, await load({ m: m => { m.kernels[0].bindings[0].access = 'read_write'; } })),
    { message: /^kernel inc \(kernels\/inc.wgsl\): / });
  await assert.rejects(createSession(device, await load({ m: m => { m.steps[1].workgroups = [70000, 1, 1]; } })),
    { message: 'step 1 (dispatch of inc): needs maxComputeWorkgroupsPerDimension = 70000, the device has 65535 (request it with requiredLimitsFor)' });
  await assert.rejects(createSession(device, await load({ m: m => { m.limits = { maxComputeInvocationsPerWorkgroup: 1024 }; } })),
    { message: 'manifest.limits: needs maxComputeInvocationsPerWorkgroup = 1024, the device has 256 (request it with requiredLimitsFor)' });
});
