//===- CPUPipeline.cpp - tensors to the LLVM dialect for the CPU ----------===//

#include "tessera/Pipelines/Pipelines.h"
#include "tessera/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

using namespace mlir;
using namespace mlir::tessera;

CPUPipelineOptions CPUPipelineOptions::fromEnvironment(std::string *error) {
  CPUPipelineOptions options;
  if (const char *math = std::getenv("TESSERA_CPU_APPROXIMATE_MATH"))
    options.approximateMath = llvm::StringRef(math).trim() != "0";
  const char *text = std::getenv("TESSERA_CPU_CODEGEN");
  if (!text)
    return options;
  llvm::StringRef value = llvm::StringRef(text).trim();
  if (value == "off" || value == "0") {
    options.tileAndVectorize = false;
    return options;
  }
  CPUCodegenConfig config;
  std::string message;
  if (!config.parsePassOptions(value, message)) {
    if (error)
      *error = "TESSERA_CPU_CODEGEN: " + message;
    return options;
  }
  options.codegen = config;
  return options;
}

std::string
mlir::tessera::getCPUPipelinePrefixText(const CPUPipelineOptions &options) {
  // GEMMs chosen for oneDNN become calls before anything tiles them.
  std::string libraryCalls;
  if (options.libraryCalls.any())
    libraryCalls = "tessera-cpu-library-calls{" +
                   options.libraryCalls.toPassOptions() + "},";
  return "tessera-to-linalg,"
         "func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,"
         "tosa-to-tensor,convert-elementwise-to-linalg),"
         "canonicalize," +
         libraryCalls + "func.func(tessera-fuse-elementwise-ops)";
}

std::string
mlir::tessera::getCPUPipelineText(const CPUPipelineOptions &options) {
  // Kept as one readable string in mlir-opt syntax, so that the exact
  // pipeline can be replayed with tessera-opt --pass-pipeline=... .
  bool vectors = options.tileAndVectorize;
  CPUCodegenConfig codegen = options.codegen;
  if (codegen.parallelChunks == 0 && options.threads > 0)
    codegen.parallelChunks = options.threads;
  codegen = codegen.resolved();
  // The code is compiled for the host: pmaddwd only where it has it.
  if (!CPUCodegenConfig::hostHasX86Pmaddwd(codegen.vectorWidth))
    codegen.intDotPairs = false;
  if (!CPUCodegenConfig::hostHasX86Vpdpbusd(codegen.vectorWidth))
    codegen.intDotQuads = false;
  std::string tileAndVectorize, lowerVectors, vectorizeCopies;
  if (vectors) {
    // Strided copies (padding, slices of concatenations) in rows of vectors.
    vectorizeCopies = "tessera-cpu-vectorize-copies{vector-width=" +
                      std::to_string(codegen.vectorWidth) + "},";
    tileAndVectorize = "func.func(tessera-cpu-tile-and-vectorize{" +
                       codegen.toPassOptions() + "}),";
    lowerVectors = "tessera-cpu-lower-vectors{x86-pmaddwd-bits=" +
                   std::to_string(codegen.intDotPairs
                                      ? codegen.vectorWidth * 32
                                      : 0) +
                   " x86-vpdpbusd-bits=" +
                   std::to_string(codegen.intDotQuads
                                      ? codegen.vectorWidth * 32
                                      : 0) +
                   " native-vector-bits=" +
                   std::to_string(codegen.vectorWidth * 32) + "},";
    // Sub-byte operands widened with vectors, their rows split among the
    // threads like other big ops (unless the code is single-threaded).
    lowerVectors +=
        "tessera-cpu-widen-packed-ints{vector-bits=" +
        std::to_string(codegen.vectorWidth * 32) + " parallel-min-elements=" +
        std::to_string(codegen.parallelChunks == 1
                           ? std::numeric_limits<int64_t>::max()
                           : codegen.parallelMinWork) +
        "},";
  }
  return getCPUPipelinePrefixText(options) + "," + tileAndVectorize +
         "tessera-runtime-abi,"
         "one-shot-bufferize{bufferize-function-boundaries "
         "function-boundary-type-conversion=identity-layout-map}," +
         // The packing buffers of the cache tiles: allocated once, outside
         // the cache loops. Canonicalization then folds the buffers that
         // tiled loops carry (iter_args) to their initial values, so that a
         // result computed by a loop nest is still its allocation, which
         // buffer-results-to-out-params replaces by the out-parameter
         // (else: one more buffer and a copy of the result per call).
         std::string(vectors ? "func.func(buffer-loop-hoisting),canonicalize,"
                               // Thread slices become parallel loops, each
                               // iteration with its own scratch buffers.
                               "func.func(tessera-cpu-parallelize),"
                             : "") +
         "buffer-results-to-out-params{hoist-static-allocs "
         "modify-public-functions},"
         "buffer-deallocation-pipeline,"
         "tessera-strided-copy-to-linalg,"
         "func.func(" +
         vectorizeCopies + lowerVectors +
         "convert-linalg-to-loops),"
         // The thread slices' parallel loops onto the OpenMP runtime.
         "convert-scf-to-openmp{num-threads=" +
         std::to_string(std::max<int64_t>(0, options.threads)) +
         "},"
         "func.func(tessera-inline-alloca-scopes),"
         "tessera-emulate-narrow-int,"
         "convert-scf-to-cf,"
         "expand-strided-metadata,"
         "lower-affine,"
         "convert-complex-to-standard,"
         "convert-complex-to-llvm," +
         std::string(options.approximateMath
                         ? "tessera-cpu-approximate-math{ops=erf,erfc,exp,"
                           "tanh},"
                         : "") +
         "convert-math-to-llvm,"
         "convert-math-to-libm," +
         // Reassociated: the horizontal sums of vector.reduction (the
         // lanes of a row reduction) as a tree of shuffles, not a chain of
         // one scalar add per lane.
         std::string(vectors ? "convert-vector-to-llvm{vector-contract-"
                               "lowering=outerproduct "
                               "reassociate-fp-reductions},"
                               "convert-ub-to-llvm,"
                             : "") +
         // Temporaries from the runtime's buffer pool (BufferPool.h).
         "finalize-memref-to-llvm{use-generic-functions},"
         "convert-openmp-to-llvm,"
         "convert-arith-to-llvm,"
         "convert-index-to-llvm,"
         "convert-cf-to-llvm,"
         "convert-func-to-llvm,"
         "reconcile-unrealized-casts";
}

std::string mlir::tessera::getCPUPipelineText() {
  return getCPUPipelineText(CPUPipelineOptions::fromEnvironment());
}

LogicalResult mlir::tessera::buildCPUPipeline(OpPassManager &pm,
                                              const CPUPipelineOptions &options,
                                              llvm::raw_ostream &errorStream) {
  return parsePassPipeline(getCPUPipelineText(options), pm, errorStream);
}

LogicalResult mlir::tessera::buildCPUPipeline(OpPassManager &pm,
                                              llvm::raw_ostream &errorStream) {
  std::string error;
  CPUPipelineOptions options = CPUPipelineOptions::fromEnvironment(&error);
  if (!error.empty()) {
    errorStream << error;
    return failure();
  }
  return buildCPUPipeline(pm, options, errorStream);
}

namespace {
/// The options of `tessera-cpu-pipeline{...}` in tessera-opt.
struct CPUPipelineCLOptions : PassPipelineOptions<CPUPipelineCLOptions> {
  ListOption<std::string> libraryCalls{
      *this, "library-calls",
      llvm::cl::desc("Op kinds to call oneDNN for: matmul, batch_matmul, "
                     "qmatmul, conv, all, none (default: none)")};
  Option<int64_t> threads{
      *this, "threads", llvm::cl::init(0),
      llvm::cl::desc("Threads of the parallel loops (0: OpenMP's default)")};
  Option<int64_t> libraryMinFlops{
      *this, "library-min-flops", llvm::cl::init(0),
      llvm::cl::desc("Only library calls for GEMMs of at least this many "
                     "FLOPs")};
};
} // namespace

void mlir::tessera::registerTesseraPipelines() {
  PassPipelineRegistration<CPUPipelineCLOptions>(
      "tessera-cpu-pipeline",
      "Lower tessera + tosa/linalg on tensors to the LLVM dialect for the CPU "
      "runtime (bufferization, out-parameter results, C interface; linalg "
      "ops tiled and vectorized unless TESSERA_CPU_CODEGEN=off; GEMMs "
      "selected by library-calls become calls to oneDNN)",
      [](OpPassManager &pm, const CPUPipelineCLOptions &cl) {
        std::string error;
        CPUPipelineOptions options =
            CPUPipelineOptions::fromEnvironment(&error);
        if (!error.empty())
          llvm::report_fatal_error(llvm::Twine(error));
        std::vector<std::string> kinds(cl.libraryCalls.begin(),
                                       cl.libraryCalls.end());
        if (!options.libraryCalls.selectKinds(kinds, error)) {
          // The pass reports the unknown kind as a diagnostic.
          CPULibraryCallsOptions passOptions;
          passOptions.ops.assign(kinds.begin(), kinds.end());
          pm.addPass(createCPULibraryCalls(passOptions));
          return;
        }
        options.libraryCalls.minFlops = cl.libraryMinFlops;
        options.threads = cl.threads;
        if (failed(buildCPUPipeline(pm, options, llvm::errs())))
          llvm::report_fatal_error("tessera-cpu-pipeline names an "
                                   "unregistered pass or "
                                   "TESSERA_CPU_CODEGEN does not parse");
      });
}
