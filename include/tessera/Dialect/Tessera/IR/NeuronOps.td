//===- NeuronOps.td - Quadratic and Pade neurons -----------*- tablegen -*-===//

#ifndef TESSERA_DIALECT_TESSERA_IR_NEURONOPS_TD
#define TESSERA_DIALECT_TESSERA_IR_NEURONOPS_TD

// Shared description of the quadratic variants.
defvar QuadraticVariantsDoc = [{
    The `variant` selects the neuron; products are elementwise, `x*x` is the
    elementwise square of the input, and the weights are listed in order:

    | variant   | weights          | biases          | output                                    |
    |-----------|------------------|-----------------|-------------------------------------------|
    | `fan`     | `Wr, Wg, Wb`     | `br, bg, c`     | `(Wr x + br) * (Wg x + bg) + Wb (x*x) + c` |
    | `compact` | `Wr, Wb`         | `br`            | `Wr x + br + Wb (x*x)`                    |
    | `square`  | `W`              | `b`             | `W (x*x) + b`                             |
    | `power`   | `W`              | `b`             | `(W x + b)^2`                             |
    | `product` | `Wa, Wb`         | `ba, bb`        | `(Wa x + ba) * (Wb x + bb)`               |

    The biases are optional as a whole (absent means zero). The variant may
    be omitted when parsing and defaults to `fan`; it is always printed. No
    activation is part of the op.
}];

class Tessera_QuadraticOp<string mnemonic>
    : Tessera_Op<mnemonic, [Pure, AttrSizedOperandSegments,
                            InferTypeOpAdaptor]> {
  let results = (outs Tessera_F32Tensor:$output);
  let hasVerifier = 1;
  code extraBaseClassDeclaration = [{
    /// Number of weight (and, when present, bias) operands `variant` takes.
    static unsigned getNumWeights(QuadraticVariant variant);
    static unsigned getNumBiases(QuadraticVariant variant);
  }];
}

def Tessera_QuadraticLinearOp : Tessera_QuadraticOp<"quadratic_linear"> {
  let summary = "Quadratic neuron layer (fully connected)";
  let description = [{
    `x : [..., in]` to `y : [..., out]`. Every `W x` is `x W^T` with a weight
    `[out, in]` (PyTorch's Linear layout); biases are `[out]`.
  }] # QuadraticVariantsDoc # [{
    ```mlir
    %y = tessera.quadratic_linear fan %x weights(%wr, %wg, %wb)
        biases(%br, %bg, %c)
        : (tensor<8x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>,
           tensor<4x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
        -> tensor<8x4xf32>
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    Variadic<Tessera_F32Tensor>:$weights,
    Variadic<Tessera_F32Tensor>:$biases,
    DefaultValuedAttr<Tessera_QuadraticVariantAttr,
                      "::mlir::tessera::QuadraticVariant::fan">:$variant);
  let assemblyFormat = [{
    custom<QuadraticVariant>($variant) $input `weights` `(` $weights `)`
    (`biases` `(` $biases^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = extraBaseClassDeclaration;
}

def Tessera_QuadraticConv2DOp : Tessera_QuadraticOp<"quadratic_conv2d"> {
  let summary = "Quadratic neuron layer (2-D convolution, NCHW)";
  let description = [{
    `x : [N, Cin, H, W]` to `y : [N, Cout, H', W']`. Every `W x` is a 2-D
    convolution with weight `[Cout, Cin/groups, kh, kw]` (PyTorch's layout),
    `stride`, symmetric zero `padding` (zero padding commutes with squaring),
    `dilation` and `groups`; biases are `[Cout]`.
  }] # QuadraticVariantsDoc # [{
    ```mlir
    %y = tessera.quadratic_conv2d power %x weights(%w) biases(%b) padding [1, 1]
        : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>)
        -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    Variadic<Tessera_F32Tensor>:$weights,
    Variadic<Tessera_F32Tensor>:$biases,
    DefaultValuedAttr<Tessera_QuadraticVariantAttr,
                      "::mlir::tessera::QuadraticVariant::fan">:$variant,
    Tessera_PairOf<"1, 1">:$stride,
    Tessera_PairOf<"0, 0">:$padding,
    Tessera_PairOf<"1, 1">:$dilation,
    DefaultValuedAttr<ConfinedAttr<I64Attr, [IntPositive]>, "1">:$groups);
  let assemblyFormat = [{
    custom<QuadraticVariant>($variant) $input `weights` `(` $weights `)`
    (`biases` `(` $biases^ `)`)? (`stride` $stride^)? (`padding` $padding^)? (`dilation` $dilation^)?
    (`groups` $groups^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = extraBaseClassDeclaration;
}

def Tessera_PauOp : Tessera_Op<"pau", [
    Pure, InferTypeOpAdaptor]> {
  let summary = "Pade activation unit (rational activation), elementwise";
  let description = [{
    `F(x) = P(x) / Q(x)` with `P(x) = sum_{j=0..m} a_j x^j` and denominator
    coefficients `b_1..b_n`, evaluated with Horner's rule:

    * `safe` (the paper): `Q = 1 + |b_1 x + ... + b_n x^n|`
    * `abs` (the official code's default): `Q = 1 + sum_k |b_k| |x|^k`
    * `unsafe`: `Q = 1 + sum_k b_k x^k`, an IEEE division that may
      overflow near a root of Q.

    `numerator : [m+1]` and `denominator : [n]` hold the coefficients for the
    whole tensor; with `channel_axis = c` they are `[C, m+1]` and `[C, n]`,
    one set per index of dimension `c` of `x`. The degrees follow from the
    coefficient shapes (the paper uses m = 5, n = 4). The result has the
    type of `x`.

    ```mlir
    %y = tessera.pau safe %x, %a, %b
        : (tensor<1024xf32>, tensor<6xf32>, tensor<4xf32>) -> tensor<1024xf32>
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    Tessera_F32Tensor:$numerator,
    Tessera_F32Tensor:$denominator,
    Tessera_PauVersionAttr:$version,
    OptionalAttr<ConfinedAttr<I64Attr, [IntNonNegative]>>:$channel_axis);
  let results = (outs Tessera_F32Tensor:$output);
  let assemblyFormat = [{
    `` $version $input `,` $numerator `,` $denominator
    (`channel_axis` $channel_axis^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Tessera_PadeConv2DOp : Tessera_Op<"pade_conv2d", [
    Pure, InferTypeOpAdaptor]> {
  let summary = "Pade neuron (PAON) 2-D convolution";
  let description = [{
    `x : [N, Cin, H, W]`, numerator weights `wp : [M, Cout, Cin, kh, kw]`,
    denominator weights `wq : [Nq, Cout, Cin, kh, kw]`, `w0 : [Cout]`.
    With `x^k` the elementwise power and `conv` a 2-D convolution (`stride`,
    symmetric zero `padding`, `dilation`):
    `p = w0 + sum_{k=1..M} conv(x^k, wp[k-1])`, `r_k = conv(x^k, wq[k-1])`.

    * `abs` (Paon-A): `y = p / (1 + sum_{k=1..Nq} |r_k|)`.
    * `smooth` (Paon-S): with `p_M = p`, `p_{M-1}` = p without its k = M term,
      `q_N = 1 + sum_{k<=Nq} r_k` and `q_{N-1} = 1 + sum_{k<Nq} r_k`:
      `y = (q_N p_M + q_{N-1} p_{M-1}) / (q_N^2 + q_{N-1}^2)`.

    ```mlir
    %y = tessera.pade_conv2d abs %x, %wp, %wq, %w0 padding [1, 1]
        : (tensor<1x32x64x64xf32>, tensor<2x32x32x3x3xf32>,
           tensor<2x32x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x64x64xf32>
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    Tessera_F32Tensor:$wp,
    Tessera_F32Tensor:$wq,
    Tessera_F32Tensor:$w0,
    Tessera_PadeVariantAttr:$variant,
    Tessera_PairOf<"1, 1">:$stride,
    Tessera_PairOf<"0, 0">:$padding,
    Tessera_PairOf<"1, 1">:$dilation);
  let results = (outs Tessera_F32Tensor:$output);
  let assemblyFormat = [{
    `` $variant $input `,` $wp `,` $wq `,` $w0
    (`stride` $stride^)? (`padding` $padding^)? (`dilation` $dilation^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // TESSERA_DIALECT_TESSERA_IR_NEURONOPS_TD
