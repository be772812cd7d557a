//===- AttentionOps.td - Kronecker attention ---------------*- tablegen -*-===//

#ifndef TESSERA_DIALECT_TESSERA_IR_ATTENTIONOPS_TD
#define TESSERA_DIALECT_TESSERA_IR_ATTENTIONOPS_TD

def Tessera_KroneckerAttentionOp : Tessera_Op<"kronecker_attention", [
    Pure, AttrSizedOperandSegments,
    InferTypeOpAdaptor]> {
  let summary = "Kronecker attention operator (KAO) over an image";
  let description = [{
    Attention over `x : [B, C, H, W]` that replaces the H*W pixel tokens by
    H + W summary tokens `S = concat(L, Hc)` (rows first), where
    `L_i = mean_j x[:, :, i, j]` are the row means and
    `Hc_j = mean_i x[:, :, i, j]` the column means.

    The projections are 1x1 convolutions: `wq`, `wk`, `wv : [heads*dh, C]`,
    `wo : [C, heads*dh]`, each with an optional bias (`[heads*dh]`, or `[C]`
    for the output). Per head, `softmax(scale * Q K^T) V` with `scale`
    defaulting to `1/sqrt(dh)`.

    * `kv`: Q from all H*W pixels, K and V from S; the H*W output tokens are
      projected by `wo`. Cost O(HW(H+W)C).
    * `qkv`: Q, K and V all from S; the H+W output tokens split into
      `O_L` (H) and `O_H` (W), `y[:, :, i, j] = O_L[i] + O_H[j]`, then `wo`.
      Cost O((H+W)^2 C).

    The result has the shape of `x`.

    ```mlir
    %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 4
        : (tensor<1x64x56x56xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
           tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins
    Tessera_F32Tensor:$input,
    Tessera_F32Tensor:$wq,
    Tessera_F32Tensor:$wk,
    Tessera_F32Tensor:$wv,
    Tessera_F32Tensor:$wo,
    Optional<Tessera_F32Tensor>:$bq,
    Optional<Tessera_F32Tensor>:$bk,
    Optional<Tessera_F32Tensor>:$bv,
    Optional<Tessera_F32Tensor>:$bo,
    Tessera_KroneckerModeAttr:$mode,
    ConfinedAttr<I64Attr, [IntPositive]>:$heads,
    OptionalAttr<F32Attr>:$scale);
  let results = (outs Tessera_F32Tensor:$output);
  let assemblyFormat = [{
    `` $mode $input `,` $wq `,` $wk `,` $wv `,` $wo
    (`q_bias` $bq^)? (`k_bias` $bk^)? (`v_bias` $bv^)? (`o_bias` $bo^)?
    `heads` $heads (`scale` $scale^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Channels per head, or ShapedType::kDynamic when not static.
    int64_t getHeadDim();
    /// The softmax scale: the attribute, or 1/sqrt(head dim).
    double getEffectiveScale();
  }];
}

#endif // TESSERA_DIALECT_TESSERA_IR_ATTENTIONOPS_TD
