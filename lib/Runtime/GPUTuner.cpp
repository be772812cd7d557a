//===- GPUTuner.cpp - Choose the GPU mapping's knobs by measuring ---------===//

#include "tessera/Runtime/GPUTuner.h"
#include "Timing.h"
#include "tessera/Runtime/GPUTargets.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace mlir;
using namespace mlir::tessera;

namespace tessera::runtime {

namespace {
GPUPipelineOptions knobsOf(const GPUTuningPoint &point,
                           const GPUDeviceLimits &limits) {
  GPUPipelineOptions knobs;
  knobs.maxWorkgroupThreads = limits.maxInvocations;
  knobs.maxWorkgroupBytes = limits.maxWorkgroupBytes;
  knobs.sharedMemoryTiling = true;
  point.applyTo(knobs);
  return knobs;
}

/// `point` with the knobs of `kernelClass` taken from `from`.
GPUTuningPoint withClassKnobs(GPUTuningPoint point, const GPUTuningPoint &from,
                              GPUKernelClass kernelClass) {
  if (kernelClass == GPUKernelClass::Nest) {
    point.blockSize = from.blockSize;
    point.coarsening = from.coarsening;
  } else {
    point.tileM = from.tileM;
    point.tileN = from.tileN;
    point.tileK = from.tileK;
    point.outputsM = from.outputsM;
    point.outputsN = from.outputsN;
  }
  return point;
}
} // namespace

bool tuneGPUModule(ModuleOp module, const GPUDeviceLimits &limits,
                   const GPUMeasureFn &measure, const GPUTuningOptions &options,
                   TuningCache &cache, TuningReport &report,
                   GPUPipelineOptions &chosen, std::string &error) {
  auto start = Clock::now();
  // The kernel classes of the module: the untuned prefix's kernels, matmuls
  // being those with workgroup memory (tessera-gpu-shared-memory-tiling).
  std::string moduleIR;
  {
    llvm::raw_string_ostream os(moduleIR);
    module.print(os);
  }
  OwningOpRef<ModuleOp> analyzed = module.clone();
  GPUPipelineOptions defaults;
  defaults.sharedMemoryTiling = true;
  // Only which kernels there are matters here, not whether the device can
  // run the default tiles.
  defaults.maxWorkgroupThreads = int64_t(1) << 30;
  defaults.maxWorkgroupBytes = int64_t(1) << 30;
  if (!runGPUPrefixPipeline(*analyzed, defaults, error))
    return false;
  size_t matmulKernels = 0, nestKernels = 0;
  analyzed->walk([&](gpu::GPUFuncOp func) {
    if (func.isKernel())
      ++(func.getWorkgroupAttributions().empty() ? nestKernels : matmulKernels);
  });
  analyzed = nullptr;

  std::vector<GPUTuningPoint> space = gpuModuleTuningSpace(
      matmulKernels > 0, nestKernels > 0, limits, options.maxCandidates);
  GPUTuningPoint base = space.front();
  // Per class, its points other than the base's knobs, best first.
  struct ClassSearch {
    GPUKernelClass kernelClass;
    size_t kernels;
    std::vector<GPUTuningPoint> points;
    KernelTuningResult result;
  };
  std::vector<ClassSearch> classes;
  for (auto [kernelClass, kernels] :
       {std::pair{GPUKernelClass::Nest, nestKernels},
        std::pair{GPUKernelClass::Matmul, matmulKernels}}) {
    if (!kernels)
      continue;
    ClassSearch search{kernelClass, kernels, {}, {}};
    size_t pruned = 0;
    for (const GPUTuningPoint &point : prunedGPUTuningSpace(
             kernelClass, limits, options.maxCandidates, &pruned))
      if (point.str(kernelClass) != base.str(kernelClass))
        search.points.push_back(point);
    search.result.kernel =
        std::string(kernelClass == GPUKernelClass::Nest ? "loop nests"
                                                        : "matmuls") +
        " (" + std::to_string(kernels) + " kernel" + (kernels == 1 ? "" : "s") +
        " of the module)";
    search.result.kernelClass = gpuKernelClassName(kernelClass).str();
    search.result.spaceSize = tuningSpaceSize(gpuTuningKnobs(kernelClass));
    search.result.prunedSize = pruned;
    search.result.candidates = search.points.size() + 1;
    classes.push_back(std::move(search));
  }

  std::string key = cache.keyFor(moduleIR + "\n// GPU mapping knobs\n");
  chosen = knobsOf(base, limits);
  auto finish = [&] {
    for (ClassSearch &search : classes)
      report.kernels.push_back(search.result);
    report.totalSeconds = secondsSince(start);
  };
  if (const TuningCacheEntry *entry = cache.lookup(key)) {
    GPUPipelineOptions cached = knobsOf(base, limits);
    std::string parseError;
    if (cached.parseKnobs(entry->config, parseError)) {
      chosen = cached;
      GPUTuningPoint point = GPUTuningPoint::of(cached);
      for (ClassSearch &search : classes) {
        search.result.cached = true;
        search.result.tried = entry->tried;
        search.result.defaultMs = entry->defaultMs;
        search.result.bestMs = entry->bestMs;
        search.result.best = point.str(search.kernelClass);
        search.result.isDefault =
            search.result.best == base.str(search.kernelClass);
      }
      finish();
      return true;
    }
    report.warnings.push_back("tuning cache entry '" + entry->config +
                              "' does not parse (" + parseError +
                              "): tuning again");
  }
  if (classes.empty() || options.budgetSeconds <= 0) {
    finish();
    return true;
  }

  // The default first (the baseline; measured whatever the budget), then
  // the classes' points in turns, each applied to the best configuration
  // so far. A measurement starts only if it still fits in the budget with
  // the final check's two measurements (the default's and the best's) kept
  // in reserve, each of the three estimated at the dearest measurement so
  // far, with a quarter more for the swings of a busy machine. (Not the
  // last one's cost, nor the default's: on a loaded machine costs swing by
  // tens of percent, and those estimates ran 10% past a 10 s budget; the
  // dearest so far without the margin still ended 1% past it.)
  auto measuringStart = Clock::now();
  double defaultMs = 0;
  std::string measureError;
  double maxCost;
  {
    auto t = Clock::now();
    if (!measure(knobsOf(base, limits), options.runs, defaultMs,
                 measureError)) {
      report.warnings.push_back("GPU tuning skipped: the default "
                                "configuration cannot be measured: " +
                                measureError);
      finish();
      return true;
    }
    maxCost = secondsSince(t);
  }
  GPUTuningPoint best = base;
  double bestMs = defaultMs;
  size_t tried = 1;
  std::vector<size_t> next(classes.size(), 0);
  bool budgetLeft = true;
  for (bool any = true; any && budgetLeft;) {
    any = false;
    for (size_t c = 0; c < classes.size() && budgetLeft; ++c) {
      ClassSearch &search = classes[c];
      if (next[c] >= search.points.size())
        continue;
      any = true;
      if (secondsSince(measuringStart) + 1.25 * 3 * maxCost >
          options.budgetSeconds) {
        budgetLeft = false;
        break;
      }
      GPUTuningPoint candidate =
          withClassKnobs(best, search.points[next[c]++], search.kernelClass);
      auto t = Clock::now();
      double ms = 0;
      bool ok =
          measure(knobsOf(candidate, limits), options.runs, ms, measureError);
      double cost = secondsSince(t);
      maxCost = std::max(maxCost, cost);
      ++tried;
      ++search.result.tried;
      if (!ok) {
        report.warnings.push_back("GPU candidate '" + candidate.str() +
                                  "' failed: " + measureError);
        continue;
      }
      if (ms < bestMs) {
        bestMs = ms;
        best = candidate;
      }
    }
  }
  // The default was measured first, on a cold device (an idle GPU clocks
  // down: an H200's SM clock idles at a sixth of its boost clock), so its
  // time is too slow to compare with. A candidate replaces the default
  // only if it wins again against the default measured right after it
  // (the reserve above pays for this; a bias, if any, towards the default);
  // if either cannot be measured again, or the budget is spent already (a
  // candidate took far longer than estimated), the default stays. (Costs
  // vary a little: the check may end a little after the budget.)
  bool keepDefault = best == base;
  if (!keepDefault && secondsSince(measuringStart) >= options.budgetSeconds) {
    report.warnings.push_back(
        "GPU tuning: no budget left to check the best candidate '" +
        best.str() + "' against the default again; the default is kept");
    keepDefault = true;
  } else if (!keepDefault) {
    double bestAgain = 0, defaultAgain = 0;
    keepDefault = !measure(knobsOf(best, limits), options.runs, bestAgain,
                           measureError) ||
                  !measure(knobsOf(base, limits), options.runs, defaultAgain,
                           measureError) ||
                  bestAgain > defaultAgain * (1 - options.minGain);
    tried += 2;
    if (bestAgain > 0 && defaultAgain > 0) {
      bestMs = bestAgain;
      defaultMs = defaultAgain;
    }
  }
  report.tuningSeconds = secondsSince(measuringStart);
  if (keepDefault) {
    best = base;
    bestMs = defaultMs;
  }
  chosen = knobsOf(best, limits);
  for (ClassSearch &search : classes) {
    // The default's measurement counts for every class.
    ++search.result.tried;
    search.result.defaultMs = defaultMs;
    search.result.bestMs = bestMs;
    search.result.best = best.str(search.kernelClass);
    search.result.isDefault =
        best.str(search.kernelClass) == base.str(search.kernelClass);
  }
  TuningCacheEntry entry;
  entry.kernel = "module: " + std::to_string(nestKernels) + " loop-nest and " +
                 std::to_string(matmulKernels) + " matmul kernels";
  entry.kernelClass = "gpu-module";
  entry.config = best.str();
  entry.defaultMs = defaultMs;
  entry.bestMs = bestMs;
  entry.tried = tried;
  cache.insert(key, entry);
  finish();
  return true;
}

} // namespace tessera::runtime
