//===- TuningCache.cpp - Persistent cache of tuned kernel configs ---------===//

#include "tessera/Runtime/TuningCache.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <cstdlib>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace tessera::runtime;

namespace {
constexpr llvm::StringLiteral kFormat = "tessera-tuning-cache";
constexpr int64_t kFormatVersion = 1;
/// Bumped whenever the code generator or the tuning spaces change what a
/// config means (2: convolutions contract over flattened images; the cache
/// holds the whole model's verdict; 3: configs apply to ops in the model,
/// kernels are measured with their epilogues, right panels narrow to fit n;
/// 4: reductions of one operand are no longer contractions, binary
/// contractions are low-bit kernels weighed by their bit operations;
/// 5: kernels are measured with the fills and broadcasts of their inits).
constexpr llvm::StringLiteral kTesseraVersion = "tessera 0.1 tuner 5";

std::string hex(uint64_t value) {
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format_hex_no_prefix(value, 16);
  return text;
}

llvm::json::Object toJSON(const TuningCacheEntry &entry) {
  return llvm::json::Object{
      {"device", entry.device},  {"compiler", entry.compiler},
      {"kernel", entry.kernel},  {"class", entry.kernelClass},
      {"config", entry.config},  {"default_ms", entry.defaultMs},
      {"best_ms", entry.bestMs}, {"tried", entry.tried}};
}

bool fromJSON(const llvm::json::Object &object, TuningCacheEntry &entry) {
  auto string = [&](llvm::StringRef name, std::string &field) {
    std::optional<llvm::StringRef> value = object.getString(name);
    if (value)
      field = value->str();
    return value.has_value();
  };
  if (!string("device", entry.device) || !string("compiler", entry.compiler) ||
      !string("config", entry.config))
    return false;
  string("kernel", entry.kernel);
  string("class", entry.kernelClass);
  entry.defaultMs = object.getNumber("default_ms").value_or(0);
  entry.bestMs = object.getNumber("best_ms").value_or(0);
  entry.tried = object.getInteger("tried").value_or(0);
  return true;
}

/// Every entry of a cache file, of any device. False with `error` when the
/// file is not a tuning cache.
bool parseFile(llvm::StringRef text,
               std::map<std::string, TuningCacheEntry> &entries,
               std::string &error) {
  llvm::Expected<llvm::json::Value> value = llvm::json::parse(text);
  if (!value) {
    error = llvm::toString(value.takeError());
    return false;
  }
  const llvm::json::Object *root = value->getAsObject();
  if (!root || root->getString("format") != kFormat) {
    error =
        "not a Tessera tuning cache (no \"format\": \"" + kFormat.str() + "\")";
    return false;
  }
  if (root->getInteger("version") != kFormatVersion) {
    error = "unsupported cache version";
    return false;
  }
  const llvm::json::Object *list = root->getObject("entries");
  if (!list) {
    error = "no \"entries\" object";
    return false;
  }
  for (const auto &[key, item] : *list) {
    TuningCacheEntry entry;
    const llvm::json::Object *object = item.getAsObject();
    if (!object || !fromJSON(*object, entry)) {
      error = "malformed entry '" + key.str() + "'";
      return false;
    }
    entries[key.str()] = std::move(entry);
  }
  return true;
}

/// Holds an exclusive flock on `<path>.lock` for its lifetime.
class FileLock {
public:
  explicit FileLock(const std::string &path) {
    fd = ::open((path + ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd >= 0 && ::flock(fd, LOCK_EX) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ~FileLock() {
    if (fd >= 0) {
      ::flock(fd, LOCK_UN);
      ::close(fd);
    }
  }
  bool locked() const { return fd >= 0; }

private:
  int fd = -1;
};
} // namespace

TuningCache::TuningCache(std::string deviceFingerprint,
                         std::string compilerVersion)
    : device(std::move(deviceFingerprint)),
      compiler(std::move(compilerVersion)) {}

std::string TuningCache::defaultPath() {
  llvm::SmallString<256> path;
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    path = xdg;
  } else if (const char *home = std::getenv("HOME"); home && *home) {
    path = home;
    llvm::sys::path::append(path, ".cache");
  } else {
    path = "/tmp";
  }
  llvm::sys::path::append(path, "tessera", "tuning.json");
  return std::string(path);
}

std::string TuningCache::compilerVersion() {
  return kTesseraVersion.str() + ", LLVM " LLVM_VERSION_STRING;
}

std::string TuningCache::keyFor(llvm::StringRef kernelIR) const {
  return hex(llvm::xxh3_64bits(kernelIR)) + "-" +
         hex(llvm::xxh3_64bits(device + "\n" + compiler));
}

const TuningCacheEntry *TuningCache::lookup(llvm::StringRef key) const {
  auto it = entries.find(key.str());
  return it == entries.end() ? nullptr : &it->second;
}

void TuningCache::insert(llvm::StringRef key, TuningCacheEntry entry) {
  entry.device = device;
  entry.compiler = compiler;
  entries[key.str()] = std::move(entry);
}

void TuningCache::load(llvm::StringRef pathRef,
                       std::vector<std::string> &warnings) {
  std::string path = pathRef.str();
  if (!llvm::sys::fs::exists(path))
    return;
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    warnings.push_back("tuning cache " + path + " cannot be read (" +
                       buffer.getError().message() + "): ignored");
    return;
  }
  std::map<std::string, TuningCacheEntry> loaded;
  std::string error;
  if (!parseFile((*buffer)->getBuffer(), loaded, error)) {
    std::string aside = path + ".corrupt";
    std::error_code ec = llvm::sys::fs::rename(path, aside);
    warnings.push_back("tuning cache " + path + " is corrupt (" + error +
                       "): ignored" + (ec ? "" : ", moved to " + aside));
    return;
  }
  size_t stale = 0;
  for (auto &[key, entry] : loaded) {
    if (entry.device != device || entry.compiler != compiler) {
      ++stale;
      continue;
    }
    entries[key] = std::move(entry);
  }
  if (stale)
    warnings.push_back("tuning cache " + path + ": " + std::to_string(stale) +
                       " stale entr" + (stale == 1 ? "y" : "ies") +
                       " (another device or compiler version) ignored");
}

bool TuningCache::save(llvm::StringRef pathRef, std::string &error) const {
  std::string path = pathRef.str();
  llvm::StringRef directory = llvm::sys::path::parent_path(path);
  if (!directory.empty())
    if (std::error_code ec = llvm::sys::fs::create_directories(directory)) {
      error = "cannot create " + directory.str() + ": " + ec.message();
      return false;
    }
  FileLock lock(path);
  if (!lock.locked()) {
    error = "cannot lock " + path + ".lock";
    return false;
  }
  // What other processes saved since we loaded (any device) stays.
  std::map<std::string, TuningCacheEntry> merged;
  if (auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true)) {
    std::string ignored;
    if (!parseFile((*buffer)->getBuffer(), merged, ignored)) {
      // Never overwrite what could not be read.
      merged.clear();
      (void)llvm::sys::fs::rename(path, path + ".corrupt");
    }
  }
  for (const auto &[key, entry] : entries)
    merged[key] = entry;

  llvm::json::Object list;
  for (const auto &[key, entry] : merged)
    list[key] = toJSON(entry);
  llvm::json::Value root = llvm::json::Object{{"format", kFormat},
                                              {"version", kFormatVersion},
                                              {"entries", std::move(list)}};

  llvm::SmallString<256> temporary;
  int fd;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(path + ".tmp-%%%%%%",
                                                           fd, temporary)) {
    error = "cannot write " + path + ": " + ec.message();
    return false;
  }
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << llvm::formatv("{0:2}", root) << "\n";
    os.flush();
    if (os.has_error()) {
      error = "cannot write " + std::string(temporary) + ": " +
              os.error().message();
      os.clear_error();
      (void)llvm::sys::fs::remove(temporary);
      return false;
    }
  }
  if (std::error_code ec = llvm::sys::fs::rename(temporary, path)) {
    error = "cannot replace " + path + ": " + ec.message();
    (void)llvm::sys::fs::remove(temporary);
    return false;
  }
  return true;
}
