//===- TesseraToLinalg.cpp - the tessera-to-linalg pass -------------------===//

#include "tessera/Conversion/Passes.h"
#include "tessera/Conversion/TesseraToLinalg/TesseraToLinalg.h"

#include "Patterns.h"
#include "tessera/Dialect/Tessera/IR/TesseraDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_TESSERATOLINALG
#include "tessera/Conversion/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

void mlir::tessera::populateTesseraToLinalgPatterns(
    RewritePatternSet &patterns, unsigned binaryWordBits) {
  populateSpectralLoweringPatterns(patterns);
  populateAttentionLoweringPatterns(patterns);
  populatePartialConvLoweringPatterns(patterns);
  populateNeuronLoweringPatterns(patterns);
  populateQuantLoweringPatterns(patterns);
  populateBinaryLoweringPatterns(patterns, binaryWordBits);
}

namespace {
struct TesseraToLinalgPass
    : public tessera::impl::TesseraToLinalgBase<TesseraToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<TesseraDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });

    if (binaryWordBits != 32 && binaryWordBits != 64) {
      emitError(getOperation()->getLoc())
          << "tessera-to-linalg: binary-word-bits must be 32 or 64, not "
          << static_cast<int64_t>(binaryWordBits.getValue());
      return signalPassFailure();
    }
    RewritePatternSet patterns(ctx);
    populateTesseraToLinalgPatterns(patterns, binaryWordBits);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
