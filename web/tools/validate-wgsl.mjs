#!/usr/bin/env node
// Validates WGSL with Tint, through dawn.node on Dawn's null backend (no GPU
// needed):
//
//   node web/tools/validate-wgsl.mjs [--limits FILE.json] [--no-pipeline] [FILE|-]...
//
// A file is one WGSL module, unless it contains lines starting with
// `// ----- kernel NAME` (what `tessera-translate --mlir-to-wgsl` prints for
// several kernels): then each such line starts a module named NAME, which
// ends at the next marker. Every error is printed as
//
//   FILE:kernel NAME:LINE:COL: error: MESSAGE     (a file with markers)
//   FILE:LINE:COL: error: MESSAGE                 (a file without)
//
// with LINE counted in FILE, so that editors and FileCheck can point at it.
// Each module that compiles also gets a compute pipeline per `@compute` entry
// point (layout 'auto'): this is where WebGPU checks the workgroup size,
// workgroup storage and storage-buffer count against the device's limits -
// WebGPU's defaults, unless --limits names a JSON file whose object (or whose
// `limits` field, as in an artifact's manifest.json) gives others (limits
// beyond the defaults need a real adapter: the null backend has no more).
// Exit status: 0 when every module is valid, 1 otherwise, 2 on bad usage.

import { readFileSync } from 'node:fs';
import { requestValidationDevice } from './dawn.mjs';

const MARKER = '// ----- kernel ';

function usage(message) {
  process.stderr.write(`validate-wgsl: ${message}\n` +
    'usage: validate-wgsl.mjs [--limits FILE.json] [--no-pipeline] [FILE|-]...\n');
  process.exit(2);
}

/// Splits `text` into modules: [{kernel, firstLine, code}], firstLine being
/// the 1-based line of FILE where the module's first line is. Text before the
/// first marker is a module of its own only if it holds more than blank lines
/// and comments.
function splitKernels(text) {
  const lines = text.split('\n');
  const modules = [];
  let current = { kernel: null, firstLine: 1, lines: [] };
  lines.forEach((line, i) => {
    if (line.startsWith(MARKER)) {
      modules.push(current);
      const name = line.slice(MARKER.length).trim().split(/\s+/)[0] || `#${modules.length}`;
      current = { kernel: name, firstLine: i + 2, lines: [] };
    } else {
      current.lines.push(line);
    }
  });
  modules.push(current);
  const hasMarkers = modules.length > 1;
  return modules
    .filter(m => m.kernel !== null || !hasMarkers ||
                 m.lines.some(l => l.trim() && !l.trim().startsWith('//')))
    .map(m => ({ kernel: m.kernel ?? (hasMarkers ? '(before the first kernel)' : null),
                 firstLine: m.firstLine, code: m.lines.join('\n') }));
}

/// Names of the module's compute entry points (`@compute ... fn NAME`).
function computeEntryPoints(code) {
  const noComments = code.replace(/\/\/[^\n]*/g, '');
  return [...noComments.matchAll(/@compute\b[^{;]*?\bfn\s+([A-Za-z_][A-Za-z0-9_]*)/g)]
    .map(m => m[1]);
}

function firstLineOf(message) {
  // Dawn appends " - While calling [Device].CreateComputePipeline(...)" lines.
  return message.split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('- While'))
    .join(' ');
}

async function validateModule(device, mod, where, pipelines) {
  const prefix = mod.kernel === null ? where : `${where}:kernel ${mod.kernel}`;
  const errors = [];
  device.pushErrorScope('validation');
  const shader = device.createShaderModule({ code: mod.code, label: mod.kernel ?? where });
  const info = await shader.getCompilationInfo();
  const scopeError = await device.popErrorScope();
  for (const msg of info.messages) {
    if (msg.type === 'info') continue;
    const pos = msg.lineNum > 0
      ? `:${msg.lineNum + mod.firstLine - 1}:${msg.linePos}` : '';
    // Tint's first line says it; lists of candidate overloads follow.
    const line = `${prefix}${pos}: ${msg.type}: ${msg.message.split('\n')[0]}`;
    if (msg.type === 'error') errors.push(line); else process.stdout.write(line + '\n');
  }
  if (scopeError && errors.length === 0)
    errors.push(`${prefix}: error: ${firstLineOf(scopeError.message)}`);
  if (errors.length || !pipelines) return errors;

  for (const entryPoint of computeEntryPoints(mod.code)) {
    device.pushErrorScope('validation');
    device.createComputePipeline({ layout: 'auto', compute: { module: shader, entryPoint } });
    const err = await device.popErrorScope();
    if (err)
      errors.push(`${prefix}: error: compute pipeline '${entryPoint}': ${firstLineOf(err.message)}`);
  }
  return errors;
}

function readLimits(path) {
  let json;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    usage(`--limits ${path}: ${e.message}`);
  }
  const limits = json && typeof json.limits === 'object' ? json.limits : json;
  if (!limits || typeof limits !== 'object' || Array.isArray(limits))
    usage(`--limits ${path}: expected an object of limits`);
  return limits;
}

async function main(argv) {
  const files = [];
  let pipelines = true;
  let limits = null;
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--no-pipeline') pipelines = false;
    else if (arg === '--limits') {
      if (i + 1 >= argv.length) usage('--limits needs a file');
      limits = readLimits(argv[++i]);
    } else if (arg === '-h' || arg === '--help') usage('help');
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length === 0) files.push('-');

  const device = await requestValidationDevice(limits);
  let failed = 0;
  for (const file of files) {
    let text;
    const where = file === '-' ? '<stdin>' : file;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (e) {
      process.stderr.write(`validate-wgsl: cannot read ${where}: ${e.message}\n`);
      ++failed;
      continue;
    }
    for (const mod of splitKernels(text)) {
      const errors = await validateModule(device, mod, where, pipelines);
      for (const line of errors) process.stdout.write(line + '\n');
      if (errors.length) ++failed;
    }
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  code => process.exit(code),
  e => { process.stderr.write(`validate-wgsl: ${e.message}\n`); process.exit(1); });
