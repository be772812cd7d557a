//===- GPUMappingCLOptions.h - GPU mapping knobs of registered pipelines --===//
//
// The knobs of the GPU mapping (GPUTuningSpace.h: coarsening of loop nests,
// workgroup tiles of matmuls) as options of the pipelines registered for
// tessera-opt (`tessera-vulkan-pipeline{...}`, `tessera-webgpu-pipeline{...}`),
// declared once for both.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_PIPELINES_GPUMAPPINGCLOPTIONS_H
#define TESSERA_LIB_PIPELINES_GPUMAPPINGCLOPTIONS_H

#include "mlir/Pass/PassOptions.h"

namespace mlir::tessera {

template <typename Derived>
struct GPUMappingCLOptions : public PassPipelineOptions<Derived> {
  template <typename T>
  using Option = typename detail::PassOptions::template Option<T>;

  Option<int64_t> coarsening{
      *this, "coarsening", llvm::cl::init(1),
      llvm::cl::desc("Points of each parallel loop nest a thread computes")};
  Option<int64_t> tileM{*this, "tile-m", llvm::cl::init(32),
                        llvm::cl::desc("Rows of C per matmul workgroup")};
  Option<int64_t> tileN{*this, "tile-n", llvm::cl::init(32),
                        llvm::cl::desc("Columns of C per matmul workgroup")};
  Option<int64_t> tileK{
      *this, "tile-k", llvm::cl::init(32),
      llvm::cl::desc("Depth of the matmul K-slices in workgroup memory")};
  Option<int64_t> outputsM{*this, "outputs-m", llvm::cl::init(2),
                           llvm::cl::desc("Matmul outputs per thread along M")};
  Option<int64_t> outputsN{*this, "outputs-n", llvm::cl::init(2),
                           llvm::cl::desc("Matmul outputs per thread along N")};

  /// Sets the knobs of `options` (GPUPipelineOptions or
  /// WebGPUPipelineOptions, whose fields have the same names).
  template <typename Options> void copyMappingKnobsTo(Options &options) const {
    options.coarsening = coarsening;
    options.matmulTileM = tileM;
    options.matmulTileN = tileN;
    options.matmulTileK = tileK;
    options.matmulOutputsM = outputsM;
    options.matmulOutputsN = outputsN;
  }
};

} // namespace mlir::tessera

#endif // TESSERA_LIB_PIPELINES_GPUMAPPINGCLOPTIONS_H
