// Kronecker attention blocks.
//
// Follows Gao, Wang, Ji, "Kronecker Attention Networks" (KDD 2020): the
// Kronecker attention operator (KAO) attends over H + W summary tokens
// S = concat(row means, column means) instead of the H*W pixels, and is used
// as a residual block y = x + KAO(x).
//
// Layout is PyTorch's NCHW:
//   input  x          : [1, 64, 56, 56]
//   projections       : 1x1 convs wq, wk, wv [heads*dh = 64, C = 64],
//                       wo [C = 64, 64], biases bq, bk, bv, bo [64]
//   heads             : 4 (dh = 16, softmax scale 1/sqrt(16) by default)
//   output            : [1, 64, 56, 56]
//
// @kronecker_attention_block      KAO in `kv` mode (KAO_KV): queries from all
//                                 56*56 pixels, keys and values from the
//                                 112 summary tokens.
// @kronecker_attention_block_qkv  KAO in `qkv` mode (KAO_QKV): Q, K and V all
//                                 from the summary tokens; the output is the
//                                 Kronecker sum O_L[i] + O_H[j], then wo.
//
// The residual add is linalg.add.

// CHECK-LABEL: func.func @kronecker_attention_block
// CHECK: tessera.kronecker_attention kv %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} q_bias %{{.*}} k_bias %{{.*}} v_bias %{{.*}} o_bias %{{.*}} heads 4 : (tensor<1x64x56x56xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
// CHECK: linalg.add
// CHECK: return %{{.*}} : tensor<1x64x56x56xf32>

func.func @kronecker_attention_block(
    %x: tensor<1x64x56x56xf32>,
    %wq: tensor<64x64xf32>, %wk: tensor<64x64xf32>,
    %wv: tensor<64x64xf32>, %wo: tensor<64x64xf32>,
    %bq: tensor<64xf32>, %bk: tensor<64xf32>,
    %bv: tensor<64xf32>, %bo: tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  %a = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo
      q_bias %bq k_bias %bk v_bias %bv o_bias %bo heads 4
      : (tensor<1x64x56x56xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %e = tensor.empty() : tensor<1x64x56x56xf32>
  %y = linalg.add ins(%x, %a : tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>)
      outs(%e : tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %y : tensor<1x64x56x56xf32>
}

// CHECK-LABEL: func.func @kronecker_attention_block_qkv
// CHECK: tessera.kronecker_attention qkv %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} q_bias %{{.*}} k_bias %{{.*}} v_bias %{{.*}} o_bias %{{.*}} heads 4 : (tensor<1x64x56x56xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
// CHECK: linalg.add
// CHECK: return %{{.*}} : tensor<1x64x56x56xf32>

func.func @kronecker_attention_block_qkv(
    %x: tensor<1x64x56x56xf32>,
    %wq: tensor<64x64xf32>, %wk: tensor<64x64xf32>,
    %wv: tensor<64x64xf32>, %wo: tensor<64x64xf32>,
    %bq: tensor<64xf32>, %bk: tensor<64xf32>,
    %bv: tensor<64xf32>, %bo: tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  %a = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo
      q_bias %bq k_bias %bk v_bias %bv o_bias %bo heads 4
      : (tensor<1x64x56x56xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %e = tensor.empty() : tensor<1x64x56x56xf32>
  %y = linalg.add ins(%x, %a : tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>)
      outs(%e : tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %y : tensor<1x64x56x56xf32>
}
