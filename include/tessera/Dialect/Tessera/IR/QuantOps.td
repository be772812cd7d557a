//===- QuantOps.td - Low-bit quantized ops -----------------*- tablegen -*-===//

#ifndef TESSERA_DIALECT_TESSERA_IR_QUANTOPS_TD
#define TESSERA_DIALECT_TESSERA_IR_QUANTOPS_TD

defvar AffineQuantParamsDoc = [{
    The element type of the quantized tensor sets the range: `i8`/`si8`
    [-128, 127], `ui8` [0, 255], `i4`/`si4` [-8, 7], `ui4` [0, 15] (signless
    integers are signed). Scales and zero points are given either as operands
    (`scale %s`, `zero_point %z`: f32 and i32 tensors) or as attributes
    (`scales [..]`, `zero_points [..]`), not both. Without `axis` there is one
    scale and one zero point (a rank-0 or one-element tensor); with `axis = a`
    there is one per index of dimension `a`. A missing zero point means 0.
}];

class Tessera_AffineQuantOp<string mnemonic, list<Trait> traits = []>
    : Tessera_Op<mnemonic, traits # [Pure, AttrSizedOperandSegments]> {
  let hasVerifier = 1;
  let hasFolder = 1;
  code extraBaseClassDeclaration = [{
    /// The tensor that holds quantized values (result or input).
    ::mlir::RankedTensorType getQuantizedType();
    /// True if the scales and zero points are all known at compile time.
    bool hasStaticParams() { return getScales().has_value(); }
  }];
}

def Tessera_QuantizeOp : Tessera_AffineQuantOp<"quantize"> {
  let summary = "Affine quantization of f32 data to 8- or 4-bit integers";
  let description = [{
    `q = sat(round(r / s) + z)`, rounding half to even and saturating to the
    range of the result's element type.
  }] # AffineQuantParamsDoc # [{
    ```mlir
    %q = tessera.quantize %x scales [0.05] zero_points [3]
        : (tensor<4x16xf32>) -> tensor<4x16xi8>
    %p = tessera.quantize %x scale %s zero_point %z axis 0
        : (tensor<4x16xf32>, tensor<4xf32>, tensor<4xi32>) -> tensor<4x16xi4>
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    Optional<Tessera_F32Tensor>:$scale,
    Optional<Tessera_I32Tensor>:$zero_point,
    OptionalAttr<DenseF32ArrayAttr>:$scales,
    OptionalAttr<DenseI64ArrayAttr>:$zero_points,
    OptionalAttr<ConfinedAttr<I64Attr, [IntNonNegative]>>:$axis);
  let results = (outs Tessera_QuantizedTensor:$output);
  let assemblyFormat = [{
    $input (`scale` $scale^)? (`zero_point` $zero_point^)?
    (`scales` $scales^)? (`zero_points` $zero_points^)? (`axis` $axis^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
  let extraClassDeclaration = extraBaseClassDeclaration;
}

def Tessera_DequantizeOp : Tessera_AffineQuantOp<"dequantize"> {
  let summary = "Affine dequantization of 8- or 4-bit integers to f32";
  let description = [{
    `r = s * (q - z)`.
  }] # AffineQuantParamsDoc # [{
    ```mlir
    %r = tessera.dequantize %q scales [0.05] zero_points [3]
        : (tensor<4x16xi8>) -> tensor<4x16xf32>
    ```
  }];
  let arguments = (ins
    Tessera_QuantizedTensor:$input,
    Optional<Tessera_F32Tensor>:$scale,
    Optional<Tessera_I32Tensor>:$zero_point,
    OptionalAttr<DenseF32ArrayAttr>:$scales,
    OptionalAttr<DenseI64ArrayAttr>:$zero_points,
    OptionalAttr<ConfinedAttr<I64Attr, [IntNonNegative]>>:$axis);
  let results = (outs Tessera_F32Tensor:$output);
  let assemblyFormat = [{
    $input (`scale` $scale^)? (`zero_point` $zero_point^)?
    (`scales` $scales^)? (`zero_points` $zero_points^)? (`axis` $axis^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
  let extraClassDeclaration = extraBaseClassDeclaration;
}

def Tessera_QMatmulOp : Tessera_Op<"qmatmul", [Pure, AttrSizedOperandSegments]> {
  let summary = "Quantized matrix multiplication with int32 accumulation";
  let description = [{
    `a : [M, K]` and `b : [K, N]` hold 8- or 4-bit integers (signedness from
    their element types; `u8 x i8` is allowed) with zero points `a_zero_point`
    and `b_zero_point`. The int32 accumulator is
    `acc[m, n] = sum_k (a[m,k] - za) * (b[k,n] - zb)`
    `         = sum a*b - zb sum a - za sum b + K za zb`.
    The result element type selects the output:

    * `i32`: `acc` itself; no scales.
    * `f32`: `scales(%sa, %sb)` required: `sa[m] * sb[n] * acc[m, n]`, with
      `sa` one scale or one per row of `a` (`[1]`/rank 0 or `[M]`) and `sb`
      one scale or one per column of `b`.
    * 8/4-bit integer: requantized as ONNX QLinearMatMul,
      `sat(round(sa sb acc / so) + out_zero_point)`, with `out_scale %so`
      (one element) required besides `scales`.

    ```mlir
    %c = tessera.qmatmul %a, %b scales(%sa, %sb) {a_zero_point = 3 : i64}
        : (tensor<64x128xui8>, tensor<128x32xi8>, tensor<f32>, tensor<32xf32>)
        -> tensor<64x32xf32>
    ```
  }];
  let arguments = (ins
    Tessera_QuantizedTensor:$a,
    Tessera_QuantizedTensor:$b,
    Optional<Tessera_F32Tensor>:$a_scale,
    Optional<Tessera_F32Tensor>:$b_scale,
    Optional<Tessera_F32Tensor>:$out_scale,
    DefaultValuedAttr<I64Attr, "0">:$a_zero_point,
    DefaultValuedAttr<I64Attr, "0">:$b_zero_point,
    DefaultValuedAttr<I64Attr, "0">:$out_zero_point);
  let results = (outs Tessera_QMatmulResult:$output);
  let assemblyFormat = [{
    $a `,` $b (`scales` `(` $a_scale^ `,` $b_scale `)`)?
    (`out_scale` $out_scale^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Tessera_HadamardOp : Tessera_Op<"hadamard", [
    Pure, SameOperandsAndResultType]> {
  let summary = "Orthonormal block Hadamard transform along the last dim";
  let description = [{
    Splits the last dimension of `x` into blocks of `block_size` (a power of
    two dividing it) and multiplies each block by the orthonormal Sylvester
    Hadamard matrix `H / sqrt(block_size)`, where
    `H[i, j] = (-1)^popcount(i & j)`. Since `H H^T = I`,
    `(X H)(W H)^T = X W^T`: the Hadamard quantizer of 4-bit training is
    `hadamard -> quantize(i4) -> qmatmul -> scale`. A block size of 1 is the
    identity and folds away.

    ```mlir
    %y = tessera.hadamard %x block 32 : tensor<16x256xf32>
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    ConfinedAttr<I64Attr, [IntPositive]>:$block_size);
  let results = (outs Tessera_F32Tensor:$output);
  let assemblyFormat = "$input `block` $block_size attr-dict `:` type($input)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Tessera_PowerQuantizeOp : Tessera_Op<"power_quantize", [Pure]> {
  let summary = "Power-law (PowerQuant / NUPES) quantization";
  let description = [{
    Non-uniform quantization to a signed b-bit type:
    `s = max|x|^a / (2^(b-1) - 1)` and `q = sat(round(sign(x) |x|^a / s))`
    (round half to even). Both `q` and the scale `s` (a rank-0 tensor) are
    results. `exponent` a > 0; a = 1 is uniform symmetric quantization. An
    all-zero input gives `s = 0` and `q = 0`.

    ```mlir
    %q, %s = tessera.power_quantize %x exponent 0.5
        : (tensor<256xf32>) -> (tensor<256xi4>, tensor<f32>)
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    F32Attr:$exponent);
  let results = (outs Tessera_SignedQuantizedTensor:$output,
                      0DTensorOf<[F32]>:$scale);
  let assemblyFormat = [{
    $input `exponent` $exponent attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Tessera_PowerDequantizeOp : Tessera_Op<"power_dequantize", [
    Pure, InferTypeOpAdaptor]> {
  let summary = "Inverse of power-law quantization";
  let description = [{
    `x = sign(q) (|q| s)^(1/a)` for the scale `s` (a rank-0 tensor) and
    `exponent` a > 0 used by `power_quantize`.

    ```mlir
    %x = tessera.power_dequantize %q, %s exponent 0.5
        : (tensor<256xi4>, tensor<f32>) -> tensor<256xf32>
    ```
  }];
  let arguments = (ins
    Tessera_SignedQuantizedTensor:$input,
    0DTensorOf<[F32]>:$scale,
    F32Attr:$exponent);
  let results = (outs Tessera_F32Tensor:$output);
  let assemblyFormat = [{
    $input `,` $scale `exponent` $exponent attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // TESSERA_DIALECT_TESSERA_IR_QUANTOPS_TD
