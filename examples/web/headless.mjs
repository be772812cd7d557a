#!/usr/bin/env node
// Opens the WebGPU demo page (index.html) in headless Chromium, driven by
// playwright-core (web/package.json's devDependencies), and prints what it
// shows:
//
//   node examples/web/headless.mjs [--query 'seed=2&artifact=...'] [--mount /PREFIX/=DIR]...
//        [--out result.json] [--chromium PATH] [--hide-navigator-gpu]
//        [--timeout SECONDS]
//   node examples/web/headless.mjs --probe [--chromium PATH]
//
// Serves the repository root (and --mount directories) with serve.mjs on a
// free port of 127.0.0.1, opens examples/web/index.html?QUERY and waits for
// the page's result (window.tesseraDemo). Prints `adapter: ...`,
// `state: done|error`, `error: ...`, `output I: ...`, `timing: ...`; --out
// writes the whole result (every output value) as JSON. Exit status: 0 when
// the page finished without error, 1 when it reported an error, 2 when the
// page or the browser could not be driven.
//
// Chromium (default /usr/bin/chromium, or $CHROMIUM) runs with
// --enable-unsafe-webgpu, which Linux builds need for WebGPU (without a GPU
// Chrome's adapter is SwiftShader, its CPU Vulkan implementation).
// --hide-navigator-gpu removes navigator.gpu before the page runs, as in a
// browser without WebGPU.
// --probe prints one line, `chromium-webgpu: ADAPTER` or
// `chromium-webgpu: unavailable: WHY`, and exits 0 (lit's probe).

import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { startServer } from './serve.mjs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));

class UsageError extends Error {}

function parseArgs(argv) {
  const args = { query: '', mounts: [], out: null, chromium: process.env.CHROMIUM || '/usr/bin/chromium',
                 hideGpu: false, timeout: 180, probe: false };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--query': args.query = value().replace(/^\?/, ''); break;
      case '--mount': {
        const text = value();
        const eq = text.indexOf('=');
        if (eq <= 0 || eq === text.length - 1) throw new UsageError(`--mount ${text}: expected /PREFIX/=DIR`);
        args.mounts.push([text.slice(0, eq), text.slice(eq + 1)]);
        break;
      }
      case '--out': args.out = value(); break;
      case '--chromium': args.chromium = value(); break;
      case '--hide-navigator-gpu': args.hideGpu = true; break;
      case '--timeout': {
        const text = value();
        args.timeout = Number(text);
        if (!(args.timeout > 0)) throw new UsageError(`--timeout ${text}: expected a positive number of seconds`);
        break;
      }
      case '--probe': args.probe = true; break;
      default: throw new UsageError(`unknown argument ${arg}`);
    }
  }
  return args;
}

async function launch(args) {
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    throw new Error(`cannot load playwright-core (run npm ci in web/): ${e.message.split('\n')[0]}`);
  }
  try {
    return await chromium.launch({ executablePath: args.chromium, headless: true,
                                   args: ['--enable-unsafe-webgpu'],
                                   timeout: 60000 });
  } catch (e) {
    throw new Error(`cannot start ${args.chromium}: ${e.message.split('\n')[0]}`);
  }
}

async function probe(args) {
  let browser, served;
  try {
    served = await startServer({ port: 0 });
    browser = await launch(args);
    const page = await browser.newPage();
    // A page of the server: WebGPU needs a secure context (about:blank is not).
    await page.goto(served.url + 'examples/web/inputs.js');
    const adapter = await page.evaluate(async () => {
      if (!navigator.gpu) return { error: 'navigator.gpu is undefined' };
      const a = await navigator.gpu.requestAdapter();
      if (!a) return { error: 'requestAdapter() returned null' };
      const info = a.info ?? {};
      return { name: [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' '),
               fallback: Boolean(info.isFallbackAdapter ?? a.isFallbackAdapter) };
    });
    console.log(adapter.error ? `chromium-webgpu: unavailable: ${adapter.error}`
      : `chromium-webgpu: ${adapter.name || '(unnamed adapter)'}${adapter.fallback ? ' (fallback adapter)' : ''}`);
  } catch (e) {
    console.log(`chromium-webgpu: unavailable: ${e.message.split('\n')[0]}`);
  } finally {
    await browser?.close().catch(() => {});
    served?.server.close();
  }
}

async function run(args) {
  const served = await startServer({ port: 0, mounts: args.mounts });
  const browser = await launch(args);
  try {
    const page = await browser.newPage();
    const log = [];
    page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') log.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', e => log.push(`page error: ${e.message}`));
    page.on('response', r => { if (r.status() >= 400) log.push(`HTTP ${r.status()}: ${r.url()}`); });
    if (args.hideGpu)
      await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined }));
    const url = `${served.url}examples/web/index.html${args.query ? '?' + args.query : ''}`;
    console.log(`page: ${url}`);
    await page.goto(url);
    try {
      await page.waitForFunction(() => window.tesseraDemo && window.tesseraDemo.state !== 'running',
                                 null, { timeout: args.timeout * 1000 });
    } catch (e) {
      const state = await page.evaluate(() => window.tesseraDemo?.state ?? 'no window.tesseraDemo')
        .catch(() => 'unknown');
      console.error(`headless.mjs: the page did not finish in ${args.timeout} s (state: ${state})`);
      for (const line of log) console.error(line);
      return 2;
    }
    const result = await page.evaluate(() => window.tesseraDemo);
    const status = await page.textContent('#status');
    if (result.adapter) {
      const a = result.adapter;
      console.log(`adapter: ${[a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ') || '(unnamed)'}` +
                  (a.isFallbackAdapter ? ' (fallback adapter)' : ''));
    }
    console.log(`state: ${result.state}`);
    console.log(`status: ${status.replace(/\s+/g, ' ').trim()}`);
    if (result.error) console.log(`error: ${result.error.replace(/\s+/g, ' ')}`);
    for (const [i, o] of (result.outputs ?? []).entries())
      console.log(`output ${i}: ${o.dtype} [${o.shape.join(', ')}] checksum ${o.checksum} first ${o.first.join(' ')}`);
    if (result.timing)
      console.log(`timing: median ${result.timing.median.toFixed(3)} ms over ${result.timing.runs} runs`);
    if (result.state === 'error') for (const line of log) console.log(line);
    if (args.out) await writeFile(args.out, JSON.stringify(result, null, 1) + '\n');
    return result.state === 'done' ? 0 : 1;
  } finally {
    await browser.close().catch(() => {});
    served.server.close();
  }
}

let code;
try {
  const args = parseArgs(process.argv.slice(2));
  code = args.probe ? (await probe(args), 0) : await run(args);
} catch (e) {
  console.error(e instanceof UsageError
    ? `headless.mjs: ${e.message}\nusage: node examples/web/headless.mjs [--probe] [--query Q] [--mount /P/=DIR] [--out F] [--chromium PATH] [--hide-navigator-gpu] [--timeout S]`
    : `headless.mjs: ${e.message}`);
  code = 2;
}
process.exit(code);
