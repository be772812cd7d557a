#!/usr/bin/env node
// Runs a Tessera WebGPU artifact on a real WebGPU adapter (Dawn, through the
// npm package `webgpu`), with .npy files in and out:
//
//   node web/tools/run-artifact.mjs DIR --input a.npy ... --output y.npy ...
//        [--entry F] [--bench N] [--adapter-info] [--backend vulkan|opengles|...]
//        [--tune [--tuning-budget S] [--tuning-cache FILE|none] [--tuning-tolerance R]]
//   node web/tools/run-artifact.mjs --probe [--backend ...]
//
// build/bin/tessera-web-run (scripts/setup-webgpu.sh) runs it in the
// environment that selects Mesa 25 lavapipe. Dawn's null backend, which
// executes nothing, is refused (exit 2). --probe prints one line,
// `webgpu: ADAPTER` or `webgpu: unavailable: WHY`, and exits 0 (lit's probe
// for the `webgpu` feature). Errors: a message on stderr and exit 1.
//
// --tune chooses among the artifact's kernel variants on this adapter
// (tuneWithCache: timestamp queries when the adapter has them), within S
// seconds (default 10), cached in FILE (default
// $XDG_CACHE_HOME/tessera/webgpu-tuning.json; `none`: no cache); a cached
// choice is used without measuring; a choice the budget cut short is
// cached too (what was not measured keeps the default) and a warning says
// so. --tuning-tolerance R lets f32 results
// of a variant differ from the default's by R relative (default 0: exact;
// tuneSession's verifyTolerance). It prints per kernel the variants
// shipped, measured (fully: the racing's finalists), rejected (results
// differ from the default's), failed (the device rejects them), skipped
// (budget), the default's and best times, the choice and the kernel's
// share of the budget; then the totals.
// With --bench N it times N runs before and after tuning.

import { readFile, writeFile } from 'node:fs/promises';
import { loadArtifact, createSession, requiredLimitsFor, timeRun, tuneWithCache, TesseraWebError } from '../src/tessera-web.js';
import { defaultTuningCachePath, fileTuningStore } from './tuning-cache.mjs';
import { parseNpy, encodeNpy, NpyError } from '../src/npy.js';

class UsageError extends Error {}

function parseArgs(argv) {
  const args = { dir: null, inputs: [], outputs: [], entry: null, bench: 0,
                 adapterInfo: false, probe: false, backend: null,
                 tune: false, tuningBudget: 10, tuningCache: null, tuningTolerance: null };
  const value = (i, name) => {
    if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; ++i) {
    let arg = argv[i];
    let inline = null;
    if (arg.startsWith('--') && arg.includes('=')) [arg, inline] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    const take = () => inline ?? value(i++, arg);
    switch (arg) {
      case '--input': args.inputs.push(take()); break;
      case '--output': args.outputs.push(take()); break;
      case '--entry': args.entry = take(); break;
      case '--bench': {
        const text = take();
        args.bench = Number(text);
        if (!Number.isSafeInteger(args.bench) || args.bench < 1)
          throw new UsageError(`--bench ${text}: expected a positive integer`);
        break;
      }
      case '--adapter-info': args.adapterInfo = true; break;
      case '--tune': args.tune = true; break;
      case '--tuning-budget': {
        const text = take();
        args.tuningBudget = Number(text);
        if (text.trim() === '' || !Number.isFinite(args.tuningBudget) || args.tuningBudget < 0)
          throw new UsageError(`--tuning-budget ${text}: expected a number of seconds >= 0`);
        break;
      }
      case '--tuning-cache': args.tuningCache = take(); break;
      case '--tuning-tolerance': {
        const text = take();
        args.tuningTolerance = Number(text);
        if (text.trim() === '' || !Number.isFinite(args.tuningTolerance) || args.tuningTolerance < 0)
          throw new UsageError(`--tuning-tolerance ${text}: expected a relative difference >= 0`);
        break;
      }
      case '--backend': args.backend = take(); break;
      case '--probe': args.probe = true; break;
      case '-h': case '--help':
        throw new UsageError('help');
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        if (args.dir !== null) throw new UsageError(`more than one artifact given (${args.dir}, ${arg})`);
        args.dir = arg;
    }
  }
  if (!args.probe && args.dir === null) throw new UsageError('no artifact directory given');
  if (!args.tune && (args.tuningCache !== null || argv.some(a => a.startsWith('--tuning-budget'))))
    throw new UsageError('--tuning-budget and --tuning-cache need --tune');
  if (!args.tune && args.tuningTolerance !== null) throw new UsageError('--tuning-tolerance needs --tune');
  return args;
}

/// A fetch() over the file system, for loadArtifact.
async function readLocal(path) {
  try {
    const bytes = await readFile(path);
    return {
      ok: true, status: 200,
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      text: async () => bytes.toString('utf8'),
    };
  } catch (e) {
    return { ok: false, status: e.code === 'ENOENT' ? 404 : 500,
             statusText: e.code === 'ENOENT' ? 'no such file' : e.message };
  }
}

/// npy dtypes an artifact dtype accepts (int4 travels as int8 in .npy,
/// uint4 as uint8).
const NPY_DTYPE_FOR = { int4: 'int8', uint4: 'uint8' };

async function readInputs(paths, artifact) {
  const specs = artifact.manifest.inputs;
  if (paths.length !== specs.length)
    throw new TesseraWebError(`${artifact.manifest.entry} takes ${specs.length} input(s), ` +
                              `${paths.length} --input given`);
  return Promise.all(paths.map(async (path, i) => {
    let bytes;
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw new TesseraWebError(`cannot read input ${i} (${path}): ${e.message}`);
    }
    const npy = parseNpy(bytes, path);
    const spec = specs[i];
    const want = NPY_DTYPE_FOR[spec.dtype] ?? spec.dtype;
    const what = `input ${i} (${path})`;
    if (npy.dtype !== want)
      throw new TesseraWebError(`${what}: dtype ${npy.dtype}, the artifact's input ${i} is ${spec.dtype}` +
                                (want !== spec.dtype ? ` (given as ${want} in .npy)` : ''));
    if (npy.shape.length !== spec.shape.length || npy.shape.some((d, j) => d !== spec.shape[j]))
      throw new TesseraWebError(`${what}: shape [${npy.shape.join(', ')}], ` +
                                `the artifact's input ${i} is [${spec.shape.join(', ')}]`);
    return npy.data;
  }));
}

function summary(index, spec, data) {
  let lo = Infinity, hi = -Infinity, sum = 0;
  for (const v of data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    sum += v;
  }
  const head = Array.from(data.subarray(0, 6)).join(', ');
  return `  result #${index}: ${spec.dtype}[${spec.shape.join('x')}]  min ${lo}  max ${hi}` +
         `  mean ${data.length ? sum / data.length : 0}  first [${head}${data.length > 6 ? ', ...' : ''}]`;
}

/// --tune: chooses the variants (or takes them from the cache) and prints
/// the choice per kernel and the seconds spent.
async function tune(session, inputs, adapter, args) {
  const cachePath = args.tuningCache === 'none' ? null : args.tuningCache ?? defaultTuningCachePath();
  // No cache: a store that never hits and keeps nothing.
  const warn = m => process.stderr.write(`run-artifact: ${m}\n`);
  const store = cachePath === null ? { get() {}, set() {} } : fileTuningStore(cachePath, { warn });
  const result = await tuneWithCache(session, inputs, {
    store, adapterInfo: adapter.info, budgetMs: args.tuningBudget * 1000, warn,
    verifyTolerance: args.tuningTolerance ?? 0 });
  const { kernels } = session.artifact;
  const label = (name, j) => {
    const kernel = kernels.find(k => k.name === name);
    const v = j < 0 ? kernel : kernel.variants[j];
    return `${j < 0 ? 'default' : `variant ${j}`} (${v.file}, workgroup ${v.workgroupSize.join('x')})`;
  };
  const ms = v => (v === null ? '-' : `${v.toFixed(3)} ms`);
  // A choice the budget cut short is cached too (variants not measured keep
  // the default), as tessera-run --tune caches kernels it left unmeasured:
  // the next run measures nothing. Both runs say so.
  if (result.cached) {
    console.log(`tuning: cached (0.00 s) from ${cachePath}`);
    for (const [name, j] of Object.entries(result.choice)) console.log(`  kernel ${name}: ${label(name, j)}`);
    if (!result.complete)
      warn('warning: tuning: the cached choice was made within a budget that left variants unmeasured ' +
           '(they keep the default config); a larger --tuning-budget with a fresh --tuning-cache tunes them');
    return;
  }
  console.log(`tuning: ${result.measured.length} kernel(s) with variants, ${result.method} timing, ` +
              `budget ${args.tuningBudget} s` +
              (args.tuningTolerance ? `, f32 results checked within ${args.tuningTolerance} relative` : ''));
  const total = { shipped: 0, measured: 0, rejected: 0, failed: 0, skipped: 0 };
  for (const m of result.measured) {
    // Per kernel: variants shipped, timed at all / fully, rejected because
    // their results differ from the default's, failed on the device,
    // skipped for the budget; the default's and the best full time.
    const measured = m.timings.filter(n => n > 0).length;
    const full = m.timings.filter(n => n === m.reps).length;
    const rejected = Object.keys(m.mismatches).length;
    const failed = Object.keys(m.errors).length;
    const fullTimes = m.variants.filter((v, j) => m.timings[j] === m.reps);
    const best = m.default === null ? null : Math.min(m.default, ...fullTimes);
    // The share: the part of the budget the kernel was given (in
    // proportion to its default's time), the largest first.
    console.log(`  kernel ${m.kernel}: ${m.shipped} variants, ${measured} measured (${full} fully), ` +
                `${rejected} rejected (mismatch), ${failed} failed, ${m.skipped} skipped (budget); ` +
                `default ${ms(m.default)}, best ${ms(best)} -> ${label(m.kernel, m.choice)}, ` +
                `share ${(m.shareMs / 1000).toFixed(2)} s`);
    if (m.verify.startsWith('nondeterministic')) console.log(`    not verified: ${m.verify}`);
    for (const [j, d] of Object.entries(m.mismatches))
      console.log(`    variant ${j} rejected: results differ from the default's (buffer ${d.buffer}: ` +
                  `${d.count} value(s), max abs diff ${d.maxAbs.toPrecision(3)}, max rel diff ${d.maxRel.toPrecision(3)})`);
    for (const [j, why] of Object.entries(m.errors)) console.log(`    variant ${j} failed: ${why}`);
    total.shipped += m.shipped;
    total.measured += measured;
    total.rejected += rejected;
    total.failed += failed;
    total.skipped += m.skipped;
  }
  // The whole model timed with the default variants and with the choices
  // (as tessera-run --tune reports its model check).
  const check = result.modelCheck;
  if (check)
    console.log(check.tunedMs === null
      ? `model: default ${ms(check.defaultMs)}; no budget left to time the chosen variants: kept the default`
      : `model: default ${ms(check.defaultMs)}, tuned ${ms(check.tunedMs)} (${check.rounds} round(s)): ` +
        (check.kept === 'tuned' ? 'tuned configs used' : 'kept the default variants (tuned not faster by the minimum gain)'));
  // Not stored: nothing was measured (a zero budget), or the store failed
  // (warned about already).
  const where = result.stored ? (cachePath ? `, stored in ${cachePath}` : ', not cached (no cache)')
              : result.measuredAny ? ', not cached' : ', nothing measured (not cached)';
  console.log(`tuning: ${result.seconds.toFixed(2)} s, ${total.shipped} variants shipped, ${total.measured} measured, ` +
              `${total.rejected} rejected (mismatch), ${total.failed} failed, ${total.skipped} skipped (budget)` +
              (result.complete ? '' : ', budget spent before every variant was measured') + where);
  if (!result.complete && result.stored && cachePath)
    warn(`warning: tuning: the budget of ${args.tuningBudget.toFixed(1)} s left variants unmeasured ` +
         '(they keep the default config, cached as such); a larger --tuning-budget with a fresh ' +
         '--tuning-cache tunes them');
}

// dawn.node (21 MB) is loaded only once an adapter is needed, so that bad
// artifacts and inputs are reported without it.
const dawn = () => import('./dawn.mjs');

async function probe(backend) {
  let line;
  try {
    const { describeAdapter, requestRealAdapter } = await dawn();
    const { adapter, reason } = await requestRealAdapter(backend);
    line = adapter ? describeAdapter(adapter) : `unavailable: ${reason}`;
  } catch (e) {  // e.g. web/node_modules not installed
    line = `unavailable: ${e.message.split('\n')[0]}`;
  }
  console.log(`webgpu: ${line}`);
  return 0;
}

async function main(argv) {
  const args = parseArgs(argv);
  if (args.probe) return probe(args.backend);

  const t0 = performance.now();
  const artifact = await loadArtifact(args.dir, { fetch: readLocal });
  const { manifest } = artifact;
  if (args.entry !== null && args.entry !== manifest.entry)
    throw new TesseraWebError(`--entry ${args.entry}: the artifact's entry function is ${manifest.entry}`);
  if (args.outputs.length > manifest.outputs.length)
    throw new TesseraWebError(`${manifest.entry} has ${manifest.outputs.length} output(s), ` +
                              `${args.outputs.length} --output given`);
  const inputs = await readInputs(args.inputs, artifact);

  const { describeAdapter, requestRealAdapter } = await dawn();
  const { adapter, reason } = await requestRealAdapter(args.backend);
  if (!adapter) {
    process.stderr.write(`run-artifact: no real WebGPU adapter: ${reason}\n`);
    return 2;
  }
  if (args.adapterInfo) console.log(`adapter: ${describeAdapter(adapter)}`);
  // Timestamp queries, when the adapter has them, time kernels for --tune.
  const requiredFeatures = args.tune && adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
  const device = await adapter.requestDevice({ requiredFeatures,
                                               requiredLimits: requiredLimitsFor(artifact, adapter) });
  let lost = null;
  device.lost.then(info => { lost = info; });
  const session = await createSession(device, artifact);
  const t1 = performance.now();
  let untuned = null;
  if (args.tune) {
    if (args.bench) untuned = await timeRun(session, inputs, { runs: args.bench });
    await tune(session, inputs, adapter, args);
  }
  const t2 = performance.now();
  const outputs = await session.run(inputs);
  const t3 = performance.now();
  if (lost) throw new TesseraWebError(`the device was lost: ${lost.message}`);

  for (let i = 0; i < args.outputs.length; ++i) {
    const spec = manifest.outputs[i];
    const dtype = NPY_DTYPE_FOR[spec.dtype] ?? spec.dtype;
    await writeFile(args.outputs[i], encodeNpy(outputs[i], spec.shape, dtype));
  }
  console.log(`${manifest.entry}: ${manifest.inputs.length} input(s), ${manifest.outputs.length} result(s)`);
  outputs.forEach((data, i) => console.log(summary(i, manifest.outputs[i], data)));
  console.log(`  load+compile ${(t1 - t0).toFixed(1)} ms, first run ${(t3 - t2).toFixed(3)} ms`);
  if (args.bench) {
    const t = await timeRun(session, inputs, { runs: args.bench });
    if (untuned) {
      console.log(`  bench ${args.bench} runs untuned: median ${untuned.median.toFixed(3)} ms, min ${untuned.min.toFixed(3)} ms`);
      console.log(`  bench ${args.bench} runs tuned: median ${t.median.toFixed(3)} ms, min ${t.min.toFixed(3)} ms ` +
                  `(speedup ${(untuned.median / t.median).toFixed(2)}x)`);
    } else {
      console.log(`  bench ${args.bench} runs: median ${t.median.toFixed(3)} ms, min ${t.min.toFixed(3)} ms`);
    }
  }
  return 0;
}

// process.exit() on every path: dawn.node crashes when node exits on its own
// with devices alive.
main(process.argv.slice(2)).then(code => process.exit(code), e => {
  if (e instanceof UsageError) {
    if (e.message !== 'help') process.stderr.write(`run-artifact: ${e.message}\n`);
    process.stderr.write('usage: run-artifact.mjs DIR --input a.npy ... --output y.npy ... ' +
                         '[--entry F] [--bench N] [--adapter-info] [--backend B]\n' +
                         '       [--tune [--tuning-budget S] [--tuning-cache FILE|none] [--tuning-tolerance R]]\n' +
                         '       run-artifact.mjs --probe [--backend B]\n');
    process.exit(e.message === 'help' ? 0 : 1);
  }
  const known = e instanceof TesseraWebError || e instanceof NpyError;
  process.stderr.write(`run-artifact: ${known ? e.message : (e && e.stack) || e}\n`);
  process.exit(1);
});
