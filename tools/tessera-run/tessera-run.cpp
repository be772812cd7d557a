//===- tessera-run.cpp - Run a function of a model on .npy inputs ---------===//
//
//   tessera-run model.mlir|model.so --entry F --input a.npy ... \
//       [--output y.npy ...] [--random-inputs --seed N] [--bench N]
//       [--library-calls matmul,batch_matmul,qmatmul,conv]
//
// Loads the model through the embeddable runtime (JIT for MLIR, dlopen for
// artifacts of tessera-compile), checks the inputs against the function's
// signature, runs it, writes the results and prints a summary with timings.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/GPUTargets.h"
#include "tessera/Runtime/Npy.h"
#include "tessera/Runtime/Runtime.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <complex>
#include <random>

using namespace llvm;
using Clock = std::chrono::steady_clock;

/// The tool's own options: --help lists these (and the generic ones), not
/// every option of the LLVM and MLIR libraries linked in.
static cl::OptionCategory toolOptions("tessera-run options");

static cl::opt<std::string> modelPath(cl::cat(toolOptions), cl::Positional,
                                      cl::desc("<model.mlir|model.so>"));
static cl::opt<std::string> entryName(cl::cat(toolOptions), "entry",
                                      cl::desc("Function to run (default: "
                                               "the module's only function)"));
static cl::list<std::string> inputPaths(cl::cat(toolOptions), "input",
                                        cl::desc("An input .npy, in order"));
static cl::list<std::string> outputPaths(cl::cat(toolOptions), "output",
                                         cl::desc("Where to write a result"));
static cl::opt<bool> randomInputs(cl::cat(toolOptions), "random-inputs",
                                  cl::desc("Feed seeded random inputs"));
static cl::opt<unsigned> seed(cl::cat(toolOptions), "seed", cl::init(0),
                              cl::desc("Seed of --random-inputs"));
static cl::opt<unsigned> benchRuns(cl::cat(toolOptions), "bench", cl::init(0),
                                   cl::desc("Also time N runs, print median "
                                            "and min"));
static cl::opt<std::string> target(cl::cat(toolOptions), "target",
                                   cl::init("cpu"),
                                   cl::desc("Where to run: cpu, vulkan, "
                                            "cuda"));
static cl::opt<bool> listDevices(
    cl::cat(toolOptions), "list-devices",
    cl::desc("Print the device of every target, or why it is unavailable"));
static cl::opt<bool> quiet(cl::cat(toolOptions), "quiet",
                           cl::desc("Print only errors"));
static cl::opt<std::string> libraryCalls(
    cl::cat(toolOptions), "library-calls",
    cl::desc("Op kinds that call oneDNN instead of generated code when "
             "compiling MLIR: matmul, batch_matmul, qmatmul, conv, all, none "
             "(comma-separated; default none; an artifact keeps its own)"));
static cl::opt<unsigned> numThreads(
    cl::cat(toolOptions), "num-threads", cl::init(0),
    cl::desc("Threads of the generated code's parallel loops when compiling "
             "MLIR (0: OpenMP's default, OMP_NUM_THREADS or every hardware "
             "thread; an artifact keeps its own)"));
static cl::opt<long long> libraryMinFlops(
    cl::cat(toolOptions), "library-min-flops", cl::init(0),
    cl::desc("Only GEMMs and convolutions of at least this many FLOPs call "
             "oneDNN"));

static cl::opt<bool>
    tune(cl::cat(toolOptions), "tune",
         cl::desc("Tune when compiling MLIR: on the CPU, measure the "
                  "candidates of each kernel's pruned tuning space; on "
                  "Vulkan, the GPU mapping's configurations (block size, "
                  "coarsening, matmul tiling) on the whole model; use the "
                  "best (results cached, see --tuning-cache)"));
static cl::opt<double>
    tuningBudget(cl::cat(toolOptions), "tuning-budget", cl::init(10),
                 cl::desc("Seconds of measuring for --tune (default 10)"));
static cl::opt<unsigned> tuningCompileThreads(
    cl::cat(toolOptions), "tuning-compile-threads", cl::init(0),
    cl::desc("Threads that compile --tune's CPU candidates side by side "
             "(default 0: the hardware threads, at most 4)"));
static cl::opt<std::string> tuningCache(
    cl::cat(toolOptions), "tuning-cache",
    cl::desc("The tuning cache file (default "
             "$XDG_CACHE_HOME/tessera/tuning.json; 'none': no file)"));

static int die(const std::string &message) {
  errs() << "tessera-run: error: " << message << "\n";
  return 1;
}

static double millis(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

static std::string shapeString(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "x" : "") + std::to_string(shape[i]);
  return s + "]";
}

/// Fills `t` with uniform values: floats in [-1, 1), integers over their
/// type's range.
static void fillRandom(tessera::Tensor &t, std::mt19937_64 &rng) {
  std::uniform_real_distribution<float> real(-1.0f, 1.0f);
  auto ints = [&](auto *p, int64_t lo, int64_t hi) {
    std::uniform_int_distribution<int64_t> dist(lo, hi);
    for (int64_t i = 0; i < t.numElements(); ++i)
      p[i] = static_cast<std::remove_pointer_t<decltype(p)>>(dist(rng));
  };
  switch (t.dtype()) {
  case TESSERA_F32:
    for (int64_t i = 0; i < t.numElements(); ++i)
      t.as<float>()[i] = real(rng);
    break;
  case TESSERA_F64:
    for (int64_t i = 0; i < t.numElements(); ++i)
      t.as<double>()[i] = real(rng);
    break;
  case TESSERA_C64:
    for (int64_t i = 0; i < 2 * t.numElements(); ++i)
      t.as<float>()[i] = real(rng);
    break;
  case TESSERA_I32:
    ints(t.as<int32_t>(), -1000, 1000);
    break;
  case TESSERA_I64:
    ints(t.as<int64_t>(), -1000, 1000);
    break;
  case TESSERA_I8:
    ints(t.as<int8_t>(), -128, 127);
    break;
  case TESSERA_U8:
    ints(t.as<uint8_t>(), 0, 255);
    break;
  case TESSERA_I4:
    ints(t.as<int8_t>(), -8, 7);
    break;
  case TESSERA_U4:
    ints(t.as<uint8_t>(), 0, 15);
    break;
  case TESSERA_I1:
    ints(t.as<uint8_t>(), 0, 1);
    break;
  }
}

/// Values of an i4/u4 input arrive as |i1/|u1 .npy data; check the range.
static bool adaptLowBitInput(tessera::Tensor &t, tessera_dtype expected,
                             const std::string &path, std::string &error) {
  if (t.dtype() == expected)
    return true;
  bool signedNibble = expected == TESSERA_I4 && t.dtype() == TESSERA_I8;
  bool unsignedNibble = expected == TESSERA_U4 && t.dtype() == TESSERA_U8;
  bool boolean = expected == TESSERA_I1 && t.dtype() == TESSERA_U8;
  if (!signedNibble && !unsignedNibble && !boolean)
    return true; // the runtime reports the dtype mismatch
  int lo = signedNibble ? -8 : 0, hi = signedNibble ? 7 : (boolean ? 1 : 15);
  for (int64_t i = 0; i < t.numElements(); ++i) {
    int v = signedNibble ? t.as<int8_t>()[i] : t.as<uint8_t>()[i];
    if (v < lo || v > hi) {
      error = path + ": value " + std::to_string(v) + " at index " +
              std::to_string(i) + " does not fit " +
              tessera_dtype_name(expected);
      return false;
    }
  }
  tessera::Tensor adapted(expected, t.shape());
  std::copy_n(static_cast<const char *>(t.data()), t.numElements(),
              static_cast<char *>(adapted.data()));
  t = std::move(adapted);
  return true;
}

static void printSummary(size_t index, const tessera::Tensor &t) {
  double lo = INFINITY, hi = -INFINITY, sum = 0;
  std::vector<double> head;
  int64_t n = t.numElements();
  for (int64_t i = 0; i < n; ++i) {
    double v;
    switch (t.dtype()) {
    case TESSERA_F32:
      v = t.as<float>()[i];
      break;
    case TESSERA_F64:
      v = t.as<double>()[i];
      break;
    case TESSERA_C64:
      v = std::abs(
          std::complex<float>(t.as<float>()[2 * i], t.as<float>()[2 * i + 1]));
      break;
    case TESSERA_I32:
      v = t.as<int32_t>()[i];
      break;
    case TESSERA_I64:
      v = static_cast<double>(t.as<int64_t>()[i]);
      break;
    case TESSERA_I8:
    case TESSERA_I4:
      v = t.as<int8_t>()[i];
      break;
    default:
      v = t.as<uint8_t>()[i];
    }
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
    if (head.size() < 6)
      head.push_back(v);
  }
  outs() << "  result #" << index << ": " << tessera_dtype_name(t.dtype())
         << shapeString(t.shape()) << "  min " << lo << "  max " << hi
         << "  mean " << (n ? sum / n : 0.0) << "  first [";
  for (size_t i = 0; i < head.size(); ++i)
    outs() << (i ? ", " : "") << head[i];
  outs() << (static_cast<int64_t>(head.size()) < n ? ", ...]" : "]") << "\n";
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(toolOptions);
  cl::ParseCommandLineOptions(argc, argv,
                              "Tessera runner: run a function of a model\n");
  if (listDevices) {
    // One line per target: "<target>: <device>" or "<target>: unavailable:
    // <why>" (lit's probe for the `vulkan` feature reads these).
    for (tessera_target t :
         {TESSERA_TARGET_CPU, TESSERA_TARGET_VULKAN, TESSERA_TARGET_CUDA}) {
      tessera_context *probe = nullptr;
      if (tessera_context_create(t, &probe) == TESSERA_OK) {
        outs() << tessera::runtime::targetName(t) << ": "
               << tessera_context_device(probe) << "\n";
        tessera_context_destroy(probe);
      } else {
        outs() << tessera::runtime::targetName(t)
               << ": unavailable: " << tessera_last_error() << "\n";
      }
    }
    return 0;
  }
  if (modelPath.empty())
    return die("no model given (tessera-run model.mlir|model.so ...)");
  tessera_target targetKind;
  if (!tessera::runtime::parseTarget(target, targetKind))
    return die("unknown target '" + target + "' (known: cpu, vulkan, cuda)");

  auto t0 = Clock::now();
  auto context = tessera::Context::create(targetKind);
  if (!context.ok())
    return die(context.status().message());
  if (libraryMinFlops.getNumOccurrences()) {
    tessera::Status s = context.value().setOption(
        "library-min-flops", std::to_string(libraryMinFlops.getValue()));
    if (!s.ok())
      return die(s.message());
  }
  if (numThreads.getNumOccurrences()) {
    tessera::Status s =
        context.value().setOption("threads", std::to_string(numThreads));
    if (!s.ok())
      return die(s.message());
  }
  if (!libraryCalls.empty()) {
    tessera::Status s =
        context.value().setOption("library-calls", libraryCalls);
    if (!s.ok())
      return die(s.message());
  }
  if (tune) {
    for (auto [name, value] :
         {std::pair<std::string, std::string>{"tuning", "on"},
          {"tuning-budget", std::to_string(tuningBudget.getValue())},
          {"tuning-cache", tuningCache.getValue()},
          {"tuning-compile-threads",
           std::to_string(tuningCompileThreads.getValue())},
          // Tuned for the function this run times, not the module's others.
          {"tuning-functions", entryName.getValue()}}) {
      tessera::Status s = context.value().setOption(name, value);
      if (!s.ok())
        return die(s.message());
    }
  }
  auto module = context.value().load(modelPath);
  if (!module.ok())
    return die(module.status().message());
  auto t1 = Clock::now();
  if (tune && !quiet)
    outs() << module.value().tuningReport();

  std::string entry = entryName;
  if (entry.empty()) {
    std::vector<std::string> names = module.value().functionNames();
    if (names.size() != 1) {
      std::string list;
      for (const std::string &n : names)
        list += " " + n;
      return die("the module has " + std::to_string(names.size()) +
                 " functions; choose one with --entry:" + list);
    }
    entry = names[0];
  }
  auto function = module.value().lookup(entry);
  if (!function.ok())
    return die(function.status().message());
  tessera::Function &f = function.value();

  // Inputs: .npy files in order, or seeded random tensors.
  std::vector<tessera::Tensor> inputs;
  if (!inputPaths.empty() && randomInputs)
    return die("give either --input files or --random-inputs, not both");
  if (randomInputs) {
    std::mt19937_64 rng(seed);
    for (size_t i = 0; i < f.numInputs(); ++i) {
      tessera_dtype dtype;
      int32_t rank;
      const int64_t *shape;
      tessera_function_input(f.get(), i, &dtype, &rank, &shape);
      inputs.emplace_back(dtype, std::vector<int64_t>(shape, shape + rank));
      fillRandom(inputs.back(), rng);
    }
  } else {
    if (inputPaths.size() != f.numInputs())
      return die("function '" + entry + "' takes " +
                 std::to_string(f.numInputs()) + " inputs, got " +
                 std::to_string(inputPaths.size()) +
                 " --input files (or use --random-inputs)");
    for (size_t i = 0; i < inputPaths.size(); ++i) {
      tessera::Tensor t;
      std::string error;
      if (!tessera::npy::read(inputPaths[i], t, error))
        return die(error);
      tessera_dtype expected;
      tessera_function_input(f.get(), i, &expected, nullptr, nullptr);
      if (!adaptLowBitInput(t, expected, inputPaths[i], error))
        return die(error);
      inputs.push_back(std::move(t));
    }
  }
  if (!outputPaths.empty() && outputPaths.size() != f.numResults())
    return die("function '" + entry + "' has " +
               std::to_string(f.numResults()) + " results, got " +
               std::to_string(outputPaths.size()) + " --output files");

  std::vector<tessera_tensor> views;
  for (const tessera::Tensor &t : inputs)
    views.push_back(t.view());
  auto t2 = Clock::now();
  auto results = f.call(views);
  auto t3 = Clock::now();
  if (!results.ok())
    return die(results.status().message());

  for (size_t i = 0; i < outputPaths.size(); ++i) {
    std::string error;
    if (!tessera::npy::write(outputPaths[i], results.value()[i], error))
      return die(error);
  }
  if (!quiet) {
    outs() << entry << ": " << f.numInputs() << " input(s), " << f.numResults()
           << " result(s)\n";
    for (size_t i = 0; i < results.value().size(); ++i)
      printSummary(i, results.value()[i]);
    outs() << format("  load+compile %.1f ms, first run %.3f ms\n",
                     millis(t0, t1), millis(t2, t3));
  }

  if (benchRuns > 0) {
    std::vector<tessera_tensor> outViews;
    for (const tessera::Tensor &t : results.value())
      outViews.push_back(t.view());
    std::vector<double> times;
    for (unsigned r = 0; r < benchRuns; ++r) {
      auto a = Clock::now();
      tessera::Status s = f.invoke(views, outViews);
      auto b = Clock::now();
      if (!s.ok())
        return die(s.message());
      times.push_back(millis(a, b));
    }
    std::sort(times.begin(), times.end());
    outs() << format("  bench %u runs: median %.3f ms, min %.3f ms\n",
                     benchRuns.getValue(), times[times.size() / 2], times[0]);
  }
  return 0;
}
