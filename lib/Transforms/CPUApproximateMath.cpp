//===- CPUApproximateMath.cpp - Vectorizable f32 math on the CPU ----------===//
//
// `convert-math-to-libm` turns math ops without an LLVM instruction (erf,
// erfc) into one libm call per element: a vectorized GELU over a vector<16 x
// f32> becomes sixteen scalar calls, and `llvm.exp` / `llvm.tanh` on
// vectors are scalarized the same way by the back end. MLIR's polynomial
// approximations are plain arithmetic, so they stay vectors (FMAs over
// whole registers). Accuracy on f32: see the pass description.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/ADT/StringSet.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_CPUAPPROXIMATEMATH
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;

namespace {
/// The ops whose f32 approximations this pass may use.
const char *const kSupported[] = {"erf", "erfc", "exp", "tanh"};

struct CPUApproximateMathPass
    : public tessera::impl::CPUApproximateMathBase<CPUApproximateMathPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *context) override {
    enabled.clear();
    for (const std::string &name : ops) {
      if (!llvm::is_contained(kSupported, StringRef(name)))
        return emitError(UnknownLoc::get(context))
               << "tessera-cpu-approximate-math: unsupported op '" << name
               << "' (supported: erf, erfc, exp, tanh)";
      enabled.insert("math." + name);
    }
    return success();
  }

  void runOnOperation() override {
    if (enabled.empty())
      return;
    RewritePatternSet patterns(&getContext());
    auto predicate = [&](StringRef name) { return enabled.contains(name); };
    populateMathPolynomialApproximationPatterns(patterns, predicate);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }

private:
  llvm::StringSet<> enabled;
};
} // namespace
