//===- TesseraConstraints.td - Operand constraints ---------*- tablegen -*-===//

#ifndef TESSERA_DIALECT_TESSERA_IR_TESSERACONSTRAINTS_TD
#define TESSERA_DIALECT_TESSERA_IR_TESSERACONSTRAINTS_TD

include "mlir/IR/CommonTypeConstraints.td"
include "mlir/IR/CommonAttrConstraints.td"

// Real-valued data. f32 is the reference precision of every op.
def Tessera_F32Tensor : RankedTensorOf<[F32]>;

// Complex spectral weights.
def Tessera_ComplexTensor : RankedTensorOf<[Complex<F32>]>;

// Either of the above (factorized weights may be real or complex).
def Tessera_F32OrComplexTensor : RankedTensorOf<[F32, Complex<F32>]>;

// Storage types of quantized data: 8 and 4 bits, signless/signed or unsigned.
// Signless integers are interpreted as signed (two's complement).
def Tessera_QuantizedElement
    : AnyTypeOf<[I8, SI8, UI8, I<4>, SI<4>, UI<4>], "8- or 4-bit integer">;
def Tessera_QuantizedTensor : RankedTensorOf<[Tessera_QuantizedElement]>;

// Power-law quantization needs a sign: signed 8/4-bit integers only.
def Tessera_SignedQuantizedElement
    : AnyTypeOf<[I8, SI8, I<4>, SI<4>], "signed 8- or 4-bit integer">;
def Tessera_SignedQuantizedTensor
    : RankedTensorOf<[Tessera_SignedQuantizedElement]>;

// Zero points given at run time.
def Tessera_I32Tensor : RankedTensorOf<[I32]>;

// Results of qmatmul: int32 accumulators, dequantized f32, or requantized.
def Tessera_QMatmulResult
    : RankedTensorOf<[I32, F32, I8, SI8, UI8, I<4>, SI<4>, UI<4>]>;

// Two spatial values (height, width) for 2-D convolution attributes.
def Tessera_Pair : ConfinedAttr<DenseI64ArrayAttr, [DenseArrayCount<2>]>;
class Tessera_PairOf<string dflt>
    : ConfinedAttr<DefaultValuedAttr<DenseI64ArrayAttr, "{" # dflt # "}">,
                   [DenseArrayCount<2>]>;

#endif // TESSERA_DIALECT_TESSERA_IR_TESSERACONSTRAINTS_TD
