// The Node host's tuning cache (tools/tuning-cache.mjs): round trip,
// corruption reported and ignored, concurrent writers, the default path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, readdir, access } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileTuningStore, defaultTuningCachePath, CACHE_FORMAT } from '../tools/tuning-cache.mjs';

const tmp = () => mkdtemp(join(tmpdir(), 'tessera-tuning-'));

test('the default path follows XDG_CACHE_HOME, else ~/.cache', () => {
  assert.equal(defaultTuningCachePath({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }),
               '/x/cache/tessera/webgpu-tuning.json');
  assert.equal(defaultTuningCachePath({ HOME: '/home/u' }), '/home/u/.cache/tessera/webgpu-tuning.json');
});

test('entries round-trip through the file, in a directory made on demand', async () => {
  const path = join(await tmp(), 'sub', 'dir', 'cache.json');
  const warnings = [];
  const store = fileTuningStore(path, { warn: m => warnings.push(m) });
  assert.equal(await store.get('webgpu-a'), undefined);
  await store.set('webgpu-a', { choice: { add: 3 }, seconds: 0.7 });
  await store.set('webgpu-b', { choice: { add: -1 } });
  const again = fileTuningStore(path);
  assert.deepEqual(await again.get('webgpu-a'), { choice: { add: 3 }, seconds: 0.7 });
  assert.deepEqual(await again.get('webgpu-b'), { choice: { add: -1 } });
  assert.equal(await again.get('toString'), undefined, 'only own entries');
  const json = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(json.format, CACHE_FORMAT);
  assert.deepEqual(Object.keys(json.entries), ['webgpu-a', 'webgpu-b']);
  assert.deepEqual(warnings, []);
  // No temporary or lock file is left behind.
  assert.deepEqual(await readdir(join(path, '..')), ['cache.json']);
});

test('a corrupt file is reported and ignored, then moved aside by the next write', async () => {
  const dir = await tmp();
  const path = join(dir, 'cache.json');
  for (const [text, why] of [['{"format": "tessera-webgpu-tuning", "entr', /invalid JSON/],
                             ['[1, 2, 3]', /not a tessera-webgpu-tuning file/],
                             ['{"format": "tessera-webgpu-tuning", "version": 9, "entries": {}}', /version 9/],
                             ['{"format": "tessera-webgpu-tuning", "version": 1, "entries": []}', /no entries object/]]) {
    await writeFile(path, text);
    const warnings = [];
    const store = fileTuningStore(path, { warn: m => warnings.push(m) });
    assert.equal(await store.get('webgpu-a'), undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], new RegExp(`^warning: tuning cache ${path} is corrupt \\(`));
    assert.match(warnings[0], why);
    assert.match(warnings[0], /\): ignored$/);
    await store.set('webgpu-a', { choice: { k: 0 } });
    assert.match(warnings[1], /is corrupt .*: moved to .*cache\.json\.corrupt$/);
    assert.equal(await readFile(`${path}.corrupt`, 'utf8'), text);
    assert.deepEqual(await fileTuningStore(path).get('webgpu-a'), { choice: { k: 0 } });
  }
});

test('a cache that cannot be written is reported, not thrown', async () => {
  const dir = await tmp();
  const blocker = join(dir, 'file');
  await writeFile(blocker, 'x');
  const warnings = [];
  const store = fileTuningStore(join(blocker, 'cache.json'), { warn: m => warnings.push(m) });
  await store.set('webgpu-a', { choice: {} });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^warning: tuning cache .*cache\.json: cannot store the tuning: /);
});

test('concurrent writers keep every entry and a valid file', async () => {
  const path = join(await tmp(), 'cache.json');
  const module = new URL('../tools/tuning-cache.mjs', import.meta.url).href;
  const writers = 8, each = 5;
  const script = `
    import { fileTuningStore } from ${JSON.stringify(module)};
    const store = fileTuningStore(${JSON.stringify(path)});
    const id = process.argv[1];
    for (let i = 0; i < ${each}; ++i) await store.set('webgpu-' + id + '-' + i, { choice: { k: i }, pad: 'x'.repeat(20000) });`;
  const codes = await Promise.all(Array.from({ length: writers }, (_, w) => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, String(w)],
                        { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', d => { err += d; });
    child.on('error', reject);
    child.on('exit', code => resolve({ code, err }));
  })));
  for (const { code, err } of codes) {
    assert.equal(code, 0, err);
    assert.equal(err, '', 'no warnings');
  }
  const json = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(Object.keys(json.entries).length, writers * each);
  await assert.rejects(access(`${path}.lock`), 'the lock is released');
});
