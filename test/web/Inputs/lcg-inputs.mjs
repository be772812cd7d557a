// Writes the inputs the demo page generates for a seed (examples/web/
// inputs.js, run in Node) as .npy files: node lcg-inputs.mjs MANIFEST SEED OUTDIR
// (test/web/demo-inputs.test compares them with examples/web/demo_inputs.py's).
// Only the manifest's `inputs` (dtype, shape) are read.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { encodeNpy } from '../../../web/src/npy.js';
import { lcgInputs } from '../../../examples/web/inputs.js';

const [manifestPath, seedText, out] = process.argv.slice(2);
const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
try {
  const inputs = lcgInputs(manifest, Number(seedText));
  await mkdir(out, { recursive: true });
  for (const [i, data] of inputs.entries())
    await writeFile(`${out}/in${i}.npy`, encodeNpy(data, manifest.inputs[i].shape, manifest.inputs[i].dtype));
  console.log(`wrote ${inputs.length} inputs`);
} catch (e) {
  console.error(`lcg-inputs: ${e.message}`);
  process.exit(1);
}
