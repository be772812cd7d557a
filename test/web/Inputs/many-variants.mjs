// A hand-written artifact with dozens of WGSL variants per kernel (as
// `tessera-compile --target=webgpu` ships with workgroup size x thread
// coarsening), for tuning tests (test/web/tune-many.test,
// web/test/tune-many.test.js):
//
//   node many-variants.mjs OUTDIR [--n N] [--wrong J] [--inputs DIR]
//
// Kernel `scale`: z = (x + y) * 0.5 over N float32; default workgroup 64,
// one element per thread; variants: workgroup 16/32/64/128/256 x 1/2/4/8
// elements per thread, blocked (consecutive) or strided (i, i + T, ...):
// 34 variants. Kernel `hash`: h = (u ^ (u >> 7)) * 2654435761 with u the
// bits of x (uint32); 5 variants. Kernel `acc`: a = a * 0.5 + y in place
// (a read_write binding the kernel also reads; a copy step sets a = x
// before it); 4 variants. Every variant computes exactly the default's
// values. --wrong J makes variant J of `scale` compute
// (x + y) * 0.5 + 2^-20 * x (a small, wrong difference); --wrong-hash J
// makes variant J of `hash` add 1. --inputs DIR writes x.npy and y.npy
// (deterministic) there.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { encodeNpy } from '../../../web/src/npy.js';

const groups = (n, w, e) => Math.ceil(n / (w * e));

function kernel({ n, w, e, strided, body, decls, what }) {
  const total = w * groups(n, w, e);
  const index = e === 1 ? 'gid.x' : strided ? `gid.x + k * ${total}u` : `gid.x * ${e}u + k`;
  const loop = e === 1 ? `  let i = gid.x;\n  if (i < ${n}u) { ${body} }\n`
    : `  for (var k = 0u; k < ${e}u; k++) {\n    let i = ${index};\n    if (i < ${n}u) { ${body} }\n  }\n`;
  return `// ${what}: workgroup ${w}, ${e} element(s) per thread${e > 1 ? (strided ? ', strided' : ', blocked') : ''}\n` +
         `${decls}\n@compute @workgroup_size(${w})\n` +
         `fn main(@builtin(global_invocation_id) gid: vec3u) {\n${loop}}\n`;
}

/// The artifact's files: {path: text}.
export function generate({ n = 250007, wrong = -1, wrongHash = -1 } = {}) {
  const files = {};
  const scaleDecls = '@group(0) @binding(0) var<storage, read> x: array<f32>;\n' +
                     '@group(0) @binding(1) var<storage, read> y: array<f32>;\n' +
                     '@group(0) @binding(2) var<storage, read_write> z: array<f32>;\n';
  const hashDecls = '@group(0) @binding(0) var<storage, read> x: array<f32>;\n' +
                    '@group(0) @binding(1) var<storage, read_write> h: array<u32>;\n';
  const scaleBody = 'z[i] = (x[i] + y[i]) * 0.5;';
  const wrongBody = 'z[i] = (x[i] + y[i]) * 0.5 + x[i] * 0.00000095367431640625;';
  const hashBody = 'let u = bitcast<u32>(x[i]); h[i] = (u ^ (u >> 7u)) * 2654435761u;';
  const wrongHashBody = 'let u = bitcast<u32>(x[i]); h[i] = (u ^ (u >> 7u)) * 2654435761u + 1u;';
  const accDecls = '@group(0) @binding(0) var<storage, read> y: array<f32>;\n' +
                   '@group(0) @binding(1) var<storage, read_write> a: array<f32>;\n';
  const accBody = 'a[i] = a[i] * 0.5 + y[i];';
  const accConfigs = [{ w: 32, e: 1 }, { w: 128, e: 1 }, { w: 256, e: 2 }, { w: 64, e: 4, strided: true }];
  const configs = [];
  for (const w of [16, 32, 64, 128, 256])
    for (const e of [1, 2, 4, 8])
      for (const strided of e === 1 ? [false] : [false, true])
        if (!(w === 64 && e === 1)) configs.push({ w, e, strided });
  const hashConfigs = [{ w: 32, e: 1 }, { w: 128, e: 1 }, { w: 256, e: 1 }, { w: 64, e: 4 },
                       { w: 256, e: 4, strided: true }];
  const name = (k, c) => `kernels/${k}.wg${c.w}.e${c.e}${c.strided ? 's' : ''}.wgsl`;
  files['kernels/scale.wgsl'] = kernel({ n, w: 64, e: 1, body: scaleBody, decls: scaleDecls, what: 'scale' });
  files['kernels/hash.wgsl'] = kernel({ n, w: 64, e: 1, body: hashBody, decls: hashDecls, what: 'hash' });
  configs.forEach((c, j) => {
    files[name('scale', c)] = kernel({ n, ...c, body: j === wrong ? wrongBody : scaleBody, decls: scaleDecls,
                                       what: j === wrong ? 'scale (deliberately wrong)' : 'scale' });
  });
  hashConfigs.forEach((c, j) => {
    files[name('hash', c)] = kernel({ n, ...c, body: j === wrongHash ? wrongHashBody : hashBody, decls: hashDecls,
                                      what: j === wrongHash ? 'hash (deliberately wrong)' : 'hash' });
  });
  files['kernels/acc.wgsl'] = kernel({ n, w: 64, e: 1, body: accBody, decls: accDecls, what: 'acc' });
  accConfigs.forEach(c => {
    files[name('acc', c)] = kernel({ n, ...c, body: accBody, decls: accDecls, what: 'acc' });
  });
  const bytes = Math.ceil(n * 4 / 4) * 4;
  const access = list => list.map((a, i) => ({ binding: i, access: a }));
  const manifest = {
    format: 'tessera-webgpu', version: 1, generator: 'hand-written (test/web/Inputs/many-variants.mjs)',
    entry: 'many',
    inputs: [{ dtype: 'float32', shape: [n], buffer: 0 }, { dtype: 'float32', shape: [n], buffer: 1 }],
    outputs: [{ dtype: 'float32', shape: [n], buffer: 2 }, { dtype: 'uint32', shape: [n], buffer: 3 },
              { dtype: 'float32', shape: [n], buffer: 4 }],
    buffers: [{ size: bytes }, { size: bytes }, { size: bytes }, { size: bytes }, { size: bytes }],
    kernels: [
      { name: 'scale', file: 'kernels/scale.wgsl', entryPoint: 'main', workgroupSize: [64, 1, 1],
        bindings: access(['read', 'read', 'read_write']),
        variants: configs.map(c => ({ file: name('scale', c), workgroupSize: [c.w, 1, 1] })) },
      { name: 'hash', file: 'kernels/hash.wgsl', entryPoint: 'main', workgroupSize: [64, 1, 1],
        bindings: access(['read', 'read_write']),
        variants: hashConfigs.map(c => ({ file: name('hash', c), workgroupSize: [c.w, 1, 1] })) },
      { name: 'acc', file: 'kernels/acc.wgsl', entryPoint: 'main', workgroupSize: [64, 1, 1],
        bindings: access(['read', 'read_write']),
        variants: accConfigs.map(c => ({ file: name('acc', c), workgroupSize: [c.w, 1, 1] })) },
    ],
    steps: [
      { op: 'upload', input: 0, buffer: 0 },
      { op: 'upload', input: 1, buffer: 1 },
      { op: 'dispatch', kernel: 0, workgroups: [groups(n, 64, 1), 1, 1],
        variantWorkgroups: configs.map(c => [groups(n, c.w, c.e), 1, 1]), buffers: [0, 1, 2] },
      { op: 'dispatch', kernel: 1, workgroups: [groups(n, 64, 1), 1, 1],
        variantWorkgroups: hashConfigs.map(c => [groups(n, c.w, c.e), 1, 1]), buffers: [0, 3] },
      { op: 'copy', src: 0, dst: 4, size: bytes },
      { op: 'dispatch', kernel: 2, workgroups: [groups(n, 64, 1), 1, 1],
        variantWorkgroups: accConfigs.map(c => [groups(n, c.w, c.e), 1, 1]), buffers: [1, 4] },
      { op: 'download', output: 0, buffer: 2 },
      { op: 'download', output: 1, buffer: 3 },
      { op: 'download', output: 2, buffer: 4 },
    ],
    limits: {},
  };
  files['manifest.json'] = JSON.stringify(manifest, null, 1) + '\n';
  return files;
}

/// Deterministic inputs x, y (float32 in [-4, 4)).
export function inputs(n = 250007) {
  let seed = 7;
  const random = () => ((seed = Math.imul(seed, 1103515245) + 12345 >>> 0) / 2 ** 32) * 8 - 4;
  return [Float32Array.from({ length: n }, random), Float32Array.from({ length: n }, random)];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i < 0 ? fallback : args.splice(i, 2)[1];
  };
  const n = Number(opt('--n', 250007));
  const wrong = Number(opt('--wrong', -1));
  const wrongHash = Number(opt('--wrong-hash', -1));
  const inputDir = opt('--inputs', null);
  const [out] = args;
  const files = generate({ n, wrong, wrongHash });
  await mkdir(`${out}/kernels`, { recursive: true });
  for (const [path, text] of Object.entries(files)) await writeFile(`${out}/${path}`, text);
  if (inputDir) {
    await mkdir(inputDir, { recursive: true });
    const [x, y] = inputs(n);
    await writeFile(`${inputDir}/x.npy`, encodeNpy(x, [n], 'float32'));
    await writeFile(`${inputDir}/y.npy`, encodeNpy(y, [n], 'float32'));
  }
  const m = JSON.parse(files['manifest.json']);
  console.log(`wrote ${out}: ${m.kernels.map(k => `${k.name} (${k.variants.length} variants)`).join(', ')}`);
}
