//===- BinaryOps.td - XNOR / BiPer binary ops ---------------*- tablegen -*-===//

#ifndef TESSERA_DIALECT_TESSERA_IR_BINARYOPS_TD
#define TESSERA_DIALECT_TESSERA_IR_BINARYOPS_TD

defvar BinarizationDoc = [{
    Inputs are binarised with `sign` (`sign(0) = +1`). The weights of output
    `o` become `alpha_o * sign(T(W_o))`, where `T` is the identity for
    `transform sign` (the default, XNOR-Net) or `sin(omega * W)` for `periodic`
    (BiPer, `omega` defaults to 20). `alpha_o` is the operand `alpha` when
    given, else `mean |W_o|` of the untransformed weights. Dot products are
    `2 * popcount(xnor(a, b)) - n` over bit-packed words, times `alpha_o`.
}];

def Tessera_BinaryConv2DOp : Tessera_Op<"binary_conv2d", [
    Pure, InferTypeOpAdaptor]> {
  let summary = "Binary (XNOR-Net / BiPer) 2-D convolution, NCHW";
  let description = [{
    `x : [N, Cin, H, W]`, `weight : [Cout, Cin, kh, kw]` (real-valued,
    binarised by the op), optional `alpha : [Cout]`; `stride`, symmetric
    `padding` and `dilation` as in PyTorch's Conv2d.
  }] # BinarizationDoc # [{
    Zero padding is exact: a padded tap contributes 0, not +-1. With
    `input_scaling`, each output point is also multiplied by XNOR-Net's K:
    the channel mean of |x| box-filtered by the kh x kw kernel (with the
    same stride, padding and dilation, padded taps counting as 0).

    ```mlir
    %y = tessera.binary_conv2d %x, %w padding [1, 1] input_scaling
        : (tensor<1x64x28x28xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x28x28xf32>
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    Tessera_F32Tensor:$weight,
    Optional<Tessera_F32Tensor>:$alpha,
    Tessera_PairOf<"1, 1">:$stride,
    Tessera_PairOf<"0, 0">:$padding,
    Tessera_PairOf<"1, 1">:$dilation,
    UnitAttr:$input_scaling,
    DefaultValuedAttr<Tessera_WeightTransformAttr,
                      "::mlir::tessera::WeightTransform::sign">:$weight_transform,
    DefaultValuedAttr<F32Attr, "20.0f">:$omega);
  let results = (outs Tessera_F32Tensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`alpha` $alpha^)?
    (`stride` $stride^)? (`padding` $padding^)? (`dilation` $dilation^)?
    (`input_scaling` $input_scaling^)? (`transform` `` $weight_transform^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Tessera_BinaryMatmulOp : Tessera_Op<"binary_matmul", [
    Pure, InferTypeOpAdaptor]> {
  let summary = "Binary (XNOR-Net / BiPer) fully connected layer";
  let description = [{
    `x : [..., K]` times binarised `weight : [N, K]` (PyTorch's Linear
    layout), optional `alpha : [N]`, gives `[..., N]`.
  }] # BinarizationDoc # [{
    With `input_scaling`, each output row is also multiplied by `mean |x|`
    of its input row (XNOR-Net's beta).

    ```mlir
    %y = tessera.binary_matmul %x, %w transform periodic {omega = 25.0 : f32}
        : (tensor<32x512xf32>, tensor<256x512xf32>) -> tensor<32x256xf32>
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    Tessera_F32Tensor:$weight,
    Optional<Tessera_F32Tensor>:$alpha,
    UnitAttr:$input_scaling,
    DefaultValuedAttr<Tessera_WeightTransformAttr,
                      "::mlir::tessera::WeightTransform::sign">:$weight_transform,
    DefaultValuedAttr<F32Attr, "20.0f">:$omega);
  let results = (outs Tessera_F32Tensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`alpha` $alpha^)? (`input_scaling` $input_scaling^)?
    (`transform` `` $weight_transform^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // TESSERA_DIALECT_TESSERA_IR_BINARYOPS_TD
