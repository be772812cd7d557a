// tessera-web: runs a Tessera WebGPU artifact (docs/WebGPUArtifact.md,
// written by `tessera-compile --target=webgpu -o DIR`) on a GPUDevice, in a
// browser page or in Node with the npm package `webgpu` (Dawn).
//
//   const artifact = await loadArtifact('models/pau_mlp/');           // browser
//   const adapter = await navigator.gpu.requestAdapter();
//   const device = await adapter.requestDevice(
//       { requiredLimits: requiredLimitsFor(artifact, adapter) });
//   const session = await createSession(device, artifact);
//   const [y] = await session.run([x]);                               // typed arrays
//
// Only WebGPU and ECMAScript APIs are used here: no Node modules. Every
// problem with an artifact or an input is a TesseraWebError whose message
// names the offending field, kernel or input.

export const ARTIFACT_FORMAT = 'tessera-webgpu';
export const ARTIFACT_VERSION = 1;

export class TesseraWebError extends Error {
  constructor(message) {
    super(message);
    this.name = 'TesseraWebError';
  }
}

function fail(message) {
  throw new TesseraWebError(message);
}

//===----------------------------------------------------------------------===//
// dtypes and packing
//===----------------------------------------------------------------------===//

/// Per dtype: the typed array callers use, the bytes per element in a
/// GPU buffer (int4: half a byte) and the typed-array entries per element
/// (complex64: real and imaginary float32). 8- and 4-bit types are packed in
/// u32 words.
const DTYPES = {
  float32: { ArrayType: Float32Array, bytes: 4 },
  complex64: { ArrayType: Float32Array, bytes: 8, lanes: 2 },
  int32: { ArrayType: Int32Array, bytes: 4 },
  uint32: { ArrayType: Uint32Array, bytes: 4 },
  int8: { ArrayType: Int8Array, bytes: 1 },
  uint8: { ArrayType: Uint8Array, bytes: 1 },
  bool: { ArrayType: Uint8Array, bytes: 1 },
  int4: { ArrayType: Int8Array, bytes: 0.5 },
  uint4: { ArrayType: Uint8Array, bytes: 0.5 },
};

export const DTYPE_NAMES = Object.freeze(Object.keys(DTYPES));

const roundUp4 = n => Math.ceil(n / 4) * 4;
const lanesOf = dtype => DTYPES[dtype].lanes ?? 1;
const elementCount = shape => shape.reduce((a, b) => a * b, 1);

/// Bytes a tensor takes in a GPU buffer, rounded up to whole u32 words.
export function packedByteSize(dtype, shape) {
  return roundUp4(Math.ceil(elementCount(shape) * DTYPES[dtype].bytes));
}

/// Packs a caller's typed array into the bytes of a GPU buffer: 32-bit types
/// as they are, 8-bit types four per word (element i in byte i), int4 and
/// uint4 two per byte (even i in the low nibble). `what` names the tensor in errors.
export function packTensor(dtype, data, what) {
  const out = new Uint8Array(roundUp4(Math.ceil(data.length / lanesOf(dtype) * DTYPES[dtype].bytes)));
  if (dtype === 'int4' || dtype === 'uint4') {
    const [lo, hi] = dtype === 'int4' ? [-8, 7] : [0, 15];
    for (let i = 0; i < data.length; ++i) {
      const v = data[i];
      if (v < lo || v > hi) fail(`${what}: element ${i} is ${v}, outside ${dtype}'s range ${lo}..${hi}`);
      out[i >> 1] |= (v & 0xf) << ((i & 1) * 4);
    }
  } else if (dtype === 'bool') {
    for (let i = 0; i < data.length; ++i) out[i] = data[i] ? 1 : 0;
  } else {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  return out;
}

/// The inverse of packTensor: a typed array of `count` entries of `dtype`
/// (elements times lanes) from `bytes`.
export function unpackTensor(dtype, bytes, count) {
  const { ArrayType } = DTYPES[dtype];
  const out = new ArrayType(count);
  if (dtype === 'int4') {
    for (let i = 0; i < count; ++i) {
      const nibble = (bytes[i >> 1] >> ((i & 1) * 4)) & 0xf;
      out[i] = (nibble ^ 8) - 8;
    }
  } else if (dtype === 'uint4') {
    for (let i = 0; i < count; ++i)
      out[i] = (bytes[i >> 1] >> ((i & 1) * 4)) & 0xf;
  } else {
    new Uint8Array(out.buffer).set(bytes.subarray(0, out.byteLength));
  }
  return out;
}

//===----------------------------------------------------------------------===//
// WebGPU limits
//===----------------------------------------------------------------------===//

/// WebGPU's default limits (what requestDevice() gives without asking), from
/// the specification. The min*Alignment limits are better when smaller.
export const DEFAULT_LIMITS = Object.freeze({
  maxTextureDimension1D: 8192, maxTextureDimension2D: 8192,
  maxTextureDimension3D: 2048, maxTextureArrayLayers: 256,
  maxBindGroups: 4, maxBindGroupsPlusVertexBuffers: 24,
  maxBindingsPerBindGroup: 1000,
  maxDynamicUniformBuffersPerPipelineLayout: 8,
  maxDynamicStorageBuffersPerPipelineLayout: 4,
  maxSampledTexturesPerShaderStage: 16, maxSamplersPerShaderStage: 16,
  maxStorageBuffersPerShaderStage: 8, maxStorageTexturesPerShaderStage: 4,
  maxUniformBuffersPerShaderStage: 12, maxUniformBufferBindingSize: 65536,
  maxStorageBufferBindingSize: 134217728,
  minUniformBufferOffsetAlignment: 256, minStorageBufferOffsetAlignment: 256,
  maxVertexBuffers: 8, maxBufferSize: 268435456, maxVertexAttributes: 16,
  maxVertexBufferArrayStride: 2048, maxInterStageShaderVariables: 16,
  maxColorAttachments: 8, maxColorAttachmentBytesPerSample: 32,
  maxComputeWorkgroupStorageSize: 16384,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256, maxComputeWorkgroupSizeY: 256,
  maxComputeWorkgroupSizeZ: 64, maxComputeWorkgroupsPerDimension: 65535,
});

const isMinimum = name => name.startsWith('min');
const exceeds = (name, value, limit) => (isMinimum(name) ? value < limit : value > limit);

/// The `requiredLimits` to pass to adapter.requestDevice() for `artifact`:
/// those of its limits beyond WebGPU's defaults. Throws when the adapter
/// cannot provide one of them.
export function requiredLimitsFor(artifact, adapter) {
  const required = {};
  for (const [name, value] of Object.entries(artifact.manifest.limits)) {
    if (!exceeds(name, value, DEFAULT_LIMITS[name])) continue;
    const supported = adapter.limits[name];
    if (supported === undefined || exceeds(name, value, supported))
      fail(`the adapter's ${name} is ${supported}, the artifact needs ${value}`);
    required[name] = value;
  }
  return required;
}

//===----------------------------------------------------------------------===//
// Loading and validating an artifact
//===----------------------------------------------------------------------===//

/// Checks of JSON values; `path` names the value in errors
/// (e.g. `manifest.steps[3].buffer`).
const describe = v => (v === undefined ? 'missing' : JSON.stringify(v));

function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkObject(v, path) {
  if (!isObject(v)) fail(`${path}: expected an object, got ${describe(v)}`);
  return v;
}

function checkArray(v, path, length) {
  if (!Array.isArray(v)) fail(`${path}: expected an array, got ${describe(v)}`);
  if (length !== undefined && v.length !== length)
    fail(`${path}: expected ${length} elements, got ${v.length}`);
  return v;
}

function checkString(v, path) {
  if (typeof v !== 'string' || v === '') fail(`${path}: expected a non-empty string, got ${describe(v)}`);
  return v;
}

function checkInt(v, path, min = 0) {
  if (!Number.isSafeInteger(v) || v < min)
    fail(`${path}: expected an integer >= ${min}, got ${describe(v)}`);
  return v;
}

function checkIndex(v, path, count, what) {
  if (!Number.isSafeInteger(v) || v < 0 || v >= count)
    fail(`${path}: ${describe(v)} is not ${what} index (the manifest has ${count})`);
  return v;
}

function checkOneOf(v, path, choices) {
  if (!choices.includes(v))
    fail(`${path}: ${describe(v)} is not one of ${choices.join(', ')}`);
  return v;
}

/// A path inside the artifact: relative, without `..`, so that a manifest
/// cannot make the runtime read files outside its directory.
function checkRelativePath(v, path) {
  checkString(v, path);
  if (/^([a-z][a-z0-9+.-]*:|\/|\\)/i.test(v) || v.split(/[\\/]/).includes('..'))
    fail(`${path}: ${describe(v)} is not a relative path inside the artifact`);
  return v;
}

function checkTensors(list, path, buffers) {
  return checkArray(list, path).map((t, i) => {
    const p = `${path}[${i}]`;
    checkObject(t, p);
    const dtype = checkOneOf(t.dtype, `${p}.dtype`, DTYPE_NAMES);
    const shape = checkArray(t.shape, `${p}.shape`).map((d, j) => checkInt(d, `${p}.shape[${j}]`));
    // An input no kernel reads has no buffer: it is checked, then dropped.
    const count = elementCount(shape) * lanesOf(dtype);
    const bytes = packedByteSize(dtype, shape);
    if (t.buffer === null && path.endsWith('inputs'))
      return { dtype, shape, buffer: null, count, bytes };
    const buffer = checkIndex(t.buffer, `${p}.buffer`, buffers.length, 'a buffer');
    if (bytes > buffers[buffer].size)
      fail(`${p}.buffer: buffer ${buffer} has ${buffers[buffer].size} bytes, ` +
           `the ${dtype} tensor [${shape.join(', ')}] needs ${bytes}`);
    return { dtype, shape, buffer, count, bytes };
  });
}

/// Validates a parsed manifest.json; returns a normalized copy. Every error
/// names the first malformed field.
export function validateManifest(m) {
  checkObject(m, 'manifest');
  if (m.format !== ARTIFACT_FORMAT)
    fail(`manifest.format: expected "${ARTIFACT_FORMAT}", got ${describe(m.format)}`);
  if (m.version !== ARTIFACT_VERSION)
    fail(`manifest.version: ${describe(m.version)} is not a version this runtime reads ` +
         `(it reads ${ARTIFACT_VERSION})`);
  if (m.generator !== undefined && typeof m.generator !== 'string')
    fail(`manifest.generator: expected a string, got ${describe(m.generator)}`);
  const entry = checkString(m.entry, 'manifest.entry');

  const buffers = checkArray(m.buffers, 'manifest.buffers').map((b, i) => {
    const p = `manifest.buffers[${i}]`;
    checkObject(b, p);
    const size = checkInt(b.size, `${p}.size`, 4);
    if (size % 4) fail(`${p}.size: ${size} is not a multiple of 4`);
    if (b.data === undefined) return { size, data: null };
    checkObject(b.data, `${p}.data`);
    const offset = checkInt(b.data.offset, `${p}.data.offset`);
    const dataSize = checkInt(b.data.size, `${p}.data.size`, 4);
    if (dataSize % 4 || offset % 4)
      fail(`${p}.data: offset ${offset} and size ${dataSize} must be multiples of 4`);
    if (dataSize > size) fail(`${p}.data.size: ${dataSize} is larger than the buffer (${size} bytes)`);
    return { size, data: { offset, size: dataSize } };
  });
  const hasConstants = buffers.some(b => b.data);
  const weights = m.weights === undefined && !hasConstants
    ? null : checkRelativePath(m.weights, 'manifest.weights');

  const inputs = checkTensors(m.inputs, 'manifest.inputs', buffers);
  const outputs = checkTensors(m.outputs, 'manifest.outputs', buffers);
  inputs.forEach((t, i) => {
    if (buffers[t.buffer].data)
      fail(`manifest.inputs[${i}].buffer: buffer ${t.buffer} is a constant (it has data)`);
  });

  const kernels = checkArray(m.kernels, 'manifest.kernels').map((k, i) => {
    const p = `manifest.kernels[${i}]`;
    checkObject(k, p);
    const name = checkString(k.name, `${p}.name`);
    const file = checkRelativePath(k.file, `${p}.file`);
    const entryPoint = checkString(k.entryPoint, `${p}.entryPoint`);
    const workgroupSize = checkArray(k.workgroupSize, `${p}.workgroupSize`, 3)
      .map((d, j) => checkInt(d, `${p}.workgroupSize[${j}]`, 1));
    const bindings = checkArray(k.bindings, `${p}.bindings`).map((b, j) => {
      checkObject(b, `${p}.bindings[${j}]`);
      if (b.binding !== j)
        fail(`${p}.bindings[${j}].binding: expected ${j} (binding i is a dispatch's ` +
             `i-th buffer), got ${describe(b.binding)}`);
      return { binding: j, access: checkOneOf(b.access, `${p}.bindings[${j}].access`, ['read', 'read_write']) };
    });
    // Alternatives for tuning on the client: same bindings and semantics,
    // another module and workgroup size (docs/WebGPUArtifact.md).
    const variants = k.variants === undefined ? [] : checkArray(k.variants, `${p}.variants`).map((v, j) => {
      const q = `${p}.variants[${j}]`;
      checkObject(v, q);
      return { file: checkRelativePath(v.file, `${q}.file`),
               workgroupSize: checkArray(v.workgroupSize, `${q}.workgroupSize`, 3)
                 .map((d, l) => checkInt(d, `${q}.workgroupSize[${l}]`, 1)) };
    });
    return { name, file, entryPoint, workgroupSize, bindings, variants };
  });
  // Variants are chosen by kernel name: it must say which kernel.
  kernels.forEach((k, i) => {
    const first = kernels.findIndex(o => o.name === k.name);
    if (first !== i && (k.variants.length || kernels[first].variants.length))
      fail(`manifest.kernels[${i}].name: ${describe(k.name)} is also kernels[${first}]'s name ` +
           '(variants are chosen by kernel name)');
  });

  const uploaded = new Set();
  const downloaded = new Set();
  const steps = checkArray(m.steps, 'manifest.steps').map((s, i) => {
    const p = `manifest.steps[${i}]`;
    checkObject(s, p);
    const op = checkOneOf(s.op, `${p}.op`, ['upload', 'dispatch', 'copy', 'download']);
    const bufferIndex = (v, f) => checkIndex(v, `${p}.${f}`, buffers.length, 'a buffer');
    if (op === 'upload' || op === 'download') {
      const isUpload = op === 'upload';
      const key = isUpload ? 'input' : 'output';
      const tensors = isUpload ? inputs : outputs;
      const index = checkIndex(s[key], `${p}.${key}`, tensors.length, `an ${key}`);
      const buffer = bufferIndex(s.buffer, 'buffer');
      if (tensors[index].bytes > buffers[buffer].size)
        fail(`${p}.buffer: buffer ${buffer} has ${buffers[buffer].size} bytes, ` +
             `${key} ${index} needs ${tensors[index].bytes}`);
      if (isUpload && buffers[buffer].data)
        fail(`${p}.buffer: buffer ${buffer} is a constant (it has data)`);
      if (!isUpload && downloaded.has(index))
        fail(`${p}.output: output ${index} is downloaded twice`);
      (isUpload ? uploaded : downloaded).add(index);
      return { op, [key]: index, buffer };
    }
    if (op === 'copy') {
      const src = bufferIndex(s.src, 'src');
      const dst = bufferIndex(s.dst, 'dst');
      if (src === dst) fail(`${p}.dst: a copy from buffer ${src} to itself`);
      if (buffers[dst].data) fail(`${p}.dst: buffer ${dst} is a constant (it has data)`);
      const size = checkInt(s.size, `${p}.size`, 4);
      if (size % 4) fail(`${p}.size: ${size} is not a multiple of 4`);
      const srcOffset = s.srcOffset === undefined ? 0 : checkInt(s.srcOffset, `${p}.srcOffset`);
      const dstOffset = s.dstOffset === undefined ? 0 : checkInt(s.dstOffset, `${p}.dstOffset`);
      if (srcOffset % 4) fail(`${p}.srcOffset: ${srcOffset} is not a multiple of 4`);
      if (dstOffset % 4) fail(`${p}.dstOffset: ${dstOffset} is not a multiple of 4`);
      if (srcOffset + size > buffers[src].size)
        fail(`${p}.size: ${size} bytes from offset ${srcOffset} do not fit buffer ${src} (${buffers[src].size} bytes)`);
      if (dstOffset + size > buffers[dst].size)
        fail(`${p}.size: ${size} bytes to offset ${dstOffset} do not fit buffer ${dst} (${buffers[dst].size} bytes)`);
      return { op, src, dst, size, srcOffset, dstOffset };
    }
    const kernel = checkIndex(s.kernel, `${p}.kernel`, kernels.length, 'a kernel');
    const workgroups = checkArray(s.workgroups, `${p}.workgroups`, 3)
      .map((d, j) => checkInt(d, `${p}.workgroups[${j}]`));
    const { bindings, name } = kernels[kernel];
    const bound = checkArray(s.buffers, `${p}.buffers`);
    if (bound.length !== bindings.length)
      fail(`${p}.buffers: kernel ${name} has ${bindings.length} bindings, the step binds ${bound.length} buffers`);
    bound.forEach((b, j) => {
      bufferIndex(b, `buffers[${j}]`);
      if (bound.indexOf(b) !== j)
        fail(`${p}.buffers[${j}]: buffer ${b} is bound twice (WebGPU forbids writable aliasing)`);
      if (bindings[j].access === 'read_write' && buffers[b].data)
        fail(`${p}.buffers[${j}]: buffer ${b} is a constant, kernel ${name} writes binding ${j}`);
    });
    // The grid of each variant of the kernel: required when it has some.
    const { variants } = kernels[kernel];
    let variantWorkgroups = [];
    if (s.variantWorkgroups !== undefined || variants.length) {
      if (s.variantWorkgroups === undefined)
        fail(`${p}.variantWorkgroups: missing; kernel ${name} has ${variants.length} variants`);
      const listed = checkArray(s.variantWorkgroups, `${p}.variantWorkgroups`);
      if (listed.length !== variants.length)
        fail(`${p}.variantWorkgroups: kernel ${name} has ${variants.length} variants, ` +
             `the step lists ${listed.length} grids`);
      variantWorkgroups = listed.map((g, j) => checkArray(g, `${p}.variantWorkgroups[${j}]`, 3)
        .map((d, l) => checkInt(d, `${p}.variantWorkgroups[${j}][${l}]`)));
    }
    return { op, kernel, workgroups, variantWorkgroups, buffers: [...bound] };
  });
  inputs.forEach((_, i) => uploaded.has(i) || fail(`manifest.inputs[${i}]: no upload step writes it`));
  outputs.forEach((_, i) => downloaded.has(i) || fail(`manifest.outputs[${i}]: no download step reads it`));

  const limits = {};
  if (m.limits !== undefined) {
    checkObject(m.limits, 'manifest.limits');
    for (const [name, value] of Object.entries(m.limits)) {
      if (!(name in DEFAULT_LIMITS)) fail(`manifest.limits.${name}: not a WebGPU limit`);
      limits[name] = checkInt(value, `manifest.limits.${name}`);
    }
  }
  return { format: m.format, version: m.version, generator: m.generator ?? null, entry,
           inputs, outputs, weights, buffers, kernels, steps, limits };
}

/// Reads the artifact at `base` (a URL or directory, with or without a
/// trailing slash) with `options.fetch` (default: the global fetch; in Node
/// the CLI passes one that reads files), validates it, and returns
/// {manifest, kernels: [{...kernel, code}], weights: Uint8Array | null}.
export async function loadArtifact(base, { fetch: read = globalThis.fetch } = {}) {
  if (typeof read !== 'function') fail('loadArtifact: no fetch function to read the artifact with');
  const root = String(base).replace(/\/*$/, '/');
  const get = async (path, what) => {
    let response;
    try {
      response = await read(root + path);
    } catch (e) {
      fail(`cannot read ${what} ${root + path}: ${e.message}`);
    }
    if (!response.ok)
      fail(`cannot read ${what} ${root + path}: ${response.status} ${response.statusText ?? ''}`.trimEnd());
    return response;
  };

  const text = await (await get('manifest.json', 'the manifest')).text();
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(`${root}manifest.json: invalid JSON: ${e.message}`);
  }
  const manifest = validateManifest(json);

  let weights = null;
  if (manifest.weights !== null) {
    weights = new Uint8Array(await (await get(manifest.weights, 'the weights')).arrayBuffer());
    manifest.buffers.forEach((b, i) => {
      if (b.data && b.data.offset + b.data.size > weights.length)
        fail(`manifest.buffers[${i}].data: bytes [${b.data.offset}, ${b.data.offset + b.data.size}) ` +
             `are outside ${manifest.weights} (${weights.length} bytes)`);
    });
  }
  const kernels = await Promise.all(manifest.kernels.map(async k => ({
    ...k,
    code: await (await get(k.file, `kernel ${k.name}`)).text(),
    variants: await Promise.all(k.variants.map(async (v, j) =>
      ({ ...v, code: await (await get(v.file, `kernel ${k.name} variant ${j}`)).text() }))),
  })));
  return { manifest, kernels, weights };
}

//===----------------------------------------------------------------------===//
// Sessions
//===----------------------------------------------------------------------===//

/// Runs `create` in a validation error scope; a WebGPU error becomes a
/// TesseraWebError that starts with `what`.
async function checked(device, what, create) {
  device.pushErrorScope('validation');
  let result, thrown;
  try {
    result = await create();
  } catch (e) {
    thrown = e;
  }
  const error = await device.popErrorScope();
  if (thrown || error) fail(`${what}: ${(thrown ?? error).message}`);
  return result;
}

/// Checks the artifact against the device's limits, for errors that name
/// the kernel or step rather than WebGPU's generic validation messages.
function checkDeviceLimits(device, artifact) {
  const { manifest } = artifact;
  const limits = device.limits;
  const need = (name, value, what) => {
    if (exceeds(name, value, limits[name]))
      fail(`${what}: needs ${name} = ${value}, the device has ${limits[name]} ` +
           '(request it with requiredLimitsFor)');
  };
  for (const [name, value] of Object.entries(manifest.limits))
    need(name, value, 'manifest.limits');
  manifest.buffers.forEach((b, i) => need('maxBufferSize', b.size, `buffer ${i}`));
  manifest.kernels.forEach(k => {
    const [x, y, z] = k.workgroupSize;
    const what = `kernel ${k.name}`;
    need('maxComputeWorkgroupSizeX', x, what);
    need('maxComputeWorkgroupSizeY', y, what);
    need('maxComputeWorkgroupSizeZ', z, what);
    need('maxComputeInvocationsPerWorkgroup', x * y * z, what);
    need('maxStorageBuffersPerShaderStage', k.bindings.length, what);
  });
  manifest.steps.forEach((s, i) => {
    if (s.op !== 'dispatch') return;
    const what = `step ${i} (dispatch of ${manifest.kernels[s.kernel].name})`;
    s.workgroups.forEach(n => need('maxComputeWorkgroupsPerDimension', n, what));
    s.buffers.forEach(b => need('maxStorageBufferBindingSize', manifest.buffers[b].size, what));
  });
}

/// The workgroup size a WGSL module declares for `entryPoint`, when it is
/// written with integer literals (null otherwise, e.g. override constants).
function declaredWorkgroupSize(code, entryPoint) {
  const re = new RegExp(`@workgroup_size\\s*\\(([^)]*)\\)[^{]*?\\bfn\\s+${entryPoint}\\b`);
  const m = code.replace(/\/\/[^\n]*/g, '').match(re);
  if (!m) return null;
  const dims = m[1].split(',').map(s => s.trim()).filter(s => s);
  if (!dims.every(d => /^\d+[iu]?$/.test(d))) return null;
  const size = dims.map(d => Number.parseInt(d, 10));
  while (size.length < 3) size.push(1);
  return size;
}

/// The bind group layout of a kernel: shared by all its variants, so that
/// one bind group per step serves whichever variant runs.
function createLayout(device, kernel) {
  return device.createBindGroupLayout({
    label: kernel.name,
    entries: kernel.bindings.map(b => ({
      binding: b.binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type: b.access === 'read' ? 'read-only-storage' : 'storage' },
    })),
  });
}

/// What variant `j` of `kernel` is called in errors (-1: the kernel's own file).
const variantName = (kernel, j) =>
  (j < 0 ? `kernel ${kernel.name} (${kernel.file})`
         : `kernel ${kernel.name} variant ${j} (${kernel.variants[j].file})`);

/// The module to compile for variant `j` of `kernel` (-1: the default).
function variantModule(kernel, j) {
  const v = j < 0 ? kernel : kernel.variants[j];
  return { code: v.code, workgroupSize: v.workgroupSize, entryPoint: kernel.entryPoint,
           bindings: kernel.bindings, name: kernel.name, what: variantName(kernel, j) };
}

/// Dispatches a new pipeline once, on one workgroup, with every binding on
/// a small scratch buffer of its own: drivers that compile a pipeline when
/// it is first dispatched (lavapipe: seconds for a large kernel with a
/// cold shader cache) compile it here, as part of its creation, so that
/// the cost is where callers (and the tuner's budget) expect it and not in
/// a first run or a measurement. WebGPU's bounds checks keep the kernel's
/// accesses within the scratch buffers, so nothing else is read or
/// written. An error (e.g. a binding smaller than the module needs) is
/// ignored: the driver then compiles at the first run.
async function firstDispatch(device, kernel, pipeline, layout) {
  const scratch = kernel.bindings.map(() =>
    device.createBuffer({ label: `${kernel.name}: first dispatch`, size: 256, usage: GPUBufferUsage.STORAGE }));
  device.pushErrorScope('validation');
  try {
    const encoder = device.createCommandEncoder({ label: `${kernel.name}: first dispatch` });
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, device.createBindGroup({
      layout, entries: kernel.bindings.map((b, i) => ({ binding: b.binding, resource: { buffer: scratch[i] } })) }));
    pass.dispatchWorkgroups(1, 1, 1);
    pass.end();
    device.queue.submit([encoder.finish()]);
  } finally {
    await device.popErrorScope();
  }
  await device.queue.onSubmittedWorkDone();
  for (const b of scratch) b.destroy();
}

async function createPipeline(device, kernel, layout) {
  const { what } = kernel;
  // The scope keeps an invalid module's error from reaching the device's
  // uncaptured-error handler: getCompilationInfo reports it with a position.
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code: kernel.code, label: kernel.name });
  const info = await module.getCompilationInfo();
  const moduleError = await device.popErrorScope();
  const errors = info.messages.filter(msg => msg.type === 'error');
  if (errors.length)  // Tint's first line says it; candidate lists follow
    fail(`${what}: WGSL error: ` +
         errors.map(msg => `${msg.lineNum}:${msg.linePos}: ${msg.message.split('\n')[0]}`).join('; '));
  if (moduleError) fail(`${what}: ${moduleError.message}`);
  const declared = declaredWorkgroupSize(kernel.code, kernel.entryPoint);
  if (declared && declared.some((d, i) => d !== kernel.workgroupSize[i]))
    fail(`${what}: the manifest's workgroupSize [${kernel.workgroupSize.join(', ')}] ` +
         `differs from the module's @workgroup_size(${declared.join(', ')})`);
  const pipeline = await checked(device, what, () => device.createComputePipelineAsync({
    label: kernel.name,
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: kernel.entryPoint },
  }));
  await firstDispatch(device, kernel, pipeline, layout);
  return pipeline;
}

/// Why the device cannot run variant `j` of kernel `k` (its workgroup size
/// or one of its grids exceeds the device's limits), or null.
function variantProblem(device, manifest, k, j) {
  const kernel = manifest.kernels[k];
  const limits = device.limits;
  const [x, y, z] = kernel.variants[j].workgroupSize;
  const checks = [['maxComputeWorkgroupSizeX', x], ['maxComputeWorkgroupSizeY', y],
                  ['maxComputeWorkgroupSizeZ', z], ['maxComputeInvocationsPerWorkgroup', x * y * z]];
  manifest.steps.forEach(s => {
    if (s.op === 'dispatch' && s.kernel === k)
      s.variantWorkgroups[j].forEach(n => checks.push(['maxComputeWorkgroupsPerDimension', n]));
  });
  for (const [name, value] of checks)
    if (exceeds(name, value, limits[name]))
      return `${variantName(kernel, j)}: needs ${name} = ${value}, the device has ${limits[name]}`;
  return null;
}

/// Checks createSession's `variants` option ({kernel name: j}, j = -1 for
/// the default) against the artifact; returns the choice per kernel index.
function checkVariantChoice(manifest, variants, what) {
  const chosen = manifest.kernels.map(() => -1);
  if (variants === undefined || variants === null) return chosen;
  if (!isObject(variants)) fail(`${what}: expected an object {kernel name: variant index}, got ${describe(variants)}`);
  for (const [name, j] of Object.entries(variants)) {
    const k = manifest.kernels.findIndex(kernel => kernel.name === name);
    if (k < 0) fail(`${what}.${name}: the artifact has no kernel ${name}`);
    const count = manifest.kernels[k].variants.length;
    if (!Number.isSafeInteger(j) || j < -1 || j >= count)
      fail(`${what}.${name}: ${describe(j)} is not -1 (the default) or a variant index ` +
           `(kernel ${name} has ${count} variant${count === 1 ? '' : 's'})`);
    chosen[k] = j;
  }
  return chosen;
}

/// Creates everything an artifact needs on `device` (buffers, constants
/// uploaded once, pipelines, bind groups) and returns a session whose
/// run(inputs) executes the entry function. `options.variants`
/// ({kernel name: j}) runs variant j of those kernels (-1, the default:
/// the kernel's own module).
export async function createSession(device, artifact, options = {}) {
  const { manifest, weights } = artifact;
  if (!isObject(options)) fail(`createSession: options: expected an object, got ${describe(options)}`);
  const chosen = checkVariantChoice(manifest, options.variants, 'createSession: options.variants');
  checkDeviceLimits(device, artifact);
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const buffers = await checked(device, 'creating the buffers', () =>
    manifest.buffers.map((b, i) => {
      const buffer = device.createBuffer({ label: `buffer ${i}`, size: b.size, usage });
      if (b.data)
        device.queue.writeBuffer(buffer, 0, weights, b.data.offset, b.data.size);
      return buffer;
    }));
  const layouts = await checked(device, 'creating the bind group layouts', () =>
    artifact.kernels.map(kernel => createLayout(device, kernel)));
  const session = new Session(device, artifact, buffers, layouts);
  for (let k = 0; k < artifact.kernels.length; ++k) await session.pipeline(k, chosen[k]);

  // Uploads before the first other step are written straight into their
  // buffer; a later one goes through a staging buffer copied at its place in
  // the command encoder, so that the steps' order is kept.
  const firstOther = manifest.steps.findIndex(s => s.op !== 'upload');
  session.steps = await checked(device, 'creating the bind groups', () =>
    manifest.steps.map((s, i) => {
      if (s.op === 'dispatch') {
        const bindGroup = device.createBindGroup({
          label: `step ${i}`,
          layout: layouts[s.kernel],
          entries: s.buffers.map((b, j) => ({ binding: j, resource: { buffer: buffers[b] } })),
        });
        return { ...s, bindGroup, ...session.dispatchOf(s, chosen[s.kernel]) };
      }
      if (s.op === 'upload' && firstOther !== -1 && i > firstOther) {
        const size = manifest.inputs[s.input].bytes;
        const staging = device.createBuffer({
          label: `step ${i} staging`, size: Math.max(size, 4),
          usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
        });
        return { ...s, staging, size };
      }
      if (s.op === 'download') {
        const size = manifest.outputs[s.output].bytes;
        const readback = device.createBuffer({
          label: `output ${s.output} readback`, size: Math.max(size, 4),
          usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
        });
        return { ...s, readback, size };
      }
      return s;
    }));
  session.chosen = chosen;
  return session;
}

class Session {
  constructor(device, artifact, buffers, layouts) {
    this.device = device;
    this.artifact = artifact;
    this.buffers = buffers;
    this.layouts = layouts;
    this.steps = [];
    this.chosen = [];
    // Per kernel: a Map from variant index (-1: default) to its pipeline,
    // each compiled once, when first chosen or measured.
    this.pipelines = artifact.kernels.map(() => new Map());
    this.ready = artifact.kernels.map(() => new Map());  // the compiled ones
    // Per kernel: variant index -> ms its compilation took (the pipeline
    // and its first dispatch): the tuner predicts a variant's from them.
    this.compileMs = artifact.kernels.map(() => new Map());
    this.pending = Promise.resolve();
  }

  /// The pipeline of variant `j` of kernel `k`, compiled on first use.
  async pipeline(k, j) {
    const cache = this.pipelines[k];
    if (!cache.has(j)) {
      const kernel = this.artifact.kernels[k];
      if (j >= 0) {
        const problem = variantProblem(this.device, this.artifact.manifest, k, j);
        if (problem) fail(problem);
      }
      cache.set(j, (async () => {
        const start = performance.now();
        const pipeline = await createPipeline(this.device, variantModule(kernel, j), this.layouts[k]);
        this.compileMs[k].set(j, performance.now() - start);
        return pipeline;
      })());
    }
    try {
      const pipeline = await cache.get(j);
      this.ready[k].set(j, pipeline);
      return pipeline;
    } catch (e) {
      cache.delete(j);
      throw e;
    }
  }

  /// The pipeline and grid of dispatch step `s` with variant `j` of its
  /// kernel (the pipeline compiled already).
  dispatchOf(s, j) {
    return { variant: j, pipeline: this.ready[s.kernel].get(j),
             grid: j < 0 ? s.workgroups : s.variantWorkgroups[j] };
  }

  /// The variant each kernel with variants runs: {kernel name: j}.
  get variants() {
    const result = {};
    this.artifact.kernels.forEach((kernel, k) => {
      if (kernel.variants.length) result[kernel.name] = this.chosen[k];
    });
    return result;
  }

  /// Runs variant j of the named kernels from now on ({kernel name: j};
  /// kernels not named keep theirs). Compiles what is not compiled yet.
  selectVariants(variants) {
    const result = this.pending.then(() => this.selectNow(variants));
    this.pending = result.catch(() => {});
    return result;
  }

  async selectNow(variants) {
    const choice = checkVariantChoice(this.artifact.manifest, variants, 'selectVariants');
    const chosen = this.chosen.map((j, k) => (variants[this.artifact.kernels[k].name] === undefined ? j : choice[k]));
    for (let k = 0; k < chosen.length; ++k) await this.pipeline(k, chosen[k]);
    this.chosen = chosen;
    this.steps = this.steps.map(s => (s.op === 'dispatch' ? { ...s, ...this.dispatchOf(s, chosen[s.kernel]) } : s));
    return this.variants;
  }

  /// Encodes dispatch step `s` into compute pass `pass`, with variant `j`
  /// of its kernel (compiled already).
  encodeDispatch(pass, s, j = s.variant) {
    const { pipeline, grid } = this.dispatchOf(s, j);
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, s.bindGroup);
    pass.dispatchWorkgroups(...grid);
  }

  /// Checks and packs the caller's inputs.
  packInputs(inputs) {
    const { entry, inputs: specs } = this.artifact.manifest;
    if (!Array.isArray(inputs))
      fail(`${entry}: expected an array of ${specs.length} typed arrays as inputs`);
    if (inputs.length !== specs.length)
      fail(`${entry} takes ${specs.length} input${specs.length === 1 ? '' : 's'}, got ${inputs.length}`);
    return specs.map((spec, i) => {
      const what = `input ${i} (${spec.dtype} [${spec.shape.join(', ')}])`;
      const { ArrayType } = DTYPES[spec.dtype];
      const data = inputs[i];
      if (!(data instanceof ArrayType))
        fail(`${what}: expected a ${ArrayType.name}, got ${data?.constructor?.name ?? describe(data)}`);
      if (data.length !== spec.count)
        fail(`${what}: expected ${spec.count} elements, got ${data.length}`);
      return packTensor(spec.dtype, data, what);
    });
  }

  /// Writes the inputs and submits every step; the downloads' copies into
  /// the readback buffers are part of the submission.
  async submit(inputs) {
    const packed = this.packInputs(inputs);
    const { device } = this;
    return checked(device, `running ${this.artifact.manifest.entry}`, () => {
      const encoder = device.createCommandEncoder({ label: this.artifact.manifest.entry });
      const downloads = [];
      for (const s of this.steps) {
        if (s.op === 'upload') {
          const target = s.staging ?? this.buffers[s.buffer];
          device.queue.writeBuffer(target, 0, packed[s.input]);
          if (s.staging) encoder.copyBufferToBuffer(s.staging, 0, this.buffers[s.buffer], 0, s.size);
        } else if (s.op === 'dispatch') {
          const pass = encoder.beginComputePass();
          this.encodeDispatch(pass, s);
          pass.end();
        } else if (s.op === 'copy') {
          encoder.copyBufferToBuffer(this.buffers[s.src], s.srcOffset, this.buffers[s.dst], s.dstOffset, s.size);
        } else {
          downloads.push(s);
        }
      }
      // The doc's order: outputs are read back after all steps.
      for (const s of downloads)
        if (s.size) encoder.copyBufferToBuffer(this.buffers[s.buffer], 0, s.readback, 0, s.size);
      device.queue.submit([encoder.finish()]);
      return downloads;
    });
  }

  /// Runs the entry function on `inputs` (typed arrays, in the manifest's
  /// order); resolves to its outputs as typed arrays. Calls are serialized:
  /// the readback buffers are the session's.
  run(inputs) {
    const result = this.pending.then(() => this.runNow(inputs));
    this.pending = result.catch(() => {});
    return result;
  }

  async runNow(inputs) {
    const downloads = await this.submit(inputs);
    const outputs = new Array(this.artifact.manifest.outputs.length);
    await Promise.all(downloads.map(async s => {
      const spec = this.artifact.manifest.outputs[s.output];
      try {
        await s.readback.mapAsync(GPUMapMode.READ, 0, Math.max(s.size, 4));
      } catch (e) {
        fail(`reading output ${s.output} back: ${e.message}`);
      }
      const bytes = new Uint8Array(s.readback.getMappedRange(0, Math.max(s.size, 4)).slice(0));
      s.readback.unmap();
      outputs[s.output] = unpackTensor(spec.dtype, bytes, spec.count);
    }));
    return outputs;
  }

  /// Frees the session's GPU buffers.
  destroy() {
    for (const b of this.buffers) b.destroy();
    for (const s of this.steps) (s.staging ?? s.readback)?.destroy();
  }
}

/// Times `session` on `inputs`: `warmup` untimed runs, then `runs` timed
/// ones, each from submission to device.queue.onSubmittedWorkDone() (the
/// readback is not timed). Resolves to {median, min, max, times} in ms.
export async function timeRun(session, inputs, { runs = 10, warmup = 2 } = {}) {
  if (!Number.isSafeInteger(runs) || runs < 1) fail(`timeRun: runs must be a positive integer, got ${runs}`);
  for (let i = 0; i < warmup; ++i) await session.run(inputs);
  const times = [];
  for (let i = 0; i < runs; ++i) {
    await session.pending;
    const start = performance.now();
    await session.submit(inputs);
    await session.device.queue.onSubmittedWorkDone();
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], times };
}

//===----------------------------------------------------------------------===//
// Tuning on the client: choosing among kernel variants
//===----------------------------------------------------------------------===//

/// Changes when the way tuneSession measures or chooses changes. A cached
/// choice made by another revision is reported as stale and tuned again
/// (tuneWithCache). Revision 2: variants are checked against the default's
/// results, raced (one quick timing each, full timings for the best) and
/// measured only when the budget's prediction says they fit. Revision 3:
/// the budget is shared among the kernels by their default's time, a
/// variant's first dispatch (where drivers may compile) counts as its
/// compilation, and a choice the budget cut short is cached too (what was
/// not measured keeps the default; `complete` false).
export const TUNER_REVISION = 3;

/// The layout of tuning keys (tuningKey): unchanged by TUNER_REVISION, so
/// that an entry of an older tuner is found, and reported as stale.
const TUNING_KEY_REVISION = 1;

const median = times => {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/// Measures one kernel's dispatches on the session's buffers: `inner`
/// repetitions of all its dispatch steps in one compute pass per
/// submission. Returns ms per repetition, from timestamp queries or from
/// the wall clock around queue.onSubmittedWorkDone(); `wall` is the wall
/// time of the last submission (ms, readback included), which predicts the
/// cost of the next ones.
class KernelTimer {
  constructor(session, method) {
    this.session = session;
    this.method = method;
    this.wall = 0;
    const { device } = session;
    if (method === 'timestamp') {
      this.querySet = device.createQuerySet({ type: 'timestamp', count: 2 });
      this.resolve = device.createBuffer({
        size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
      this.read = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    }
  }

  async time(steps, j, inner) {
    const { device } = this.session;
    const encoder = device.createCommandEncoder({ label: 'tuning' });
    const pass = encoder.beginComputePass(this.querySet ? {
      timestampWrites: { querySet: this.querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 },
    } : {});
    for (let r = 0; r < inner; ++r)
      for (const s of steps) this.session.encodeDispatch(pass, s, j);
    pass.end();
    if (this.querySet) {
      encoder.resolveQuerySet(this.querySet, 0, 2, this.resolve, 0);
      encoder.copyBufferToBuffer(this.resolve, 0, this.read, 0, 16);
    }
    const start = performance.now();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    const wall = performance.now() - start;
    if (!this.querySet) {
      this.wall = wall;
      return wall / inner;
    }
    await this.read.mapAsync(GPUMapMode.READ);
    const [begin, end] = new BigInt64Array(this.read.getMappedRange().slice(0));
    this.read.unmap();
    this.wall = performance.now() - start;
    return Number(end - begin) / 1e6 / inner;
  }

  destroy() {
    this.querySet?.destroy();
    this.resolve?.destroy();
    this.read?.destroy();
  }
}

/// How a written buffer's words compare: 'float' (f32 elements: by value,
/// within a relative tolerance) or 'exact' (integers, f16, anything else:
/// bit for bit), from the element type the kernel's WGSL declares for
/// `binding` (`var<storage, read_write> z: array<f32>`).
function bindingKind(code, binding) {
  const text = code.replace(/\/\/[^\n]*/g, '');
  const m = text.match(new RegExp(`@binding\\s*\\(\\s*${binding}[iu]?\\s*\\)[^;]*?` +
                                  ':\\s*array\\s*<\\s*([A-Za-z0-9_]+(?:\\s*<\\s*[A-Za-z0-9_]+)?)'));
  if (!m) return 'exact';
  const type = m[1].replace(/\s/g, '');
  return /^(f32|vec[234]f|vec[234]<f32|mat[234]x[234]f|mat[234]x[234]<f32)$/.test(type) ? 'float' : 'exact';
}

/// Compares a variant's bytes `got` with the default's `want` (ArrayBuffers
/// of whole u32 words) as `kind` ('float': f32 values, NaN equals NaN, a
/// value within `tolerance` times the default's magnitude passes; 'exact':
/// u32 words, differences measured as i32). Returns {count (elements
/// outside the tolerance), differ (elements not bit-equal in value), maxAbs,
/// maxRel} over all differing elements.
export function compareTuningResults(kind, want, got, tolerance = 0) {
  const float = kind === 'float';
  const a = float ? new Float32Array(want) : new Int32Array(want);
  const b = float ? new Float32Array(got) : new Int32Array(got);
  let count = 0, differ = 0, maxAbs = 0, maxRel = 0;
  for (let i = 0; i < a.length; ++i) {
    const x = a[i], y = b[i];
    if (x === y || (float && x !== x && y !== y)) continue;
    ++differ;
    const abs = Math.abs(x - y);
    const rel = abs === 0 ? 0 : abs / Math.abs(x);
    const absOrInf = Number.isNaN(abs) ? Infinity : abs;
    const relOrInf = Number.isNaN(rel) ? Infinity : rel;
    if (absOrInf > maxAbs) maxAbs = absOrInf;
    if (relOrInf > maxRel) maxRel = relOrInf;
    if (!(float && relOrInf <= tolerance)) ++count;
  }
  return { count, differ, maxAbs, maxRel };
}

function checkTuneOptions(options) {
  if (!isObject(options)) fail(`tuneSession: options: expected an object, got ${describe(options)}`);
  const { budgetMs = 10000, reps = 5, warmup = 1, method = 'auto', minGain = 0.05, modelMinGain = 0.05,
          targetMs = 1, verify = true, verifyTolerance = 0, race = true, raceMargin = 0.25,
          raceKeep = 8 } = options;
  const positive = (v, name, int) => {
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v) || (int && !Number.isSafeInteger(v)))
      fail(`tuneSession: ${name} must be a non-negative ${int ? 'integer' : 'number'}, got ${describe(v)}`);
    return v;
  };
  positive(budgetMs, 'budgetMs');
  positive(reps, 'reps', true);
  if (reps < 1) fail('tuneSession: reps must be at least 1');
  positive(warmup, 'warmup', true);
  positive(minGain, 'minGain');
  positive(modelMinGain, 'modelMinGain');
  positive(targetMs, 'targetMs');
  positive(verifyTolerance, 'verifyTolerance');
  positive(raceMargin, 'raceMargin');
  positive(raceKeep, 'raceKeep', true);
  if (raceKeep < 1) fail('tuneSession: raceKeep must be at least 1');
  for (const [name, v] of [['verify', verify], ['race', race]])
    if (typeof v !== 'boolean') fail(`tuneSession: ${name} must be true or false, got ${describe(v)}`);
  checkOneOf(method, 'tuneSession: method', ['auto', 'timestamp', 'wall']);
  return { budgetMs, reps, warmup, method, minGain, modelMinGain, targetMs, verify, verifyTolerance, race,
           raceMargin, raceKeep };
}

/// Chooses, for every kernel with variants, the fastest correct one on the
/// session's device and makes the session run it. `inputs` (typed arrays,
/// as for run; may be left out or null: the buffers then hold zeros) are
/// run once first, so that each kernel is measured on its real buffers,
/// shapes and contents; then each kernel is dispatched alone (all its
/// dispatch steps, with their bind groups).
///
/// Correctness: the buffers a kernel's dispatches bind read_write are saved
/// first; the default runs twice from them (a default that disagrees with
/// itself is reported in `verify` and its variants are not compared), then
/// every variant runs once from them and must write the same values:
/// integers and non-f32 words bit for bit, f32 by value within
/// `verifyTolerance` (0: exact, as variants of one kernel compute the same
/// sums in the same order; e.g. 1e-6 allows a driver's fast-math
/// differences). A variant that differs is rejected (`mismatches`) and never
/// chosen. The saved contents are restored after the kernel is tuned (and
/// after its first run alone), so kernels are tuned on the buffers the
/// inputs' run left.
///
/// Measuring: each kernel's default is run once alone (its cost), then
/// kernel by kernel, the most expensive first, each within its share of
/// the budget left (in proportion to its default's time; what a kernel
/// leaves goes to the next): the default's check runs and timings (warmup,
/// then `reps`), then its variants'. A variant's pipeline is created with
/// a first dispatch on scratch buffers (createPipeline): drivers may
/// compile a pipeline there (lavapipe does, seconds for a large kernel with
/// a cold shader cache), and that is its compilation's cost, not its speed
/// in the check run. With
/// `race` (default), each variant gets its check run (a warm-up),
/// warmup - 1 more, and one quick timing; then the up to `raceKeep` fastest
/// within `raceMargin` (0.25: 25%) of the best of the default and the quick
/// times get the remaining reps - 1, fastest first. Only variants timed
/// `reps` times can be chosen, when `minGain` (0.05) faster than the
/// default, which is timed `reps` times more next to them (a machine's load
/// drifts). Without `race` every variant gets warmup and reps timings.
///
/// Budget (budgetMs, 10000, including the inputs' run): before each
/// measurement its cost is predicted from what the kernel's earlier ones
/// cost (wall time per submission times the submissions, plus the check
/// run and, for a variant, the kernel's costliest compilation so far, its
/// default's included, and for its first also the other kernels' variants'
/// costliest); one that
/// would end past the kernel's share is skipped and counted in `skipped`,
/// and the result is not `complete`. The overshoot left: one variant's
/// compilation slower than predicted (a driver's shader cache that held
/// the default and the other kernels' variants but not this kernel's), or
/// a variant slower than predicted.
///
/// Whole-model check: with inputs, a fifth of the budget at most is kept
/// back (up to 3 rounds of two runs of the whole model, each predicted as
/// long as the inputs' run; none if one round does not fit, and then the
/// choices are not checked) to time the model with the default variants and with the choices,
/// alternately; the choices are kept only if the model's median is
/// `modelMinGain` (0.05) faster, else every kernel keeps its default (a kernel that
/// wins alone can lose inside the model). `modelCheck` reports it:
/// {defaultMs, tunedMs, rounds, kept: 'tuned' | 'default'}, null when no
/// kernel chose a variant or there were no inputs.
///
/// Other options: method ('auto': timestamp queries when the device has
/// 'timestamp-query', else wall time around onSubmittedWorkDone; or
/// 'timestamp' / 'wall'), targetMs (1: a kernel's dispatches are repeated
/// within one submission until one measurement takes about that long),
/// verify (true). Resolves to {choice: {kernel name: j}, seconds, method,
/// complete, budgetMs, modelCheck, measured: [{kernel, shipped (variant count),
/// cost (its default's run alone, ms: orders the kernels and weighs
/// their shares; null: not run), shareMs (the budget it was given; 0: none
/// was left), default,
/// variants: [ms | null] (median of the timings it got),
/// timings: [count], errors: {j: why the device rejected it}, mismatches:
/// {j: {buffer, count, differ, maxAbs, maxRel}}, verify ('exact',
/// 'tolerance', 'off' or 'nondeterministic: ...'), skipped, choice, reps,
/// repeat}]} with times in ms per run of the kernel's dispatches.
/// Also callable as tuneSession(session, {inputs, ...options}).
export async function tuneSession(session, inputs = null, options = {}) {
  if (!(session instanceof Session)) fail('tuneSession: expected a session from createSession');
  if (isObject(inputs) && !ArrayBuffer.isView(inputs)) [inputs, options] = [inputs.inputs ?? null, inputs];
  const opts = checkTuneOptions(options);
  const result = session.pending.then(() => tuneNow(session, inputs, opts));
  session.pending = result.catch(() => {});
  return result;
}

/// The written buffers of tuned kernel `t`, saved on the GPU, and the check
/// runs of its variants from them.
class KernelCheck {
  constructor(session, t) {
    this.session = session;
    const { device, buffers, artifact } = session;
    const written = new Map();
    for (const s of t.steps)
      s.buffers.forEach((b, i) => {
        if (t.kernel.bindings[i].access === 'read_write' && !written.has(b))
          written.set(b, bindingKind(t.kernel.code, i));
      });
    this.written = [...written].map(([buffer, kind]) => {
      const size = artifact.manifest.buffers[buffer].size;
      return {
        buffer, kind, size,
        saved: device.createBuffer({ label: `tuning: buffer ${buffer} saved`, size,
                                     usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST }),
        readback: device.createBuffer({ label: `tuning: buffer ${buffer} readback`, size,
                                        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }),
      };
    });
    const encoder = device.createCommandEncoder({ label: 'tuning: save' });
    for (const w of this.written) encoder.copyBufferToBuffer(buffers[w.buffer], 0, w.saved, 0, w.size);
    device.queue.submit([encoder.finish()]);
  }

  /// Restores the written buffers; with `steps`, runs them with variant `j`
  /// and resolves to the written buffers' bytes.
  async run(steps, j) {
    const { device, buffers } = this.session;
    const encoder = device.createCommandEncoder({ label: 'tuning: check' });
    for (const w of this.written) encoder.copyBufferToBuffer(w.saved, 0, buffers[w.buffer], 0, w.size);
    if (!steps) {
      device.queue.submit([encoder.finish()]);
      return null;
    }
    const pass = encoder.beginComputePass();
    for (const s of steps) this.session.encodeDispatch(pass, s, j);
    pass.end();
    for (const w of this.written) encoder.copyBufferToBuffer(buffers[w.buffer], 0, w.readback, 0, w.size);
    device.queue.submit([encoder.finish()]);
    return Promise.all(this.written.map(async w => {
      await w.readback.mapAsync(GPUMapMode.READ);
      const bytes = w.readback.getMappedRange().slice(0);
      w.readback.unmap();
      return bytes;
    }));
  }

  /// The first written buffer where `got` differs from `want` beyond
  /// `tolerance`, as {buffer, count, differ, maxAbs, maxRel}, or null.
  compare(want, got, tolerance) {
    for (let i = 0; i < this.written.length; ++i) {
      const d = compareTuningResults(this.written[i].kind, want[i], got[i], tolerance);
      if (d.count) return { buffer: this.written[i].buffer, ...d };
    }
    return null;
  }

  destroy() {
    for (const w of this.written) {
      w.saved.destroy();
      w.readback.destroy();
    }
  }
}

async function tuneNow(session, inputs, opts) {
  const { budgetMs, reps, warmup, minGain, modelMinGain, targetMs, verify, verifyTolerance, race, raceMargin,
          raceKeep } = opts;
  let { method } = opts;
  const start = performance.now();
  // The kernels' deadline: the budget, less the whole-model check's
  // reserve once the inputs' run has said what a model run costs.
  let deadline = start + budgetMs;
  const { device, artifact } = session;
  if (method === 'auto') method = device.features.has('timestamp-query') ? 'timestamp' : 'wall';
  if (method === 'timestamp' && !device.features.has('timestamp-query'))
    fail("tuneSession: method 'timestamp' needs a device created with the 'timestamp-query' feature");
  // The inputs' run, without reading the outputs back (a budget of 0
  // measures nothing: not even that).
  // Its wall time bounds what one kernel's run costs before any is timed.
  let modelMs = 0;
  if (inputs !== null && budgetMs > 0) {
    await session.submit(inputs);
    await device.queue.onSubmittedWorkDone();
    modelMs = performance.now() - start;
  }
  // Rounds of the whole-model check (a default run and a tuned run each,
  // predicted with a quarter more): up to 3 within a fifth of the budget
  // (none if not even one fits: the choices are then not checked).
  const modelRounds = modelMs > 0 ? Math.min(3, Math.floor(0.2 * budgetMs / modelRoundMs(modelMs))) : 0;
  deadline -= modelRounds * modelRoundMs(modelMs);

  const tuned = [];
  artifact.kernels.forEach((kernel, k) => {
    const steps = session.steps.filter(s => s.op === 'dispatch' && s.kernel === k);
    if (kernel.variants.length && steps.length)
      tuned.push({ k, kernel, steps, wall: [], check: null, want: null, entry: {
        kernel: kernel.name, shipped: kernel.variants.length, default: null,
        variants: kernel.variants.map(() => null), timings: kernel.variants.map(() => 0),
        errors: {}, mismatches: {}, verify: verify ? (verifyTolerance ? 'tolerance' : 'exact') : 'off',
        skipped: 0, choice: -1, reps, repeat: 1, cost: null, shareMs: 0 } });
  });
  const timer = new KernelTimer(session, method);
  let modelCheck = null;
  let limit = deadline;  // the end of the share of the kernel being tuned
  let variantCompileMs = 0;  // the costliest variant compilation so far
  // With a quarter more than predicted: a variant's first compilation
  // (Dawn, then the driver) can cost more than any so far (a 10 s budget
  // ended at 10.17 s without the margin).
  const fits = ms => performance.now() + 1.25 * ms <= limit;
  // `count` timings of variant j of t after `warm` untimed runs: their
  // times, or null when the share ran out in between (a slower variant
  // than predicted: each timing after the first must fit as long as the
  // one before it took). t.wall[j + 1] keeps the wall time per submission.
  const timings = (t, j, warm, count) => checked(device, `tuning ${variantName(t.kernel, j)}`, async () => {
    for (let i = 0; i < warm; ++i) await timer.time(t.steps, j, t.entry.repeat);
    const times = [];
    for (let i = 0; i < count; ++i) {
      if (!fits(i > 0 ? timer.wall : 0)) return null;
      times.push(await timer.time(t.steps, j, t.entry.repeat));
      t.wall[j + 1] = timer.wall;
    }
    return times;
  });
  // A check run of variant j (-1: the default) from the saved buffers.
  const checkRun = (t, j) => checked(device, `tuning ${variantName(t.kernel, j)}`, () => t.check.run(t.steps, j));
  try {
    // Each kernel's default run alone (the session's compiled
    // pipelines; its buffers saved before and restored after): how
    // expensive it is, and the repetitions per submission that make a
    // measurement last targetMs.
    for (const t of tuned) {
      // Two runs, the save and the restore of its buffers: a kernel costs
      // at most about the whole model, or the costliest one so far.
      if (!fits(2 * Math.max(modelMs, ...tuned.map(u => u.onceWall ?? 0)))) break;
      const check = new KernelCheck(session, t);
      try {
        // The faster of two runs: the first alone may pay one-time costs
        // (the timer's first query, caches), which would skew the order
        // and the shares.
        t.once = await checked(device, `tuning ${variantName(t.kernel, -1)}`, async () =>
          Math.min(await timer.time(t.steps, -1, 1), await timer.time(t.steps, -1, 1)));
        t.onceWall = timer.wall;
        t.entry.cost = t.once;
      } finally {
        await check.run(null);
        check.destroy();
      }
      t.entry.repeat = Math.max(1, Math.min(256, Math.ceil(targetMs / Math.max(t.once, 1e-3))));
    }
    // Then kernel by kernel, the most expensive first, each within a share
    // of the budget left in proportion to its default's time: the budget
    // goes where the model's time is, and the first kernels cannot take it
    // all while the others, which may be most of the model together, are
    // never measured.
    const order = tuned.filter(t => t.once !== undefined).sort((a, b) => b.once - a.once);
    for (const t of tuned)
      if (t.once === undefined) t.entry.skipped = t.kernel.variants.length;
    // Whether variant j of t is done with: timed, rejected or failed.
    const settled = (t, j) => t.entry.timings[j] > 0 || j in t.entry.errors || j in t.entry.mismatches;
    // The variants of t not measured yet (nor rejected nor failed).
    const unmeasured = t => t.kernel.variants.filter((v, j) => !settled(t, j)).length;
    // Tunes kernel t until `limit`: the default's checks and timings (taken
    // once), then its variants not measured yet.
    const tuneKernel = async t => {
      const { entry, kernel } = t;
      entry.skipped = 0;
      // Two check runs (each about one submission plus copies) and the timings.
      if (!fits(t.onceWall * entry.repeat * (2 + (t.defaultTimes ? 0 : warmup + reps)))) {
        entry.skipped = unmeasured(t);
        return;
      }
      t.check = new KernelCheck(session, t);
      const before = performance.now();
      if (verify) {
        t.want = await checkRun(t, -1);
        const again = await checkRun(t, -1);
        const d = t.check.compare(t.want, again, verifyTolerance);
        if (d) {
          entry.verify = `nondeterministic: the default's two runs differ (buffer ${d.buffer}: ` +
                         `${d.count} values, max abs diff ${d.maxAbs}, max rel diff ${d.maxRel})`;
          t.want = null;
        }
      }
      t.checkMs = verify ? (performance.now() - before) / 2 : 0;
      if (!t.defaultTimes) {
        const defaultTimes = await timings(t, -1, Math.max(0, warmup - (verify ? 2 : 0)), reps);
        if (defaultTimes === null) {
          entry.skipped = unmeasured(t);
          await t.check.run(null);
          t.check.destroy();
          t.check = null;
          return;
        }
        entry.default = median(defaultTimes);
        t.defaultTimes = defaultTimes;
        // A variant's compilation (its pipeline and first dispatch, where
        // drivers may compile) is predicted as the kernel's costliest so
        // far, the default's included: variants of a kernel compile alike,
        // but a driver's shader cache makes some of them cheap. The first
        // one's also from the other kernels' variants: a cache that held
        // the default but not its variants (a second tuning run) made the
        // default's cheap.
        t.defaultCompileMs = session.compileMs[t.k].get(-1) ?? 0;
        t.compileMs = Math.max(t.defaultCompileMs, variantCompileMs);
        t.compiledOne = false;
      }
      const quick = race ? 1 : reps;
      const extraWarm = Math.max(0, warmup - (t.want ? 1 : 0));  // a check run warms up too
      const perSubmit = t.wall[0];
      // Round 1: every variant checked and timed `quick` times.
      for (let j = 0; j < kernel.variants.length; ++j) {
        if (settled(t, j)) continue;  // done in the first pass
        const problem = variantProblem(device, artifact.manifest, t.k, j);
        if (problem) {
          entry.errors[j] = problem;
          continue;
        }
        const compiled = session.ready[t.k].has(j);
        if (!fits((compiled ? 0 : t.compileMs) + t.checkMs + perSubmit * (extraWarm + quick))) {
          ++entry.skipped;
          continue;
        }
        let times;
        try {
          await session.pipeline(t.k, j);
          if (!compiled) {
            const ms = session.compileMs[t.k].get(j) ?? 0;
            t.compileMs = Math.max(t.compiledOne ? t.compileMs : t.defaultCompileMs, ms);
            t.compiledOne = true;
            variantCompileMs = Math.max(variantCompileMs, ms);
          }
          if (!fits(t.checkMs + perSubmit * (extraWarm + quick))) {
            ++entry.skipped;
            continue;
          }
          if (t.want) {
            const checkStart = performance.now();
            const got = await checkRun(t, j);
            // A variant slower than the default runs its timings slower:
            // predicted from its check run against the default's.
            const slower = Math.max(1, (performance.now() - checkStart) / Math.max(t.checkMs, 1e-3));
            const d = t.check.compare(t.want, got, verifyTolerance);
            if (d) {
              entry.mismatches[j] = d;
              continue;
            }
            if (!fits(perSubmit * slower * (extraWarm + quick))) {
              ++entry.skipped;
              continue;
            }
          }
          times = await timings(t, j, extraWarm, quick);
        } catch (e) {  // a variant the device rejects is skipped, not fatal
          if (!(e instanceof TesseraWebError)) throw e;
          entry.errors[j] = e.message;
          continue;
        }
        if (times === null) {
          ++entry.skipped;
          continue;
        }
        entry.variants[j] = median(times);
        entry.timings[j] = times.length;
      }
      // Round 2 (racing): the full timings for the fastest.
      if (quick < reps) {
        const timed = entry.variants.map((ms, j) => j).filter(j => entry.timings[j] === quick);
        const bar = Math.min(entry.default, ...timed.map(j => entry.variants[j])) * (1 + raceMargin);
        const finalists = timed.filter(j => entry.variants[j] <= bar)
          .sort((a, b) => entry.variants[a] - entry.variants[b]).slice(0, raceKeep);
        for (const j of finalists) {
          if (!fits(t.wall[j + 1] * (reps - quick))) {
            ++entry.skipped;
            continue;
          }
          const more = await timings(t, j, 0, reps - quick);
          if (more === null) {
            ++entry.skipped;
            continue;
          }
          entry.variants[j] = median([entry.variants[j], ...more]);
          entry.timings[j] = reps;
        }
      }
      // The default timed again next to its rivals (a machine's load drifts).
      if (entry.timings.includes(reps) && fits(t.wall[0] * reps)) {
        const again = await timings(t, -1, 0, reps);
        if (again) t.defaultTimes = t.defaultTimes.concat(again);
        entry.default = median(t.defaultTimes);
      }
      let best = -1;
      entry.variants.forEach((ms, j) => {
        if (entry.timings[j] === reps && ms < (best < 0 ? entry.default : entry.variants[best])) best = j;
      });
      entry.choice = best >= 0 && entry.variants[best] < entry.default * (1 - minGain) ? best : -1;
      await t.check.run(null);
      t.check.destroy();
      t.check = null;
    };
    // Shares of the budget left, in proportion to the kernels' default
    // times; each from what is left when the kernel starts, so that what a
    // kernel leaves goes to the next ones. A second pass gives what the
    // first left (the last kernels' unused shares) to the kernels it cut
    // short, the same way.
    const weight = t => Math.max(t.once, 1e-3);  // a kernel timed at 0 ms gets a sliver
    for (const pass of [1, 2]) {
      const kernels = pass === 1 ? order : order.filter(t => t.entry.skipped > 0);
      let weightLeft = kernels.reduce((sum, t) => sum + weight(t), 0);
      for (const t of kernels) {
        const now = performance.now();
        const share = Math.max(0, deadline - now) * Math.min(1, weight(t) / weightLeft);
        weightLeft -= weight(t);
        limit = Math.min(deadline, now + share);
        t.entry.shareMs += share;
        await tuneKernel(t);
      }
    }
    if (tuned.some(t => t.entry.choice >= 0) && modelRounds > 0)
      modelCheck = await checkModel(session, inputs, tuned, modelRounds, modelMs, start + budgetMs, modelMinGain);
  } finally {
    timer.destroy();
    for (const t of tuned) {
      if (!t.check) continue;
      await t.check.run(null);  // the buffers as the inputs' run left them
      t.check.destroy();
    }
  }
  const complete = tuned.every(t => t.entry.skipped === 0);
  const choice = {};
  for (const t of tuned) choice[t.kernel.name] = t.entry.choice;
  await session.selectNow(choice);
  return { choice, seconds: (performance.now() - start) / 1000, method, complete, budgetMs, modelCheck,
           measured: tuned.map(t => t.entry) };
}

/// What a round of the whole-model check is predicted to cost: two runs of
/// `modelMs` (the inputs' run), with a quarter more.
const modelRoundMs = modelMs => 1.25 * 2 * modelMs;

/// The whole model with the default variants and with the kernels' choices,
/// timed alternately `rounds` times (each run as long as the inputs' run
/// `modelMs`, with a quarter more, before `end`): kernels that won alone can
/// lose inside the model (caches, the order of dispatches), so the choices
/// are kept only if the model's median is `minGain` faster; else every
/// kernel's choice becomes the default (-1). Also the default when no round
/// fits. Resolves to {defaultMs, tunedMs (null: not timed), rounds, kept:
/// 'tuned' | 'default'}.
async function checkModel(session, inputs, tuned, rounds, modelMs, end, minGain) {
  const { device } = session;
  const variants = chosen => Object.fromEntries(tuned.map(t => [t.kernel.name, chosen ? t.entry.choice : -1]));
  const timeModel = async chosen => {
    await session.selectNow(variants(chosen));
    const begin = performance.now();
    await checked(device, 'tuning: the whole model', async () => {
      await session.submit(inputs);
      await device.queue.onSubmittedWorkDone();
    });
    return performance.now() - begin;
  };
  const defaultTimes = [], tunedTimes = [];
  while (defaultTimes.length < rounds && performance.now() + modelRoundMs(modelMs) <= end) {
    defaultTimes.push(await timeModel(false));
    tunedTimes.push(await timeModel(true));
  }
  const check = { defaultMs: defaultTimes.length ? median(defaultTimes) : modelMs,
                  tunedMs: tunedTimes.length ? median(tunedTimes) : null, rounds: defaultTimes.length };
  check.kept = check.tunedMs !== null && check.tunedMs < check.defaultMs * (1 - minGain) ? 'tuned' : 'default';
  if (check.kept === 'default')
    for (const t of tuned) t.entry.choice = -1;
  return check;
}

//===----------------------------------------------------------------------===//
// Caching tuning results in the host
//===----------------------------------------------------------------------===//

/// A 128-bit hash of a string (four 32-bit FNV-1a-like lanes with
/// different seeds and a final mix), as 32 hex digits: pure ECMAScript, so
/// that keys are the same in every browser (crypto.subtle is missing on
/// plain http pages) and in Node.
function hash128(text) {
  const seeds = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  const h = [...seeds];
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    h[0] = Math.imul(h[0] ^ c, 0x01000193);
    h[1] = Math.imul(h[1] ^ c, 0x5bd1e995);
    h[2] = Math.imul(h[2] ^ c, 0x27d4eb2f);
    h[3] = Math.imul(h[3] ^ c, 0x165667b1);
  }
  for (let r = 0; r < 2; ++r)
    for (let i = 0; i < 4; ++i) {
      let x = h[i] ^ h[(i + 1) & 3] ^ (text.length >>> (8 * i));
      x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
      x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
      h[i] = (x ^ (x >>> 16)) >>> 0;
    }
  return h.map(x => (x >>> 0).toString(16).padStart(8, '0')).join('');
}

/// The cache key of tuning `artifact` on an adapter: a hash of the
/// validated manifest, every WGSL module (defaults and variants), the
/// adapter's vendor, architecture, device and description (a
/// GPUAdapterInfo: adapter.info or device.adapterInfo) and the key's layout
/// revision (not TUNER_REVISION: an older tuner's entry is found, and
/// tuneWithCache reports it as stale).
export function tuningKey(artifact, adapterInfo) {
  if (!isObject(artifact?.manifest) || !Array.isArray(artifact.kernels))
    fail('tuningKey: expected an artifact from loadArtifact');
  if (adapterInfo === null || typeof adapterInfo !== 'object')
    fail('tuningKey: expected the adapter\'s info (adapter.info or device.adapterInfo)');
  const adapter = ['vendor', 'architecture', 'device', 'description'].map(f => String(adapterInfo[f] ?? ''));
  const parts = [`tessera-webgpu-tuning ${TUNING_KEY_REVISION}`, JSON.stringify(adapter),
                 JSON.stringify(artifact.manifest)];
  for (const k of artifact.kernels) {
    parts.push(k.code);
    for (const v of k.variants ?? []) parts.push(v.code);
  }
  // Lengths first: no two different lists of parts give the same text.
  return 'webgpu-' + hash128(parts.map(p => `${p.length}:`).join('') + '\n' + parts.join('\n'));
}

/// Why a cached value cannot be used with `manifest`, or null.
function cachedChoiceProblem(value, manifest) {
  if (!isObject(value) || !isObject(value.choice)) return 'no choice object';
  for (const [name, j] of Object.entries(value.choice)) {
    const kernel = manifest.kernels.find(k => k.name === name);
    if (!kernel) return `no kernel ${name}`;
    if (!Number.isSafeInteger(j) || j < -1 || j >= kernel.variants.length)
      return `${describe(j)} is not a variant of kernel ${name}`;
  }
  return null;
}

/// A tuning store in a browser's localStorage (or any object with
/// getItem/setItem/removeItem): one item per key, `prefix` + key. A value
/// that does not parse is reported with `warn`, removed and ignored; a full
/// storage is reported and the choice is not kept.
export function localStorageTuningStore({ storage = globalThis.localStorage, prefix = 'tessera-webgpu-tuning:',
                                          warn = m => console.warn(m) } = {}) {
  if (!storage || typeof storage.getItem !== 'function')
    fail('localStorageTuningStore: no localStorage (pass {storage})');
  return {
    get(key) {
      const text = storage.getItem(prefix + key);
      if (text === null) return undefined;
      try {
        const value = JSON.parse(text);
        if (isObject(value)) return value;
        throw new Error('not a JSON object');
      } catch (e) {
        warn(`warning: tuning cache localStorage[${prefix + key}] is corrupt (${e.message}): ignored`);
        storage.removeItem(prefix + key);
        return undefined;
      }
    },
    set(key, value) {
      try {
        storage.setItem(prefix + key, JSON.stringify(value));
      } catch (e) {
        warn(`warning: tuning cache: cannot store ${prefix + key} in localStorage: ${e.message}`);
      }
    },
  };
}

/// tuneSession with a cache: `store` is {get(key), set(key, value)} (either
/// may return a promise; localStorageTuningStore in a browser,
/// web/tools/tuning-cache.mjs's file store in Node). On a hit the cached
/// choice is applied and nothing is measured (method 'cached', seconds 0,
/// `complete` as stored); otherwise the session is tuned and the choice is
/// stored (`stored`), also when the budget ran out first (as the CPU
/// tuner does: what was not measured keeps the default, cached as such,
/// so that the next run measures nothing; a larger budget with a fresh
/// store tunes it), unless nothing at all was measured (a zero budget).
/// A store that fails or holds an
/// unusable value, one stored by another TUNER_REVISION (stale), or one
/// whose variants were checked within a larger `verifyTolerance` than
/// asked, is reported with `warn` and ignored (then replaced). `adapterInfo`
/// defaults to session.device.adapterInfo. Resolves to tuneSession's result
/// plus {cached, stored, key, measuredAny} (measuredAny: some kernel's
/// default was timed, so a choice exists even where it was not stored).
export async function tuneWithCache(session, inputs, { store, adapterInfo, warn = m => console.warn(m),
                                                       ...options } = {}) {
  if (!store || typeof store.get !== 'function' || typeof store.set !== 'function')
    fail('tuneWithCache: store must have get(key) and set(key, value)');
  const key = tuningKey(session.artifact, adapterInfo ?? session.device.adapterInfo);
  let cached;
  try {
    cached = await store.get(key);
  } catch (e) {
    warn(`warning: tuning cache: ${e.message}: ignored`);
  }
  // An entry another tuner revision stored (its `tuner`) is stale: its
  // choice was not made the way this runtime makes it (e.g. unverified).
  if (isObject(cached) && cached.tuner !== undefined && cached.tuner !== TUNER_REVISION) {
    warn(`warning: tuning cache entry ${key} is stale (tuner revision ${describe(cached.tuner)}, ` +
         `this runtime's is ${TUNER_REVISION}): ignored`);
    cached = undefined;
  }
  // A choice whose variants were checked more loosely than asked now is
  // not reused either.
  const tolerance = options.verifyTolerance ?? 0;
  if (isObject(cached) && typeof cached.verifyTolerance === 'number' && cached.verifyTolerance > tolerance) {
    warn(`warning: tuning cache entry ${key} was checked within ${cached.verifyTolerance}, ` +
         `more loosely than ${tolerance}: ignored`);
    cached = undefined;
  }
  if (cached !== undefined && cached !== null) {
    let problem = cachedChoiceProblem(cached, session.artifact.manifest);
    if (!problem) {
      const start = performance.now();
      try {
        await session.selectVariants(cached.choice);
        return { choice: { ...cached.choice }, seconds: 0, method: 'cached', complete: cached.complete !== false,
                 measured: [], cached: true, stored: false, key, measuredAny: false,
                 selectSeconds: (performance.now() - start) / 1000 };
      } catch (e) {  // e.g. a variant this device rejects
        if (!(e instanceof TesseraWebError)) throw e;
        problem = e.message;
      }
    }
    warn(`warning: tuning cache entry ${key} is unusable (${problem}): ignored`);
  }
  const result = await tuneSession(session, inputs, options);
  const measuredAny = result.measured.some(m => m.default !== null);
  let stored = false;
  if (result.complete || measuredAny) {
    try {
      await store.set(key, { choice: result.choice, complete: result.complete, seconds: result.seconds,
                             method: result.method, budgetMs: result.budgetMs, measured: result.measured,
                             tuner: TUNER_REVISION, verifyTolerance: tolerance, date: new Date().toISOString() });
      stored = true;
    } catch (e) {
      warn(`warning: tuning cache: cannot store the choice: ${e.message}`);
    }
  }
  return { ...result, cached: false, stored, key, measuredAny };
}
