//===- Runtime.cpp - The embeddable runtime behind tessera-c/runtime.h ----===//
//
// A module is either JIT-compiled from MLIR (text or bytecode) or a shared
// library made by tessera-compile; both expose, per function, a packed entry
// point taking pointers to memref descriptors, and a signature that every
// call is checked against before any data is touched.
//
//===----------------------------------------------------------------------===//

#include "tessera-c/runtime.h"
#include "Timing.h"

#include "tessera/Runtime/CPUCodegen.h"
#include "tessera/Runtime/GPUTargets.h"
#include "tessera/Runtime/GPUTuner.h"
#include "tessera/Runtime/Signature.h"
#include "tessera/Runtime/Tuner.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <dlfcn.h>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

using namespace tessera::runtime;

namespace {
thread_local std::string lastError;

tessera_status fail(tessera_status status, std::string message) {
  lastError = std::move(message);
  return status;
}

using EntryFn = void (*)(void **);
} // namespace

struct tessera_function {
  FunctionSignature signature;
  EntryFn entry = nullptr;
  /// GPU code: the error collector of its runtime library.
  GPUTakeErrorFn takeGPUError = nullptr;
};

struct tessera_module {
  std::unique_ptr<mlir::ExecutionEngine> engine; // JIT-compiled modules
  void *library = nullptr;                       // loaded artifacts
  std::vector<std::unique_ptr<tessera_function>> functions;
  /// What tuning did (tessera_module_tuning_report); "" if not tuned.
  std::string tuningReport;

  ~tessera_module() {
    functions.clear();
    engine.reset();
    if (library)
      dlclose(library);
  }
};

struct tessera_context {
  tessera_target target;
  /// GPU targets: the runtime library (path, kept loaded) and the device.
  std::string gpuLibrary;
  void *gpuHandle = nullptr;
  std::string device = "cpu";
  std::mutex loadMutex;
  /// GEMMs of the modules compiled from now on that call oneDNN.
  mlir::tessera::LibraryCallsConfig libraryCalls;
  /// Threads of the parallel loops of the modules compiled from now on
  /// (0: OpenMP's default, every hardware thread).
  int64_t threads = 0;
  /// Tune the CPU kernels (Tuner.h), or on Vulkan the GPU mapping
  /// (GPUTuner.h), of the modules compiled from now on
  /// within `tuningBudget` seconds per module, with the persistent cache at
  /// `tuningCachePath` ("" for none).
  bool tuning = false;
  double tuningBudget = 10;
  /// Threads compiling the CPU tuner's candidates (0: the hardware's).
  unsigned tuningCompileThreads = 0;
  std::string tuningCachePath = TuningCache::defaultPath();
  /// The public functions tuning times (the ones the application runs);
  /// empty: every public function of the module.
  std::vector<std::string> tuningFunctions;
  /// The in-memory cache, created on first use.
  std::unique_ptr<TuningCache> tuningCache;

  TuningCache &cache() {
    if (!tuningCache)
      tuningCache = std::make_unique<TuningCache>(createHostTuningCache());
    return *tuningCache;
  }
};

//===----------------------------------------------------------------------===//
// Names and sizes
//===----------------------------------------------------------------------===//

const char *tessera_last_error(void) { return lastError.c_str(); }

const char *tessera_status_name(tessera_status status) {
  switch (status) {
  case TESSERA_OK:
    return "ok";
  case TESSERA_INVALID_ARGUMENT:
    return "invalid argument";
  case TESSERA_NOT_FOUND:
    return "not found";
  case TESSERA_INVALID_IR:
    return "invalid IR";
  case TESSERA_COMPILE_ERROR:
    return "compile error";
  case TESSERA_IO_ERROR:
    return "I/O error";
  case TESSERA_UNSUPPORTED:
    return "unsupported";
  case TESSERA_RUNTIME_ERROR:
    return "runtime error";
  }
  return "unknown status";
}

const char *tessera_dtype_name(tessera_dtype dtype) {
  switch (dtype) {
  case TESSERA_F32:
    return "f32";
  case TESSERA_F64:
    return "f64";
  case TESSERA_I32:
    return "i32";
  case TESSERA_I64:
    return "i64";
  case TESSERA_I8:
    return "i8";
  case TESSERA_U8:
    return "u8";
  case TESSERA_I4:
    return "i4";
  case TESSERA_U4:
    return "u4";
  case TESSERA_I1:
    return "i1";
  case TESSERA_C64:
    return "c64";
  }
  return "unknown";
}

size_t tessera_dtype_size(tessera_dtype dtype) {
  switch (dtype) {
  case TESSERA_F64:
  case TESSERA_I64:
  case TESSERA_C64:
    return 8;
  case TESSERA_F32:
  case TESSERA_I32:
    return 4;
  case TESSERA_I8:
  case TESSERA_U8:
  case TESSERA_I4:
  case TESSERA_U4:
  case TESSERA_I1:
    return 1;
  }
  return 0;
}

//===----------------------------------------------------------------------===//
// Contexts and modules
//===----------------------------------------------------------------------===//

tessera_status tessera_context_create(tessera_target target,
                                      tessera_context **out) {
  if (!out)
    return fail(TESSERA_INVALID_ARGUMENT,
                "tessera_context_create: out is null");
  *out = nullptr;
  if (target != TESSERA_TARGET_CPU && target != TESSERA_TARGET_VULKAN &&
      target != TESSERA_TARGET_CUDA)
    return fail(TESSERA_UNSUPPORTED,
                "target " + std::to_string(target) +
                    " is not supported by this runtime (known: cpu, vulkan, "
                    "cuda)");
  auto context = std::make_unique<tessera_context>();
  context->target = target;
  if (target != TESSERA_TARGET_CPU) {
    std::string error;
    if (!probeGPUTarget(target, context->gpuLibrary, context->gpuHandle,
                        context->device, error))
      return fail(TESSERA_UNSUPPORTED,
                  std::string("target ") + targetName(target) + ": " + error);
  }
  *out = context.release();
  return TESSERA_OK;
}

// The GPU runtime library stays loaded: modules compiled for it may outlive
// the context.
void tessera_context_destroy(tessera_context *context) { delete context; }

tessera_target tessera_context_target(const tessera_context *context) {
  return context ? context->target : TESSERA_TARGET_CPU;
}

const char *tessera_context_device(const tessera_context *context) {
  return context ? context->device.c_str() : "";
}

tessera_status tessera_context_set_option(tessera_context *context,
                                          const char *name, const char *value) {
  if (!context || !name || !value)
    return fail(TESSERA_INVALID_ARGUMENT,
                "tessera_context_set_option: null argument");
  std::lock_guard<std::mutex> lock(context->loadMutex);
  llvm::StringRef option(name);
  std::string error;
  if (option == "library-calls") {
    auto config = mlir::tessera::LibraryCallsConfig::parse(value, error);
    if (!config)
      return fail(TESSERA_INVALID_ARGUMENT, error);
    if (config->any() && findDnnlLibrary(error).empty())
      return fail(TESSERA_UNSUPPORTED, error);
    config->minFlops = context->libraryCalls.minFlops;
    context->libraryCalls = *config;
    return TESSERA_OK;
  }
  if (option == "library-min-flops") {
    long long flops;
    if (llvm::StringRef(value).getAsInteger(10, flops) || flops < 0)
      return fail(TESSERA_INVALID_ARGUMENT,
                  std::string("library-min-flops: '") + value +
                      "' is not a non-negative integer");
    context->libraryCalls.minFlops = flops;
    return TESSERA_OK;
  }
  if (option == "threads") {
    long long threads;
    if (llvm::StringRef(value).getAsInteger(10, threads) || threads < 0 ||
        threads > 4096)
      return fail(TESSERA_INVALID_ARGUMENT,
                  std::string("threads: '") + value +
                      "' is not an integer in [0, 4096]");
    context->threads = threads;
    return TESSERA_OK;
  }
  if (option == "tuning") {
    llvm::StringRef text(value);
    if (text == "on" || text == "1" || text == "true")
      context->tuning = true;
    else if (text == "off" || text == "0" || text == "false")
      context->tuning = false;
    else
      return fail(TESSERA_INVALID_ARGUMENT,
                  std::string("tuning: '") + value + "' is not on or off");
    return TESSERA_OK;
  }
  if (option == "tuning-budget") {
    double seconds;
    if (llvm::StringRef(value).getAsDouble(seconds) || !(seconds >= 0) ||
        seconds > 86400)
      return fail(TESSERA_INVALID_ARGUMENT,
                  std::string("tuning-budget: '") + value +
                      "' is not a number of seconds in [0, 86400]");
    context->tuningBudget = seconds;
    return TESSERA_OK;
  }
  if (option == "tuning-compile-threads") {
    unsigned threads;
    if (llvm::StringRef(value).getAsInteger(10, threads) || threads > 64)
      return fail(TESSERA_INVALID_ARGUMENT,
                  std::string("tuning-compile-threads: '") + value +
                      "' is not an integer in [0, 64]");
    context->tuningCompileThreads = threads;
    return TESSERA_OK;
  }
  if (option == "tuning-cache") {
    llvm::StringRef text(value);
    context->tuningCachePath = text.empty()     ? TuningCache::defaultPath()
                               : text == "none" ? ""
                                                : text.str();
    return TESSERA_OK;
  }
  if (option == "tuning-functions") {
    llvm::SmallVector<llvm::StringRef> names;
    llvm::StringRef(value).split(names, ',', /*MaxSplit=*/-1,
                                 /*KeepEmpty=*/false);
    context->tuningFunctions.clear();
    for (llvm::StringRef function : names)
      if (!function.trim().empty())
        context->tuningFunctions.push_back(function.trim().str());
    return TESSERA_OK;
  }
  return fail(TESSERA_INVALID_ARGUMENT,
              std::string("unknown option '") + name +
                  "' (known: library-calls, library-min-flops, threads, "
                  "tuning, tuning-budget, tuning-cache, tuning-compile-threads, "
                  "tuning-functions)");
}

static tessera_status
finishModule(std::unique_ptr<tessera_module> module,
             std::vector<FunctionSignature> signatures,
             llvm::function_ref<void *(llvm::StringRef)> lookup,
             tessera_module **out, GPUTakeErrorFn takeGPUError = nullptr) {
  for (FunctionSignature &sig : signatures) {
    auto function = std::make_unique<tessera_function>();
    function->entry =
        reinterpret_cast<EntryFn>(lookup(kEntryPrefix + sig.name));
    if (!function->entry)
      return fail(TESSERA_COMPILE_ERROR,
                  "no entry point for function '" + sig.name + "'");
    function->signature = std::move(sig);
    function->takeGPUError = takeGPUError;
    module->functions.push_back(std::move(function));
  }
  *out = module.release();
  return TESSERA_OK;
}

/// A tensor of `spec`'s type and shape with every element 1 (valid for
/// every dtype, and no division by zero in the kernels being timed).
static std::vector<char> onesLike(const TensorSpec &spec) {
  int64_t n = spec.numElements();
  size_t size = tessera_dtype_size(spec.dtype);
  std::vector<char> bytes(std::max<size_t>(1, n * size), 0);
  for (int64_t i = 0; i < n; ++i) {
    char *p = bytes.data() + i * size;
    switch (spec.dtype) {
    case TESSERA_F32:
    case TESSERA_C64: {
      float one = 1;
      std::memcpy(p, &one, sizeof(one));
      break;
    }
    case TESSERA_F64: {
      double one = 1;
      std::memcpy(p, &one, sizeof(one));
      break;
    }
    default:
      p[0] = 1; // little-endian integers and booleans
    }
  }
  return bytes;
}

/// The GPU tuner's measurement (GPUTuner.h): `module` (not lowered) copied,
/// compiled with `knobs`, loaded, and every function of `signatures` run on
/// its real shapes: a warm-up, then `runs` timed rounds; `ms` is the median
/// round.
static bool
measureGPUCandidate(tessera_context *context, mlir::ModuleOp module,
                    const std::vector<FunctionSignature> &signatures,
                    const mlir::tessera::GPUPipelineOptions &knobs, int runs,
                    double &ms,
                    std::vector<std::unique_ptr<mlir::ExecutionEngine>> &keep,
                    std::string &error) {
  error.clear();
  mlir::OwningOpRef<mlir::ModuleOp> candidate = module.clone();
  if (!lowerToLLVMDialectForGPU(*candidate, context->target, &knobs, error))
    return false;
  std::vector<std::string> libraries{context->gpuLibrary};
  std::unique_ptr<mlir::ExecutionEngine> engine =
      createJIT(*candidate, signatures, error, libraries);
  if (!engine)
    return false;
  auto takeError = reinterpret_cast<GPUTakeErrorFn>(
      dlsym(context->gpuHandle, "tessera_gpu_rt_take_error"));
  engine->initialize();
  if (takeGPUError(takeError, error))
    return false;
  struct Call {
    tessera_function function;
    std::vector<std::vector<char>> data;
    std::vector<tessera_tensor> inputs, outputs;
  };
  std::vector<Call> calls(signatures.size());
  for (auto [call, sig] : llvm::zip_equal(calls, signatures)) {
    auto fn = engine->lookup(kEntryPrefix + sig.name);
    if (!fn) {
      error = llvm::toString(fn.takeError());
      return false;
    }
    call.function.entry = reinterpret_cast<EntryFn>(*fn);
    call.function.signature = sig;
    call.function.takeGPUError = takeError;
    for (const TensorSpec &spec : sig.inputs)
      call.data.push_back(onesLike(spec));
    for (const TensorSpec &spec : sig.results)
      call.data.push_back(onesLike(spec));
    size_t d = 0;
    for (const TensorSpec &spec : sig.inputs)
      call.inputs.push_back({spec.dtype, int32_t(spec.shape.size()),
                             spec.shape.data(), nullptr,
                             call.data[d++].data()});
    for (const TensorSpec &spec : sig.results)
      call.outputs.push_back({spec.dtype, int32_t(spec.shape.size()),
                              spec.shape.data(), nullptr,
                              call.data[d++].data()});
  }
  auto round = [&]() {
    for (Call &call : calls)
      if (tessera_function_invoke(&call.function, call.inputs.data(),
                                  call.inputs.size(), call.outputs.data(),
                                  call.outputs.size()) != TESSERA_OK) {
        error = tessera_last_error();
        return false;
      }
    return true;
  };
  // Warm-up: at least two rounds and 50 ms of them. The first round loads
  // the kernels; the rest give an idle GPU time to raise its clocks again
  // (they drop while the next candidate compiles).
  {
    auto start = Clock::now();
    for (int r = 0; r < 2 || (r < 1000 && Clock::now() - start <
                                              std::chrono::milliseconds(50));
         ++r)
      if (!round())
        return false;
  }
  std::vector<double> times;
  for (int r = 0; r < std::max(1, runs); ++r) {
    auto start = Clock::now();
    if (!round())
      return false;
    times.push_back(secondsSince(start) * 1e3);
  }
  ms = medianOf(std::move(times));
  // Kept loaded until tuning ends: unloading kernels between candidates
  // (pipelines destroyed and created again) crashed lavapipe now and then.
  keep.push_back(std::move(engine));
  return true;
}

/// Removes the public functions of `module` other than `functions` (kept
/// as private ones if those call them), and what only they used.
static void keepOnlyFunctions(mlir::ModuleOp module,
                              llvm::ArrayRef<std::string> functions) {
  for (auto func : module.getOps<mlir::func::FuncOp>())
    if (func.isPublic() && !llvm::is_contained(functions, func.getName()))
      func.setPrivate();
  mlir::PassManager pm(module.getContext());
  pm.addPass(mlir::createSymbolDCEPass());
  (void)pm.run(module);
}

/// --tune on a GPU target: the knobs of the GPU mapping to compile `module`
/// with (nullopt: the default or $TESSERA_GPU_CONFIG), measured by the GPU
/// tuner or taken from the cache; what it did is appended to `text`.
static std::optional<mlir::tessera::GPUPipelineOptions>
tuneForGPU(tessera_context *context, mlir::ModuleOp module,
           const std::vector<FunctionSignature> &signatures, std::string &text,
           std::string &error) {
  TuningReport report;
  mlir::tessera::GPUDeviceLimits limits;
  std::string fingerprint, deviceError;
  std::optional<mlir::tessera::GPUPipelineOptions> result;
  if (!queryGPUDevice(context->gpuHandle, limits, fingerprint, deviceError)) {
    report.warnings.push_back("tuning skipped: " + deviceError);
  } else {
    TuningCache cache(std::string(targetName(context->target)) + ": " +
                          fingerprint,
                      TuningCache::compilerVersion());
    if (!context->tuningCachePath.empty())
      cache.load(context->tuningCachePath, report.warnings);
    GPUTuningOptions options;
    options.budgetSeconds = context->tuningBudget;
    // Tuned for the functions the application runs: the others are left
    // out of the module the candidates compile and time (the kernel
    // classes, the cache key and the timings are those of the functions
    // tuned for); the choice is compiled into the whole module.
    mlir::ModuleOp timed = module;
    mlir::OwningOpRef<mlir::ModuleOp> timedCopy;
    std::vector<FunctionSignature> timedSignatures = signatures;
    if (!context->tuningFunctions.empty()) {
      timedCopy = module.clone();
      timed = *timedCopy;
      keepOnlyFunctions(timed, context->tuningFunctions);
      llvm::erase_if(timedSignatures, [&](const FunctionSignature &sig) {
        return !llvm::is_contained(context->tuningFunctions, sig.name);
      });
      for (const FunctionSignature &sig : timedSignatures)
        report.functions.push_back(sig.name);
    }
    mlir::tessera::GPUPipelineOptions chosen;
    std::vector<std::unique_ptr<mlir::ExecutionEngine>> engines;
    auto measure = [&](const mlir::tessera::GPUPipelineOptions &knobs, int runs,
                       double &ms, std::string &measureError) {
      return measureGPUCandidate(context, timed, timedSignatures, knobs, runs,
                                 ms, engines, measureError);
    };
    if (!tuneGPUModule(timed, limits, measure, options, cache, report, chosen,
                       error))
      return std::nullopt;
    result = chosen;
    std::string saveError;
    if (!context->tuningCachePath.empty() &&
        !cache.save(context->tuningCachePath, saveError))
      report.warnings.push_back("tuning cache not saved: " + saveError);
  }
  for (const std::string &warning : report.warnings)
    text += "warning: " + warning + "\n";
  text += report.str();
  return result;
}

static tessera_status loadMLIR(tessera_context *context, llvm::StringRef data,
                               llvm::StringRef name, tessera_module **out) {
  std::lock_guard<std::mutex> lock(context->loadMutex);
  mlir::DialectRegistry registry;
  registerCompilerDialects(registry);
  mlir::MLIRContext mlirContext(registry);
  mlirContext.loadAllAvailableDialects();

  std::string error;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      parseModule(mlirContext, data, name, error);
  if (!module)
    return fail(TESSERA_INVALID_IR, error);
  std::vector<FunctionSignature> signatures;
  if (!collectSignatures(*module, signatures, error))
    return fail(TESSERA_UNSUPPORTED, error);
  bool gpu = context->target != TESSERA_TARGET_CPU;
  for (FunctionSignature &sig : signatures)
    sig.packedWordBits = packedWordBits(context->target);
  if (context->tuning)
    for (const std::string &function : context->tuningFunctions)
      if (llvm::none_of(signatures, [&](const FunctionSignature &sig) {
            return sig.name == function;
          })) {
        std::vector<std::string> names;
        for (const FunctionSignature &sig : signatures)
          names.push_back(sig.name);
        return fail(TESSERA_INVALID_ARGUMENT,
                    "tuning-functions: the module has no public function '" +
                        function +
                        "' (its functions: " + llvm::join(names, ", ") + ")");
      }
  std::string tuningReport;
  // The model as the tuner compiled it for its check, if it did.
  std::unique_ptr<tessera_module> tunedModule;
  if (!gpu && context->tuning) {
    TuningCache &cache = context->cache();
    TuningReport report;
    if (!context->tuningCachePath.empty())
      cache.load(context->tuningCachePath, report.warnings);
    TuningOptions options;
    options.budgetSeconds = context->tuningBudget;
    options.compileThreads = context->tuningCompileThreads;
    options.libraryCalls = context->libraryCalls;
    options.threads = context->threads;
    options.functions = context->tuningFunctions;
    tessera_module *compiled = nullptr;
    if (!tuneModule(*module, options, cache, report, error, &compiled))
      return fail(TESSERA_COMPILE_ERROR, error);
    tunedModule.reset(compiled);
    std::string saveError;
    if (!context->tuningCachePath.empty() &&
        !cache.save(context->tuningCachePath, saveError))
      report.warnings.push_back("tuning cache not saved: " + saveError);
    for (const std::string &warning : report.warnings)
      tuningReport += "warning: " + warning + "\n";
    tuningReport += report.str();
    // Not compiled again: the tuner's model has the same functions (it
    // was compiled from this module after the pipeline's prefix, which
    // keeps them), checked here all the same.
    if (tunedModule) {
      std::vector<FunctionSignature> compiledSignatures;
      for (const auto &function : tunedModule->functions)
        compiledSignatures.push_back(function->signature);
      if (serializeManifest(compiledSignatures) ==
          serializeManifest(signatures)) {
        tunedModule->tuningReport = std::move(tuningReport);
        *out = tunedModule.release();
        return TESSERA_OK;
      }
    }
  }
  std::optional<mlir::tessera::GPUPipelineOptions> gpuKnobs;
  if (gpu && context->tuning) {
    gpuKnobs = tuneForGPU(context, *module, signatures, tuningReport, error);
    if (!error.empty())
      return fail(TESSERA_COMPILE_ERROR, error);
  }
  if (gpu ? !lowerToLLVMDialectForGPU(*module, context->target,
                                      gpuKnobs ? &*gpuKnobs : nullptr, error)
          : !lowerToLLVMDialect(*module, error, context->libraryCalls,
                                context->threads))
    return fail(TESSERA_COMPILE_ERROR, error);
  auto result = std::make_unique<tessera_module>();
  result->tuningReport = std::move(tuningReport);
  std::vector<std::string> libraries;
  if (gpu)
    libraries.push_back(context->gpuLibrary);
  result->engine = createJIT(*module, signatures, error, libraries);
  if (!result->engine)
    return fail(TESSERA_COMPILE_ERROR, error);
  mlir::ExecutionEngine *engine = result->engine.get();
  GPUTakeErrorFn takeError = nullptr;
  if (gpu) {
    // Global constructors load the kernels (mgpuModuleLoad).
    takeError = reinterpret_cast<GPUTakeErrorFn>(
        dlsym(context->gpuHandle, "tessera_gpu_rt_take_error"));
    engine->initialize();
    if (takeGPUError(takeError, error))
      return fail(TESSERA_COMPILE_ERROR,
                  std::string("loading the kernels failed: ") + error);
  }
  return finishModule(
      std::move(result), std::move(signatures),
      [&](llvm::StringRef symbol) -> void * {
        auto fn = engine->lookup(symbol);
        if (!fn) {
          llvm::consumeError(fn.takeError());
          return nullptr;
        }
        return *fn;
      },
      out, takeError);
}

static tessera_status loadLibrary(const char *path, tessera_module **out) {
  void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!library)
    return fail(TESSERA_IO_ERROR,
                std::string("cannot load library ") + path + ": " + dlerror());
  auto module = std::make_unique<tessera_module>();
  module->library = library;
  auto *manifest = static_cast<const char *>(dlsym(library, kManifestSymbol));
  if (!manifest)
    return fail(TESSERA_INVALID_ARGUMENT,
                std::string(path) +
                    " is not a Tessera artifact (no tessera_manifest symbol)");
  std::vector<FunctionSignature> signatures;
  std::string error;
  if (!parseManifest(manifest, signatures, error))
    return fail(TESSERA_INVALID_ARGUMENT, std::string(path) + ": " + error);
  // An artifact of a GPU target links its runtime library, whose errors
  // (e.g. no device when its constructors loaded the kernels) show here.
  auto takeError = reinterpret_cast<GPUTakeErrorFn>(
      dlsym(library, "tessera_gpu_rt_take_error"));
  if (takeError) {
    auto init = reinterpret_cast<int (*)(char *, size_t)>(
        dlsym(library, "tessera_gpu_rt_init"));
    char message[1024] = "";
    if (init && init(message, sizeof(message)) != 0)
      return fail(TESSERA_UNSUPPORTED, std::string(path) + ": " + message);
    if (takeGPUError(takeError, error))
      return fail(TESSERA_RUNTIME_ERROR,
                  std::string(path) + ": loading the kernels failed: " + error);
  }
  return finishModule(
      std::move(module), std::move(signatures),
      [&](llvm::StringRef symbol) {
        return dlsym(library, symbol.str().c_str());
      },
      out, takeError);
}

static bool isSharedLibrary(llvm::StringRef data) {
  return data.starts_with("\x7f"
                          "ELF");
}

tessera_status tessera_module_load_file(tessera_context *context,
                                        const char *path,
                                        tessera_module **out) {
  if (!context || !path || !out)
    return fail(TESSERA_INVALID_ARGUMENT,
                "tessera_module_load_file: null argument");
  *out = nullptr;
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return fail(TESSERA_NOT_FOUND, std::string("cannot open ") + path + ": " +
                                       buffer.getError().message());
  llvm::StringRef data = (*buffer)->getBuffer();
  if (isSharedLibrary(data)) {
    // dlopen needs a path with a slash to skip the library search path.
    llvm::SmallString<256> absolute(path);
    llvm::sys::fs::make_absolute(absolute);
    return loadLibrary(absolute.c_str(), out);
  }
  return loadMLIR(context, data, path, out);
}

tessera_status tessera_module_load_source(tessera_context *context,
                                          const char *data, size_t size,
                                          tessera_module **out) {
  if (!context || !data || !out)
    return fail(TESSERA_INVALID_ARGUMENT,
                "tessera_module_load_source: null argument");
  *out = nullptr;
  return loadMLIR(context, llvm::StringRef(data, size), "<source>", out);
}

void tessera_module_destroy(tessera_module *module) { delete module; }

const char *tessera_module_tuning_report(const tessera_module *module) {
  return module ? module->tuningReport.c_str() : "";
}

tessera_status tessera_context_load_tuning_cache(tessera_context *context,
                                                 const char *path) {
  if (!context || !path)
    return fail(TESSERA_INVALID_ARGUMENT,
                "tessera_context_load_tuning_cache: null argument");
  std::lock_guard<std::mutex> lock(context->loadMutex);
  if (!llvm::sys::fs::exists(path))
    return fail(TESSERA_NOT_FOUND, std::string("no tuning cache at ") + path);
  std::vector<std::string> warnings;
  context->cache().load(path, warnings);
  if (!warnings.empty())
    return fail(TESSERA_IO_ERROR, llvm::join(warnings, "; "));
  return TESSERA_OK;
}

tessera_status tessera_context_save_tuning_cache(tessera_context *context,
                                                 const char *path) {
  if (!context || !path)
    return fail(TESSERA_INVALID_ARGUMENT,
                "tessera_context_save_tuning_cache: null argument");
  std::lock_guard<std::mutex> lock(context->loadMutex);
  std::string error;
  if (!context->cache().save(path, error))
    return fail(TESSERA_IO_ERROR, error);
  return TESSERA_OK;
}

size_t tessera_module_num_functions(const tessera_module *module) {
  return module ? module->functions.size() : 0;
}

const char *tessera_module_function_name(const tessera_module *module,
                                         size_t index) {
  if (!module || index >= module->functions.size())
    return nullptr;
  return module->functions[index]->signature.name.c_str();
}

tessera_status tessera_module_lookup(tessera_module *module, const char *name,
                                     tessera_function **out) {
  if (!module || !name || !out)
    return fail(TESSERA_INVALID_ARGUMENT,
                "tessera_module_lookup: null argument");
  *out = nullptr;
  std::string known;
  for (auto &function : module->functions) {
    if (function->signature.name == name) {
      *out = function.get();
      return TESSERA_OK;
    }
    known += (known.empty() ? "" : ", ") + function->signature.name;
  }
  return fail(TESSERA_NOT_FOUND, std::string("no function '") + name +
                                     "' in the module (it has: " +
                                     (known.empty() ? "none" : known) + ")");
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

size_t tessera_function_num_inputs(const tessera_function *function) {
  return function ? function->signature.inputs.size() : 0;
}

size_t tessera_function_num_results(const tessera_function *function) {
  return function ? function->signature.results.size() : 0;
}

static tessera_status describe(const std::vector<TensorSpec> &specs,
                               size_t index, const char *what,
                               tessera_dtype *dtype, int32_t *rank,
                               const int64_t **shape) {
  if (index >= specs.size())
    return fail(TESSERA_INVALID_ARGUMENT,
                std::string(what) + " index " + std::to_string(index) +
                    " out of range (" + std::to_string(specs.size()) + ")");
  if (dtype)
    *dtype = specs[index].dtype;
  if (rank)
    *rank = static_cast<int32_t>(specs[index].shape.size());
  if (shape)
    *shape = specs[index].shape.data();
  return TESSERA_OK;
}

tessera_status tessera_function_input(const tessera_function *function,
                                      size_t index, tessera_dtype *dtype,
                                      int32_t *rank, const int64_t **shape) {
  if (!function)
    return fail(TESSERA_INVALID_ARGUMENT,
                "tessera_function_input: null function");
  return describe(function->signature.inputs, index, "input", dtype, rank,
                  shape);
}

tessera_status tessera_function_result(const tessera_function *function,
                                       size_t index, tessera_dtype *dtype,
                                       int32_t *rank, const int64_t **shape) {
  if (!function)
    return fail(TESSERA_INVALID_ARGUMENT,
                "tessera_function_result: null function");
  return describe(function->signature.results, index, "result", dtype, rank,
                  shape);
}

namespace {
/// One argument as the compiled code sees it: a contiguous buffer and its
/// memref descriptor. Strided views are gathered into (inputs) or scattered
/// from (results) a contiguous staging copy; i4/u4 tensors always go through
/// a staging buffer holding them packed two per byte, in whole words of the
/// signature's packedWordBits.
struct Argument {
  const tessera_tensor *view = nullptr;
  bool isResult = false;
  bool packed = false; // i4/u4: staging holds the packed words
  std::vector<char> staging;
  std::vector<int64_t> descriptor;
  size_t elementSize = 0;

  void *contiguousData() {
    return staging.empty() ? view->data : static_cast<void *>(staging.data());
  }
};

bool isContiguous(const tessera_tensor &t) {
  if (!t.strides)
    return true;
  int64_t expected = 1;
  for (int32_t d = t.rank - 1; d >= 0; --d) {
    if (t.shape[d] != 1 && t.strides[d] != expected)
      return false;
    expected *= t.shape[d];
  }
  return true;
}

int64_t numElements(const tessera_tensor &t) {
  int64_t n = 1;
  for (int32_t d = 0; d < t.rank; ++d)
    n *= t.shape[d];
  return n;
}

/// Calls fn(n, element) for the elements of a view in row-major order.
template <typename Fn>
void forEachElement(const tessera_tensor &t, size_t elementSize, Fn fn) {
  int64_t total = numElements(t);
  char *data = static_cast<char *>(t.data);
  if (isContiguous(t)) {
    for (int64_t n = 0; n < total; ++n)
      fn(n, data + n * elementSize);
    return;
  }
  std::vector<int64_t> index(t.rank, 0);
  for (int64_t n = 0; n < total; ++n) {
    int64_t offset = 0;
    for (int32_t d = 0; d < t.rank; ++d)
      offset += index[d] * t.strides[d];
    fn(n, data + offset * elementSize);
    for (int32_t d = t.rank - 1; d >= 0; --d) {
      if (++index[d] < t.shape[d])
        break;
      index[d] = 0;
    }
  }
}

/// Copies between a strided view and a contiguous buffer.
void copyStrided(const tessera_tensor &t, size_t elementSize, char *dense,
                 bool toDense) {
  forEachElement(t, elementSize, [&](int64_t n, char *element) {
    if (toDense)
      std::memcpy(dense + n * elementSize, element, elementSize);
    else
      std::memcpy(element, dense + n * elementSize, elementSize);
  });
}

bool isPackedDtype(tessera_dtype dtype) {
  return dtype == TESSERA_I4 || dtype == TESSERA_U4;
}

/// Compiled code stores i4/u4 tensors two values per byte, element 2k in the
/// low nibble of byte k and element 2k+1 in its high nibble (OPERATORS.md
/// section 6); views hold one value per byte. `packed` holds zeros on entry.
void packNibbles(const tessera_tensor &t, char *packed) {
  if (isContiguous(t)) {
    // Pairs of bytes to one: a loop the compiler vectorizes (a per-element
    // walk took 2 ms per call for a 2048 x 2048 int4 operand).
    const auto *values = static_cast<const uint8_t *>(t.data);
    auto *bytes = reinterpret_cast<uint8_t *>(packed);
    int64_t n = numElements(t);
    // Each pair as one little-endian 16-bit word (element 2k in its low
    // byte), narrowed: no byte deinterleaving for the vectorizer.
    for (int64_t k = 0; k < n / 2; ++k) {
      uint16_t pair;
      std::memcpy(&pair, values + 2 * k, sizeof(pair));
      bytes[k] = static_cast<uint8_t>((pair & 0x0f) | ((pair >> 4) & 0xf0));
    }
    if (n % 2)
      bytes[n / 2] = values[n - 1] & 0x0f;
    return;
  }
  forEachElement(t, 1, [&](int64_t n, char *element) {
    auto nibble = static_cast<uint8_t>(*element) & 0x0f;
    packed[n / 2] = static_cast<char>(static_cast<uint8_t>(packed[n / 2]) |
                                      (nibble << ((n % 2) * 4)));
  });
}

/// A nibble (in the low 4 bits) as a byte: sign-extended for i4,
/// zero-extended for u4.
uint8_t widenNibble(uint8_t nibble, bool isSigned) {
  return isSigned ? static_cast<uint8_t>(
                        static_cast<int8_t>(static_cast<uint8_t>(nibble << 4)) >>
                        4)
                  : nibble;
}

/// The inverse: sign-extends i4 values, zero-extends u4 values.
void unpackNibbles(const tessera_tensor &t, const char *packed) {
  bool isSigned = t.dtype == TESSERA_I4;
  if (isContiguous(t)) {
    const auto *bytes = reinterpret_cast<const uint8_t *>(packed);
    auto *values = static_cast<uint8_t *>(t.data);
    int64_t n = numElements(t);
    auto widen = [&](uint8_t nibble) { return widenNibble(nibble, isSigned); };
    // Each byte to a little-endian 16-bit word of its two values, the low
    // nibble first.
    for (int64_t k = 0; k < n / 2; ++k) {
      auto pair = static_cast<uint16_t>(widen(bytes[k] & 0x0f) |
                                        (widen(bytes[k] >> 4) << 8));
      std::memcpy(values + 2 * k, &pair, sizeof(pair));
    }
    if (n % 2)
      values[n - 1] = widen(bytes[n / 2] & 0x0f);
    return;
  }
  forEachElement(t, 1, [&](int64_t n, char *element) {
    auto byte = static_cast<uint8_t>(packed[n / 2]);
    uint8_t nibble = (byte >> ((n % 2) * 4)) & 0x0f;
    *element = static_cast<char>(widenNibble(nibble, isSigned));
  });
}

/// i1 values are stored one per byte, but compiled code only defines the low
/// bit of each byte: zero-extend it for the caller.
void normalizeBooleans(tessera_dtype dtype, void *data, size_t count) {
  if (dtype != TESSERA_I1)
    return;
  auto *bytes = static_cast<uint8_t *>(data);
  for (size_t i = 0; i < count; ++i)
    bytes[i] &= 0x01;
}

std::string shapeString(const int64_t *shape, int32_t rank) {
  std::string s = "[";
  for (int32_t i = 0; i < rank; ++i)
    s += (i ? "x" : "") + std::to_string(shape[i]);
  return s + "]";
}

tessera_status checkView(const FunctionSignature &sig, const TensorSpec &spec,
                         const tessera_tensor &view, const char *what,
                         size_t index) {
  std::string where =
      "function '" + sig.name + "' " + what + " #" + std::to_string(index);
  if (view.dtype != spec.dtype)
    return fail(TESSERA_INVALID_ARGUMENT,
                where + ": dtype " + tessera_dtype_name(view.dtype) +
                    ", expected " + tessera_dtype_name(spec.dtype));
  if (view.rank < 0 || (view.rank > 0 && !view.shape))
    return fail(TESSERA_INVALID_ARGUMENT, where + ": invalid rank or shape");
  bool sameShape = view.rank == static_cast<int32_t>(spec.shape.size());
  for (int32_t d = 0; sameShape && d < view.rank; ++d)
    sameShape = view.shape[d] == spec.shape[d];
  if (!sameShape)
    return fail(TESSERA_INVALID_ARGUMENT,
                where + ": shape " + shapeString(view.shape, view.rank) +
                    ", expected " +
                    shapeString(spec.shape.data(),
                                static_cast<int32_t>(spec.shape.size())));
  if (!view.data && spec.numElements() > 0)
    return fail(TESSERA_INVALID_ARGUMENT, where + ": data is null");
  return TESSERA_OK;
}
} // namespace

tessera_status tessera_function_invoke(tessera_function *function,
                                       const tessera_tensor *inputs,
                                       size_t num_inputs,
                                       const tessera_tensor *outputs,
                                       size_t num_outputs) {
  if (!function)
    return fail(TESSERA_INVALID_ARGUMENT,
                "tessera_function_invoke: null function");
  const FunctionSignature &sig = function->signature;
  if (num_inputs != sig.inputs.size() || (num_inputs && !inputs))
    return fail(TESSERA_INVALID_ARGUMENT,
                "function '" + sig.name + "' takes " +
                    std::to_string(sig.inputs.size()) + " inputs, got " +
                    std::to_string(num_inputs));
  if (num_outputs != sig.results.size() || (num_outputs && !outputs))
    return fail(TESSERA_INVALID_ARGUMENT,
                "function '" + sig.name + "' has " +
                    std::to_string(sig.results.size()) + " results, got " +
                    std::to_string(num_outputs) + " output buffers");

  std::vector<Argument> args(num_inputs + num_outputs);
  for (size_t i = 0; i < args.size(); ++i) {
    bool isResult = i >= num_inputs;
    size_t k = isResult ? i - num_inputs : i;
    const tessera_tensor &view = isResult ? outputs[k] : inputs[k];
    const TensorSpec &spec = isResult ? sig.results[k] : sig.inputs[k];
    if (tessera_status s =
            checkView(sig, spec, view, isResult ? "result" : "input", k))
      return s;
    Argument &arg = args[i];
    arg.view = &view;
    arg.isResult = isResult;
    arg.elementSize = tessera_dtype_size(spec.dtype);
    arg.packed = isPackedDtype(spec.dtype);
    // { allocated, aligned, offset, sizes[rank], strides[rank] }
    std::vector<int64_t> sizes = spec.shape;
    if (arg.packed) {
      // The compiled function takes memref<ceil(n / perWord) x iB>, B the
      // signature's packedWordBits: rank 1, whatever the tensor's rank (the
      // manifest keeps the logical shape). Nibble k is at bit 4k of the
      // buffer either way (little-endian words).
      int64_t perWord = sig.packedWordBits / 4;
      int64_t words = (spec.numElements() + perWord - 1) / perWord;
      arg.staging.assign(words * (sig.packedWordBits / 8), 0);
      if (!isResult)
        packNibbles(view, arg.staging.data());
      sizes = {words};
    } else if (!isContiguous(view)) {
      arg.staging.resize(spec.numElements() * arg.elementSize);
      if (!isResult)
        copyStrided(view, arg.elementSize, arg.staging.data(), true);
    }
    void *data = arg.contiguousData();
    int64_t pointer = static_cast<int64_t>(reinterpret_cast<intptr_t>(data));
    arg.descriptor = {pointer, pointer, 0};
    arg.descriptor.insert(arg.descriptor.end(), sizes.begin(), sizes.end());
    std::vector<int64_t> strides(sizes.size(), 1);
    for (int d = static_cast<int>(sizes.size()) - 2; d >= 0; --d)
      strides[d] = strides[d + 1] * sizes[d + 1];
    arg.descriptor.insert(arg.descriptor.end(), strides.begin(), strides.end());
  }

  std::vector<void *> packed;
  for (Argument &arg : args)
    packed.push_back(arg.descriptor.data());
  function->entry(packed.data());
  std::string gpuError;
  if (takeGPUError(function->takeGPUError, gpuError))
    return fail(TESSERA_RUNTIME_ERROR,
                "function '" + sig.name + "': " + gpuError);

  for (Argument &arg : args) {
    if (!arg.isResult)
      continue;
    if (arg.packed) {
      unpackNibbles(*arg.view, arg.staging.data());
      continue;
    }
    normalizeBooleans(arg.view->dtype, arg.contiguousData(),
                      static_cast<size_t>(numElements(*arg.view)));
    if (!arg.staging.empty())
      copyStrided(*arg.view, arg.elementSize, arg.staging.data(), false);
  }
  return TESSERA_OK;
}
