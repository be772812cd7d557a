// The Node host's tuning cache for tessera-web (tuneWithCache's `store`): a
// JSON file, by default $XDG_CACHE_HOME/tessera/webgpu-tuning.json (else
// ~/.cache/tessera/webgpu-tuning.json):
//
//   {"format": "tessera-webgpu-tuning", "version": 1,
//    "entries": {"webgpu-<hash>": {"choice": {...}, "seconds": ..., ...}}}
//
// Writes are atomic (a temporary file in the same directory, renamed over
// the cache) and take a lock file (PATH.lock, created exclusively; one older
// than 30 s is taken as left by a crashed process) while they re-read the
// file and merge what other processes stored meanwhile, so concurrent
// writers neither corrupt the file nor drop each other's entries. A file
// that does not parse is reported on stderr and ignored; the next write
// moves it to PATH.corrupt and starts a new one.

import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';

export const CACHE_FORMAT = 'tessera-webgpu-tuning';
export const CACHE_VERSION = 1;

/// The default cache path, from `env` (process.env).
export function defaultTuningCachePath(env = process.env) {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'tessera', 'webgpu-tuning.json');
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/// Reads the cache: {entries} when it is valid or missing, {corrupt: why}
/// when it is not.
async function readCache(path) {
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return { entries: {} };
    return { corrupt: `cannot read it: ${e.message}`, unreadable: true };
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { corrupt: `invalid JSON: ${e.message}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || json.format !== CACHE_FORMAT)
    return { corrupt: `not a ${CACHE_FORMAT} file` };
  if (json.version !== CACHE_VERSION)
    return { corrupt: `version ${JSON.stringify(json.version)}, this runtime reads ${CACHE_VERSION}` };
  if (typeof json.entries !== 'object' || json.entries === null || Array.isArray(json.entries))
    return { corrupt: 'no entries object' };
  return { entries: json.entries };
}

async function lock(path, timeoutMs) {
  const lockPath = `${path}.lock`;
  const end = Date.now() + timeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => { await unlink(lockPath).catch(() => {}); };
    } catch (e) {
      if (e.code !== 'EEXIST') throw new Error(`cannot create ${lockPath}: ${e.message}`);
    }
    try {  // a lock left by a process that died
      if (Date.now() - (await stat(lockPath)).mtimeMs > 30000) await unlink(lockPath);
    } catch { /* removed meanwhile */ }
    if (Date.now() > end) throw new Error(`${lockPath} is held by another process (waited ${timeoutMs} ms)`);
    await sleep(delay + Math.random() * delay);
  }
}

/// A store {get(key), set(key, value)} over the JSON file at `path`.
/// Problems are reported with `warn` (default: a line on stderr) and
/// never thrown: a cache must not stop a run.
export function fileTuningStore(path, { warn = m => process.stderr.write(`${m}\n`), lockTimeoutMs = 10000 } = {}) {
  return {
    path,
    async get(key) {
      const cache = await readCache(path);
      if (cache.corrupt) {
        warn(`warning: tuning cache ${path} is corrupt (${cache.corrupt}): ignored`);
        return undefined;
      }
      const value = Object.hasOwn(cache.entries, key) ? cache.entries[key] : undefined;
      return value;
    },
    async set(key, value) {
      let unlock = null;
      try {
        await mkdir(dirname(path), { recursive: true });
        unlock = await lock(path, lockTimeoutMs);
        const cache = await readCache(path);
        if (cache.unreadable) throw new Error(cache.corrupt);
        if (cache.corrupt) {
          await rename(path, `${path}.corrupt`);
          warn(`warning: tuning cache ${path} is corrupt (${cache.corrupt}): moved to ${path}.corrupt`);
        }
        const entries = { ...(cache.entries ?? {}), [key]: value };
        const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        const handle = await open(tmp, 'w');
        try {
          await handle.writeFile(JSON.stringify({ format: CACHE_FORMAT, version: CACHE_VERSION, entries }, null, 1) + '\n');
          await handle.sync();
        } finally {
          await handle.close();
        }
        try {
          await rename(tmp, path);
        } catch (e) {
          await unlink(tmp).catch(() => {});
          throw e;
        }
      } catch (e) {
        warn(`warning: tuning cache ${path}: cannot store the tuning: ${e.message}`);
      } finally {
        if (unlock) await unlock();
      }
    },
  };
}
