// Reads each .npy file given and writes it again, through web/src/npy.js,
// as OUTDIR/<name>: test/web/npy.test compares the copies with numpy.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseNpy, encodeNpy } from '../../../web/src/npy.js';

const [outDir, ...files] = process.argv.slice(2);
for (const file of files) {
  const { dtype, shape, data } = parseNpy(readFileSync(file), file);
  writeFileSync(join(outDir, basename(file)), encodeNpy(data, shape, dtype));
  console.log(`${basename(file)}: ${dtype} [${shape.join(', ')}]`);
}
