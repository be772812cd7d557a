// Tuning dozens of variants per kernel on a real WebGPU adapter (run with
// build/webgpu-env.sh, as test/web/tune-session.test does): the generated
// artifact of test/web/Inputs/many-variants.mjs (scale: 34 variants, hash:
// 5 on uint32, acc: 4 in place). Tuning fits the default budget, checks
// every variant's results against the default's, keeps a tiny budget, and
// caches its choice (stale and corrupt entries are reported and ignored).
// On a simulated driver that compiles at a pipeline's first dispatch (a
// virtual clock): the budget is kept and shared by the kernels' default
// times, the most expensive first, and a choice it cut short is cached.
import { test as nodeTest, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestRealAdapter } from '../tools/dawn.mjs';
import { fileTuningStore } from '../tools/tuning-cache.mjs';
import {
  loadArtifact, createSession, requiredLimitsFor, tuneSession, tuneWithCache, TUNER_REVISION,
} from '../src/tessera-web.js';
import { generate, inputs } from '../../test/web/Inputs/many-variants.mjs';

const N = 250007;
/// The generated artifact, loaded through a fetch over its files.
const load = options => {
  const files = generate({ n: N, ...options });
  return loadArtifact('mem:', { fetch: async url => {
    const text = files[url.slice('mem:/'.length)];
    return text === undefined ? { ok: false, status: 404 } : { ok: true, status: 200, text: async () => text };
  } });
};
const artifact = await load();

const { adapter, reason } = await requestRealAdapter();
const device = adapter && await adapter.requestDevice({
  requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
  requiredLimits: requiredLimitsFor(artifact, adapter) });
after(() => device?.destroy());
const skip = adapter ? false : `no real WebGPU adapter: ${reason}`;
const test = (name, fn) => nodeTest(name, { skip }, fn);

const [x, y] = inputs(N);
const summary = r => r.measured.map(m => `${m.kernel} ${m.timings.filter(n => n > 0).length}/${m.shipped} timed, ` +
  `${m.timings.filter(n => n === m.reps).length} fully, ${m.skipped} skipped, default ${m.default?.toFixed(3)} ms, ` +
  `choice ${m.choice}${m.choice >= 0 ? ` ${m.variants[m.choice].toFixed(3)} ms` : ''}`).join('; ');

/// Every choice is a variant timed `reps` times, beating the default.
function checkChoice(result) {
  for (const m of result.measured) {
    assert.equal(result.choice[m.kernel], m.choice);
    if (m.choice < 0) continue;
    assert.equal(m.timings[m.choice], m.reps, `${m.kernel}: variant ${m.choice} was not fully timed`);
    assert.ok(m.variants[m.choice] < m.default, `${m.kernel}: ${m.variants[m.choice]} vs ${m.default}`);
  }
}

test('dozens of variants per kernel are checked and raced within the default budget', async () => {
  const session = await createSession(device, artifact);
  const want = await session.run([x, y]);
  const result = await tuneSession(session, [x, y]);
  console.log(`racing: ${result.seconds.toFixed(2)} s (${summary(result)})`);
  assert.equal(result.complete, true);
  assert.equal(result.budgetMs, 10000);
  assert.ok(result.seconds < 10, `${result.seconds} s`);
  assert.deepEqual(result.measured.map(m => [m.kernel, m.shipped]), [['scale', 34], ['hash', 5], ['acc', 4]]);
  for (const m of result.measured) {
    assert.equal(m.verify, 'exact');
    assert.deepEqual([m.errors, m.mismatches, m.skipped], [{}, {}, 0], m.kernel);
    assert.ok(m.timings.every(n => n === 1 || n === m.reps), `${m.kernel}: ${m.timings}`);
    const full = m.timings.filter(n => n === m.reps).length;
    assert.ok(full <= 8, `${m.kernel}: ${full} finalists (raceKeep 8)`);
  }
  checkChoice(result);
  const got = await session.run([x, y]);
  got.forEach((o, i) => assert.deepEqual(o, want[i], `output ${i}`));
  session.destroy();
});

test('without racing every variant gets every timing', async () => {
  const session = await createSession(device, artifact);
  const result = await tuneSession(session, [x, y], { race: false, budgetMs: 60000 });
  console.log(`no racing: ${result.seconds.toFixed(2)} s (${summary(result)})`);
  assert.equal(result.complete, true);
  for (const m of result.measured) assert.ok(m.timings.every(n => n === m.reps), `${m.kernel}: ${m.timings}`);
  checkChoice(result);
  session.destroy();
});

test('a variant whose results differ from the default\'s is rejected and never chosen', async () => {
  const wrong = await load({ wrong: 5, wrongHash: 2 });
  const session = await createSession(device, wrong);
  const want = await (await createSession(device, artifact)).run([x, y]);
  // A tolerance does not excuse integers, nor a float difference beyond it.
  const result = await tuneSession(session, [x, y], { reps: 2, verifyTolerance: 1e-3 });
  const [scale, hash, acc] = result.measured;
  assert.deepEqual(Object.keys(scale.mismatches), ['5']);
  assert.equal(scale.mismatches[5].buffer, 2);
  assert.ok(scale.mismatches[5].count > 0 && scale.mismatches[5].differ > 100000 && scale.mismatches[5].maxRel > 1e-3,
            JSON.stringify(scale.mismatches));
  assert.deepEqual(hash.mismatches, { 2: { buffer: 3, count: N, differ: N, maxAbs: 1, maxRel: hash.mismatches[2].maxRel } });
  assert.deepEqual(acc.mismatches, {}, 'an in-place kernel is checked from its saved buffer');
  for (const [m, j] of [[scale, 5], [hash, 2]]) {
    assert.equal(m.variants[j], null);
    assert.equal(m.timings[j], 0);
    assert.notEqual(m.choice, j);
  }
  checkChoice(result);
  const got = await session.run([x, y]);
  got.forEach((o, i) => assert.deepEqual(o, want[i], `output ${i}`));

  // One ulp off: rejected exactly, accepted within verifyTolerance.
  const ulp = { ...artifact, kernels: artifact.kernels.map((k, i) => (i ? k : {
    ...k, variants: k.variants.map((v, j) => (j === 3 ? { ...v, code: v.code.replace('* 0.5;', '* 0.50000006;') } : v)) })) };
  const exact = await tuneSession(await createSession(device, ulp), [x, y], { reps: 1 });
  const d = exact.measured[0].mismatches[3];
  assert.ok(d && d.maxRel > 1e-8 && d.maxRel < 3e-7, JSON.stringify(d));
  const loose = await tuneSession(await createSession(device, ulp), [x, y], { reps: 1, verifyTolerance: 1e-6 });
  assert.deepEqual(loose.measured[0].mismatches, {});
  assert.equal(loose.measured[0].verify, 'tolerance');
  assert.equal(loose.measured[0].timings[3], 1);
  session.destroy();
});

test('a tiny budget is kept: measurements that would not fit are skipped', async () => {
  for (const budgetMs of [150, 400]) {
    const session = await createSession(device, artifact);
    const start = performance.now();
    const result = await tuneSession(session, [x, y], { budgetMs });
    const elapsed = performance.now() - start;
    console.log(`budget ${budgetMs} ms: ${elapsed.toFixed(0)} ms (${summary(result)})`);
    // The slack: a variant's compilation (predicted from the last one) and
    // the prediction's error.
    assert.ok(elapsed <= budgetMs + 150, `budget ${budgetMs} ms, took ${elapsed.toFixed(0)} ms`);
    assert.equal(result.complete, false);
    const skipped = result.measured.reduce((n, m) => n + m.skipped, 0);
    assert.ok(skipped > 0);
    checkChoice(result);
    session.destroy();
  }
});

/// Makes `device` act as a driver that compiles a pipeline when it is
/// first dispatched (as lavapipe does), taking `ms` each time: on a virtual
/// clock (performance.now() jumps by `ms`; nothing waits), so that the
/// timeline is set by these costs and not by the machine's load. Returns
/// {order: the pipelines in the order of their first dispatch, restore}.
function lazyCompilingDriver(ms) {
  const now = performance.now;
  let late = 0;
  performance.now = () => now.call(performance) + late;
  const seen = new Set();
  const order = [];
  const createCommandEncoder = device.createCommandEncoder;
  device.createCommandEncoder = function (...args) {
    const encoder = createCommandEncoder.apply(this, args);
    const beginComputePass = encoder.beginComputePass;
    encoder.beginComputePass = function (...passArgs) {
      const pass = beginComputePass.apply(this, passArgs);
      const setPipeline = pass.setPipeline;
      pass.setPipeline = function (pipeline) {
        if (!seen.has(pipeline)) {
          seen.add(pipeline);
          order.push(pipeline);
          late += ms;
        }
        return setPipeline.call(this, pipeline);
      };
      return pass;
    };
    return encoder;
  };
  return { order, restore() {
    performance.now = now;
    device.createCommandEncoder = createCommandEncoder;
  } };
}

test('a driver compiling at the first dispatch: its cost counts as compilation, the budget is kept', async () => {
  // 5 s per pipeline, a 12 s budget: the defaults are compiled (and their
  // first dispatch made) by createSession and run once before tuning, as
  // tessera-web-run --bench does. Each variant then costs 5 s; one started
  // that does not fit would end seconds past the budget.
  const driver = lazyCompilingDriver(5000);
  try {
    const session = await createSession(device, artifact);
    const want = await session.run([x, y]);
    const result = await tuneSession(session, [x, y], { budgetMs: 12000 });
    console.log(`lazy driver: ${result.seconds.toFixed(2)} s (${summary(result)})`);
    assert.ok(result.seconds <= 12 + 1, `a 12 s budget took ${result.seconds.toFixed(2)} s`);
    assert.equal(result.complete, false);
    // Each measured variant compiled within its kernel's share: none was
    // skipped after the fact as 5 s slower than the default.
    const timed = result.measured.reduce((n, m) => n + m.timings.filter(k => k > 0).length, 0);
    assert.ok(timed >= 1 && timed <= 2, `${timed} variants timed in 12 s at 5 s each`);
    checkChoice(result);
    const got = await session.run([x, y]);
    got.forEach((o, i) => assert.deepEqual(o, want[i], `output ${i}`));
    session.destroy();
  } finally {
    driver.restore();
  }
});

test('the budget is shared by the kernels\' default times, the most expensive first', async () => {
  // 1 s per compilation (virtual), 30 s: about 28 variants in all. The
  // first kernel (34 variants) would take them all; each kernel gets a
  // share in proportion to its default's time instead (a second pass gives
  // what is left to those cut short), the most expensive one's variants
  // first. The three kernels' times are within 2x of each other here (on a
  // loaded machine their measured costs may differ more: the smallest
  // share still holds a compilation unless they differ by over 25x).
  const driver = lazyCompilingDriver(1000);
  try {
    const session = await createSession(device, artifact);
    await session.run([x, y]);
    const compiled = [];
    const pipeline = session.pipeline;
    session.pipeline = function (k, j) {
      if (j >= 0 && !this.ready[k].has(j)) compiled.push(k);
      return pipeline.call(this, k, j);
    };
    const result = await tuneSession(session, [x, y], { budgetMs: 30000 });
    console.log(`shared: ${result.seconds.toFixed(2)} s (${summary(result)}; shares ` +
                `${result.measured.map(m => `${m.kernel} ${m.cost?.toFixed(3)} ms -> ${(m.shareMs / 1000).toFixed(2)} s`).join(', ')})`);
    assert.ok(result.seconds <= 30 + 1, `a 30 s budget took ${result.seconds.toFixed(2)} s`);
    const byCost = [...result.measured].sort((a, b) => b.cost - a.cost);
    const kernelIndex = name => artifact.kernels.findIndex(k => k.name === name);
    assert.equal(compiled[0], kernelIndex(byCost[0].kernel), `compiled first: kernel ${compiled[0]}`);
    // Every kernel got a share and timed variants in it.
    for (const m of result.measured) {
      assert.ok(m.shareMs > 0, `${m.kernel}: no share`);
      assert.ok(m.timings.some(n => n > 0), `${m.kernel}: no variant timed`);
    }
    session.destroy();
  } finally {
    driver.restore();
  }
});

test('a choice the budget cut short is cached as such; the next run measures nothing', async () => {
  const path = join(await mkdtemp(join(tmpdir(), 'tessera-tune-many-')), 'tuning.json');
  const warnings = [];
  const store = fileTuningStore(path, { warn: m => warnings.push(m) });
  const driver = lazyCompilingDriver(5000);  // 12 s: one or two variants
  try {
    const tune = async () => {
      const session = await createSession(device, artifact);
      await session.run([x, y]);
      const result = await tuneWithCache(session, [x, y], { store, warn: m => warnings.push(m), budgetMs: 12000 });
      session.destroy();
      return result;
    };
    const first = await tune();
    assert.deepEqual([first.cached, first.complete, first.stored], [false, false, true]);
    const entry = JSON.parse(await readFile(path, 'utf8')).entries[first.key];
    assert.deepEqual([entry.choice, entry.complete, entry.tuner], [first.choice, false, TUNER_REVISION]);
    const second = await tune();
    assert.deepEqual([second.cached, second.complete, second.measured, second.choice],
                     [true, false, [], first.choice]);
    assert.deepEqual(warnings, []);
  } finally {
    driver.restore();
  }
});

test('the choice is cached; stale and corrupt caches are reported and ignored', async () => {
  const path = join(await mkdtemp(join(tmpdir(), 'tessera-tune-many-')), 'tuning.json');
  const warnings = [];
  const warn = m => warnings.push(m);
  const store = fileTuningStore(path, { warn });
  const tune = async () => {
    const session = await createSession(device, artifact);
    const result = await tuneWithCache(session, [x, y], { store, warn, reps: 3 });
    session.destroy();
    return result;
  };
  const first = await tune();
  assert.equal(first.cached, false);
  assert.equal(first.complete, true);
  const file = JSON.parse(await readFile(path, 'utf8'));
  assert.deepEqual(file.entries[first.key].choice, first.choice);
  assert.equal(file.entries[first.key].tuner, TUNER_REVISION);

  const second = await tune();
  assert.deepEqual([second.cached, second.method, second.measured, second.choice], [true, 'cached', [], first.choice]);

  // An entry of an older tuner (revision 1 kept no checks) is stale.
  file.entries[first.key].tuner = 1;
  await writeFile(path, JSON.stringify(file));
  const third = await tune();
  assert.equal(third.cached, false);
  assert.equal(warnings.shift(), `warning: tuning cache entry ${first.key} is stale (tuner revision 1, ` +
                                 `this runtime's is ${TUNER_REVISION}): ignored`);
  assert.equal(JSON.parse(await readFile(path, 'utf8')).entries[first.key].tuner, TUNER_REVISION);

  await writeFile(path, '{"format": "tessera-webgpu-tuning", "entr');
  const fourth = await tune();
  assert.equal(fourth.cached, false);
  assert.match(warnings.shift(), /^warning: tuning cache .*tuning\.json is corrupt \(invalid JSON: .*\): ignored$/);
  assert.match(warnings.shift(), /is corrupt \(invalid JSON: .*\): moved to .*tuning\.json\.corrupt$/);
  assert.equal((await tune()).cached, true);
  assert.deepEqual(warnings, []);
});
