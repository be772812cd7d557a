// End-to-end numerics of kronecker_attention (OPERATORS.md section 2,
// AttentionOps.td) against the float64 numpy reference of
// golden/attention.py (row/column means, 1x1 projections, per-head
// max-subtracted softmax attention; qkv combines O_L[i] + O_H[j] before wo).
// Covers both modes, 1/2/4 heads, every bias subset, explicit (also
// negative) scales, H != W, H = 1, H = W = 1 and batch 2.
// Outputs are O(1); --atol 1e-5 covers the f32 rounding of the sums where an
// output happens to cancel to ~1e-4 (observed max abs errors <= 3e-6).

// One head, no bias, default scale 1/sqrt(4); H != W.
// RUN: %check --model %s --entry kv_h1 --golden attention:kv_h1 --workdir %t --aot --atol 1e-5
func.func @kv_h1(
    %x: tensor<1x4x3x5xf32>,
    %wq: tensor<4x4xf32>,
    %wk: tensor<4x4xf32>,
    %wv: tensor<4x4xf32>,
    %wo: tensor<4x4xf32>)
    -> tensor<1x4x3x5xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo
      heads 1
      : (tensor<1x4x3x5xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>)
      -> tensor<1x4x3x5xf32>
  return %y : tensor<1x4x3x5xf32>
}

// Four heads of dh = 2, all four biases, batch 2.
// RUN: %check --model %s --entry kv_h4_biases --golden attention:kv_h4_biases --workdir %t --aot --atol 1e-5
func.func @kv_h4_biases(
    %x: tensor<2x6x5x4xf32>,
    %wq: tensor<8x6xf32>,
    %wk: tensor<8x6xf32>,
    %wv: tensor<8x6xf32>,
    %wo: tensor<6x8xf32>,
    %bq: tensor<8xf32>,
    %bk: tensor<8xf32>,
    %bv: tensor<8xf32>,
    %bo: tensor<6xf32>)
    -> tensor<2x6x5x4xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq k_bias %bk v_bias %bv o_bias %bo
      heads 4
      : (tensor<2x6x5x4xf32>, tensor<8x6xf32>, tensor<8x6xf32>, tensor<8x6xf32>, tensor<6x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<6xf32>)
      -> tensor<2x6x5x4xf32>
  return %y : tensor<2x6x5x4xf32>
}

// Two heads, query and output biases only, explicit scale 0.7.
// RUN: %check --model %s --entry kv_h2_qo_bias_scale --golden attention:kv_h2_qo_bias_scale --workdir %t --aot --atol 1e-5
func.func @kv_h2_qo_bias_scale(
    %x: tensor<2x5x4x7xf32>,
    %wq: tensor<6x5xf32>,
    %wk: tensor<6x5xf32>,
    %wv: tensor<6x5xf32>,
    %wo: tensor<5x6xf32>,
    %bq: tensor<6xf32>,
    %bo: tensor<5xf32>)
    -> tensor<2x5x4x7xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq o_bias %bo
      heads 2 scale 0.7
      : (tensor<2x5x4x7xf32>, tensor<6x5xf32>, tensor<6x5xf32>, tensor<6x5xf32>, tensor<5x6xf32>, tensor<6xf32>, tensor<5xf32>)
      -> tensor<2x5x4x7xf32>
  return %y : tensor<2x5x4x7xf32>
}

// H = 1 (the column means are the pixels), value bias only, dh 5 > C.
// RUN: %check --model %s --entry kv_row_image --golden attention:kv_row_image --workdir %t --aot --atol 1e-5
func.func @kv_row_image(
    %x: tensor<1x3x1x6xf32>,
    %wq: tensor<5x3xf32>,
    %wk: tensor<5x3xf32>,
    %wv: tensor<5x3xf32>,
    %wo: tensor<3x5xf32>,
    %bv: tensor<5xf32>)
    -> tensor<1x3x1x6xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo v_bias %bv
      heads 1
      : (tensor<1x3x1x6xf32>, tensor<5x3xf32>, tensor<5x3xf32>, tensor<5x3xf32>, tensor<3x5xf32>, tensor<5xf32>)
      -> tensor<1x3x1x6xf32>
  return %y : tensor<1x3x1x6xf32>
}

// Scaled scores of several hundred: needs the max-subtracted softmax.
// RUN: %check --model %s --entry kv_large_logits --golden attention:kv_large_logits --workdir %t --aot --atol 1e-5
func.func @kv_large_logits(
    %x: tensor<1x8x6x6xf32>,
    %wq: tensor<16x8xf32>,
    %wk: tensor<16x8xf32>,
    %wv: tensor<16x8xf32>,
    %wo: tensor<8x16xf32>,
    %bk: tensor<16xf32>)
    -> tensor<1x8x6x6xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo k_bias %bk
      heads 4 scale 40.0
      : (tensor<1x8x6x6xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<8x16xf32>, tensor<16xf32>)
      -> tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}

// One head, no bias, default scale.
// RUN: %check --model %s --entry qkv_h1 --golden attention:qkv_h1 --workdir %t --aot --atol 1e-5
func.func @qkv_h1(
    %x: tensor<1x4x4x6xf32>,
    %wq: tensor<4x4xf32>,
    %wk: tensor<4x4xf32>,
    %wv: tensor<4x4xf32>,
    %wo: tensor<4x4xf32>)
    -> tensor<1x4x4x6xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo
      heads 1
      : (tensor<1x4x4x6xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>)
      -> tensor<1x4x4x6xf32>
  return %y : tensor<1x4x4x6xf32>
}

// Four heads, all biases (bo added once, after wo), batch 2, H > W.
// RUN: %check --model %s --entry qkv_h4_biases --golden attention:qkv_h4_biases --workdir %t --aot --atol 1e-5
func.func @qkv_h4_biases(
    %x: tensor<2x8x6x3xf32>,
    %wq: tensor<16x8xf32>,
    %wk: tensor<16x8xf32>,
    %wv: tensor<16x8xf32>,
    %wo: tensor<8x16xf32>,
    %bq: tensor<16xf32>,
    %bk: tensor<16xf32>,
    %bv: tensor<16xf32>,
    %bo: tensor<8xf32>)
    -> tensor<2x8x6x3xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo q_bias %bq k_bias %bk v_bias %bv o_bias %bo
      heads 4
      : (tensor<2x8x6x3xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<8x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<8xf32>)
      -> tensor<2x8x6x3xf32>
  return %y : tensor<2x8x6x3xf32>
}

// Key and value biases only, negative scale -0.5 (max taken after scaling).
// RUN: %check --model %s --entry qkv_h2_kv_bias_negative_scale --golden attention:qkv_h2_kv_bias_negative_scale --workdir %t --aot --atol 1e-5
func.func @qkv_h2_kv_bias_negative_scale(
    %x: tensor<2x5x3x7xf32>,
    %wq: tensor<6x5xf32>,
    %wk: tensor<6x5xf32>,
    %wv: tensor<6x5xf32>,
    %wo: tensor<5x6xf32>,
    %bk: tensor<6xf32>,
    %bv: tensor<6xf32>)
    -> tensor<2x5x3x7xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo k_bias %bk v_bias %bv
      heads 2 scale -0.5
      : (tensor<2x5x3x7xf32>, tensor<6x5xf32>, tensor<6x5xf32>, tensor<6x5xf32>, tensor<5x6xf32>, tensor<6xf32>, tensor<6xf32>)
      -> tensor<2x5x3x7xf32>
  return %y : tensor<2x5x3x7xf32>
}

// Square 8x8 image, four heads of dh 8, output bias only.
// RUN: %check --model %s --entry qkv_h4_o_bias_square --golden attention:qkv_h4_o_bias_square --workdir %t --aot --atol 1e-5
func.func @qkv_h4_o_bias_square(
    %x: tensor<1x16x8x8xf32>,
    %wq: tensor<32x16xf32>,
    %wk: tensor<32x16xf32>,
    %wv: tensor<32x16xf32>,
    %wo: tensor<16x32xf32>,
    %bo: tensor<16xf32>)
    -> tensor<1x16x8x8xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo o_bias %bo
      heads 4
      : (tensor<1x16x8x8xf32>, tensor<32x16xf32>, tensor<32x16xf32>, tensor<32x16xf32>, tensor<16x32xf32>, tensor<16xf32>)
      -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// H = W = 1: two identical summary tokens.
// RUN: %check --model %s --entry qkv_single_pixel --golden attention:qkv_single_pixel --workdir %t --aot --atol 1e-5
func.func @qkv_single_pixel(
    %x: tensor<2x3x1x1xf32>,
    %wq: tensor<2x3xf32>,
    %wk: tensor<2x3xf32>,
    %wv: tensor<2x3xf32>,
    %wo: tensor<3x2xf32>,
    %bq: tensor<2xf32>,
    %bo: tensor<3xf32>)
    -> tensor<2x3x1x1xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo q_bias %bq o_bias %bo
      heads 1
      : (tensor<2x3x1x1xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x2xf32>, tensor<2xf32>, tensor<3xf32>)
      -> tensor<2x3x1x1xf32>
  return %y : tensor<2x3x1x1xf32>
}

