//===- ConvOps.td - Partial convolution (FasterNet) --------*- tablegen -*-===//

#ifndef TESSERA_DIALECT_TESSERA_IR_CONVOPS_TD
#define TESSERA_DIALECT_TESSERA_IR_CONVOPS_TD

def Tessera_PartialConv2DOp : Tessera_Op<"partial_conv2d", [
    Pure, InferTypeOpAdaptor]> {
  let summary = "FasterNet partial convolution (PConv)";
  let description = [{
    `x : [N, C, H, W]`. The first `c_p` channels are replaced by a k x k
    convolution (stride 1, zero padding k/2, no bias) of those same channels
    with `weight : [c_p, c_p, k, k]`; channels `[c_p, C)` pass through
    unchanged. `c_p` is `conv_channels` when given, else `floor(C / n_div)`
    (`n_div` defaults to 4). `c_p = 0`, an even `k` or a `stride` other than
    1 are errors. The result has the shape of `x`.

    ```mlir
    %y = tessera.partial_conv2d %x, %w
        : (tensor<1x40x56x56xf32>, tensor<10x10x3x3xf32>) -> tensor<1x40x56x56xf32>
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    Tessera_F32Tensor:$weight,
    DefaultValuedAttr<ConfinedAttr<I64Attr, [IntPositive]>, "4">:$n_div,
    OptionalAttr<I64Attr>:$conv_channels,
    DefaultValuedAttr<I64Attr, "1">:$stride);
  let results = (outs Tessera_F32Tensor:$output);
  let assemblyFormat = [{
    $input `,` $weight attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Number of convolved channels, or ShapedType::kDynamic.
    int64_t getPartialChannels();
  }];
}

#endif // TESSERA_DIALECT_TESSERA_IR_CONVOPS_TD
