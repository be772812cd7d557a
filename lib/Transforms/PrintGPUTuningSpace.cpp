//===- PrintGPUTuningSpace.cpp - Show each GPU kernel's tuning space ------===//
//
// `tessera-print-gpu-tuning-space`: what the Vulkan tuner measures and
// WebGPU artifacts ship as variants, for the kernels of a module on a
// described device.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/GPUContraction.h"
#include "tessera/Transforms/GPUTuningSpace.h"
#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_PRINTGPUTUNINGSPACE
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {
/// The GEMM sizes of a contraction tessera-gpu-shared-memory-tiling
/// handles, as {batch, m, n, k}.
std::optional<std::array<int64_t, 4>> matmulSizes(linalg::LinalgOp op) {
  std::optional<GPUContraction> contraction = matchGPUContraction(op);
  if (!contraction)
    return std::nullopt;
  return std::array<int64_t, 4>{contraction->batch, contraction->m,
                                contraction->n, contraction->k};
}

struct PrintGPUTuningSpacePass
    : public tessera::impl::PrintGPUTuningSpaceBase<PrintGPUTuningSpacePass> {
  using Base::Base;

  void runOnOperation() override {
    GPUDeviceLimits limits;
    limits.maxInvocations = maxInvocations;
    limits.maxWorkgroupBytes = maxWorkgroupBytes;
    limits.subgroupSize = subgroupSize;
    size_t cut = std::max<int64_t>(limit, 1);
    llvm::raw_ostream &os = llvm::outs();
    os << "device: " << limits.str() << "\n";
    int index = 0;
    bool matmuls = false, nests = false;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (!op.hasPureTensorSemantics() && !op.hasPureBufferSemantics())
        return;
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      if (llvm::any_of(ranges, ShapedType::isDynamic))
        return;
      std::optional<std::array<int64_t, 4>> mm = matmulSizes(op);
      GPUKernelClass kernelClass =
          mm ? GPUKernelClass::Matmul : GPUKernelClass::Nest;
      // Points of the parallel loops (the threads of the untuned nest).
      int64_t points = 1;
      for (auto [range, type] : llvm::zip(ranges, op.getIteratorTypesArray()))
        if (type == utils::IteratorType::parallel)
          points *= range;
      std::string description = op->getName().stripDialect().str() + " ";
      if (mm)
        description +=
            std::to_string((*mm)[0]) + "x" + std::to_string((*mm)[1]) + "x" +
            std::to_string((*mm)[2]) + "x" + std::to_string((*mm)[3]);
      else
        description += std::to_string(points) + " points";
      (mm ? matmuls : nests) = true;
      std::vector<TuningKnob> knobs = gpuTuningKnobs(kernelClass);
      size_t pruned = 0;
      std::vector<GPUTuningPoint> candidates =
          mm ? prunedGPUTuningSpace(kernelClass, limits, cut, &pruned, (*mm)[1],
                                    (*mm)[2], (*mm)[3])
             : prunedGPUTuningSpace(kernelClass, limits, cut, &pruned, 0, 0, 0,
                                    points);
      os << "kernel " << index++ << ": " << description << "\n"
         << "  class: " << gpuKernelClassName(kernelClass) << "\n"
         << "  space: " << llvm::format("%.0f", tuningSpaceSize(knobs))
         << " points, " << pruned << " after pruning, " << candidates.size()
         << " candidates\n";
      for (const TuningKnob &knob : knobs) {
        os << "  knob " << knob.name << ": {";
        llvm::interleaveComma(knob.values, os);
        os << "}\n";
      }
      for (auto [i, candidate] : llvm::enumerate(candidates))
        os << "  candidate " << i
           << (i == 0 && candidate == GPUTuningPoint() ? " (default)" : "")
           << ": " << candidate.str(kernelClass) << "\n";
    });
    std::vector<GPUTuningPoint> module =
        gpuModuleTuningSpace(matmuls, nests, limits, cut);
    os << "module: " << module.size() << " configurations\n";
    for (auto [i, point] : llvm::enumerate(module))
      os << "  config " << i << ": " << point.str() << "\n";
  }
};
} // namespace
