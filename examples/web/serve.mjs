#!/usr/bin/env node
// A small static file server for the WebGPU demo (no dependencies):
//
//   node examples/web/serve.mjs [--root DIR] [--port N] [--host H] [--mount /PREFIX/=DIR]...
//
// Serves DIR (default: the repository root, so that the page can import
// web/src/tessera-web.js and read build/web-demo/) over http on H:N
// (default 127.0.0.1:8080; --port 0 picks a free port). --mount serves
// another directory under a URL prefix (e.g. an artifact built elsewhere).
// Prints `serving http://H:N/ (DIR)` and the demo page's URL, then runs until
// killed. WebGPU needs a secure context: http://localhost or 127.0.0.1 is one.
//
// Importable: startServer({root, port, host, mounts}) resolves to
// {server, url}.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wgsl': 'text/wgsl; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.npy': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.mlir': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
});

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/// The file a URL path names: under the longest matching mount, else under
/// root ('..' stops at that directory); null when the path is malformed.
function resolvePath(urlPath, root, mounts) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  let base = root, rest = decoded;
  for (const [prefix, dir] of mounts) {
    if (decoded.startsWith(prefix)) {
      base = dir;
      rest = decoded.slice(prefix.length);
      break;
    }
  }
  const file = path.join(base, path.posix.normalize('/' + rest));
  if (file !== base && !file.startsWith(base + path.sep)) return null; // cannot happen: normalize() stops at '/'
  return file;
}

export function startServer({ root = REPO_ROOT, port = 8080, host = '127.0.0.1', mounts = [] } = {}) {
  root = path.resolve(root);
  // Longest prefix first; each prefix starts and ends with '/'.
  const table = mounts.map(([prefix, dir]) => {
    let p = prefix.startsWith('/') ? prefix : '/' + prefix;
    if (!p.endsWith('/')) p += '/';
    return [p, path.resolve(dir)];
  }).sort((a, b) => b[0].length - a[0].length);

  const server = createServer(async (req, res) => {
    const send = (status, text) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text + '\n');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, `${req.method} not allowed`);
    const urlPath = new URL(req.url, 'http://localhost').pathname;
    let file = resolvePath(urlPath, root, table);
    if (file === null) return send(400, `bad request: ${urlPath}`);
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!urlPath.endsWith('/')) {
          res.writeHead(301, { Location: urlPath + '/' });
          return res.end();
        }
        file = path.join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) return send(404, `not found: ${urlPath}`);
      res.writeHead(200, {
        'Content-Type': mimeType(file),
        'Content-Length': info.size,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch {
      send(404, `not found: ${urlPath}`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({ server, url: `http://${shown}:${actual}/`, root });
    });
  });
}

function usage(message) {
  if (message) console.error(`serve.mjs: ${message}`);
  console.error('usage: node examples/web/serve.mjs [--root DIR] [--port N] [--host H] [--mount /PREFIX/=DIR]...');
  process.exit(message ? 1 : 0);
}

async function main(argv) {
  const options = { mounts: [] };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${arg} needs a value`));
    if (arg === '--root') options.root = value();
    else if (arg === '--host') options.host = value();
    else if (arg === '--port') {
      const text = value();
      options.port = Number(text);
      if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
        usage(`--port ${text}: expected an integer in 0..65535`);
    } else if (arg === '--mount') {
      const text = value();
      const eq = text.indexOf('=');
      if (eq <= 0 || eq === text.length - 1) usage(`--mount ${text}: expected /PREFIX/=DIR`);
      options.mounts.push([text.slice(0, eq), text.slice(eq + 1)]);
    } else if (arg === '-h' || arg === '--help') usage();
    else usage(`unknown argument ${arg}`);
  }
  for (const dir of [options.root ?? REPO_ROOT, ...options.mounts.map(m => m[1])]) {
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) usage(`${dir} is not a directory`);
  }
  const { url, root } = await startServer(options).catch(e => usage(`cannot listen: ${e.message}`));
  console.log(`serving ${url} (${root})`);
  for (const [prefix, dir] of options.mounts) console.log(`  ${prefix} -> ${path.resolve(dir)}`);
  if (path.resolve(root) === REPO_ROOT) console.log(`demo: ${url}examples/web/`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await main(process.argv.slice(2));
