//===- PrintTuningSpace.cpp - Show each kernel's pruned tuning space ------===//
//
// `tessera-print-tuning-space`: what the runtime's tuner would try for each
// kernel of a module, on the host or on a described device.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"
#include "tessera/Transforms/TuningSpace.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_PRINTTUNINGSPACE
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {
struct PrintTuningSpacePass
    : public tessera::impl::PrintTuningSpaceBase<PrintTuningSpacePass> {
  using Base::Base;

  void runOnOperation() override {
    CPUDeviceDescription device = CPUDeviceDescription::host();
    auto override = [](int64_t &field, int64_t value) {
      if (value > 0)
        field = value;
    };
    override(device.vectorWidth, vectorWidth);
    override(device.simdRegisters, registers);
    override(device.cores, cores);
    override(device.l1Bytes, l1KB * 1024);
    override(device.l2Bytes, l2KB * 1024);
    override(device.l3Bytes, l3KB * 1024);
    device.hasLibrary = library;
    CPUCodegenConfig defaults = defaultConfigFor(device);

    llvm::raw_ostream &os = llvm::outs();
    os << "device: vector-width=" << device.vectorWidth
       << " registers=" << device.simdRegisters << " cores=" << device.cores
       << " l1=" << device.l1Bytes / 1024 << "K l2=" << device.l2Bytes / 1024
       << "K l3=" << device.l3Bytes / 1024
       << "K library=" << (device.hasLibrary ? 1 : 0) << "\n";
    int index = 0;
    getOperation().walk([&](linalg::LinalgOp op) {
      std::optional<KernelShape> shape = analyzeKernel(op);
      if (!shape)
        return;
      std::vector<TuningKnob> knobs = tuningKnobs(shape->kernelClass, device);
      size_t pruned = 0;
      std::vector<TuningCandidate> candidates = prunedTuningSpace(
          *shape, device, defaults, std::max<int64_t>(limit, 1), &pruned);
      os << "kernel " << index++ << ": " << shape->description << "\n"
         << "  class: " << kernelClassName(shape->kernelClass) << ", "
         << llvm::format("%.0f", shape->flops) << " flops\n"
         << "  space: " << llvm::format("%.0f", tuningSpaceSize(knobs))
         << " points, " << pruned << " after pruning, " << candidates.size()
         << " candidates\n";
      for (const TuningKnob &knob : knobs) {
        os << "  knob " << knob.name << ": {";
        llvm::interleaveComma(knob.values, os);
        os << "}\n";
      }
      for (auto [i, candidate] : llvm::enumerate(candidates))
        os << "  candidate " << i << (i == 0 ? " (default)" : "") << ": "
           << candidate.str() << "\n";
    });
  }
};
} // namespace
