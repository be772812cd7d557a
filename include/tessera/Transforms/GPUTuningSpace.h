//===- GPUTuningSpace.h - Tuning spaces of the GPU targets -------*- C++
//-*-===//
//
// The GPU sibling of TuningSpace.h (the CPU's): the knobs of the GPU
// mapping (GPUPipelineOptions) per kernel class, with their legal values,
// pruned by the device's limits (invocations and workgroup memory per
// workgroup, subgroup size) and a kernel's shape to dozens of points. The
// Vulkan tuner (tessera-run --target=vulkan --tune) measures them; WebGPU
// artifacts ship them as kernel variants (tessera-compile
// --webgpu-variants=space).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TRANSFORMS_GPUTUNINGSPACE_H
#define TESSERA_TRANSFORMS_GPUTUNINGSPACE_H

#include "tessera/Transforms/TuningSpace.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir::tessera {

/// What the pruning rules know of a GPU. The defaults are WebGPU's
/// guaranteed limits.
struct GPUDeviceLimits {
  /// maxComputeWorkGroupInvocations (Vulkan) /
  /// maxComputeInvocationsPerWorkgroup (WebGPU).
  int64_t maxInvocations = 256;
  /// maxComputeSharedMemorySize / maxComputeWorkgroupStorageSize, bytes.
  int64_t maxWorkgroupBytes = 16384;
  /// Threads of a subgroup (warp); 0 if unknown. Workgroups smaller than
  /// one leave lanes idle, so they are pruned.
  int64_t subgroupSize = 0;
  /// "max-invocations=256 max-workgroup-bytes=16384 subgroup-size=0".
  std::string str() const;
};

/// The GPU kernel classes: matmuls computed in workgroup tiles
/// (tessera-gpu-shared-memory-tiling) and every other loop nest (one
/// collapsed parallel loop tiled into workgroups).
enum class GPUKernelClass { Matmul, Nest };
llvm::StringRef gpuKernelClassName(GPUKernelClass kernelClass);

/// One point of the GPU space: the knobs of GPUPipelineOptions (the same
/// fields and defaults), i.e. the untuned configuration by default.
struct GPUTuningPoint {
  int64_t blockSize = 64, coarsening = 1;
  int64_t tileM = 32, tileN = 32, tileK = 32;
  int64_t outputsM = 2, outputsN = 2;
  /// Threads of a matmul workgroup.
  int64_t matmulThreads() const {
    return (tileM / outputsM) * (tileN / outputsN);
  }
  /// Workgroup memory of a matmul workgroup with `elementBytes` elements.
  int64_t matmulWorkgroupBytes(int64_t elementBytes = 4) const {
    return (tileM + tileN) * tileK * elementBytes;
  }
  /// The knobs `kernelClass` tunes, in the syntax of
  /// GPUPipelineOptions::parseKnobs ("block=64 coarsening=1" for nests,
  /// "tile=32x32 k=32 outputs=2x2" for matmuls); all of them with nullopt.
  std::string str(std::optional<GPUKernelClass> kernelClass = {}) const;
  /// The knobs of `options` (GPUPipelineOptions or WebGPUPipelineOptions,
  /// whose fields have these names), and the other way round.
  template <typename Options> static GPUTuningPoint of(const Options &options) {
    GPUTuningPoint point;
    point.blockSize = options.blockSize;
    point.coarsening = options.coarsening;
    point.tileM = options.matmulTileM;
    point.tileN = options.matmulTileN;
    point.tileK = options.matmulTileK;
    point.outputsM = options.matmulOutputsM;
    point.outputsN = options.matmulOutputsN;
    return point;
  }
  template <typename Options> void applyTo(Options &options) const {
    options.blockSize = blockSize;
    options.coarsening = coarsening;
    options.matmulTileM = tileM;
    options.matmulTileN = tileN;
    options.matmulTileK = tileK;
    options.matmulOutputsM = outputsM;
    options.matmulOutputsN = outputsN;
  }
  bool operator==(const GPUTuningPoint &other) const {
    return str() == other.str();
  }
  bool operator!=(const GPUTuningPoint &other) const {
    return !(*this == other);
  }
};

/// The declared space of a GPU kernel class: every knob and its legal
/// values (the one place where the GPU knobs are declared).
std::vector<TuningKnob> gpuTuningKnobs(GPUKernelClass kernelClass);

/// Whether `point` fits `limits` as a matmul tiling (threads, workgroup
/// memory, outputs dividing the tile); if not, `why` names the knob.
bool fitsGPULimits(const GPUTuningPoint &point, const GPUDeviceLimits &limits,
                   std::string *why = nullptr);

/// The pruned space of one kernel class: the points the device allows (and,
/// where known, that the shape makes distinct: matmul tiles no bigger than
/// `m`, `n`, `k`; nest chunks no bigger than `points`), best first by a
/// simple cost model, at most `limit`. The first point is the default
/// (untuned) one wherever the device and shape allow it; the knobs of the
/// other class keep their defaults.
/// `unlimited`, if given, receives the size before the cut to `limit`.
std::vector<GPUTuningPoint>
prunedGPUTuningSpace(GPUKernelClass kernelClass, const GPUDeviceLimits &limits,
                     size_t limit = 32, size_t *unlimited = nullptr,
                     int64_t m = 0, int64_t n = 0, int64_t k = 0,
                     int64_t points = 0);

/// Whole-module configurations covering both classes: the default, then
/// the nest points (matmul knobs at their defaults) if `nests`, then the
/// matmul points (nest knobs at their defaults) if `matmuls` — each kernel
/// then sees the points of its own class once (kernels of one class do not
/// depend on the other's knobs), so compiling the module once per entry
/// yields every kernel's variants.
std::vector<GPUTuningPoint> gpuModuleTuningSpace(bool matmuls, bool nests,
                                                 const GPUDeviceLimits &limits,
                                                 size_t limitPerClass = 32);

} // namespace mlir::tessera

#endif // TESSERA_TRANSFORMS_GPUTUNINGSPACE_H
