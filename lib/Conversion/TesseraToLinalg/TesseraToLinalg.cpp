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
    RewritePatternSet &patterns) {
  populateSpectralLoweringPatterns(patterns);
  populateAttentionLoweringPatterns(patterns);
  populatePartialConvLoweringPatterns(patterns);
  populateNeuronLoweringPatterns(patterns);
  populateQuantLoweringPatterns(patterns);
  populateBinaryLoweringPatterns(patterns);
}

namespace {
struct TesseraToLinalgPass
    : public tessera::impl::TesseraToLinalgBase<TesseraToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<TesseraDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });

    RewritePatternSet patterns(ctx);
    populateTesseraToLinalgPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
