//===- Passes.td - Tessera conversion passes ---------------*- tablegen -*-===//

#ifndef TESSERA_CONVERSION_PASSES_TD
#define TESSERA_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def TesseraToLinalg : Pass<"tessera-to-linalg"> {
  let summary = "Decompose tessera ops into linalg, tensor, arith and math";
  let description = [{
    Rewrites every tessera operation into upstream ops on tensors, exactly
    following the operator semantics: spectral convolutions become truncated
    DFT contractions with constant DFT matrices, quantized ops keep integer
    semantics (round half to even, saturation, int32 accumulation), binary
    ops use XNOR-popcount over bit-packed words. The result is consumed by
    every target's pipeline. Ops that cannot be lowered (for example a
    dynamic extent the decomposition needs statically) are reported as
    errors naming the op.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::complex::ComplexDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // TESSERA_CONVERSION_PASSES_TD
