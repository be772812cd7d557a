//===- Tuner.cpp - Online per-kernel tuning of the CPU target -------------===//
//
// Each kernel is measured as a module of its own (one public function
// holding a copy of the op, KernelModule.h), compiled through the runtime's
// C API on a private context, so that a candidate is timed exactly as the
// model's code would run it, threads and library calls included.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/Tuner.h"
#include "Timing.h"

#include "tessera-c/runtime.h"
#include "tessera/Pipelines/Pipelines.h"
#include "tessera/Runtime/CPUCodegen.h"
#include "tessera/Runtime/KernelModule.h"
#include "tessera/Transforms/Passes.h"
#include "tessera/Transforms/TuningSpace.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

using namespace mlir;
using namespace mlir::tessera;

namespace tessera::runtime {

namespace {

/// One distinct kernel of the module and the ops that compute it.
struct Kernel {
  std::string key;
  std::string ir; // its measuring module, without a config
  KernelShape shape;
  SmallVector<Operation *> ops;

  /// FLOPs of all its ops: what its share of the budget is cut by.
  double work() const { return shape.flops * ops.size(); }
};

std::string printModule(ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os, OpPrintingFlags().printGenericOpForm());
  return text;
}

/// Marks `target` (a kernel's op, or the function of a measuring module)
/// with `candidate` (TuningSpace.h's attributes).
void annotate(Operation *target, const TuningCandidate &candidate) {
  MLIRContext *ctx = target->getContext();
  if (candidate.library)
    target->setAttr(kLibraryCallsAttrName, UnitAttr::get(ctx));
  else
    target->setAttr(kCPUConfigAttrName,
                    StringAttr::get(ctx, candidate.config.toPassOptions()));
}

LogicalResult runPipeline(ModuleOp module, llvm::StringRef pipeline,
                          std::string &error) {
  registerCompilerPasses();
  PassManager pm(module.getContext());
  llvm::raw_string_ostream os(error);
  if (failed(parsePassPipeline(pipeline, pm, os)))
    return failure();
  return success(runPipelineVerifyingOnce(pm, module) ==
                 PipelineOutcome::Succeeded);
}

/// Fills a buffer with values in the range of `dtype` (no NaNs or
/// denormals that would distort the timing).
void fillInput(std::vector<uint8_t> &buffer, tessera_dtype dtype,
               std::mt19937 &rng) {
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  size_t bytes = buffer.size();
  switch (dtype) {
  case TESSERA_F32:
  case TESSERA_C64: {
    auto *data = reinterpret_cast<float *>(buffer.data());
    for (size_t i = 0; i < bytes / 4; ++i)
      data[i] = uniform(rng);
    return;
  }
  case TESSERA_F64: {
    auto *data = reinterpret_cast<double *>(buffer.data());
    for (size_t i = 0; i < bytes / 8; ++i)
      data[i] = uniform(rng);
    return;
  }
  default:
    // Integers: small non-negative values, valid for every width
    // (i1 included).
    for (size_t i = 0; i < bytes; ++i)
      buffer[i] = 0;
    for (size_t i = 0; i < bytes; i += tessera_dtype_size(dtype))
      buffer[i] = rng() & 1;
  }
}

/// The median of alternating rounds' times, or -1 if none ran or one
/// failed (a negative time).
double medianOfRuns(const std::vector<double> &times) {
  return times.empty() || llvm::any_of(times, [](double t) { return t < 0; })
             ? -1.0
             : medianOf(times);
}

/// A module compiled through the runtime, with seeded random inputs for
/// each of its public functions `names`, to be timed again and again: the
/// model check times the default and the tuned model alternately, so that
/// neither is favoured by when it ran on a busy machine.
class TimedModule {
public:
  /// Null, with `error` set, if `source` does not compile or a function is
  /// missing.
  static std::unique_ptr<TimedModule> compile(tessera_context *context,
                                              const std::string &source,
                                              ArrayRef<std::string> names,
                                              std::string &error) {
    auto timed = std::unique_ptr<TimedModule>(new TimedModule());
    tessera_module *compiled = nullptr;
    if (tessera_module_load_source(context, source.data(), source.size(),
                                   &compiled) != TESSERA_OK) {
      error = tessera_last_error();
      return nullptr;
    }
    timed->module.reset(compiled);
    std::mt19937 rng(1);
    for (const std::string &name : names) {
      auto function = std::make_unique<Function>();
      if (tessera_module_lookup(compiled, name.c_str(), &function->handle) !=
          TESSERA_OK) {
        error = tessera_last_error();
        return nullptr;
      }
      function->prepare(rng);
      timed->functions.push_back(std::move(function));
    }
    return timed;
  }

  /// The sum over the functions of the median time in ms (a warm-up, then
  /// at least 3 runs and about 30 ms), or a negative value if a run fails.
  double time(std::string &error) {
    double total = 0;
    for (auto &function : functions) {
      double first = function->run();
      if (first < 0) {
        error = tessera_last_error();
        return -1;
      }
      int reps =
          std::clamp(static_cast<int>(30.0 / std::max(first, 1e-3)), 3, 25);
      std::vector<double> times;
      for (int i = 0; i < reps; ++i) {
        times.push_back(function->run());
        if (times.back() < 0) {
          error = tessera_last_error();
          return -1;
        }
      }
      total += medianOf(std::move(times));
    }
    return total;
  }

  /// Hands the compiled module to the caller (this is not timed again).
  tessera_module *release() {
    functions.clear();
    return module.release();
  }

private:
  struct Function {
    tessera_function *handle = nullptr;
    std::vector<std::vector<uint8_t>> storage;
    std::vector<tessera_tensor> inputs, outputs;

    void prepare(std::mt19937 &rng) {
      size_t numInputs = tessera_function_num_inputs(handle);
      size_t numResults = tessera_function_num_results(handle);
      // The tensors point into `storage`: no reallocation after this.
      storage.reserve(numInputs + numResults);
      auto describe = [&](bool result, size_t index) {
        tessera_tensor tensor{};
        const int64_t *shape;
        (result ? tessera_function_result : tessera_function_input)(
            handle, index, &tensor.dtype, &tensor.rank, &shape);
        tensor.shape = shape;
        size_t count = 1;
        for (int32_t d = 0; d < tensor.rank; ++d)
          count *= static_cast<size_t>(shape[d]);
        storage.emplace_back(count * tessera_dtype_size(tensor.dtype));
        if (!result)
          fillInput(storage.back(), tensor.dtype, rng);
        tensor.data = storage.back().data();
        return tensor;
      };
      for (size_t i = 0; i < numInputs; ++i)
        inputs.push_back(describe(false, i));
      for (size_t i = 0; i < numResults; ++i)
        outputs.push_back(describe(true, i));
    }

    /// One call's wall time in ms, or -1 if it fails.
    double run() {
      auto start = Clock::now();
      if (tessera_function_invoke(handle, inputs.data(), inputs.size(),
                                  outputs.data(), outputs.size()) != TESSERA_OK)
        return -1;
      return secondsSince(start) * 1e3;
    }
  };

  TimedModule() = default;
  std::unique_ptr<tessera_module, void (*)(tessera_module *)> module{
      nullptr, tessera_module_destroy};
  std::vector<std::unique_ptr<Function>> functions;
};

/// The measuring module of a kernel compiled with `candidate`, as source
/// for the runtime, or nothing (with `error`) if the library calls' rewrite
/// fails.
std::optional<std::string> candidateSource(ModuleOp kernelModule,
                                           const TuningCandidate &candidate,
                                           std::string &error) {
  OwningOpRef<ModuleOp> module = kernelModule.clone();
  auto func = cast<func::FuncOp>(module->getBody()->front());
  annotate(func, candidate);
  if (candidate.library &&
      failed(runPipeline(*module, "tessera-cpu-library-calls", error)))
    return std::nullopt;
  return printModule(*module);
}

/// A compilation for the tuner: its source in, the compiled module (null,
/// with `error`, if it does not compile) out.
struct CompileJob {
  std::string source;
  std::unique_ptr<TimedModule> module;
  std::string error;
};

/// Runs `work` once per context, each on a thread of its own (the first on
/// the calling thread), and waits for all of them.
void runPerContext(ArrayRef<tessera_context *> contexts,
                   llvm::function_ref<void(tessera_context *)> work) {
  std::vector<std::thread> helpers;
  for (tessera_context *context : contexts.drop_front())
    helpers.emplace_back([&work, context] { work(context); });
  work(contexts.front());
  for (std::thread &helper : helpers)
    helper.join();
}

/// Compiles `jobs` side by side, one thread per context (the calling
/// thread included): compiling is most of what a candidate costs, and a
/// compilation is single-threaded, so the cores that would time nothing
/// compile the next candidates. Nothing is timed meanwhile.
void compileConcurrently(ArrayRef<tessera_context *> contexts,
                         MutableArrayRef<CompileJob> jobs,
                         ArrayRef<std::string> functions) {
  std::atomic<size_t> next{0};
  runPerContext(contexts.take_front(std::min(contexts.size(), jobs.size())),
                [&](tessera_context *context) {
                  for (size_t i = next++; i < jobs.size(); i = next++) {
                    CompileJob &job = jobs[i];
                    if (!job.source.empty())
                      job.module = TimedModule::compile(context, job.source,
                                                        functions, job.error);
                  }
                });
}

/// The compile threads of `options`: its choice, else the hardware's
/// threads, at most 4 (each holds a compiled module and its inputs).
unsigned compileThreadsFor(const TuningOptions &options) {
  if (options.compileThreads > 0)
    return options.compileThreads;
  return std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
}

} // namespace

TuningCache createHostTuningCache() {
  CPUDeviceDescription device = CPUDeviceDescription::host();
  std::string error;
  device.hasLibrary = !findDnnlLibrary(error).empty();
  return TuningCache(device.fingerprint(), TuningCache::compilerVersion());
}

std::string TuningReport::str() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  for (const KernelTuningResult &k : kernels) {
    os << "kernel " << k.kernel << " [" << k.kernelClass << "]";
    if (k.occurrences > 1)
      os << " x" << k.occurrences;
    os << ": space " << llvm::format("%.0f", k.spaceSize) << ", pruned "
       << k.prunedSize << ", " << k.candidates << " candidates; ";
    if (k.cached)
      os << "cached";
    else
      os << "tried " << k.tried;
    if (k.defaultMs > 0)
      os << llvm::format("; default %.3f ms, best %.3f ms (%.2fx)", k.defaultMs,
                         k.bestMs, k.bestMs > 0 ? k.defaultMs / k.bestMs : 1.0);
    os << "\n  best: " << (k.isDefault ? "default" : k.best) << "\n";
  }
  if (modelDefaultMs > 0 && modelTunedMs <= 0 && !modelKeptTuned)
    os << llvm::format("model: default %.3f ms; no kernel tuned",
                       modelDefaultMs)
       << (modelCached ? " (cached)" : "") << "\n";
  else if (modelDefaultMs > 0)
    os << llvm::format("model: default %.3f ms, tuned %.3f ms: ",
                       modelDefaultMs, modelTunedMs)
       << (modelKeptTuned ? "tuned configs used"
                          : "kept the default configs (tuned not >= 5% "
                            "faster as a whole)")
       << (modelCached ? " (cached)" : "") << "\n";
  if (!functions.empty())
    os << "tuned for: " << llvm::join(functions, ", ") << "\n";
  os << llvm::format("tuning: %zu kernels, %.2f s measuring (%.2f s in all)",
                     kernels.size(), tuningSeconds, totalSeconds);
  if (compiledCandidates > 0)
    os << ", " << compiledCandidates << " candidates compiled on "
       << compileThreads << (compileThreads == 1 ? " thread" : " threads");
  size_t cached = llvm::count_if(
      kernels, [](const KernelTuningResult &k) { return k.cached; });
  if (!kernels.empty() && cached == kernels.size())
    os << ", all cached";
  os << "\n";
  return text;
}

bool tuneModule(ModuleOp module, const TuningOptions &options,
                TuningCache &cache, TuningReport &report, std::string &error,
                tessera_module **compiled) {
  auto start = Clock::now();
  // What the decisions below may spend: the budget less a margin for the
  // work after the last of them (the cache entries, the model handed
  // back), which took 0.1-0.15 s and had made fasternet_block's tuning end
  // at 10.00-10.14 s of a 10 s budget.
  const double budget =
      options.budgetSeconds - std::min(0.25, 0.02 * options.budgetSeconds);
  if (compiled)
    *compiled = nullptr;
  // Every candidate is a configuration of the generated code: with code
  // generation off there is nothing to choose between.
  if (!CPUPipelineOptions::fromEnvironment().tileAndVectorize) {
    report.warnings.push_back("tuning skipped: TESSERA_CPU_CODEGEN=off turns "
                              "off the code generation it configures");
    return true;
  }
  CPUPipelineOptions pipeline;
  pipeline.libraryCalls = options.libraryCalls;
  pipeline.threads = options.threads;
  if (failed(runPipeline(module, getCPUPipelinePrefixText(pipeline), error))) {
    if (error.empty())
      error = "the CPU pipeline's first passes failed";
    return false;
  }

  CPUDeviceDescription device = CPUDeviceDescription::host();
  std::string ignored;
  device.hasLibrary = !findDnnlLibrary(ignored).empty();
  CPUCodegenConfig defaults = CPUPipelineOptions::fromEnvironment().codegen;
  if (defaults.parallelChunks == 0 && options.threads > 0)
    defaults.parallelChunks = options.threads;
  defaults = defaults.resolved();

  // The functions tuned for: the caller's choice, else every public one.
  std::vector<std::string> functions;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal() &&
        (options.functions.empty() ||
         llvm::is_contained(options.functions, func.getName())))
      functions.push_back(func.getName().str());
  if (!options.functions.empty())
    report.functions = functions;

  // The distinct kernels worth a compilation, biggest first.
  std::vector<Kernel> kernels;
  std::map<std::string, size_t> byKey;
  module.walk([&](func::FuncOp func) {
    if (!llvm::is_contained(functions, func.getName()))
      return;
    func.walk([&](linalg::LinalgOp op) {
      std::optional<KernelShape> shape = analyzeKernel(op);
      if (!shape || shape->flops < options.minFlops)
        return;
      OwningOpRef<ModuleOp> kernelModule = buildKernelModule(op);
      if (!kernelModule)
        return;
      std::string ir = printModule(*kernelModule);
      std::string key = cache.keyFor(ir);
      auto [it, inserted] = byKey.try_emplace(key, kernels.size());
      if (inserted)
        kernels.push_back({key, ir, *shape, {}});
      kernels[it->second].ops.push_back(op);
    });
  });
  // Biggest first, ties in the module's order.
  {
    std::vector<std::pair<double, Kernel>> scored;
    scored.reserve(kernels.size());
    for (Kernel &kernel : kernels)
      scored.push_back({-kernel.work(), std::move(kernel)});
    sortByScore(scored);
    kernels.clear();
    for (auto &[score, kernel] : scored)
      kernels.push_back(std::move(kernel));
  }

  // The measuring contexts, one per compile thread: the model's threads;
  // library calls only where a candidate asks for them
  // (tessera.library_calls). The first one also compiles the models.
  unsigned compileThreads = compileThreadsFor(options);
  report.compileThreads = compileThreads;
  std::vector<std::unique_ptr<tessera_context, void (*)(tessera_context *)>>
      contextOwners;
  std::vector<tessera_context *> contexts;
  for (unsigned i = 0; i < compileThreads; ++i) {
    tessera_context *created = nullptr;
    if (tessera_context_create(TESSERA_TARGET_CPU, &created) != TESSERA_OK) {
      error = tessera_last_error();
      return false;
    }
    contextOwners.emplace_back(created, tessera_context_destroy);
    tessera_context_set_option(created, "threads",
                               std::to_string(options.threads).c_str());
    contexts.push_back(created);
  }
  tessera_context *context = contexts.front();

  // Each kernel's measuring module and pruned candidates (the default
  // first).
  struct KernelPlan {
    OwningOpRef<ModuleOp> module;
    std::vector<TuningCandidate> candidates;
    size_t prunedSize = 0;
  };
  std::vector<KernelPlan> plans(kernels.size());
  for (auto [kernel, plan] : llvm::zip(kernels, plans)) {
    plan.candidates =
        prunedTuningSpace(kernel.shape, device, defaults, options.maxCandidates,
                          &plan.prunedSize);
    plan.module = parseSourceString<ModuleOp>(
        kernel.ir, ParserConfig(module.getContext()));
  }
  // A compile job of `plan`'s candidate `i` (an empty source with the
  // error if it cannot be made).
  auto makeJob = [&](KernelPlan &plan, size_t i) {
    CompileJob job;
    if (!plan.module) {
      job.error = "the kernel's module does not parse";
      return job;
    }
    if (std::optional<std::string> source =
            candidateSource(*plan.module, plan.candidates[i], job.error))
      job.source = std::move(*source);
    return job;
  };
  std::vector<std::string> kernelFunction = {"kernel"};

  // The whole model as the default config compiles it: what the tuned
  // model must beat. Kernels timed alone miss what the model's code does
  // across them (epilogues and chains of convolutions fused, results
  // passed in cache), and a config that wins alone can lose there. The
  // verdict is cached with the kernels.
  // Keyed by the functions timed too: tuned for another entry of the same
  // module, the verdict may differ.
  std::string modelKey = cache.keyFor("model " + llvm::join(functions, ",") +
                                      "\n" + printModule(module));
  const TuningCacheEntry *modelEntry = cache.lookup(modelKey);
  bool checkModel =
      !kernels.empty() && !modelEntry && secondsSince(start) < budget;
  // The default model's compilation and timing, and its timing alone.
  double modelCost = 0, modelTimingCost = 0;
  // Kept compiled: timed again next to the tuned model at the end.
  std::unique_ptr<TimedModule> defaultModel;
  // The first kernel's candidates that the other compile threads compiled
  // while the default model compiled, in order from its default.
  std::deque<CompileJob> early;
  if (checkModel) {
    auto modelStart = Clock::now();
    std::string modelError;
    std::string modelSource = printModule(module);
    std::atomic<bool> modelCompiled{false};
    std::thread modelThread([&] {
      defaultModel =
          TimedModule::compile(context, modelSource, functions, modelError);
      modelCompiled = true;
    });
    // One at a time per thread, until the model is compiled: a kernel's
    // compilation is a fraction of the model's.
    KernelPlan &first = plans.front();
    if (!cache.lookup(kernels.front().key) && compileThreads > 1) {
      std::mutex takeMutex;
      auto compileEarly = [&](tessera_context *helperContext) {
        while (!modelCompiled) {
          CompileJob *job;
          {
            std::lock_guard<std::mutex> lock(takeMutex);
            if (early.size() >= first.candidates.size())
              return;
            early.push_back(makeJob(first, early.size()));
            job = &early.back();
          }
          if (!job->source.empty())
            job->module = TimedModule::compile(helperContext, job->source,
                                               kernelFunction, job->error);
        }
      };
      runPerContext(ArrayRef(contexts).drop_front(), compileEarly);
    }
    modelThread.join();
    modelCost = secondsSince(modelStart);
    auto timingStart = Clock::now();
    report.modelDefaultMs = defaultModel ? defaultModel->time(modelError) : -1;
    modelTimingCost = secondsSince(timingStart);
    modelCost += modelTimingCost;
    if (report.modelDefaultMs < 0) {
      report.warnings.push_back("tuning: the model does not run with the "
                                "default config (" +
                                modelError + "): tuning skipped");
      report.totalSeconds = secondsSince(start);
      return true;
    }
  }
  double modelCompileCost = modelCost - modelTimingCost;
  // Left of the budget for the model check: the two models' alternate
  // timings always; the tuned model's compilation only once some kernel
  // has a config other than the default (a cached one, or a measured
  // winner): until then nothing needs it, and the kernels get its seconds.
  double timingReserve = checkModel ? 6 * modelTimingCost : 0;
  double compileReserve = checkModel ? 1.25 * modelCompileCost : 0;
  bool cachedTuned = false;
  for (auto [kernel, plan] : llvm::zip(kernels, plans))
    if (const TuningCacheEntry *entry = cache.lookup(kernel.key)) {
      std::string ignored;
      std::optional<TuningCandidate> cached =
          TuningCandidate::parse(entry->config, defaults, ignored);
      cachedTuned |= cached && !(*cached == plan.candidates.front());
    }
  bool tunedModelNeeded = cachedTuned;
  auto reserve = [&] {
    return timingReserve + (tunedModelNeeded ? compileReserve : 0);
  };

  double remainingWork = 0;
  size_t remainingKernels = 0;
  for (Kernel &kernel : kernels)
    if (!cache.lookup(kernel.key)) {
      remainingWork += kernel.work();
      ++remainingKernels;
    }

  struct Choice {
    TuningCandidate candidate;
    bool isDefault = true;
  };
  std::vector<Choice> choices(kernels.size());
  bool unmeasured = false;
  std::vector<std::pair<std::string, TuningCacheEntry>> newEntries;
  double measuring = 0;
  // What the last batch of compilations cost (wall clock, side by side,
  // per unit of compileFactor), and the last timing: the estimates for the
  // next ones.
  double lastCompile = 0, lastTiming = 0;
  // What tuning a kernel has measured so far: the budget's leftover goes
  // to the kernels that did not get through their candidates in a second
  // round (below).
  struct KernelState {
    KernelTuningResult result;
    // The next candidate to time.
    size_t next = 0;
    // Compiled, not yet timed (the first kernel's early ones, then a batch
    // at a time).
    std::deque<CompileJob> ready;
    // What this kernel's first batch and timing cost: the others of the
    // same kernel cost about as much (per unit of compileFactor).
    double kernelCompile = 0, kernelTiming = 0;
    // What batches with a reduction unrolled by kr (> the default's) took
    // to compile for this kernel, once one was compiled: the power law of
    // compileFactor is a prior, and on a convolution's im2col GEMM kr = 2
    // compiled 7-11x as long as kr = 1 (fasternet_block's 3x3
    // convolution: 1.5-2.2 s instead of 0.2 s, estimated 0.5 s; its tuning
    // ran 10.2-10.8 s in 3 of 5 runs).
    std::map<int64_t, double> compiledByKr;
    double bestMs = std::numeric_limits<double>::infinity();
    // The best candidate so far (the default until one is faster).
    size_t best = 0;
    // Kept compiled for the confirmation of a winner.
    std::unique_ptr<TimedModule> defaultModule, bestModule;
    // The winner that the last confirmation timed, if any.
    size_t confirmed = 0;
    // A winner that could not be checked in the whole model.
    bool uncheckedWinner = false;
  };
  std::vector<KernelState> states(kernels.size());

  // Times kernel `index`'s candidates from where it stopped, while they
  // fit in `share` seconds (the first batch regardless) and the budget.
  auto measure = [&](size_t index, double share) {
    KernelPlan &plan = plans[index];
    KernelState &state = states[index];
    KernelTuningResult &result = state.result;
    const std::vector<TuningCandidate> &candidates = plan.candidates;
    auto kernelStart = Clock::now();
    // How much longer than the default candidates `from`..`from + count`
    // take to compile, at most: the reduction's unrolling (kr) multiplies
    // the code of the register tile (measured on fno2d's kernels: kr = 2
    // compiled 2.5-5x as long as kr = 1, kr = 4 8x; unforeseen, such a
    // batch late in the budget overran it by up to 0.6 s).
    int64_t defaultKr = std::max<int64_t>(1, candidates.front().config.kr);
    auto compileFactor = [&](size_t from, size_t count) {
      double factor = 1;
      for (size_t j = from; j < from + count; ++j)
        if (!candidates[j].library && candidates[j].config.kr > defaultKr)
          factor = std::max(
              factor,
              std::pow(double(candidates[j].config.kr) / defaultKr, 1.5));
      return factor;
    };
    auto unrolledKr = [&](size_t j) -> int64_t {
      return candidates[j].library ? 0 : candidates[j].config.kr;
    };
    auto compileEstimateFor = [&](double estimate, size_t from, size_t count) {
      double estimated = estimate * compileFactor(from, count);
      for (size_t j = from; j < from + count; ++j)
        if (auto it = state.compiledByKr.find(unrolledKr(j));
            it != state.compiledByKr.end())
          estimated = std::max(estimated, it->second);
      return estimated;
    };
    for (size_t &i = state.next; i < candidates.size(); ++i) {
      if (state.ready.empty()) {
        // Before any measurement, a prior: a kernel alone compiles in a
        // fraction of the model's time (at least 0.2 s).
        double compileEstimate =
            lastCompile > 0 ? std::max(lastCompile, state.kernelCompile)
                            : std::max(0.2, 0.25 * modelCompileCost);
        double timingEstimate = std::max(lastTiming, state.kernelTiming);
        double spent = secondsSince(kernelStart);
        // Others than the default while they fit in this kernel's share;
        // nothing, not even the default, once the budget (the whole
        // tuning step's, analysis included) would be exceeded by the
        // estimate with a margin. A kernel left unmeasured keeps the
        // default. The batch's compilations run side by side: a smaller
        // batch saves only its timings.
        auto fits = [&](size_t batch) {
          double estimate = compileEstimateFor(compileEstimate, i, batch) +
                            batch * timingEstimate;
          return !(i > 0 && spent + estimate > share) &&
                 secondsSince(start) + 1.25 * estimate <= budget - reserve();
        };
        size_t batch = std::min<size_t>(compileThreads, candidates.size() - i);
        while (batch > 0 && !fits(batch))
          --batch;
        if (batch == 0)
          break;
        std::vector<CompileJob> jobs;
        for (size_t j = i; j < i + batch; ++j)
          jobs.push_back(makeJob(plan, j));
        auto compileStart = Clock::now();
        compileConcurrently(contexts, jobs, kernelFunction);
        double compiled = secondsSince(compileStart);
        lastCompile = compiled / compileFactor(i, batch);
        int64_t slowestKr = 0;
        for (size_t j = i; j < i + batch; ++j)
          slowestKr = std::max(slowestKr, unrolledKr(j));
        if (slowestKr > defaultKr)
          state.compiledByKr[slowestKr] =
              std::max(state.compiledByKr[slowestKr], compiled);
        if (state.kernelCompile == 0)
          state.kernelCompile = lastCompile;
        report.compiledCandidates += jobs.size();
        for (CompileJob &job : jobs)
          state.ready.push_back(std::move(job));
      }
      CompileJob job = std::move(state.ready.front());
      state.ready.pop_front();
      auto timingStart = Clock::now();
      std::string measureError;
      double ms = job.module ? job.module->time(measureError) : -1;
      lastTiming = secondsSince(timingStart);
      if (i == 0)
        state.kernelTiming = lastTiming;
      ++result.tried;
      if (ms < 0)
        continue; // a candidate that fails is simply not chosen
      if (i == 0) {
        result.defaultMs = ms;
        state.defaultModule = std::move(job.module);
      }
      if (ms < state.bestMs) {
        state.bestMs = ms;
        state.best = i;
        if (i > 0)
          state.bestModule = std::move(job.module);
      }
      // The first clear winner of the run needs the tuned model compiled
      // for the check: its seconds are reserved from now on (the next
      // candidates fit in what is left), if they still can be.
      if (checkModel && !tunedModelNeeded && i > 0 && result.defaultMs > 0 &&
          ms < 0.9 * result.defaultMs &&
          secondsSince(start) + timingReserve + compileReserve <= budget)
        tunedModelNeeded = true;
    }
    // A winner is timed again next to the default, alternately: a single
    // median is biased by when it ran (the default, timed first after a
    // batch of compilations, measured 2.7x slower than it runs in the
    // model: fno2d's inverse DFT along W, 0.60 against 0.22 ms). If that
    // no longer fits in the budget, the default is kept.
    if (state.bestModule && state.best != state.confirmed &&
        result.defaultMs > 0 && state.bestMs < 0.9 * result.defaultMs) {
      state.confirmed = state.best;
      double confirmEstimate = 6 * std::max(lastTiming, state.kernelTiming);
      std::vector<double> defaultTimes, bestTimes;
      if (secondsSince(start) + confirmEstimate <= budget - reserve()) {
        std::string measureError;
        for (int round = 0; round < 3; ++round) {
          defaultTimes.push_back(state.defaultModule->time(measureError));
          bestTimes.push_back(state.bestModule->time(measureError));
        }
      }
      double confirmedDefault = medianOfRuns(defaultTimes);
      double confirmedBest = medianOfRuns(bestTimes);
      if (confirmedDefault >= 0 && confirmedBest >= 0) {
        result.defaultMs = confirmedDefault;
        state.bestMs = confirmedBest;
      } else {
        state.bestMs = result.defaultMs;
      }
    }
    measuring += secondsSince(kernelStart);
    // Keep the default unless the winner is clearly faster: a median on a
    // busy machine varies by several percent.
    Choice &choice = choices[index];
    choice.candidate = candidates.front();
    if (result.defaultMs > 0 && state.bestMs < 0.9 * result.defaultMs)
      choice.candidate = candidates[state.best];
    // A winner found when the tuned model's compilation no longer fitted
    // cannot be checked: the default is kept.
    state.uncheckedWinner = checkModel && !tunedModelNeeded &&
                            !(choice.candidate == candidates.front());
    if (state.uncheckedWinner)
      choice.candidate = candidates.front();
    choice.isDefault = choice.candidate == candidates.front();
    // Without a winner after all, the tuned model's compilation need not
    // be reserved any more.
    if (tunedModelNeeded && !cachedTuned)
      tunedModelNeeded =
          llvm::any_of(choices, [](const Choice &c) { return !c.isDefault; });
  };

  // First round: each kernel in turn, with its share of what is left.
  for (auto [index, kernel] : llvm::enumerate(kernels)) {
    KernelPlan &plan = plans[index];
    const std::vector<TuningCandidate> &candidates = plan.candidates;
    KernelState &state = states[index];
    KernelTuningResult &result = state.result;
    result.kernel = kernel.shape.description;
    result.kernelClass = kernelClassName(kernel.shape.kernelClass).str();
    result.occurrences = kernel.ops.size();
    result.spaceSize =
        tuningSpaceSize(tuningKnobs(kernel.shape.kernelClass, device));
    result.prunedSize = plan.prunedSize;
    result.candidates = candidates.size();
    Choice &choice = choices[index];
    choice.candidate = candidates.front();

    if (const TuningCacheEntry *entry = cache.lookup(kernel.key)) {
      std::string parseError;
      std::optional<TuningCandidate> cached =
          TuningCandidate::parse(entry->config, defaults, parseError);
      if (cached) {
        result.cached = true;
        result.tried = entry->tried;
        result.defaultMs = entry->defaultMs;
        result.bestMs = entry->bestMs;
        choice.candidate = *cached;
        choice.isDefault = *cached == candidates.front();
        continue;
      }
      report.warnings.push_back("tuning cache: entry for " + result.kernel +
                                " does not parse (" + parseError +
                                "): tuned again");
    }

    // This kernel's share of what is left of the budget: each kernel after
    // it keeps room for its first batch (the default and the space's first
    // candidates, oneDNN where it may be called), the rest goes by work.
    // The kernels before the last one share it as if the tuned model had to
    // be compiled for the check: once a winner needs that, its reserve
    // would otherwise come out of the last kernels' shares alone. Both
    // measured on paon_block (five 3x3 convolutions, oneDNN 1.5-2.7x faster
    // on each): its first convolution tried 8 candidates, its last none.
    double work = kernel.work();
    --remainingKernels;
    bool lastToTune = remainingKernels == 0;
    double firstBatch =
        (lastCompile > 0 ? lastCompile
                         : std::max(0.2, 0.25 * modelCompileCost)) +
        compileThreads * lastTiming;
    double left = budget - secondsSince(start) -
                  (lastToTune ? reserve() : timingReserve + compileReserve) -
                  remainingKernels * firstBatch;
    double share =
        std::max(0.0, remainingWork > 0 ? left * work / remainingWork : left);
    remainingWork -= work;
    if (index == 0)
      state.ready = std::move(early);
    report.compiledCandidates += state.ready.size();
    measure(index, share);
  }

  // Second round: what the first left of the budget goes to the kernels
  // that did not get through their candidates, by work, biggest first,
  // still keeping room for the tuned model's compilation (a winner found
  // without it could not be checked, hence not used). The first round
  // reserves that compilation for all but the last kernel, winner or not:
  // without this round, models that compile fast ended their tuning early
  // with kernels measured on 2 of their 24 candidates.
  {
    // Measured in the first round, but not through all its candidates.
    auto unfinished = [&](size_t index) {
      const KernelState &state = states[index];
      return !state.result.cached && state.next > 0 &&
             state.next < plans[index].candidates.size();
    };
    double unfinishedWork = 0;
    for (auto [index, kernel] : llvm::enumerate(kernels))
      if (unfinished(index))
        unfinishedWork += kernel.work();
    for (auto [index, kernel] : llvm::enumerate(kernels)) {
      if (!unfinished(index))
        continue;
      double left =
          budget - secondsSince(start) - timingReserve - compileReserve;
      if (left <= 0 || unfinishedWork <= 0)
        break;
      double share = left * kernel.work() / unfinishedWork;
      unfinishedWork -= kernel.work();
      measure(index, share);
    }
  }

  // The results, in the kernels' order, and their cache entries.
  for (auto [index, kernel] : llvm::enumerate(kernels)) {
    KernelState &state = states[index];
    KernelTuningResult &result = state.result;
    Choice &choice = choices[index];
    if (result.cached) {
      result.best = choice.candidate.str();
      result.isDefault = choice.isDefault;
      report.kernels.push_back(result);
      continue;
    }
    if (state.uncheckedWinner) {
      const TuningCandidate &winner = plans[index].candidates[state.best];
      report.warnings.push_back(llvm::formatv(
          "tuning: {0} ran {1:F2}x faster with {2}, but compiling the tuned "
          "model for the model check (about {3:F1} s) no longer fitted in "
          "the budget: the default config kept, cached as such (a larger "
          "--tuning-budget with a fresh --tuning-cache tunes it)",
          result.kernel, result.defaultMs / state.bestMs, winner.str(),
          compileReserve));
    }
    result.bestMs = choice.isDefault ? result.defaultMs : state.bestMs;
    result.best = choice.candidate.str();
    result.isDefault = choice.isDefault;
    TuningCacheEntry entry;
    entry.kernel = result.kernel;
    entry.kernelClass = result.kernelClass;
    entry.config = result.best;
    entry.defaultMs = result.defaultMs;
    entry.bestMs = result.bestMs;
    entry.tried = result.tried;
    // A kernel the budget left unmeasured is cached with the default too
    // (a cached run does no tuning; a fresh cache and a larger budget tune
    // it), unless the run measured nothing at all (a zero budget).
    newEntries.push_back({kernel.key, entry});
    if (result.tried == 0)
      unmeasured = true;
    report.kernels.push_back(result);
  }
  report.tuningSeconds = measuring + modelCost;
  bool measuredAny =
      checkModel || llvm::any_of(newEntries, [](const auto &keyAndEntry) {
        return keyAndEntry.second.tried > 0;
      });
  if (measuredAny)
    for (auto &[key, entry] : newEntries)
      cache.insert(key, entry);
  if (unmeasured && checkModel)
    report.warnings.push_back(llvm::formatv(
        "tuning: the budget of {0:F1} s left kernels unmeasured (they keep "
        "the default config, cached as such); compiling and timing the whole "
        "model for the check takes about {1:F1} s of it ({2:F1} s more "
        "once a kernel's config changes) (a larger --tuning-budget with a "
        "fresh --tuning-cache tunes them)",
        options.budgetSeconds, modelCost + timingReserve, compileReserve));

  bool anyTuned =
      llvm::any_of(choices, [](const Choice &c) { return !c.isDefault; });
  if (modelEntry) {
    report.modelCached = true;
    report.modelDefaultMs = modelEntry->defaultMs;
    report.modelTunedMs = modelEntry->bestMs;
    report.modelKeptTuned = modelEntry->config == "tuned";
    if (!report.modelKeptTuned)
      anyTuned = false;
  }
  if (!anyTuned) {
    if (checkModel) {
      TuningCacheEntry entry;
      entry.kernel = "model " + llvm::join(functions, ",");
      entry.kernelClass = "model";
      entry.config = "default";
      entry.defaultMs = report.modelDefaultMs; // bestMs 0: no kernel tuned
      cache.insert(modelKey, entry);
      if (compiled)
        *compiled = defaultModel->release();
    }
    report.totalSeconds = secondsSince(start);
    return true;
  }

  // Apply: every op of a kernel whose best is not the default carries its
  // config, which the code generator applies to it in the model's code
  // (its fused epilogue and its place in fused chains included).
  OwningOpRef<ModuleOp> untuned = checkModel ? module.clone() : nullptr;
  bool library = false;
  for (auto [index, kernel] : llvm::enumerate(kernels)) {
    if (choices[index].isDefault)
      continue;
    library |= choices[index].candidate.library;
    for (Operation *op : kernel.ops)
      annotate(op, choices[index].candidate);
  }
  if (library &&
      failed(runPipeline(module, "tessera-cpu-library-calls", error)))
    return false;

  if (checkModel) {
    // The tuned model replaces the default one only if clearly faster as
    // a whole: the two are timed alternately, three times each (a machine
    // that slows down or speeds up meanwhile slows both), and their
    // medians compared with a margin (a median varies by a few percent).
    auto modelStart = Clock::now();
    std::string modelError;
    std::unique_ptr<TimedModule> tunedModel = TimedModule::compile(
        context, printModule(module), functions, modelError);
    std::vector<double> defaultTimes, tunedTimes;
    for (int round = 0; tunedModel && round < 3; ++round) {
      defaultTimes.push_back(defaultModel->time(modelError));
      tunedTimes.push_back(tunedModel->time(modelError));
    }
    // -1 if a round failed (or none ran: no tuned model).
    if (tunedModel && medianOfRuns(defaultTimes) > 0)
      report.modelDefaultMs = medianOfRuns(defaultTimes);
    report.modelTunedMs = medianOfRuns(tunedTimes);
    if (report.modelTunedMs < 0)
      report.warnings.push_back("tuning: the model does not run with the "
                                "tuned configs (" +
                                modelError + "): the default configs kept");
    report.tuningSeconds += secondsSince(modelStart);
    report.modelKeptTuned = report.modelTunedMs > 0 &&
                            report.modelTunedMs < 0.95 * report.modelDefaultMs;
    TuningCacheEntry entry;
    entry.kernel = "model " + llvm::join(functions, ",");
    entry.kernelClass = "model";
    entry.config = report.modelKeptTuned ? "tuned" : "default";
    entry.defaultMs = report.modelDefaultMs;
    entry.bestMs = report.modelTunedMs;
    cache.insert(modelKey, entry);
    if (!report.modelKeptTuned)
      module.getBodyRegion().takeBody(untuned->getBodyRegion());
    if (compiled)
      *compiled = report.modelKeptTuned ? tunedModel->release()
                                        : defaultModel->release();
  }
  report.totalSeconds = secondsSince(start);
  return true;
}

} // namespace tessera::runtime
