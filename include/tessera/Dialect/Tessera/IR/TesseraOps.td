//===- TesseraOps.td - Operations of the tessera dialect ---*- tablegen -*-===//
//
// One file per family of operators; the normative semantics of each op is in
// its description.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECT_TESSERA_IR_TESSERAOPS_TD
#define TESSERA_DIALECT_TESSERA_IR_TESSERAOPS_TD

include "tessera/Dialect/Tessera/IR/TesseraDialect.td"
include "tessera/Dialect/Tessera/IR/TesseraEnums.td"
include "tessera/Dialect/Tessera/IR/TesseraConstraints.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

include "tessera/Dialect/Tessera/IR/SpectralOps.td"
include "tessera/Dialect/Tessera/IR/AttentionOps.td"
include "tessera/Dialect/Tessera/IR/ConvOps.td"
include "tessera/Dialect/Tessera/IR/NeuronOps.td"
include "tessera/Dialect/Tessera/IR/QuantOps.td"
include "tessera/Dialect/Tessera/IR/BinaryOps.td"

#endif // TESSERA_DIALECT_TESSERA_IR_TESSERAOPS_TD
