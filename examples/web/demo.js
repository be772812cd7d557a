// The WebGPU demo page's script (index.html): loads an artifact, asks for a
// GPUDevice with the limits it needs, runs its entry function on
// deterministic inputs and shows the outputs, a checksum and timings.
//
// The whole result is also in `window.tesseraDemo` (and #result-json):
// {state: 'running' | 'done' | 'error', error, adapter, artifact,
//  requiredLimits, inputs, outputs: [{dtype, shape, first, checksum, sumAbs,
//  values}], timing}; test/web/demo-chromium.test reads it headless.

import { loadArtifact, createSession, requiredLimitsFor, timeRun } from '../../web/src/tessera-web.js';
import { parseNpy } from '../../web/src/npy.js';
import { lcgInputs } from './inputs.js';

const DEFAULT_ARTIFACT = '../../build/web-demo/pau_mlp/';
const SHOWN = 8;

const result = { state: 'running', error: null };
window.tesseraDemo = result;

const $ = id => document.getElementById(id);

function setStatus(state, text) {
  result.state = state;
  const status = $('status');
  status.dataset.state = state;
  status.textContent = text;
}

function fillTable(id, rows) {
  const table = $(id);
  table.replaceChildren(...rows.map(cells => {
    const tr = document.createElement('tr');
    cells.forEach((cell, i) => {
      const td = document.createElement(i === 0 && cells.length > 1 ? 'th' : 'td');
      td.textContent = String(cell);
      tr.append(td);
    });
    return tr;
  }));
}

/// A query parameter as a non-negative integer, or `fallback`.
function intParam(params, name, fallback) {
  const text = params.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
    throw new Error(`the query parameter ${name}=${text} is not a non-negative integer`);
  return value;
}

/// Inputs from `base`/in<i>.npy, checked against the manifest.
async function npyInputs(base, manifest) {
  const root = new URL(String(base).replace(/\/*$/, '/'), location.href);
  const inputs = [];
  // One after the other, so that the first bad file is the one reported.
  for (const [i, spec] of manifest.inputs.entries()) {
    const url = new URL(`in${i}.npy`, root);
    let response;
    try {
      response = await fetch(url);
    } catch (e) {
      throw new Error(`cannot read input ${i} from ${url}: ${e.message}`);
    }
    if (!response.ok) throw new Error(`cannot read input ${i} from ${url}: ${response.status} ${response.statusText}`);
    const npy = parseNpy(new Uint8Array(await response.arrayBuffer()), url.href);
    const want = spec.dtype === 'int4' ? 'int8' : spec.dtype === 'uint4' ? 'uint8' : spec.dtype;
    if (npy.dtype !== want)
      throw new Error(`${url}: dtype ${npy.dtype}, input ${i} of ${manifest.entry} is ${spec.dtype}`);
    if (npy.shape.join(',') !== spec.shape.join(','))
      throw new Error(`${url}: shape [${npy.shape}], input ${i} of ${manifest.entry} is [${spec.shape}]`);
    inputs.push(npy.data);
  }
  return inputs;
}

function summarize(data, spec) {
  let checksum = 0, sumAbs = 0;
  for (const v of data) {
    checksum += Number(v);
    sumAbs += Math.abs(Number(v));
  }
  return {
    dtype: spec.dtype, shape: spec.shape, checksum, sumAbs,
    first: Array.from(data.subarray(0, SHOWN), Number),
    values: Array.from(data, Number),
  };
}

const fmt = v => (Number.isInteger(v) ? String(v) : v.toPrecision(6));

async function main() {
  const params = new URLSearchParams(location.search);
  const artifactUrl = new URL(params.get('artifact') ?? DEFAULT_ARTIFACT, location.href).href;
  const seed = intParam(params, 'seed', 1);
  const runs = intParam(params, 'runs', 20);

  if (!navigator.gpu)
    throw new Error('WebGPU is not available in this browser (navigator.gpu is undefined). ' +
      (window.isSecureContext ? 'Use a browser with WebGPU enabled (Chrome/Edge 113+, or Chromium ' +
        'with --enable-unsafe-webgpu on Linux).'
        : 'This page is not a secure context: open it from http://localhost, 127.0.0.1 or https.'));
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter)
    throw new Error('navigator.gpu.requestAdapter() found no WebGPU adapter (no GPU, or WebGPU ' +
      'blocked for it; Chromium on Linux: --enable-unsafe-webgpu, see examples/web/README.md).');
  const info = adapter.info ?? {};
  result.adapter = {
    vendor: info.vendor ?? '', architecture: info.architecture ?? '', device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
  };
  fillTable('adapter', Object.entries(result.adapter).map(([k, v]) => [k, v === '' ? '(empty)' : v]));

  setStatus('running', `Loading ${artifactUrl}…`);
  let artifact;
  try {
    artifact = await loadArtifact(artifactUrl);
  } catch (e) {
    throw new Error(`cannot load the artifact at ${artifactUrl}: ${e.message}` +
      (params.has('artifact') ? '' : '\n(build it with examples/web/build.sh, or pass ?artifact=URL)'));
  }
  const { manifest } = artifact;
  result.artifact = {
    url: artifactUrl, entry: manifest.entry, kernels: manifest.kernels.length,
    steps: manifest.steps.length,
    inputs: manifest.inputs.map(t => ({ dtype: t.dtype, shape: t.shape })),
    outputs: manifest.outputs.map(t => ({ dtype: t.dtype, shape: t.shape })),
  };
  const tensors = list => list.map(t => `${t.dtype}[${t.shape.join('x')}]`).join(', ');
  fillTable('artifact', [
    ['url', artifactUrl], ['entry', manifest.entry], ['kernels', manifest.kernels.length],
    ['steps', manifest.steps.length], ['inputs', tensors(manifest.inputs)],
    ['outputs', tensors(manifest.outputs)],
  ]);

  result.requiredLimits = requiredLimitsFor(artifact, adapter);
  const limits = Object.entries(result.requiredLimits).map(([k, v]) => `${k} ${v}`).join(', ');
  $('artifact').insertRow().append(...['required limits', limits || '(WebGPU defaults)'].map((text, i) => {
    const cell = document.createElement(i ? 'td' : 'th');
    cell.textContent = text;
    return cell;
  }));
  const device = await adapter.requestDevice({ requiredLimits: result.requiredLimits });
  device.lost.then(lost => {
    if (result.state === 'running') fail(new Error(`the GPUDevice was lost: ${lost.message}`));
  });

  setStatus('running', 'Compiling the kernels…');
  const session = await createSession(device, artifact);
  const inputs = params.has('inputs') ? await npyInputs(params.get('inputs'), manifest)
                                      : lcgInputs(manifest, seed);
  result.inputs = params.has('inputs') ? { npy: new URL(params.get('inputs'), location.href).href }
                                       : { seed };

  setStatus('running', `Running ${manifest.entry}…`);
  const outputs = await session.run(inputs);
  result.outputs = outputs.map((data, i) => summarize(data, manifest.outputs[i]));
  fillTable('outputs', [['output', 'dtype', 'shape', `first ${SHOWN} values`, 'checksum (sum)', 'sum of |v|'],
    ...result.outputs.map((o, i) => [i, o.dtype, `[${o.shape.join(', ')}]`, o.first.map(fmt).join(', '),
                                     fmt(o.checksum), fmt(o.sumAbs)])]);

  if (runs > 0) {
    setStatus('running', `Timing ${runs} runs…`);
    const t = await timeRun(session, inputs, { runs, warmup: 2 });
    result.timing = { runs, median: t.median, min: t.min, max: t.max };
    $('timing').textContent = `median ${t.median.toFixed(3)} ms, min ${t.min.toFixed(3)} ms, ` +
      `max ${t.max.toFixed(3)} ms over ${runs} runs (submission to onSubmittedWorkDone)`;
  }
  session.destroy();
  const source = result.inputs.npy ? `inputs ${result.inputs.npy}` : `LCG seed ${seed}`;
  setStatus('done', `Ran ${manifest.entry} on ${result.adapter.vendor} ${result.adapter.architecture} ` +
    `(${source}).`);
  $('result-json').textContent = JSON.stringify({ ...result, outputs: result.outputs.map(({ values, ...o }) => o) }, null, 2);
}

function fail(e) {
  result.error = e?.message ?? String(e);
  setStatus('error', `Error: ${result.error}`);
  $('result-json').textContent = JSON.stringify(result, null, 2);
  console.error(e);
}

main().catch(fail);
