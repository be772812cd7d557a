//===- GPUTuningSpace.cpp - The GPU knobs, their values and pruning -------===//
//
// The knobs (gpuTuningKnobs) are declared in one table per kernel class;
// pruning keeps the points a device can run and that are distinct for a
// shape, ordered by a cost model simple enough to read: fewer global
// loads per output (bigger C tiles), fewer workgroup loads per
// multiply-add (more outputs per thread), deeper K-slices (fewer
// barriers); for nests, the untuned block first, then blocks near it.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/GPUTuningSpace.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cmath>

using namespace mlir::tessera;

std::string GPUDeviceLimits::str() const {
  return "max-invocations=" + std::to_string(maxInvocations) +
         " max-workgroup-bytes=" + std::to_string(maxWorkgroupBytes) +
         " subgroup-size=" + std::to_string(subgroupSize);
}

llvm::StringRef mlir::tessera::gpuKernelClassName(GPUKernelClass kernelClass) {
  return kernelClass == GPUKernelClass::Matmul ? "gpu-matmul" : "gpu-nest";
}

std::string
GPUTuningPoint::str(std::optional<GPUKernelClass> kernelClass) const {
  std::string nest = "block=" + std::to_string(blockSize) +
                     " coarsening=" + std::to_string(coarsening);
  std::string matmul = "tile=" + std::to_string(tileM) + "x" +
                       std::to_string(tileN) + " k=" + std::to_string(tileK) +
                       " outputs=" + std::to_string(outputsM) + "x" +
                       std::to_string(outputsN);
  if (!kernelClass)
    return nest + " " + matmul;
  return *kernelClass == GPUKernelClass::Matmul ? matmul : nest;
}

std::vector<TuningKnob>
mlir::tessera::gpuTuningKnobs(GPUKernelClass kernelClass) {
  if (kernelClass == GPUKernelClass::Nest)
    return {
        {"block", {32, 64, 128, 256}, "threads per workgroup"},
        {"coarsening", {1, 2, 4, 8}, "points of the nest per thread"},
    };
  return {
      {"tile-m", {16, 32, 64}, "rows of C per workgroup"},
      {"tile-n", {16, 32, 64}, "columns of C per workgroup"},
      {"k", {8, 16, 32}, "depth of the K-slices in workgroup memory"},
      {"outputs-m", {1, 2, 4}, "rows of C per thread"},
      {"outputs-n", {1, 2, 4}, "columns of C per thread"},
  };
}

bool mlir::tessera::fitsGPULimits(const GPUTuningPoint &point,
                                  const GPUDeviceLimits &limits,
                                  std::string *why) {
  auto fail = [&](std::string message) {
    if (why)
      *why = std::move(message);
    return false;
  };
  if (point.tileM % point.outputsM != 0 || point.tileN % point.outputsN != 0)
    return fail("outputs do not divide the tile");
  if (point.matmulThreads() > limits.maxInvocations)
    return fail("tile / outputs = " + std::to_string(point.matmulThreads()) +
                " threads, over max-invocations");
  if (point.matmulWorkgroupBytes() > limits.maxWorkgroupBytes)
    return fail("(tile-m + tile-n) * k takes " +
                std::to_string(point.matmulWorkgroupBytes()) +
                " bytes, over max-workgroup-bytes");
  if (point.blockSize > limits.maxInvocations)
    return fail("block over max-invocations");
  return true;
}

std::vector<GPUTuningPoint> mlir::tessera::prunedGPUTuningSpace(
    GPUKernelClass kernelClass, const GPUDeviceLimits &limits, size_t limit,
    size_t *unlimited, int64_t m, int64_t n, int64_t k, int64_t points) {
  const GPUTuningPoint defaults;
  // The fewest threads a workgroup should have: a subgroup, or 32 lanes
  // where the subgroup size is unknown (and the device allows as many).
  int64_t minThreads =
      std::min<int64_t>(limits.subgroupSize > 0 ? limits.subgroupSize : 32,
                        limits.maxInvocations);
  std::vector<std::pair<double, GPUTuningPoint>> scored;
  std::vector<TuningKnob> knobs = gpuTuningKnobs(kernelClass);
  if (kernelClass == GPUKernelClass::Nest) {
    for (int64_t block : knobs[0].values)
      for (int64_t coarsening : knobs[1].values) {
        GPUTuningPoint point;
        point.blockSize = block;
        point.coarsening = coarsening;
        bool isDefault = point == defaults;
        if (block > limits.maxInvocations || (block < minThreads && !isDefault))
          continue;
        // A workgroup's chunk bigger than the whole nest leaves threads
        // idle without saving a launch.
        if (points > 0 && block * coarsening > points && !isDefault &&
            coarsening > 1)
          continue;
        double score = std::abs(std::log2(double(block) / 64)) +
                       0.75 * std::log2(double(coarsening));
        scored.emplace_back(isDefault ? -1 : score, point);
      }
  } else {
    for (int64_t tileM : knobs[0].values)
      for (int64_t tileN : knobs[1].values)
        for (int64_t tileK : knobs[2].values)
          for (int64_t outputsM : knobs[3].values)
            for (int64_t outputsN : knobs[4].values) {
              GPUTuningPoint point;
              point.tileM = tileM;
              point.tileN = tileN;
              point.tileK = tileK;
              point.outputsM = outputsM;
              point.outputsN = outputsN;
              bool isDefault = point == defaults;
              if (!fitsGPULimits(point, limits))
                continue;
              if (point.matmulThreads() < minThreads && !isDefault)
                continue;
              // Tiles bigger than the matmul leave it untiled.
              if ((m > 0 && tileM > m) || (n > 0 && tileN > n) ||
                  (k > 0 && tileK > k))
                continue;
              // Square-ish tiles and per-thread blocks: elongated ones
              // only where the other dimension is at its smallest.
              if (tileM != tileN && std::min(tileM, tileN) != 16)
                continue;
              if (outputsM != outputsN && std::min(outputsM, outputsN) != 1)
                continue;
              double score = 32.0 / tileM + 32.0 / tileN +
                             (1.0 / outputsM + 1.0 / outputsN) +
                             0.25 * 32.0 / tileK;
              scored.emplace_back(isDefault ? -1 : score, point);
            }
  }
  sortByScore(scored);
  if (unlimited)
    *unlimited = scored.size();
  std::vector<GPUTuningPoint> result;
  for (auto &[score, point] : scored) {
    if (result.size() >= limit)
      break;
    result.push_back(point);
  }
  return result;
}

std::vector<GPUTuningPoint>
mlir::tessera::gpuModuleTuningSpace(bool matmuls, bool nests,
                                    const GPUDeviceLimits &limits,
                                    size_t limitPerClass) {
  std::vector<GPUTuningPoint> matmulPoints =
      matmuls
          ? prunedGPUTuningSpace(GPUKernelClass::Matmul, limits, limitPerClass)
          : std::vector<GPUTuningPoint>();
  std::vector<GPUTuningPoint> nestPoints =
      nests ? prunedGPUTuningSpace(GPUKernelClass::Nest, limits, limitPerClass)
            : std::vector<GPUTuningPoint>();
  // The untuned configuration, unless the device cannot run its matmul
  // tiles (a small device): then the best tiling that fits.
  GPUTuningPoint base;
  if (!matmulPoints.empty() && !fitsGPULimits(base, limits))
    base = matmulPoints.front();
  std::vector<GPUTuningPoint> result{base};
  auto add = [&](GPUTuningPoint point) {
    if (llvm::find(result, point) == result.end())
      result.push_back(point);
  };
  for (GPUTuningPoint point : nestPoints) {
    point.tileM = base.tileM;
    point.tileN = base.tileN;
    point.tileK = base.tileK;
    point.outputsM = base.outputsM;
    point.outputsN = base.outputsN;
    add(point);
  }
  for (GPUTuningPoint point : matmulPoints) {
    point.blockSize = base.blockSize;
    point.coarsening = base.coarsening;
    add(point);
  }
  return result;
}
