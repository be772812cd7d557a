//===- CPUOpConfigs.h - Per-op codegen configs of the CPU pass --*- C++ -*-===//
//
// How tessera-cpu-tile-and-vectorize gives each op its codegen config: the
// pass's (or its function's), or the op's own `tessera.cpu_config` (a
// kernel the tuner tuned, or a config the pass chose for the op's shape),
// inherited by every op the pass makes of it. Internal to the pass.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_TRANSFORMS_CPUOPCONFIGS_H
#define TESSERA_LIB_TRANSFORMS_CPUOPCONFIGS_H

#include "tessera/Transforms/CPUCodegenConfig.h"
#include "tessera/Transforms/TuningSpace.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <string>

namespace mlir::tessera {

/// The codegen config of each op: the pass's (or its function's), or the
/// one that the op carries itself (`tessera.cpu_config`: a kernel the tuner
/// tuned), parsed once per distinct attribute.
class OpConfigs {
public:
  explicit OpConfigs(const CPUCodegenConfig &base) : base(base) {}

  /// Parses the configs that the function's ops carry; an error on the
  /// first op whose config does not parse.
  LogicalResult parse(func::FuncOp func) {
    WalkResult result = func.walk([&](Operation *op) {
      auto text = op->getAttrOfType<StringAttr>(kCPUConfigAttrName);
      if (!text || own.count(text))
        return WalkResult::advance();
      CPUCodegenConfig config = base;
      std::string error;
      if (!config.parsePassOptions(text.getValue(), error)) {
        op->emitOpError() << kCPUConfigAttrName << ": " << error;
        return WalkResult::interrupt();
      }
      own[text] = std::make_unique<CPUCodegenConfig>(config.resolved());
      return WalkResult::advance();
    });
    return failure(result.wasInterrupted());
  }

  const CPUCodegenConfig &of(Operation *op) const {
    auto text = op->getAttrOfType<StringAttr>(kCPUConfigAttrName);
    auto it = text ? own.find(text) : own.end();
    return it != own.end() ? *it->second : base;
  }

  /// Gives `op` a config of its own (one the pass chose for its shape).
  void assign(Operation *op, const CPUCodegenConfig &config) {
    auto text = StringAttr::get(op->getContext(), config.toPassOptions());
    own[text] = std::make_unique<CPUCodegenConfig>(config);
    op->setAttr(kCPUConfigAttrName, text);
  }

private:
  CPUCodegenConfig base;
  // Held by reference while new ones are added: each in its own node.
  llvm::DenseMap<StringAttr, std::unique_ptr<CPUCodegenConfig>> own;
};

/// Gives the linalg ops that the pass creates while it transforms an op
/// with a config of its own (its tiles, slices, packed form and packing
/// copies, fused epilogue) that config: a listener on the pass's rewriter,
/// so that every utility the pass calls (tiling, splitting, generalizing,
/// collapsing) is covered, not only the ops the pass creates itself. Ops
/// cloned with their attributes keep their own.
struct ConfigInheritance : public RewriterBase::Listener {
  Attribute config;

  void notifyOperationInserted(Operation *op, OpBuilder::InsertPoint) override {
    if (config && isa<linalg::LinalgOp>(op) && !op->hasAttr(kCPUConfigAttrName))
      op->setAttr(kCPUConfigAttrName, config);
  }

  /// Runs `transform` of `root` with `root`'s config inherited.
  template <typename Fn> void from(Operation *root, Fn &&transform) {
    config = root->getAttr(kCPUConfigAttrName);
    transform();
    config = nullptr;
  }
};

} // namespace mlir::tessera

#endif // TESSERA_LIB_TRANSFORMS_CPUOPCONFIGS_H
