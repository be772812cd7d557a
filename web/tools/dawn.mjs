// Node-only glue between Tessera's tools and dawn.node (npm `webgpu`):
// creating the GPU object, choosing an adapter, and telling a real adapter
// from Dawn's null backend. The runtime itself (src/tessera-web.js) takes a
// GPUDevice and knows nothing of this.

import { create, globals } from 'webgpu';

// dawn.node crashes at exit when its GPU object has been garbage-collected
// while adapters or devices are alive, so every object create() returns is
// kept here for the life of the process; tools end with process.exit().
const keepAlive = [];

// Makes the WebGPU constants (GPUBufferUsage, GPUMapMode, ...) global, as
// they are in a browser, for the runtime that uses them.
Object.assign(globalThis, globals);

/// Returns navigator.gpu's equivalent for the given Dawn options
/// (e.g. ['backend=null']).
export function createGPU(options = []) {
  const gpu = create(options);
  keepAlive.push(gpu);
  return gpu;
}

/// One line describing an adapter, e.g. "llvmpipe (LLVM 19.1.7, 256 bits)
/// [vulkan, vendor mesa, architecture ...]".
export function describeAdapter(adapter) {
  const info = adapter.info;
  const name = info.description || info.device || '(unnamed adapter)';
  const details = [];
  if (info.vendor) details.push(`vendor ${info.vendor}`);
  if (info.architecture) details.push(`architecture ${info.architecture}`);
  if (info.device && info.device !== name) details.push(`device ${info.device}`);
  if (info.isFallbackAdapter) details.push('fallback adapter');
  return details.length ? `${name} [${details.join(', ')}]` : name;
}

/// Why an adapter cannot be used to execute Tessera's tests, or null if it
/// can. Dawn's null backend accepts every command and computes nothing; a
/// test that ran on it would pass without executing a single kernel.
export function whyNotRealAdapter(adapter) {
  const info = adapter.info;
  if (info.device === 'null-backend' ||
      /null backend/i.test(info.description || ''))
    return "it is Dawn's null backend, which executes nothing";
  if (!info.vendor && !info.description && !info.device)
    return 'it reports no vendor, device or description';
  return null;
}

/// Requests an adapter that executes work: on `backend` (a Dawn backend
/// name: vulkan, opengles, null, ...) when given, else with Dawn's default
/// discovery (Vulkan first) and then an explicit compatibility-mode OpenGL ES
/// request, which Dawn offers only when asked. Resolves to {adapter} or
/// {adapter: null, reason}.
export async function requestRealAdapter(backend = null) {
  const gles = { options: ['backend=opengles'], request: { featureLevel: 'compatibility' } };
  const attempts = backend === null
    ? [{ options: [], request: { powerPreference: 'high-performance' } }, gles]
    : [backend === 'opengles' ? gles : { options: [`backend=${backend}`], request: {} }];
  const rejected = [];
  for (const { options, request } of attempts) {
    let adapter;
    try {
      adapter = await createGPU(options).requestAdapter(request);
    } catch (e) {
      rejected.push(`${options.join(' ') || 'default'}: ${e.message}`);
      continue;
    }
    if (!adapter) {
      rejected.push(`${options.join(' ') || 'default'}: no adapter`);
      continue;
    }
    const why = whyNotRealAdapter(adapter);
    if (!why) return { adapter };
    rejected.push(`${describeAdapter(adapter)}: ${why}`);
  }
  // Dawn says why on stderr; the usual cause on Debian 12 is worth naming.
  const hint = globalThis.process?.env?.VK_ICD_FILENAMES ? '' :
    " (Dawn rejects Debian 12's Mesa 22 lavapipe: run through build/bin/tessera-web-run, " +
    'which scripts/setup-webgpu.sh writes, to use Mesa 25 lavapipe)';
  return { adapter: null, reason: rejected.join('; ') + hint };
}

/// A device for validation: on Dawn's null backend (Tint's WGSL validation
/// and WebGPU's pipeline validation against WebGPU's default limits, which
/// are all the null backend offers), or, when `limits` ({name: value}) asks
/// for more than that, on a real adapter that has them.
export async function requestValidationDevice(limits = null) {
  const nullAdapter = await createGPU(['backend=null']).requestAdapter();
  if (!nullAdapter) throw new Error("Dawn's null backend offers no adapter");
  let adapter = nullAdapter;
  for (const [name, value] of Object.entries(limits ?? {})) {
    if (!(name in nullAdapter.limits))
      throw new Error(`limit ${name}: not a WebGPU limit`);
    if (typeof value !== 'number' || !(value >= 0))
      throw new Error(`limit ${name}: ${JSON.stringify(value)} is not a non-negative number`);
    if (adapter === nullAdapter && !withinLimit(name, value, nullAdapter.limits[name])) {
      const real = await requestRealAdapter();
      if (!real.adapter)
        throw new Error(`limit ${name} = ${value} is beyond WebGPU's default ` +
                        `(${nullAdapter.limits[name]}) and no real adapter is available: ${real.reason}`);
      adapter = real.adapter;
    }
  }
  // shader-f16 so that modules with `enable f16;` (emitted when asked) validate.
  const requiredFeatures = ['shader-f16'].filter(f => adapter.features.has(f));
  return adapter.requestDevice({ requiredFeatures, requiredLimits: limits ?? {} });
}

/// Whether `value` is within what `supported` allows: WebGPU's limits are
/// maxima, except the min*Alignment ones, which are minima.
export function withinLimit(name, value, supported) {
  return name.startsWith('min') ? value >= supported : value <= supported;
}
