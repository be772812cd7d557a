//===- WGSLEmitter.h - GPU kernels to WGSL ----------------------*- C++ -*-===//
//
// Translates GPU kernels (gpu.func ... kernel inside gpu.module, as Tessera's
// WebGPU pipeline produces them) to WGSL compute shaders, under WebGPU's
// limits. One WGSL module per kernel, entry point `main`; every kernel
// argument is a storage buffer at @group(0) @binding(i)
// (docs/WebGPUArtifact.md).
//
// Input accepted: gpu, scf (for/if/while), arith, math and memref
// (load/store/alloca/atomic_rmw) ops on f32, i32, index, i1 and narrow
// integer scalars (f16 behind WGSLOptions::enableF16). `index` is emitted as
// i32: buffers and loop bounds must stay below 2^31 elements. Narrow integers
// (i2..i31) live in i32 registers sign-extended; memory holds only 32-bit
// (or f16) elements, as WGSL has no 8/16-bit storage. Everything else - i64,
// f64, vectors, dynamic shapes, scalar kernel arguments, unknown ops - is an
// error on the op that names it.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TARGET_WGSL_WGSLEMITTER_H
#define TESSERA_TARGET_WGSL_WGSLEMITTER_H

#include "llvm/Support/LogicalResult.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mlir {
class Operation;
namespace gpu {
class GPUFuncOp;
} // namespace gpu

namespace tessera {

/// Device limits the emitted WGSL must respect. The defaults are what a
/// WebGPU page gets without requesting more.
struct WGSLOptions {
  int64_t maxInvocationsPerWorkgroup = 256;
  int64_t maxWorkgroupStorageBytes = 16384;
  int64_t maxStorageBuffers = 8;
  int64_t maxWorkgroupsPerDimension = 65535;
  /// Allow f16 (the module then starts with `enable f16;` and needs the
  /// device feature "shader-f16").
  bool enableF16 = false;
};

/// What the caller needs to dispatch a translated kernel.
struct WGSLKernelInfo {
  /// The name of the kernel's gpu.module.
  std::string name;
  std::array<int64_t, 3> workgroupSize = {1, 1, 1};
  /// The dispatch grid to use. It differs from the kernel's
  /// known_grid_size when a dimension over maxWorkgroupsPerDimension was
  /// folded into y (the kernel then skips the surplus workgroups itself).
  std::array<int64_t, 3> workgroups = {1, 1, 1};
  struct Binding {
    unsigned argIndex;
    bool readOnly;
  };
  /// One storage buffer per kernel argument, binding i = argument i.
  std::vector<Binding> bindings;
  /// Bytes of var<workgroup> storage, as WebGPU counts them.
  int64_t workgroupStorageBytes = 0;
};

/// Writes one WGSL module for `kernel` to `os` and fills `info`. On failure,
/// errors are emitted on the offending ops and nothing is written.
llvm::LogicalResult translateKernelToWGSL(gpu::GPUFuncOp kernel,
                                          const WGSLOptions &options,
                                          llvm::raw_ostream &os,
                                          WGSLKernelInfo &info);

/// Translates every kernel nested in `module`, each preceded by a line
/// `// ----- kernel NAME` (NAME: its gpu.module's name). Fails if any kernel
/// fails (after reporting all of them) or if there is no kernel.
llvm::LogicalResult translateModuleToWGSL(Operation *module,
                                          const WGSLOptions &options,
                                          llvm::raw_ostream &os);

} // namespace tessera
} // namespace mlir

#endif // TESSERA_TARGET_WGSL_WGSLEMITTER_H
