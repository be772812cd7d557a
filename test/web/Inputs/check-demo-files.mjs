// Serves the repository with examples/web/serve.mjs (an artifact directory
// mounted at /art/) and checks, over HTTP:
// - every file the demo page references (index.html's src/href, the module
//   scripts' static imports, followed recursively) is served with status
//   200 and the MIME type its extension needs, and every script parses
//   (node --check on the served file);
// - the artifact's manifest, kernels and weights are served with their types;
// - missing files (404), paths with '..' above the root or a mount (404:
//   they stop there), malformed paths (400), other methods (405) and
//   directories without a trailing slash (301) are answered so.
//
//   node check-demo-files.mjs ARTIFACT_DIR
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, writeFile, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../../examples/web/serve.mjs';

const EXPECTED = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.wgsl': 'text/wgsl', '.bin': 'application/octet-stream',
  '.npy': 'application/octet-stream',
};
let failures = 0;
const check = (ok, message) => {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${message}`);
  if (!ok) failures++;
};

const artifactDir = process.argv[2];
const { server, url } = await startServer({ port: 0, mounts: [['/art/', artifactDir]] });
const scratch = await mkdtemp(path.join(tmpdir(), 'demo-files-'));
try {
  const get = (p, init) => fetch(new URL(p, url), { redirect: 'manual', ...init });
  const mimeOf = r => (r.headers.get('content-type') ?? '').split(';')[0].trim();

  async function expectFile(urlPath) {
    const r = await get(urlPath);
    const want = EXPECTED[path.extname(new URL(urlPath, url).pathname)];
    check(r.status === 200 && mimeOf(r) === want,
          `${new URL(urlPath, url).pathname}: ${r.status} ${mimeOf(r)} (want 200 ${want})`);
    return r.status === 200 ? r.text() : '';
  }

  // The page and everything it references, transitively.
  const seen = new Set();
  const queue = ['/examples/web/index.html'];
  while (queue.length) {
    const p = queue.shift();
    if (seen.has(p)) continue;
    seen.add(p);
    const text = await expectFile(p);
    const base = new URL(p, url);
    const refs = [];
    if (p.endsWith('.html')) {
      for (const m of text.matchAll(/\b(?:src|href)\s*=\s*"([^"]+)"/g))
        if (!/^(data:|https?:|#)/.test(m[1])) refs.push(m[1]);
      check(/<script type="module" src="[^"]+">/.test(text), `${p}: has a module script`);
    } else {
      for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*'([^']+)'/gm)) refs.push(m[1]);
      for (const m of text.matchAll(/^\s*import\s*'([^']+)'/gm)) refs.push(m[1]);
      // node --check on the served bytes (ES module syntax: .mjs).
      const file = path.join(scratch, `${seen.size}.mjs`);
      await writeFile(file, text);
      const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
      check(r.status === 0, `${p}: parses${r.status ? ': ' + r.stderr.trim().split('\n').slice(0, 5).join(' | ') : ''}`);
    }
    for (const ref of refs) {
      if (!p.endsWith('.html') && !ref.startsWith('.') && !ref.startsWith('/')) {
        check(false, `${p}: imports '${ref}', which a browser without a bundler cannot resolve`);
        continue;
      }
      queue.push(new URL(ref, base).pathname);
    }
  }
  console.log(`page files: ${[...seen].join(' ')}`);

  // The artifact, as the page reads it.
  const manifest = JSON.parse(await expectFile('/art/manifest.json'));
  for (const k of manifest.kernels) await expectFile(`/art/${k.file}`);
  if (manifest.weights) await expectFile(`/art/${manifest.weights}`);
  const bytes = new Uint8Array(await (await get(`/art/${manifest.weights}`)).arrayBuffer());
  const onDisk = await readFile(path.join(artifactDir, manifest.weights));
  check(Buffer.compare(Buffer.from(bytes), onDisk) === 0, `/art/${manifest.weights}: ${bytes.length} bytes, as on disk`);

  // Errors.
  const status = async (p, init, want, what) => {
    const r = await get(p, init);
    check(r.status === want, `${what}: ${r.status} (want ${want})`);
    return r;
  };
  await status('/examples/web/missing.js', {}, 404, 'a missing file');
  // fetch() normalizes '..' away: send these paths as they are.
  const raw = target => new Promise((resolve, reject) => {
    const u = new URL(url);
    request({ host: u.hostname, port: u.port, path: target }, res => {
      let body = '';
      res.on('data', d => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject).end();
  });
  const depth = path.resolve(artifactDir).split(path.sep).length + 2;
  for (const [target, want, what] of [
    [`/examples/web/${'../'.repeat(depth)}etc/passwd`, 404, 'a path above the root'],
    [`/examples/web/${'%2e%2e/'.repeat(depth)}etc/passwd`, 404, 'an encoded path above the root'],
    [`/art/${'..%2f'.repeat(depth)}etc/passwd`, 404, 'an encoded path above a mount'],
    [`/art/..%2f..%2fexamples/web/index.html`, 404, 'the root through a mount\'s ..'],
    ['/examples/web/%E0%A4%A', 400, 'a malformed path'],
    ['/examples/web/a%00.js', 400, 'a path with NUL'],
  ]) {
    const r = await raw(target);
    check(r.status === want && !r.body.includes('root:') && !r.body.includes('<html'),
          `${what} (${target}): ${r.status} (want ${want})`);
  }
  await status('/examples/web/index.html', { method: 'POST' }, 405, 'POST');
  const r = await status('/examples/web', {}, 301, 'a directory without /');
  check(r.headers.get('location') === '/examples/web/', `redirects to ${r.headers.get('location')}`);
  await status('/examples/web/', {}, 200, 'a directory with /: its index.html');
} finally {
  server.close();
  await rm(scratch, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed` : 'all demo files served correctly');
process.exit(failures ? 1 : 0);
