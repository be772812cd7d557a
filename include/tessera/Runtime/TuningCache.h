//===- TuningCache.h - Persistent cache of tuned kernel configs -*- C++ -*-===//
//
// A JSON file ($XDG_CACHE_HOME/tessera/tuning.json by default) mapping a
// kernel key (hash of the kernel's IR, shapes included, of the device
// fingerprint and of the compiler version) to the config measured best.
// Writes are atomic (a temporary file renamed over the cache) and
// serialized across processes by an flock on `<path>.lock`, which also
// merges what other processes wrote meanwhile. A file that does not parse
// is reported, moved aside to `<path>.corrupt` and ignored; entries of
// another device or compiler version are reported as stale and ignored.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_TUNINGCACHE_H
#define TESSERA_RUNTIME_TUNINGCACHE_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tessera::runtime {

struct TuningCacheEntry {
  /// The device fingerprint and compiler version the entry was tuned for.
  std::string device;
  std::string compiler;
  /// What the kernel is (for people): "matmul 32x256x128 f32".
  std::string kernel;
  std::string kernelClass;
  /// The chosen candidate (TuningCandidate::str()).
  std::string config;
  double defaultMs = 0;
  double bestMs = 0;
  /// Candidates measured.
  int64_t tried = 0;
};

class TuningCache {
public:
  /// The cache of this device and compiler version.
  TuningCache(std::string deviceFingerprint, std::string compilerVersion);

  /// $XDG_CACHE_HOME/tessera/tuning.json, else ~/.cache/tessera/tuning.json.
  static std::string defaultPath();
  /// Tessera's and LLVM's versions: a tuned config is only reused by the
  /// compiler that measured it.
  static std::string compilerVersion();

  /// The key of a kernel: hashes of its IR, of the device and compiler.
  std::string keyFor(llvm::StringRef kernelIR) const;

  const TuningCacheEntry *lookup(llvm::StringRef key) const;
  void insert(llvm::StringRef key, TuningCacheEntry entry);
  size_t size() const { return entries.size(); }

  /// Merges the entries of the file at `path` (a missing file is an empty
  /// cache). Problems (unreadable, corrupt, stale entries) never fail: they
  /// are appended to `warnings` and the affected entries ignored; a corrupt
  /// file is renamed to `<path>.corrupt` so that the next save does not
  /// overwrite what could not be read.
  void load(llvm::StringRef path, std::vector<std::string> &warnings);

  /// Writes this cache into `path`, merged with the entries the file has
  /// now (others' entries are kept, this cache's win), atomically and under
  /// the file lock. Creates the directory. False with `error` on I/O errors.
  bool save(llvm::StringRef path, std::string &error) const;

private:
  std::string device;
  std::string compiler;
  std::map<std::string, TuningCacheEntry> entries;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_TUNINGCACHE_H
