// RUN: tessera-opt %s | tessera-opt | FileCheck %s
// RUN: tessera-opt %s --mlir-print-op-generic | tessera-opt | FileCheck %s

// Round-trip tests of tessera.kronecker_attention (OPERATORS.md section 2).

// kv, the example of the op description: 4 heads of 16 channels.
// CHECK-LABEL: func.func @kronecker_kv(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x64x56x56xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<64x64xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<64x64xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<64x64xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<64x64xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] heads 4 : (tensor<1x64x56x56xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<1x64x56x56xf32>
//       CHECK:   return %[[Y]] : tensor<1x64x56x56xf32>
func.func @kronecker_kv(%x: tensor<1x64x56x56xf32>, %wq: tensor<64x64xf32>, %wk: tensor<64x64xf32>, %wv: tensor<64x64xf32>, %wo: tensor<64x64xf32>) -> tensor<1x64x56x56xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 4 : (tensor<1x64x56x56xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<1x64x56x56xf32>
  return %y : tensor<1x64x56x56xf32>
}

// CHECK-LABEL: func.func @kronecker_qkv(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x64x56x56xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<64x64xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<64x64xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<64x64xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<64x64xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention qkv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] heads 4 : (tensor<1x64x56x56xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<1x64x56x56xf32>
//       CHECK:   return %[[Y]] : tensor<1x64x56x56xf32>
func.func @kronecker_qkv(%x: tensor<1x64x56x56xf32>, %wq: tensor<64x64xf32>, %wk: tensor<64x64xf32>, %wv: tensor<64x64xf32>, %wo: tensor<64x64xf32>) -> tensor<1x64x56x56xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo heads 4 : (tensor<1x64x56x56xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<1x64x56x56xf32>
  return %y : tensor<1x64x56x56xf32>
}

// CHECK-LABEL: func.func @kronecker_kv_single_head(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x5x7xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] heads 1 : (tensor<2x8x5x7xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x5x7xf32>
//       CHECK:   return %[[Y]] : tensor<2x8x5x7xf32>
func.func @kronecker_kv_single_head(%x: tensor<2x8x5x7xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x5x7xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 1 : (tensor<2x8x5x7xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x5x7xf32>
  return %y : tensor<2x8x5x7xf32>
}

// CHECK-LABEL: func.func @kronecker_qkv_single_head(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x5x7xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention qkv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] heads 1 : (tensor<2x8x5x7xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x5x7xf32>
//       CHECK:   return %[[Y]] : tensor<2x8x5x7xf32>
func.func @kronecker_qkv_single_head(%x: tensor<2x8x5x7xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x8x5x7xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo heads 1 : (tensor<2x8x5x7xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<2x8x5x7xf32>
  return %y : tensor<2x8x5x7xf32>
}

// Every bias, printed in q, k, v, o order.
// CHECK-LABEL: func.func @kronecker_kv_all_biases(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x6x6xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[BQ:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BK:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BV:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BO:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] q_bias %[[BQ]] k_bias %[[BK]] v_bias %[[BV]] o_bias %[[BO]] heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
//       CHECK:   return %[[Y]] : tensor<2x8x6x6xf32>
func.func @kronecker_kv_all_biases(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bq: tensor<8xf32>, %bk: tensor<8xf32>, %bv: tensor<8xf32>, %bo: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq k_bias %bk v_bias %bv o_bias %bo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// CHECK-LABEL: func.func @kronecker_qkv_all_biases(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x6x6xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[BQ:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BK:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BV:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BO:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention qkv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] q_bias %[[BQ]] k_bias %[[BK]] v_bias %[[BV]] o_bias %[[BO]] heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
//       CHECK:   return %[[Y]] : tensor<2x8x6x6xf32>
func.func @kronecker_qkv_all_biases(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bq: tensor<8xf32>, %bk: tensor<8xf32>, %bv: tensor<8xf32>, %bo: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo q_bias %bq k_bias %bk v_bias %bv o_bias %bo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// Any subset of the biases.
// CHECK-LABEL: func.func @kronecker_kv_q_bias(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x6x6xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[BQ:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] q_bias %[[BQ]] heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
//       CHECK:   return %[[Y]] : tensor<2x8x6x6xf32>
func.func @kronecker_kv_q_bias(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bq: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// CHECK-LABEL: func.func @kronecker_kv_k_bias(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x6x6xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[BK:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] k_bias %[[BK]] heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
//       CHECK:   return %[[Y]] : tensor<2x8x6x6xf32>
func.func @kronecker_kv_k_bias(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bk: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo k_bias %bk heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// CHECK-LABEL: func.func @kronecker_qkv_v_bias(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x6x6xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[BV:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention qkv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] v_bias %[[BV]] heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
//       CHECK:   return %[[Y]] : tensor<2x8x6x6xf32>
func.func @kronecker_qkv_v_bias(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bv: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo v_bias %bv heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// CHECK-LABEL: func.func @kronecker_qkv_o_bias(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x6x6xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[BO:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention qkv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] o_bias %[[BO]] heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
//       CHECK:   return %[[Y]] : tensor<2x8x6x6xf32>
func.func @kronecker_qkv_o_bias(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bo: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo o_bias %bo heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// CHECK-LABEL: func.func @kronecker_kv_q_v_biases(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x6x6xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[BQ:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BV:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] q_bias %[[BQ]] v_bias %[[BV]] heads 4 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
//       CHECK:   return %[[Y]] : tensor<2x8x6x6xf32>
func.func @kronecker_kv_q_v_biases(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bq: tensor<8xf32>, %bv: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq v_bias %bv heads 4 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// CHECK-LABEL: func.func @kronecker_qkv_k_o_biases(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x6x6xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[BK:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BO:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention qkv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] k_bias %[[BK]] o_bias %[[BO]] heads 4 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
//       CHECK:   return %[[Y]] : tensor<2x8x6x6xf32>
func.func @kronecker_qkv_k_o_biases(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bk: tensor<8xf32>, %bo: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo k_bias %bk o_bias %bo heads 4 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// CHECK-LABEL: func.func @kronecker_kv_q_k_v_biases(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x8x6x6xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[BQ:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BK:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BV:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] q_bias %[[BQ]] k_bias %[[BK]] v_bias %[[BV]] heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
//       CHECK:   return %[[Y]] : tensor<2x8x6x6xf32>
func.func @kronecker_kv_q_k_v_biases(%x: tensor<2x8x6x6xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bq: tensor<8xf32>, %bk: tensor<8xf32>, %bv: tensor<8xf32>) -> tensor<2x8x6x6xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq k_bias %bk v_bias %bv heads 2 : (tensor<2x8x6x6xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x6x6xf32>
  return %y : tensor<2x8x6x6xf32>
}

// An explicit scale instead of 1/sqrt(dh).
// CHECK-LABEL: func.func @kronecker_kv_scale(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x16x8x8xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<16x16xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<16x16xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<16x16xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<16x16xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] heads 2 scale 2.500000e-01 : (tensor<1x16x8x8xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x16x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<1x16x8x8xf32>
func.func @kronecker_kv_scale(%x: tensor<1x16x8x8xf32>, %wq: tensor<16x16xf32>, %wk: tensor<16x16xf32>, %wv: tensor<16x16xf32>, %wo: tensor<16x16xf32>) -> tensor<1x16x8x8xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2 scale 0.25 : (tensor<1x16x8x8xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// CHECK-LABEL: func.func @kronecker_qkv_scale_biases(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x16x8x8xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<16x16xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<16x16xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<16x16xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<16x16xf32>
//  CHECK-SAME:     %[[BQ:[a-zA-Z0-9_]+]]: tensor<16xf32>
//  CHECK-SAME:     %[[BO:[a-zA-Z0-9_]+]]: tensor<16xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention qkv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] q_bias %[[BQ]] o_bias %[[BO]] heads 4 scale 1.000000e+00 : (tensor<1x16x8x8xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
//       CHECK:   return %[[Y]] : tensor<1x16x8x8xf32>
func.func @kronecker_qkv_scale_biases(%x: tensor<1x16x8x8xf32>, %wq: tensor<16x16xf32>, %wk: tensor<16x16xf32>, %wv: tensor<16x16xf32>, %wo: tensor<16x16xf32>, %bq: tensor<16xf32>, %bo: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo q_bias %bq o_bias %bo heads 4 scale 1.000000e+00 : (tensor<1x16x8x8xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// The projection width heads*dh (3 x 4) differs from C = 8.
// CHECK-LABEL: func.func @kronecker_kv_width_ne_channels(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x8x4x6xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<12x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<12x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<12x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x12xf32>
//  CHECK-SAME:     %[[BQ:[a-zA-Z0-9_]+]]: tensor<12xf32>
//  CHECK-SAME:     %[[BK:[a-zA-Z0-9_]+]]: tensor<12xf32>
//  CHECK-SAME:     %[[BV:[a-zA-Z0-9_]+]]: tensor<12xf32>
//  CHECK-SAME:     %[[BO:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] q_bias %[[BQ]] k_bias %[[BK]] v_bias %[[BV]] o_bias %[[BO]] heads 3 : (tensor<1x8x4x6xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<8x12xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>, tensor<8xf32>) -> tensor<1x8x4x6xf32>
//       CHECK:   return %[[Y]] : tensor<1x8x4x6xf32>
func.func @kronecker_kv_width_ne_channels(%x: tensor<1x8x4x6xf32>, %wq: tensor<12x8xf32>, %wk: tensor<12x8xf32>, %wv: tensor<12x8xf32>, %wo: tensor<8x12xf32>, %bq: tensor<12xf32>, %bk: tensor<12xf32>, %bv: tensor<12xf32>, %bo: tensor<8xf32>) -> tensor<1x8x4x6xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq k_bias %bk v_bias %bv o_bias %bo heads 3 : (tensor<1x8x4x6xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<8x12xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>, tensor<8xf32>) -> tensor<1x8x4x6xf32>
  return %y : tensor<1x8x4x6xf32>
}

// CHECK-LABEL: func.func @kronecker_qkv_width_ne_channels(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x8x4x6xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<24x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<24x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<24x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x24xf32>
//  CHECK-SAME:     %[[BV:[a-zA-Z0-9_]+]]: tensor<24xf32>
//  CHECK-SAME:     %[[BO:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention qkv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] v_bias %[[BV]] o_bias %[[BO]] heads 6 scale -5.000000e-01 : (tensor<1x8x4x6xf32>, tensor<24x8xf32>, tensor<24x8xf32>, tensor<24x8xf32>, tensor<8x24xf32>, tensor<24xf32>, tensor<8xf32>) -> tensor<1x8x4x6xf32>
//       CHECK:   return %[[Y]] : tensor<1x8x4x6xf32>
func.func @kronecker_qkv_width_ne_channels(%x: tensor<1x8x4x6xf32>, %wq: tensor<24x8xf32>, %wk: tensor<24x8xf32>, %wv: tensor<24x8xf32>, %wo: tensor<8x24xf32>, %bv: tensor<24xf32>, %bo: tensor<8xf32>) -> tensor<1x8x4x6xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo v_bias %bv o_bias %bo heads 6 scale -5.000000e-01 : (tensor<1x8x4x6xf32>, tensor<24x8xf32>, tensor<24x8xf32>, tensor<24x8xf32>, tensor<8x24xf32>, tensor<24xf32>, tensor<8xf32>) -> tensor<1x8x4x6xf32>
  return %y : tensor<1x8x4x6xf32>
}

// Dynamic batch and spatial extents.
// CHECK-LABEL: func.func @kronecker_kv_dynamic(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<?x8x?x?xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x8xf32>
//  CHECK-SAME:     %[[BQ:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BK:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BV:[a-zA-Z0-9_]+]]: tensor<8xf32>
//  CHECK-SAME:     %[[BO:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] q_bias %[[BQ]] k_bias %[[BK]] v_bias %[[BV]] o_bias %[[BO]] heads 2 : (tensor<?x8x?x?xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x?x?xf32>
//       CHECK:   return %[[Y]] : tensor<?x8x?x?xf32>
func.func @kronecker_kv_dynamic(%x: tensor<?x8x?x?xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>, %bq: tensor<8xf32>, %bk: tensor<8xf32>, %bv: tensor<8xf32>, %bo: tensor<8xf32>) -> tensor<?x8x?x?xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq k_bias %bk v_bias %bv o_bias %bo heads 2 : (tensor<?x8x?x?xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x?x?xf32>
  return %y : tensor<?x8x?x?xf32>
}

// A dynamic projection width is checked once it is static.
// CHECK-LABEL: func.func @kronecker_qkv_dynamic_width(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<?x8x4x4xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<?x8xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<?x8xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<?x8xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<8x?xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention qkv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] heads 2 : (tensor<?x8x4x4xf32>, tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>, tensor<8x?xf32>) -> tensor<?x8x4x4xf32>
//       CHECK:   return %[[Y]] : tensor<?x8x4x4xf32>
func.func @kronecker_qkv_dynamic_width(%x: tensor<?x8x4x4xf32>, %wq: tensor<?x8xf32>, %wk: tensor<?x8xf32>, %wv: tensor<?x8xf32>, %wo: tensor<8x?xf32>) -> tensor<?x8x4x4xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo heads 2 : (tensor<?x8x4x4xf32>, tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>, tensor<8x?xf32>) -> tensor<?x8x4x4xf32>
  return %y : tensor<?x8x4x4xf32>
}

// CHECK-LABEL: func.func @kronecker_kv_dynamic_channels(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<2x?x4x4xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<8x?xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<8x?xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<8x?xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<?x8xf32>
//  CHECK-SAME:     %[[BO:[a-zA-Z0-9_]+]]: tensor<?xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] o_bias %[[BO]] heads 2 : (tensor<2x?x4x4xf32>, tensor<8x?xf32>, tensor<8x?xf32>, tensor<8x?xf32>, tensor<?x8xf32>, tensor<?xf32>) -> tensor<2x?x4x4xf32>
//       CHECK:   return %[[Y]] : tensor<2x?x4x4xf32>
func.func @kronecker_kv_dynamic_channels(%x: tensor<2x?x4x4xf32>, %wq: tensor<8x?xf32>, %wk: tensor<8x?xf32>, %wv: tensor<8x?xf32>, %wo: tensor<?x8xf32>, %bo: tensor<?xf32>) -> tensor<2x?x4x4xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo o_bias %bo heads 2 : (tensor<2x?x4x4xf32>, tensor<8x?xf32>, tensor<8x?xf32>, tensor<8x?xf32>, tensor<?x8xf32>, tensor<?xf32>) -> tensor<2x?x4x4xf32>
  return %y : tensor<2x?x4x4xf32>
}

// One channel per head.
// CHECK-LABEL: func.func @kronecker_kv_heads_equal_width(
//  CHECK-SAME:     %[[X:[a-zA-Z0-9_]+]]: tensor<1x4x3x3xf32>
//  CHECK-SAME:     %[[WQ:[a-zA-Z0-9_]+]]: tensor<4x4xf32>
//  CHECK-SAME:     %[[WK:[a-zA-Z0-9_]+]]: tensor<4x4xf32>
//  CHECK-SAME:     %[[WV:[a-zA-Z0-9_]+]]: tensor<4x4xf32>
//  CHECK-SAME:     %[[WO:[a-zA-Z0-9_]+]]: tensor<4x4xf32>
//  CHECK-SAME:     %[[BQ:[a-zA-Z0-9_]+]]: tensor<4xf32>
//  CHECK-SAME:     %[[BK:[a-zA-Z0-9_]+]]: tensor<4xf32>
//  CHECK-SAME:     %[[BV:[a-zA-Z0-9_]+]]: tensor<4xf32>
//  CHECK-SAME:     %[[BO:[a-zA-Z0-9_]+]]: tensor<4xf32>
//       CHECK:   %[[Y:.+]] = tessera.kronecker_attention kv %[[X]], %[[WQ]], %[[WK]], %[[WV]], %[[WO]] q_bias %[[BQ]] k_bias %[[BK]] v_bias %[[BV]] o_bias %[[BO]] heads 4 : (tensor<1x4x3x3xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
//       CHECK:   return %[[Y]] : tensor<1x4x3x3xf32>
func.func @kronecker_kv_heads_equal_width(%x: tensor<1x4x3x3xf32>, %wq: tensor<4x4xf32>, %wk: tensor<4x4xf32>, %wv: tensor<4x4xf32>, %wo: tensor<4x4xf32>, %bq: tensor<4xf32>, %bk: tensor<4xf32>, %bv: tensor<4xf32>, %bo: tensor<4xf32>) -> tensor<1x4x3x3xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq k_bias %bk v_bias %bv o_bias %bo heads 4 : (tensor<1x4x3x3xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}
