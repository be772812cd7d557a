//===- Pipelines.h - Named compilation pipelines per target -----*- C++ -*-===//

#ifndef TESSERA_PIPELINES_PIPELINES_H
#define TESSERA_PIPELINES_PIPELINES_H

#include "tessera/Transforms/CPUCodegenConfig.h"
#include "tessera/Transforms/LibraryCallsConfig.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/LogicalResult.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace mlir {
class OpPassManager;

namespace tessera {

/// Knobs of the CPU pipeline.
struct CPUPipelineOptions {
  /// Tile and vectorize linalg ops (tessera-cpu-tile-and-vectorize and
  /// tessera-cpu-lower-vectors); false: every linalg op becomes scalar loops.
  bool tileAndVectorize = true;
  /// Tile sizes and vector width; zeros are the host's defaults.
  CPUCodegenConfig codegen;
  /// GEMMs handed to oneDNN instead of generated code
  /// (tessera-cpu-library-calls, before tiling); default: none.
  LibraryCallsConfig libraryCalls;
  /// Threads of the parallel loops (OpenMP); 0: the OpenMP runtime's
  /// default (OMP_NUM_THREADS, else every hardware thread). Unless the
  /// codegen config says otherwise, big ops are also split into this many
  /// slices; 1 makes single-threaded code.
  int64_t threads = 0;
  /// f32 erf, erfc, exp and tanh as polynomial approximations that stay
  /// vectors (tessera-cpu-approximate-math) instead of a libm call per
  /// element; false (TESSERA_CPU_APPROXIMATE_MATH=0) keeps libm.
  bool approximateMath = true;

  /// The default options, overridden by the environment variable
  /// TESSERA_CPU_CODEGEN if set: "off" (or "0") turns tiling and
  /// vectorization off; anything else is taken as options of
  /// tessera-cpu-tile-and-vectorize ("mc=64 nc=256 kc=128 mr=4 ..."),
  /// fields it does not name keep their defaults. For tuners and
  /// benchmarks, without rebuilding. TESSERA_CPU_APPROXIMATE_MATH=0 sets
  /// `approximateMath` to false. A value that does not parse leaves the
  /// defaults and, if `error` is given, says why there.
  static CPUPipelineOptions fromEnvironment(std::string *error = nullptr);
};

/// Textual form of the CPU pipeline: from a module of func + tessera +
/// tosa/linalg ops on tensors down to the LLVM dialect, with bufferization,
/// results turned into caller-provided out-parameters, deallocation, and a C
/// interface on every public function.
std::string getCPUPipelineText(const CPUPipelineOptions &options);

/// The CPU pipeline's first passes, up to (not including) tiling: tessera
/// and tosa ops to linalg, library calls, elementwise fusion. The linalg ops
/// it leaves are the kernels that the tuner (tessera/Runtime/Tuner.h)
/// measures; running the whole pipeline afterwards repeats these passes
/// harmlessly.
std::string getCPUPipelinePrefixText(const CPUPipelineOptions &options);

/// `getCPUPipelineText(CPUPipelineOptions::fromEnvironment())`.
std::string getCPUPipelineText();

/// Appends the CPU pipeline to `pm` (anchored on builtin.module). Every pass
/// it names must be registered (registerAllPasses, registerAllTesseraPasses);
/// errors go to `errorStream`.
llvm::LogicalResult buildCPUPipeline(OpPassManager &pm,
                                     const CPUPipelineOptions &options,
                                     llvm::raw_ostream &errorStream);

/// `buildCPUPipeline` with `CPUPipelineOptions::fromEnvironment()`.
llvm::LogicalResult buildCPUPipeline(OpPassManager &pm,
                                     llvm::raw_ostream &errorStream);

/// Registers `tessera-cpu-pipeline` (and later targets) with the global
/// pass-pipeline registry, for tessera-opt.
void registerTesseraPipelines();

/// Knobs of the GPU pipelines (lib/Pipelines/GPUPipeline.cpp).
struct GPUPipelineOptions {
  /// Threads per workgroup: the tile size of each parallel loop nest, its
  /// dimensions collapsed into one (tessera-gpu-collapse-parallel-loops).
  int64_t blockSize = 64;
  /// Width of the words binary ops pack sign bits into (tessera-to-linalg's
  /// binary-word-bits): 32 where kernels have no 64-bit integers (WebGPU).
  unsigned binaryWordBits = 64;
  /// Move all computation left on the host into kernels
  /// (tessera-gpu-kernelize-host-code): for runtimes whose host side only
  /// launches kernels and copies buffers (WebGPU).
  bool kernelizeHostCode = false;
  /// Store complex<T> buffers as T with a trailing dimension of 2
  /// (tessera-flatten-complex-buffers): for kernels without complex types
  /// (WGSL).
  bool flattenComplexBuffers = false;
  /// The most buffers one kernel may bind (0: no limit); launches over it
  /// get small read-only buffers packed into one
  /// (tessera-gpu-limit-kernel-buffers).
  int64_t maxKernelBuffers = 0;
  /// The options of tessera-emulate-narrow-int, run on the host functions
  /// after linalg becomes parallel loops (before kernel outlining), so that
  /// narrow integer tensors cross the function boundary packed as the
  /// runtime passes them (GPUTargets.h: packedWordBits) and kernels store
  /// them with 32-bit atomics (Vulkan has no 8-bit ones). WebGPU adds
  /// `narrow-bits=4,8,16` (WGSL has no 8/16-bit storage). "" leaves narrow
  /// integer buffers unpacked.
  std::string narrowIntOptions = "container-bits=32 atomic-stores";
  /// Compute matmuls in workgroup tiles staged in workgroup memory
  /// (tessera-gpu-shared-memory-tiling, WebGPU-legal: 256 threads, 8 KiB)
  /// rather than one thread per output reading global memory. Off here;
  /// the Vulkan and CUDA targets turn it on (tessera-opt's pipelines, the
  /// runtime's lowerToLLVMDialectForGPU): 2.5x faster at 512^3 on lavapipe.
  bool sharedMemoryTiling = false;

  // GPU tuning knobs (TuningSpace.h: GPU space); the defaults are the
  // untuned configuration.
  /// Points of each parallel loop nest a thread computes
  /// (tessera-gpu-collapse-parallel-loops' coarsening): 1, 2, 4, 8.
  int64_t coarsening = 1;
  /// The C tile of a workgroup of tessera-gpu-shared-memory-tiling.
  int64_t matmulTileM = 32, matmulTileN = 32;
  /// Depth of the K-slices staged in workgroup memory.
  int64_t matmulTileK = 32;
  /// Outputs per thread along M and N: the workgroup has (tile-m /
  /// outputs-m) x (tile-n / outputs-n) threads.
  int64_t matmulOutputsM = 2, matmulOutputsN = 2;
  /// The device's limits the matmul tiling is checked against (WebGPU's
  /// defaults; a tuner sets the device's own).
  int64_t maxWorkgroupThreads = 256, maxWorkgroupBytes = 16384;

  /// The knobs as "block=64 coarsening=1 tile=32x32 k=32 outputs=2x2", the
  /// syntax of `parseKnobs` (and of $TESSERA_GPU_CONFIG).
  std::string knobString() const;
  /// Sets the knobs named in `text` (space-separated key=value: block,
  /// coarsening, tile=MxN, k, outputs=MxN, and the device limits
  /// max-threads, max-workgroup-bytes); others keep their values.
  /// False, with `error` naming the knob, if a value does not parse or is
  /// not positive, or if outputs do not divide the tile.
  bool parseKnobs(llvm::StringRef text, std::string &error);
};

/// The part of the pipelines that every GPU target shares: from tensors to
/// buffers (out-parameter results, as on the CPU), linalg to parallel loops
/// (collapsed to one dimension), tiled into workgroups and outlined into
/// `gpu.module` kernels
/// (`gpu.launch_func` in host code); affine and complex ops are lowered.
/// Every buffer the host code uses is a `gpu.alloc host_shared` allocation
/// (tessera-gpu-host-buffers): public functions copy their memref arguments
/// in at entry and back at their returns. No target attribute is attached.
std::string getGPUPrefixPipelineText(const GPUPipelineOptions &options);

/// The Vulkan pipeline: the GPU prefix, kernels converted to SPIR-V
/// (Vulkan 1.1 environment) and serialized into `gpu.binary` ops, host code
/// lowered to the LLVM dialect with launches calling the mgpu* runtime ABI
/// (bare pointers to kernel buffers), which libtessera_vulkan_rt.so
/// implements.
std::string getVulkanPipelineText(const GPUPipelineOptions &options);
llvm::LogicalResult buildVulkanPipeline(OpPassManager &pm,
                                        const GPUPipelineOptions &options,
                                        llvm::raw_ostream &errorStream);

/// Knobs of the CUDA pipeline (lib/Pipelines/CUDAPipeline.cpp).
struct CUDAPipelineOptions {
  GPUPipelineOptions gpu;
  /// The SM architecture of `#nvvm.target` (sm_90: H100 and H200).
  std::string chip = "sm_90";
  /// NVPTX features: the PTX ISA version (PTX 8.0 is sm_90's first).
  std::string features = "+ptx80";
  /// The kernels' binaries: "isa" (PTX, which the driver compiles when it
  /// loads the module; needs nothing of CUDA to produce), "bin" (cubin) or
  /// "fatbin" (both run the toolkit's ptxas).
  std::string format = "isa";
  /// A CUDA toolkit (findCUDAToolkit()), or "" for none: its libdevice is
  /// linked into the kernels, its ptxas makes cubins.
  std::string cudaPath;
  /// NVPTX optimization level.
  unsigned optLevel = 3;

  /// The defaults, with `chip` and `features` from $TESSERA_CUDA_CHIP and
  /// $TESSERA_CUDA_FEATURES if set (e.g. "sm_80" and "+ptx75" for an A100):
  /// the runtime and tools compile for the GPU these name; `cudaPath` from
  /// $TESSERA_CUDA_PATH (a toolkit whose libdevice is then linked).
  static CUDAPipelineOptions fromEnvironment();
};

/// $TESSERA_CUDA_PATH, $CUDA_PATH or /usr/local/cuda, the first that is a
/// directory; "" if none is.
std::string findCUDAToolkit();

/// The CUDA pipeline: the GPU prefix, kernels lowered to NVVM (math without
/// libdevice unless the toolkit provides it: tessera-nvvm-lower-math) and
/// compiled to `options.format` in `gpu.binary` ops, host code lowered to
/// the LLVM dialect with launches calling the mgpu* runtime ABI (bare
/// pointers to kernel buffers), which libtessera_cuda_rt.so implements.
std::string getCUDAPipelineText(const CUDAPipelineOptions &options);
/// Appends the CUDA pipeline to `pm`; invalid options (format, chip) are
/// reported on `errorStream`.
llvm::LogicalResult buildCUDAPipeline(OpPassManager &pm,
                                      const CUDAPipelineOptions &options,
                                      llvm::raw_ostream &errorStream);

/// Registers `tessera-cuda-pipeline`.
void registerCUDAPipeline();

/// Registers `tessera-vulkan-pipeline` (and the other GPU pipelines).
void registerGPUPipelines();

/// Knobs of the WebGPU pipeline (lib/Pipelines/WebGPUPipeline.cpp).
struct WebGPUPipelineOptions {
  /// Threads per workgroup (WebGPU's default limit is 256).
  int64_t blockSize = 64;
  /// The device's maxStorageBuffersPerShaderStage (WebGPU's default: 8).
  int64_t maxStorageBuffers = 8;
  /// The GPU tuning knobs other than the block size (GPUPipelineOptions).
  int64_t coarsening = 1;
  int64_t matmulTileM = 32, matmulTileN = 32, matmulTileK = 32;
  int64_t matmulOutputsM = 2, matmulOutputsN = 2;
  /// The device's limits the matmul tiling must fit (WebGPU's defaults).
  int64_t maxWorkgroupThreads = 256, maxWorkgroupBytes = 16384;
};

/// The WebGPU pipeline: the GPU prefix with 32-bit words for binary ops,
/// every 8/16-bit and 4-bit buffer packed into 32-bit words (WGSL has no
/// narrower storage) with atomic stores, and all host computation moved
/// into kernels, so that the host function only allocates, copies and
/// launches — what a WebGPU artifact's manifest can express
/// (tessera-compile --target=webgpu, lib/Target/WGSL).
GPUPipelineOptions getWebGPUPrefixOptions(const WebGPUPipelineOptions &options);
std::string getWebGPUPipelineText(const WebGPUPipelineOptions &options);
llvm::LogicalResult buildWebGPUPipeline(OpPassManager &pm,
                                        const WebGPUPipelineOptions &options,
                                        llvm::raw_ostream &errorStream);

/// Registers `tessera-webgpu-pipeline`.
void registerWebGPUPipeline();

} // namespace tessera
} // namespace mlir

#endif // TESSERA_PIPELINES_PIPELINES_H
