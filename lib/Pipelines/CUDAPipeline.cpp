//===- CUDAPipeline.cpp - tensors to NVVM kernels (PTX) and host code -----===//
//
// The GPU prefix (GPUPipeline.cpp), then the kernels to NVVM and PTX (or
// cubin/fatbin with the toolkit's ptxas) with LLVM's NVPTX back end, and
// the host code to the LLVM dialect with launches calling the mgpu* runtime
// ABI that libtessera_cuda_rt.so implements over the CUDA driver API.
// Nothing of CUDA is needed to compile: without the toolkit, PTX it is, and
// math ops are lowered without libdevice (tessera-nvvm-lower-math).
//
//===----------------------------------------------------------------------===//

#include "tessera/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace mlir;
using namespace mlir::tessera;

std::string mlir::tessera::findCUDAToolkit() {
  const char *candidates[] = {std::getenv("TESSERA_CUDA_PATH"),
                              std::getenv("CUDA_PATH"), "/usr/local/cuda"};
  for (const char *candidate : candidates) {
    if (candidate && *candidate && llvm::sys::fs::is_directory(candidate))
      return candidate;
  }
  return "";
}

CUDAPipelineOptions CUDAPipelineOptions::fromEnvironment() {
  CUDAPipelineOptions options;
  if (const char *chip = std::getenv("TESSERA_CUDA_CHIP"); chip && *chip)
    options.chip = chip;
  if (const char *features = std::getenv("TESSERA_CUDA_FEATURES");
      features && *features)
    options.features = features;
  // An explicit toolkit links its libdevice (f64 math, fmod).
  if (const char *path = std::getenv("TESSERA_CUDA_PATH"); path && *path)
    options.cudaPath = path;
  return options;
}

/// The toolkit's libdevice, or "" if `cudaPath` has none.
static std::string findLibdevice(llvm::StringRef cudaPath) {
  if (cudaPath.empty())
    return "";
  llvm::SmallString<256> path(cudaPath);
  llvm::sys::path::append(path, "nvvm", "libdevice", "libdevice.10.bc");
  return llvm::sys::fs::exists(path) ? std::string(path) : "";
}

std::string
mlir::tessera::getCUDAPipelineText(const CUDAPipelineOptions &options) {
  std::string libdevice = findLibdevice(options.cudaPath);
  std::string target = "nvvm-attach-target{chip=" + options.chip +
                       " features=" + options.features +
                       " O=" + std::to_string(options.optLevel);
  if (!libdevice.empty())
    target += " l=" + libdevice;
  target += "},";
  std::string binary = "gpu-module-to-binary{format=" + options.format;
  if (!options.cudaPath.empty())
    binary += " toolkit=" + options.cudaPath;
  binary += "},";
  return getGPUPrefixPipelineText(options.gpu) + "," + target +
         // The kernels. Memrefs are bare pointers: every kernel buffer is
         // a whole allocation (the prefix folds views into indices).
         "gpu.module(tessera-nvvm-lower-math{libdevice=" +
         (libdevice.empty() ? "false" : "true") +
         "},"
         "convert-scf-to-cf,"
         "convert-gpu-to-nvvm{use-bare-ptr-memref-call-conv},"
         "llvm-optimize-for-nvvm-target,"
         "canonicalize,cse,"
         "reconcile-unrealized-casts)," +
         binary +
         // The host code, as on the CPU.
         "convert-scf-to-cf,"
         "expand-strided-metadata,"
         "lower-affine,"
         "convert-complex-to-llvm,"
         "convert-math-to-llvm,"
         "convert-math-to-libm,"
         "finalize-memref-to-llvm,"
         "convert-arith-to-llvm,"
         "convert-index-to-llvm,"
         "convert-cf-to-llvm,"
         "gpu-to-llvm{use-bare-pointers-for-kernels},"
         "convert-func-to-llvm,"
         "reconcile-unrealized-casts";
}

LogicalResult
mlir::tessera::buildCUDAPipeline(OpPassManager &pm,
                                 const CUDAPipelineOptions &options,
                                 llvm::raw_ostream &errorStream) {
  if (options.format != "isa" && options.format != "bin" &&
      options.format != "fatbin") {
    errorStream << "CUDA binary format '" << options.format
                << "' is not one of isa (PTX), bin (cubin), fatbin";
    return failure();
  }
  if (!llvm::StringRef(options.chip).starts_with("sm_")) {
    errorStream << "CUDA chip '" << options.chip
                << "' is not an sm_XY architecture (e.g. sm_90)";
    return failure();
  }
  return parsePassPipeline(getCUDAPipelineText(options), pm, errorStream);
}

namespace {
/// The options of `tessera-cuda-pipeline{...}` in tessera-opt.
struct CUDAPipelineCLOptions : PassPipelineOptions<CUDAPipelineCLOptions> {
  Option<int64_t> blockSize{
      *this, "block-size", llvm::cl::init(64),
      llvm::cl::desc("Threads per block: the tile of the outermost "
                     "dimension of each parallel loop nest")};
  Option<std::string> chip{*this, "chip", llvm::cl::init("sm_90"),
                           llvm::cl::desc("SM architecture (sm_90: H100, "
                                          "H200)")};
  Option<std::string> features{
      *this, "features", llvm::cl::init("+ptx80"),
      llvm::cl::desc("PTX ISA version and other NVPTX features")};
  Option<std::string> format{
      *this, "format", llvm::cl::init("isa"),
      llvm::cl::desc("Kernel binaries: isa (PTX, compiled by the driver at "
                     "load), bin (cubin) or fatbin (both need ptxas)")};
  Option<std::string> cudaPath{
      *this, "cuda-path", llvm::cl::init("none"),
      llvm::cl::desc("CUDA toolkit (libdevice, ptxas): a path, 'auto' "
                     "($TESSERA_CUDA_PATH, $CUDA_PATH, /usr/local/cuda), or "
                     "'none' (default: reproducible output everywhere)")};
  Option<unsigned> optLevel{*this, "opt-level", llvm::cl::init(3),
                            llvm::cl::desc("NVPTX optimization level")};
  Option<bool> sharedMemoryTiling{
      *this, "shared-memory-tiling",
      llvm::cl::init(true),
      llvm::cl::desc("Compute matmuls in workgroup tiles staged in shared "
                     "memory (tessera-gpu-shared-memory-tiling)")};
};
} // namespace

void mlir::tessera::registerCUDAPipeline() {
  PassPipelineRegistration<CUDAPipelineCLOptions>(
      "tessera-cuda-pipeline",
      "Lower tessera + tosa/linalg on tensors to NVVM kernels compiled to "
      "PTX (or cubin) in gpu.binary, and host code in the LLVM dialect that "
      "launches them through the mgpu* runtime ABI (libtessera_cuda_rt.so)",
      [](OpPassManager &pm, const CUDAPipelineCLOptions &cl) {
        CUDAPipelineOptions options;
        options.gpu.blockSize = cl.blockSize;
        options.gpu.sharedMemoryTiling = cl.sharedMemoryTiling;
        options.chip = cl.chip;
        options.features = cl.features;
        options.format = cl.format;
        options.optLevel = cl.optLevel;
        if (cl.cudaPath == "auto")
          options.cudaPath = findCUDAToolkit();
        else if (cl.cudaPath != "none")
          options.cudaPath = cl.cudaPath;
        std::string error;
        llvm::raw_string_ostream os(error);
        if (failed(buildCUDAPipeline(pm, options, os)))
          llvm::report_fatal_error(llvm::Twine("tessera-cuda-pipeline: ") +
                                       error,
                                   /*gen_crash_diag=*/false);
      });
}
