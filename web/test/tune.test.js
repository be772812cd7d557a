// Tuning on a real WebGPU adapter (run with build/webgpu-env.sh, as
// test/web/tune-session.test does): the hand-written artifact
// test/web/Inputs/variants (f32 elementwise kernels with variants).
import { test as nodeTest, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { requestRealAdapter } from '../tools/dawn.mjs';
import {
  loadArtifact, createSession, requiredLimitsFor, tuneSession, tuneWithCache, tuningKey,
} from '../src/tessera-web.js';

const ARTIFACT = new URL('../../test/web/Inputs/variants/', import.meta.url);
const readLocal = async url => {
  try {
    const bytes = await readFile(new URL(url));
    return { ok: true, status: 200, text: async () => bytes.toString('utf8'),
             arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
  } catch (e) {
    return { ok: false, status: 404, statusText: e.code };
  }
};

const artifact = await loadArtifact(ARTIFACT.href, { fetch: readLocal });
// Without a real adapter (e.g. `npm test` outside build/webgpu-env.sh) the
// tests are skipped; lit's tune-session.test checks that none is.
const { adapter, reason } = await requestRealAdapter();
const device = adapter && await adapter.requestDevice({
  requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
  requiredLimits: requiredLimitsFor(artifact, adapter) });
after(() => device?.destroy());
const skip = adapter ? false : `no real WebGPU adapter: ${reason}`;
const test = (name, fn) => nodeTest(name, { skip }, fn);

const N = 262141;
let seed = 1;
const random = () => ((seed = Math.imul(seed, 1103515245) + 12345 >>> 0) / 2 ** 32) * 8 - 4;
const x = Float32Array.from({ length: N }, random);
const y = Float32Array.from({ length: N }, random);
const f32 = Math.fround;

test('the default session computes the reference exactly', async () => {
  const session = await createSession(device, artifact);
  const [r, s, d] = await session.run([x, y]);
  for (let i = 0; i < N; ++i) {
    const ri = f32(Math.max(f32(x[i] + y[i]), 0) * 0.5);
    const si = f32(ri + y[i]);
    if (r[i] !== ri || s[i] !== si || d[i] !== f32(x[i] - si))
      assert.fail(`element ${i}: got ${r[i]}, ${s[i]}, ${d[i]}`);
  }
  assert.deepEqual(session.variants, { add: -1, relu_half: -1 });
  session.destroy();
});

test('every variant gives exactly the default\'s results', async () => {
  const base = await createSession(device, artifact);
  const want = await base.run([x, y]);
  base.destroy();
  const choices = [];
  artifact.kernels.forEach(k => k.variants.forEach((_, j) => choices.push({ [k.name]: j })));
  choices.push({ add: 3, relu_half: 1 });
  assert.equal(choices.length, 7);
  for (const variants of choices) {
    const session = await createSession(device, artifact, { variants });
    const got = await session.run([x, y]);
    got.forEach((o, i) => assert.deepEqual(o, want[i], `${JSON.stringify(variants)}: output ${i}`));
    session.destroy();
  }
});

test('createSession and selectVariants check the choice', async () => {
  await assert.rejects(createSession(device, artifact, { variants: { mul: 0 } }),
    { message: 'createSession: options.variants.mul: the artifact has no kernel mul' });
  await assert.rejects(createSession(device, artifact, { variants: { add: 4 } }),
    { message: 'createSession: options.variants.add: 4 is not -1 (the default) or a variant index (kernel add has 4 variants)' });
  await assert.rejects(createSession(device, artifact, { variants: { sub: 0 } }),
    { message: 'createSession: options.variants.sub: 0 is not -1 (the default) or a variant index (kernel sub has 0 variants)' });
  await assert.rejects(createSession(device, artifact, { variants: [1] }),
    { message: 'createSession: options.variants: expected an object {kernel name: variant index}, got [1]' });
  const session = await createSession(device, artifact);
  await assert.rejects(session.selectVariants({ relu_half: 2 }), { message: /^selectVariants\.relu_half: 2 is not/ });
  assert.deepEqual(await session.selectVariants({ relu_half: 1 }), { add: -1, relu_half: 1 });
  assert.deepEqual(await session.selectVariants({ add: 0 }), { add: 0, relu_half: 1 });
  session.destroy();
});

test('tuneSession measures every variant, picks one and never changes the results', async () => {
  for (const method of ['auto', 'wall', ...(device.features.has('timestamp-query') ? ['timestamp'] : [])]) {
    const session = await createSession(device, artifact);
    const want = await session.run([x, y]);
    const result = await tuneSession(session, [x, y], { method, budgetMs: 60000 });
    assert.equal(result.method, method === 'auto'
      ? (device.features.has('timestamp-query') ? 'timestamp' : 'wall') : method);
    assert.equal(result.complete, true);
    assert.deepEqual(Object.keys(result.choice).sort(), ['add', 'relu_half']);
    assert.equal(result.measured.length, 2);
    for (const m of result.measured) {
      assert.ok(m.default > 0, `${m.kernel}: default ${m.default}`);
      assert.ok(m.variants.every(t => t > 0), `${m.kernel}: ${m.variants}`);
      assert.deepEqual(m.errors, {});
      // Racing: a quick timing each, all 5 for the finalists, which alone
      // can be chosen: the fastest, when 5% faster than the default.
      assert.ok(m.timings.every(n => n === 1 || n === 5), `${m.kernel}: ${m.timings}`);
      const best = Math.min(...m.variants.filter((t, j) => m.timings[j] === 5));
      if (m.choice >= 0) assert.equal(m.variants[m.choice], best);
      else if (result.modelCheck?.kept !== 'default') assert.ok(!(best < m.default * 0.95));
      assert.equal(result.choice[m.kernel], m.choice);
    }
    assert.ok(result.seconds > 0 && result.seconds < 60);
    assert.deepEqual(session.variants, result.choice, 'the session runs the choice');
    const got = await session.run([x, y]);
    got.forEach((o, i) => assert.deepEqual(o, want[i], `${method}: output ${i}`));
    session.destroy();
  }
});

test('the whole-model check keeps the choices only if the model gains', async () => {
  const session = await createSession(device, artifact);
  const want = await session.run([x, y]);
  // Any variant faster than the default is chosen; the model must then be
  // faster than 0 ms: the check rejects every choice.
  const result = await tuneSession(session, [x, y], { budgetMs: 60000, minGain: 0, modelMinGain: 1 });
  const check = result.modelCheck;
  if (check === null) {
    // No kernel chose a variant: nothing to check.
    assert.ok(result.measured.every(m => m.choice === -1));
  } else {
    assert.ok(check.rounds >= 1 && check.rounds <= 3, `rounds ${check.rounds}`);
    assert.ok(check.defaultMs > 0 && check.tunedMs > 0, JSON.stringify(check));
    assert.equal(check.kept, 'default');
  }
  assert.deepEqual(result.choice, { add: -1, relu_half: -1 });
  assert.deepEqual(session.variants, result.choice, 'the session runs the defaults');
  const got = await session.run([x, y]);
  got.forEach((o, i) => assert.deepEqual(o, want[i], `output ${i}`));
  await assert.rejects(tuneSession(session, [x, y], { modelMinGain: -0.1 }),
                       { message: 'tuneSession: modelMinGain must be a non-negative number, got -0.1' });
  session.destroy();
});

test('tuneSession respects a tiny budget and keeps the defaults it could not beat', async () => {
  const session = await createSession(device, artifact);
  const start = performance.now();
  const result = await tuneSession(session, { inputs: [x, y], budgetMs: 1 });
  assert.ok(performance.now() - start < 3000, `took ${performance.now() - start} ms`);
  assert.equal(result.complete, false);
  assert.ok(result.measured.every(m => m.variants.filter(t => t !== null).length < m.variants.length));
  assert.deepEqual(result.choice, { add: -1, relu_half: -1 });
  const zero = await tuneSession(session, [x, y], { budgetMs: 0 });
  assert.ok(zero.measured.every(m => m.default === null));
  await assert.rejects(tuneSession(session, [x, y], { reps: 0 }), { message: 'tuneSession: reps must be at least 1' });
  await assert.rejects(tuneSession(session, [x, y], { budgetMs: -1 }),
    { message: 'tuneSession: budgetMs must be a non-negative number, got -1' });
  await assert.rejects(tuneSession(session, [x, y], { method: 'cycles' }),
    { message: 'tuneSession: method: "cycles" is not one of auto, timestamp, wall' });
  await assert.rejects(tuneSession(session, [x, y], { verifyTolerance: -1e-6 }),
    { message: 'tuneSession: verifyTolerance must be a non-negative number, got -0.000001' });
  await assert.rejects(tuneSession(session, [x, y], { race: 'yes' }),
    { message: 'tuneSession: race must be true or false, got "yes"' });
  await assert.rejects(tuneSession(session, [x, y], { raceKeep: 0 }), { message: 'tuneSession: raceKeep must be at least 1' });
  await assert.rejects(tuneSession(session, [x]), { message: 'variants takes 2 inputs, got 1' });
  // A failed call leaves the session usable.
  assert.equal((await session.run([x, y])).length, 3);
  session.destroy();
});

test('a variant the device rejects is skipped, the others are measured', async () => {
  const broken = { ...artifact, kernels: artifact.kernels.map((k, i) => (i ? k : {
    ...k, variants: k.variants.map((v, j) => (j === 1 ? { ...v, code: v.code.replace('x[i] + y[i]', 'x[i] + q') } : v)) })) };
  const session = await createSession(device, broken);
  const result = await tuneSession(session, [x, y], { reps: 2 });
  const add = result.measured.find(m => m.kernel === 'add');
  assert.match(add.errors[1], /^kernel add variant 1 \(kernels\/add.wg128.wgsl\): WGSL error: .*unresolved value 'q'/);
  assert.equal(add.variants[1], null);
  assert.ok(add.variants[0] > 0 && add.variants[3] > 0);
  assert.notEqual(add.choice, 1);
  await assert.rejects(session.selectVariants({ add: 1 }), { message: /^kernel add variant 1 .*WGSL error/ });
  // A cached choice of that variant is reported and tuning runs instead.
  const warnings = [];
  const store = { get: () => ({ choice: { add: 1 } }), set() {} };
  const r = await tuneWithCache(session, [x, y], { store, warn: m => warnings.push(m), reps: 1 });
  assert.equal(r.cached, false);
  assert.match(warnings[0], /is unusable \(kernel add variant 1 .*WGSL error/);
  session.destroy();
});

test('tuneWithCache stores the choice; the next session takes it without measuring', async () => {
  const items = new Map();
  const warnings = [];
  const store = { get: async k => items.get(k), set: async (k, v) => { items.set(k, structuredClone(v)); } };
  const first = await createSession(device, artifact);
  const tuned = await tuneWithCache(first, [x, y], { store, warn: m => warnings.push(m) });
  assert.equal(tuned.cached, false);
  assert.equal(tuned.key, tuningKey(artifact, device.adapterInfo));
  assert.deepEqual(items.get(tuned.key).choice, tuned.choice);
  first.destroy();

  const second = await createSession(device, artifact);
  const cached = await tuneWithCache(second, [x, y], { store, adapterInfo: adapter.info, warn: m => warnings.push(m) });
  assert.equal(cached.cached, true);
  assert.equal(cached.seconds, 0);
  assert.equal(cached.method, 'cached');
  assert.deepEqual(cached.measured, []);
  assert.deepEqual(second.variants, tuned.choice);
  assert.deepEqual(warnings, []);

  // An unusable entry is reported, ignored and replaced.
  items.set(tuned.key, { choice: { add: 9 } });
  const retuned = await tuneWithCache(second, [x, y], { store, warn: m => warnings.push(m), reps: 1 });
  assert.equal(retuned.cached, false);
  assert.match(warnings[0], /^warning: tuning cache entry webgpu-[0-9a-f]+ is unusable \(9 is not a variant of kernel add\): ignored$/);
  assert.deepEqual(items.get(tuned.key).choice, retuned.choice);
  // A store that throws is reported; tuning goes on.
  const failing = { get: async () => { throw new Error('disk on fire'); }, set: async () => { throw new Error('still'); } };
  const r = await tuneWithCache(second, [x, y], { store: failing, warn: m => warnings.push(m), reps: 1 });
  assert.equal(r.cached, false);
  assert.deepEqual(warnings.slice(1), ['warning: tuning cache: disk on fire: ignored',
                                       'warning: tuning cache: cannot store the choice: still']);
  // A tuning that measured nothing (a zero budget) is not stored.
  items.clear();
  await tuneWithCache(second, [x, y], { store, budgetMs: 0 });
  assert.equal(items.size, 0);
  second.destroy();
});
