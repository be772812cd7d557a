//===- Tuner.h - Online per-kernel tuning of the CPU target -----*- C++ -*-===//
//
// After nn-JIT.web: the kernels of a module (its linalg ops after the CPU
// pipeline's prefix) are each compiled alone with every candidate of their
// pruned tuning space (TuningSpace.h), timed on their real shapes (a
// warm-up, then the median of several runs) within a time budget per
// model, and the best config is put on the kernel's ops in the model
// (`tessera.cpu_config`, which tessera-cpu-tile-and-vectorize applies to the
// op and what it makes of it, or `tessera.library_calls` when oneDNN won).
// Kernels timed alone miss what
// the model's code does across them (fused epilogues and chains), so the
// whole model is timed with the default and with the tuned configs, and
// the tuned ones are used only if the model is >= 5% faster with them.
// Results and that verdict persist in a TuningCache: a cached kernel is not
// measured again.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_TUNER_H
#define TESSERA_RUNTIME_TUNER_H

#include "tessera/Runtime/TuningCache.h"
#include "tessera/Transforms/LibraryCallsConfig.h"

#include <string>
#include <vector>

namespace mlir {
class ModuleOp;
} // namespace mlir

struct tessera_module;

namespace tessera::runtime {

struct TuningOptions {
  /// Wall-clock seconds for the whole tuning step of a module (analysis,
  /// compiling and timing candidates): no candidate is started that would
  /// not fit, by the cost of the ones before it.
  double budgetSeconds = 10;
  /// The module's own compile options (the kernels are compiled alike).
  mlir::tessera::LibraryCallsConfig libraryCalls;
  int64_t threads = 0;
  /// Kernels below this many FLOPs are not worth a compilation: they keep
  /// the default config.
  double minFlops = 1e6;
  /// Candidates per kernel at most (the pruned space's cut).
  size_t maxCandidates = 24;
  /// The public functions whose kernels are tuned and whose run time the
  /// model check compares (the ones the caller will run); empty: every
  /// public function. The kernels of the others keep the default config.
  std::vector<std::string> functions;
  /// Threads that compile candidates (and the default model) side by side
  /// while nothing is being timed; 0: the hardware threads, at most 4.
  unsigned compileThreads = 0;
};

/// What tuning did for one kernel.
struct KernelTuningResult {
  std::string kernel;      // "matmul 32x256x128 f32 (...)"
  std::string kernelClass; // "matmul-like"
  double spaceSize = 0;    // declared space
  size_t prunedSize = 0;   // after the device and shape rules
  size_t candidates = 0;   // kept for measuring
  size_t tried = 0;        // measured
  std::string best;        // the chosen candidate
  bool isDefault = true;   // the chosen candidate is the default config
  double defaultMs = 0, bestMs = 0;
  bool cached = false;
  size_t occurrences = 0; // ops in the module with this kernel
};

struct TuningReport {
  std::vector<KernelTuningResult> kernels;
  /// Seconds spent compiling and timing candidates (0 when all cached).
  double tuningSeconds = 0;
  /// Seconds of the whole tuning step (analysis, cache, measurements).
  double totalSeconds = 0;
  /// Candidates compiled, and on how many threads.
  size_t compiledCandidates = 0;
  unsigned compileThreads = 1;
  /// The whole model (its tuned functions) with the default configs and
  /// with the tuned ones (0: not timed, when no kernel was tuned); the
  /// tuned configs are used only if the model is >= 5% faster with them.
  double modelDefaultMs = 0, modelTunedMs = 0;
  bool modelKeptTuned = false;
  bool modelCached = false;
  /// The functions tuned for, if not every public function of the module.
  std::vector<std::string> functions;
  std::vector<std::string> warnings;
  /// A human-readable summary, one line per kernel.
  std::string str() const;
};

/// Tunes the kernels of `module` (parsed, not lowered) in place: on return
/// it has gone through the CPU pipeline's prefix and the ops of its kernels
/// with a non-default best config carry it. Cached kernels are not
/// measured; measured ones are added to `cache`. Returns false with
/// `error` only if the module cannot be processed at all (the prefix
/// fails); a kernel that cannot be measured keeps the default.
///
/// `compiled`, if given, receives the model as the tuning step compiled it
/// for its check, with the configs the verdict chose (what compiling
/// `module` now would give, without the seconds it takes), or null if the
/// step compiled no model (everything cached, nothing to tune); the caller
/// owns it (tessera_module_destroy).
bool tuneModule(mlir::ModuleOp module, const TuningOptions &options,
                TuningCache &cache, TuningReport &report, std::string &error,
                tessera_module **compiled = nullptr);

/// The cache of this host and compiler (TuningCache with the host's device
/// fingerprint).
TuningCache createHostTuningCache();

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_TUNER_H
