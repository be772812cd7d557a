// RUN: tessera-opt %s -split-input-file -verify-diagnostics

// Verifier, type-inference and ODS constraint diagnostics of
// tessera.kronecker_attention.

func.func @kronecker_input_rank(%x: tensor<2x8x36xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x36xf32> {
  // expected-error @+1 {{'tessera.kronecker_attention' op expects input of rank 4 ([B, C, H, W]), got rank 3}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x36xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x36xf32>
  return %y : tensor<2x8x36xf32>
}

// -----

// wq is checked before its dim 0 is read as the projection width.
func.func @kronecker_wq_rank_0(%x: tensor<2x8x6x6xf32>, %wq: tensor<f32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wq of rank 2 ([heads*dh, C]), got rank 0}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<f32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_wq_rank_3(%x: tensor<2x8x6x6xf32>, %wq: tensor<1x8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wq of rank 2 ([heads*dh, C]), got rank 3}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<1x8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_wk_rank(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<64xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wk of rank 2 ([heads*dh, C]), got rank 1}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<64xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_wv_rank(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8x1xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wv of rank 2 ([heads*dh, C]), got rank 3}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8x1xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_wk_width(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<4x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wk dim 0 to be 8 (the projection width heads*dh of wq), got 4}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<4x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_wv_width(%x: tensor<2x8x6x6xf32>, %wq: tensor<12x8xf32>, %wk: tensor<12x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x12xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wv dim 0 to be 12 (the projection width heads*dh of wq), got 8}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<8x8xf32>, tensor<8x12xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_wq_channels(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x6xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wq dim 1 to be 8 (input channels), got 6}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_wk_channels(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x16xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wk dim 1 to be 8 (input channels), got 16}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x16xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_wv_channels(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x4xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wv dim 1 to be 8 (input channels), got 4}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x4xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_heads_divide_width(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects heads 3 to divide the projection width 8}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 3 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_heads_exceed_width(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects heads 16 to divide the projection width 8}}
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo heads 16 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_wo_rank(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<64xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wo of rank 2 ([C, heads*dh]), got rank 1}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<64xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_wo_channels(%x: tensor<2x8x6x6xf32>, %wq: tensor<12x8xf32>, %wk: tensor<12x8xf32>, %wv: tensor<12x8xf32>, %wo: tensor<12x12xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wo dim 0 to be 8 (input channels), got 12}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 3 : (tensor<2x8x6x6xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<12x12xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_wo_width(%x: tensor<2x8x6x6xf32>, %wq: tensor<12x8xf32>, %wk: tensor<12x8xf32>, %wv: tensor<12x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects wo dim 1 to be 12 (the projection width heads*dh), got 8}}
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo heads 3 : (tensor<2x8x6x6xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_q_bias_rank(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bq: tensor<1x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects q_bias of rank 1 (one per channel), got rank 2}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<1x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_o_bias_rank(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bo: tensor<f32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects o_bias of rank 1 (one per channel), got rank 0}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo o_bias %bo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<f32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_q_bias_extent(%x: tensor<2x8x6x6xf32>, %wq: tensor<12x8xf32>, %wk: tensor<12x8xf32>, %wv: tensor<12x8xf32>, %wo: tensor<8x12xf32>, %bq: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects q_bias dim 0 to be 12 (channels of its projection), got 8}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq heads 3 : (tensor<2x8x6x6xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<8x12xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_k_bias_extent(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bq: tensor<8xf32>, %bk: tensor<4xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects k_bias dim 0 to be 8 (channels of its projection), got 4}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq k_bias %bk heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<4xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_v_bias_extent(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bv: tensor<16xf32>, %bo: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects v_bias dim 0 to be 8 (channels of its projection), got 16}}
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo v_bias %bv o_bias %bo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<16xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

// The output bias has one entry per input channel, not per projection channel.
func.func @kronecker_o_bias_extent(%x: tensor<2x8x6x6xf32>, %wq: tensor<12x8xf32>, %wk: tensor<12x8xf32>, %wv: tensor<12x8xf32>, %wo: tensor<8x12xf32>, %bq: tensor<12xf32>, %bk: tensor<12xf32>, %bv: tensor<12xf32>, %bo: tensor<12xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects o_bias dim 0 to be 8 (channels of its projection), got 12}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq k_bias %bk v_bias %bv o_bias %bo heads 3 : (tensor<2x8x6x6xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<8x12xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_scale_inf(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects a finite scale}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 scale 0x7F800000 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_scale_nan(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{expects a finite scale}}
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo heads 2 scale 0x7FC00000 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

// The result has the shape of the input.
func.func @kronecker_result_shape(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x7xf32> {
  // expected-error @+2 {{'tessera.kronecker_attention' op inferred type(s) 'tensor<2x8x6x6xf32>' are incompatible with return type(s) of operation 'tensor<2x8x6x7xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x7xf32>
  return %y : tensor<2x8x6x7xf32>
}

// -----

func.func @kronecker_result_dynamic(%x: tensor<?x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<?x8x6x6xf32>' are incompatible with return type(s) of operation 'tensor<2x8x6x6xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<?x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_heads_zero(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{attribute 'heads' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 0 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_heads_negative(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{attribute 'heads' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads -2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_f16_input(%x: tensor<2x8x6x6xf16>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf16> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf16>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf16>
  return %y : tensor<2x8x6x6xf16>
}

// -----

func.func @kronecker_i32_weight(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xi32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{operand #3 must be ranked tensor of 32-bit float values}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xi32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_unranked_input(%x: tensor<*xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<*xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// -----

func.func @kronecker_bad_mode(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x6x6xf32> {
  // expected-error @+2 {{failed to parse Tessera_KroneckerModeAttr parameter 'value'}}
  // expected-error @+1 {{expected ::mlir::tessera::KroneckerMode to be one of: kv, qkv}}
  %y = tessera.kronecker_attention qk %x, %wq, %wk, %wv, %wo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}
