//===- TesseraDialect.td - The tessera dialect ------------*- tablegen -*-===//
//
// The `tessera` dialect gives research operators (spectral convolutions,
// Kronecker attention, partial convolutions, quadratic and Pade neurons,
// low-bit quantized ops) a first-class, exactly specified representation on
// ranked tensors. Ordinary layers stay in upstream `tosa`/`linalg`/`arith`.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECT_TESSERA_IR_TESSERADIALECT_TD
#define TESSERA_DIALECT_TESSERA_IR_TESSERADIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Tessera_Dialect : Dialect {
  let name = "tessera";
  let cppNamespace = "::mlir::tessera";
  let summary = "Research tensor operators with exact semantics";
  let description = [{
    The tessera dialect represents operators from recent research that no
    production compiler knows natively: the Fourier Neural Operator's spectral
    convolution and factorized spectral weights, Kronecker attention,
    FasterNet's partial convolution, quadratic and Pade (rational) neurons,
    and 4-bit / binary / power-law quantized operations.

    All operations work on ranked tensors with value semantics and PyTorch's
    layout (batch first, channels second). Their normative semantics are
    spelled out in each operation's description; every one of them has a
    decomposition into upstream dialects (linalg, tensor, arith, math).
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
}

class Tessera_Op<string mnemonic, list<Trait> traits = []>
    : Op<Tessera_Dialect, mnemonic, traits>;

#endif // TESSERA_DIALECT_TESSERA_IR_TESSERADIALECT_TD
