//===- GPUTuner.h - Online tuning of the GPU mapping (Vulkan) ----*- C++
//-*-===//
//
// The GPU counterpart of Tuner.h: the module is compiled with candidate
// configurations of the GPU mapping (GPUTuningSpace.h: block size and
// coarsening of the loop nests, the matmuls' workgroup tiling), each run
// on the device on the entry functions' real shapes (a warm-up, then the
// median of several runs of every function), within a time budget per
// model, and the fastest configuration is kept if it beats the default by
// at least `minGain`. Whole-module configurations: the kernels of one
// class all take the same knobs (a search that alternates between the
// classes, each candidate changing the knobs of one class of the best
// configuration so far). The choice persists in a TuningCache keyed by the
// module's IR (kernels and shapes), the device fingerprint and the
// compiler version: a cached module is not measured again.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_GPUTUNER_H
#define TESSERA_RUNTIME_GPUTUNER_H

#include "tessera/Pipelines/Pipelines.h"
#include "tessera/Runtime/Tuner.h"
#include "tessera/Runtime/TuningCache.h"
#include "tessera/Transforms/GPUTuningSpace.h"

#include <functional>
#include <string>

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace tessera::runtime {

struct GPUTuningOptions {
  /// Wall-clock seconds for compiling and timing candidates, per module.
  double budgetSeconds = 10;
  /// Points per kernel class at most (the pruned space's cut).
  size_t maxCandidates = 16;
  /// Timed runs after the warm-up; the median counts.
  int runs = 5;
  /// The fastest candidate replaces the default only if it is at least
  /// this much faster (noise must not flip the choice).
  double minGain = 0.05;
};

/// Compiles the module with `knobs` and times it: the median milliseconds
/// of `runs` runs (after a warm-up) in `ms`; false with `error` if the
/// candidate cannot be compiled or run.
using GPUMeasureFn =
    std::function<bool(const mlir::tessera::GPUPipelineOptions &knobs, int runs,
                       double &ms, std::string &error)>;

/// Chooses the knobs for `module` (parsed, not lowered; unchanged) on a
/// device with `limits`, measuring with `measure` unless `cache` has the
/// module. `chosen` receives the knobs to compile with (the default if
/// nothing beat it); `report` what was done, one entry per kernel class.
/// False with `error` only if the module's kernels cannot be analyzed.
bool tuneGPUModule(mlir::ModuleOp module,
                   const mlir::tessera::GPUDeviceLimits &limits,
                   const GPUMeasureFn &measure, const GPUTuningOptions &options,
                   TuningCache &cache, TuningReport &report,
                   mlir::tessera::GPUPipelineOptions &chosen,
                   std::string &error);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_GPUTUNER_H
