// RUN: tessera-opt %s --tessera-to-linalg --split-input-file | FileCheck %s

// kronecker_attention (OPERATORS.md section 2): summary tokens built in place
// (row and column sums into the slices of one [B, C, H+W] tensor, divided by
// the per-token count), 1x1 projections as contractions against [heads, dh,
// C] weights, per-head max-subtracted softmax, output projection.

// kv, two heads of dh = 4, no bias, default scale 1/sqrt(4) = 0.5.
// CHECK-LABEL: func.func @kv_default_scale
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4x5xf32>
// CHECK-DAG:     %[[WQ:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [2, 4, 3] : tensor<8x3xf32> into tensor<2x4x3xf32>
// CHECK-DAG:     %[[WO:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [3, 2, 4] : tensor<3x8xf32> into tensor<3x2x4xf32>
// Summary tokens: row sums into [:, :, 0:4], column sums into [:, :, 4:9].
// CHECK:         %[[T0:.*]] = linalg.fill {{.*}} -> tensor<2x3x9xf32>
// CHECK:         %[[RS:.*]] = tensor.extract_slice %[[T0]][0, 0, 0] [2, 3, 4] [1, 1, 1]
// CHECK:         %[[ROWS:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]{{.*}} ins(%[[X]] : tensor<2x3x4x5xf32>) outs(%[[RS]] : tensor<2x3x4xf32>)
// CHECK:           arith.addf
// CHECK:         %[[T1:.*]] = tensor.insert_slice %[[ROWS]] into %[[T0]][0, 0, 0] [2, 3, 4] [1, 1, 1]
// CHECK:         %[[CS:.*]] = tensor.extract_slice %[[T1]][0, 0, 4] [2, 3, 5] [1, 1, 1]
// CHECK:         %[[COLS:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<2x3x4x5xf32>) outs(%[[CS]] : tensor<2x3x5xf32>)
// CHECK:         %[[T2:.*]] = tensor.insert_slice %[[COLS]] into %[[T1]][0, 0, 4] [2, 3, 5] [1, 1, 1]
// CHECK:         %[[COUNTS:.*]] = arith.constant dense<[5.000000e+00, 5.000000e+00, 5.000000e+00, 5.000000e+00, 4.000000e+00, 4.000000e+00, 4.000000e+00, 4.000000e+00, 4.000000e+00]> : tensor<9xf32>
// CHECK:         %[[S:.*]] = linalg.generic {{.*}} ins(%[[T2]], %[[COUNTS]] : tensor<2x3x9xf32>, tensor<9xf32>)
// CHECK:           arith.divf
// Keys and values [B, heads, dh, H+W] from S, queries [B, heads, dh, H, W]
// from every pixel.
// CHECK:         %[[K:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[S]] : tensor<2x4x3xf32>, tensor<2x3x9xf32>) outs({{.*}} : tensor<2x2x4x9xf32>)
// CHECK:         %[[V:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[S]] : tensor<2x4x3xf32>, tensor<2x3x9xf32>) outs({{.*}} : tensor<2x2x4x9xf32>)
// CHECK:         %[[Q:.*]] = linalg.generic {{.*}} ins(%[[WQ]], %[[X]] : tensor<2x4x3xf32>, tensor<2x3x4x5xf32>) outs({{.*}} : tensor<2x2x4x4x5xf32>)
// Scores [B, heads, H, W, H+W]; softmax over the key axis.
// CHECK:         %[[SC:.*]] = linalg.generic {{.*}} ins(%[[Q]], %[[K]] : {{.*}}) outs({{.*}} : tensor<2x2x4x5x9xf32>)
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         arith.constant 0xFF800000 : f32
// CHECK:         %[[MAX:.*]] = linalg.generic {{.*}} ins(%[[SC]] : tensor<2x2x4x5x9xf32>) outs({{.*}} : tensor<2x2x4x5xf32>)
// CHECK:           arith.constant 5.000000e-01 : f32
// CHECK:           arith.mulf
// CHECK:           arith.maximumf
// CHECK:         %[[E:.*]] = linalg.generic {{.*}} ins(%[[SC]], %[[MAX]] : {{.*}}) outs({{.*}} : tensor<2x2x4x5x9xf32>)
// CHECK:           arith.constant 5.000000e-01 : f32
// CHECK:           arith.mulf
// CHECK:           arith.subf
// CHECK:           math.exp
// CHECK:         %[[Z:.*]] = linalg.generic {{.*}} ins(%[[E]] : tensor<2x2x4x5x9xf32>) outs({{.*}} : tensor<2x2x4x5xf32>)
// CHECK:         %[[N:.*]] = linalg.generic {{.*}} ins(%[[E]], %[[V]] : {{.*}}) outs({{.*}} : tensor<2x2x4x4x5xf32>)
// CHECK:         %[[O:.*]] = linalg.generic {{.*}} ins(%[[N]], %[[Z]] : {{.*}}) outs({{.*}} : tensor<2x2x4x4x5xf32>)
// CHECK:           arith.divf
// Output projection over (head, dh), no bias.
// CHECK:         %[[Y:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]{{.*}} ins(%[[WO]], %[[O]] : tensor<3x2x4xf32>, tensor<2x2x4x4x5xf32>) outs({{.*}} : tensor<2x3x4x5xf32>)
// CHECK-NEXT:    ^bb0
// CHECK-NEXT:      arith.mulf
// CHECK-NEXT:      arith.addf
// CHECK-NEXT:      linalg.yield
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[Y]]
// CHECK-NOT:     tessera.
func.func @kv_default_scale(%x: tensor<2x3x4x5xf32>, %wq: tensor<8x3xf32>,
                            %wk: tensor<8x3xf32>, %wv: tensor<8x3xf32>,
                            %wo: tensor<3x8xf32>) -> tensor<2x3x4x5xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2
      : (tensor<2x3x4x5xf32>, tensor<8x3xf32>, tensor<8x3xf32>,
         tensor<8x3xf32>, tensor<3x8xf32>) -> tensor<2x3x4x5xf32>
  return %y : tensor<2x3x4x5xf32>
}

// -----

// kv with all four biases, one head (dh = 6: default scale 1/sqrt(6)).
// CHECK-LABEL: func.func @kv_biases
// CHECK-SAME:    %[[BQ:[a-z0-9]+]]: tensor<6xf32>, %[[BK:[a-z0-9]+]]: tensor<6xf32>, %[[BV:[a-z0-9]+]]: tensor<6xf32>, %[[BO:[a-z0-9]+]]: tensor<3xf32>
// CHECK-DAG:     %[[EBQ:.*]] = tensor.expand_shape %[[BQ]] {{\[}}[0, 1]] output_shape [1, 6] : tensor<6xf32> into tensor<1x6xf32>
// CHECK-DAG:     %[[EBK:.*]] = tensor.expand_shape %[[BK]] {{\[}}[0, 1]] output_shape [1, 6]
// CHECK-DAG:     %[[EBV:.*]] = tensor.expand_shape %[[BV]] {{\[}}[0, 1]] output_shape [1, 6]
// CHECK:         %[[K0:.*]] = linalg.generic {{.*}} outs({{.*}} : tensor<1x1x6x5xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[K0]], %[[EBK]] : tensor<1x1x6x5xf32>, tensor<1x6xf32>)
// CHECK:           arith.addf
// CHECK:         %[[V0:.*]] = linalg.generic {{.*}} outs({{.*}} : tensor<1x1x6x5xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[V0]], %[[EBV]] : tensor<1x1x6x5xf32>, tensor<1x6xf32>)
// CHECK:         %[[Q0:.*]] = linalg.generic {{.*}} outs({{.*}} : tensor<1x1x6x2x3xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[Q0]], %[[EBQ]] : tensor<1x1x6x2x3xf32>, tensor<1x6xf32>)
// CHECK:         arith.constant 0.408248305 : f32
// CHECK:         %[[Y0:.*]] = linalg.generic {{.*}} outs({{.*}} : tensor<1x3x2x3xf32>)
// CHECK:         %[[Y:.*]] = linalg.generic {{.*}} ins(%[[Y0]], %[[BO]] : tensor<1x3x2x3xf32>, tensor<3xf32>)
// CHECK:           arith.addf
// CHECK:         return %[[Y]]
func.func @kv_biases(%x: tensor<1x3x2x3xf32>, %wq: tensor<6x3xf32>,
                     %wk: tensor<6x3xf32>, %wv: tensor<6x3xf32>,
                     %wo: tensor<3x6xf32>, %bq: tensor<6xf32>,
                     %bk: tensor<6xf32>, %bv: tensor<6xf32>,
                     %bo: tensor<3xf32>) -> tensor<1x3x2x3xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo q_bias %bq
      k_bias %bk v_bias %bv o_bias %bo heads 1
      : (tensor<1x3x2x3xf32>, tensor<6x3xf32>, tensor<6x3xf32>,
         tensor<6x3xf32>, tensor<3x6xf32>, tensor<6xf32>, tensor<6xf32>,
         tensor<6xf32>, tensor<3xf32>) -> tensor<1x3x2x3xf32>
  return %y : tensor<1x3x2x3xf32>
}

// -----

// qkv with an output bias and an explicit negative scale: queries from the
// H+W summary tokens, scores [B, heads, H+W, H+W], the projected tokens
// split into rows [0, H) and columns [H, H+W) and broadcast-added, bo once.
// CHECK-LABEL: func.func @qkv_scale_obias
// CHECK-SAME:    %[[BO:[a-z0-9]+]]: tensor<3xf32>
// CHECK:         %[[S:.*]] = linalg.generic {{.*}} outs({{.*}} : tensor<2x3x9xf32>)
// CHECK:           arith.divf
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %[[S]] : tensor<2x4x3xf32>, tensor<2x3x9xf32>) outs({{.*}} : tensor<2x2x4x9xf32>)
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %[[S]] : tensor<2x4x3xf32>, tensor<2x3x9xf32>) outs({{.*}} : tensor<2x2x4x9xf32>)
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %[[S]] : tensor<2x4x3xf32>, tensor<2x3x9xf32>) outs({{.*}} : tensor<2x2x4x9xf32>)
// CHECK:         %[[SC:.*]] = linalg.generic {{.*}} outs({{.*}} : tensor<2x2x9x9xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[SC]] : tensor<2x2x9x9xf32>)
// CHECK:           arith.constant -5.000000e-01 : f32
// CHECK:           arith.mulf
// CHECK:           arith.maximumf
// CHECK:         math.exp
// CHECK:         %[[P:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<3x2x4xf32>, tensor<2x2x4x9xf32>) outs({{.*}} : tensor<2x3x9xf32>)
// CHECK:         %[[PL:.*]] = tensor.extract_slice %[[P]][0, 0, 0] [2, 3, 4] [1, 1, 1] : tensor<2x3x9xf32> to tensor<2x3x4xf32>
// CHECK:         %[[PH:.*]] = tensor.extract_slice %[[P]][0, 0, 4] [2, 3, 5] [1, 1, 1] : tensor<2x3x9xf32> to tensor<2x3x5xf32>
// CHECK:         %[[Y:.*]] = linalg.generic {{.*}} ins(%[[PL]], %[[PH]], %[[BO]] : tensor<2x3x4xf32>, tensor<2x3x5xf32>, tensor<3xf32>) outs({{.*}} : tensor<2x3x4x5xf32>)
// CHECK-NEXT:    ^bb0
// CHECK-NEXT:      %[[A:.*]] = arith.addf
// CHECK-NEXT:      arith.addf %[[A]]
// CHECK:         return %[[Y]]
func.func @qkv_scale_obias(%x: tensor<2x3x4x5xf32>, %wq: tensor<8x3xf32>,
                           %wk: tensor<8x3xf32>, %wv: tensor<8x3xf32>,
                           %wo: tensor<3x8xf32>, %bo: tensor<3xf32>)
    -> tensor<2x3x4x5xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo o_bias %bo
      heads 2 scale -0.5
      : (tensor<2x3x4x5xf32>, tensor<8x3xf32>, tensor<8x3xf32>,
         tensor<8x3xf32>, tensor<3x8xf32>, tensor<3xf32>)
      -> tensor<2x3x4x5xf32>
  return %y : tensor<2x3x4x5xf32>
}

// -----

// qkv without an output bias: the final map adds the two parts only.
// CHECK-LABEL: func.func @qkv_no_bias
// CHECK:         %[[P:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<4x4x1xf32>, tensor<1x4x1x3xf32>) outs({{.*}} : tensor<1x4x3xf32>)
// CHECK:         %[[PL:.*]] = tensor.extract_slice %[[P]][0, 0, 0] [1, 4, 1] [1, 1, 1] : tensor<1x4x3xf32> to tensor<1x4x1xf32>
// CHECK:         %[[PH:.*]] = tensor.extract_slice %[[P]][0, 0, 1] [1, 4, 2] [1, 1, 1] : tensor<1x4x3xf32> to tensor<1x4x2xf32>
// CHECK:         %[[Y:.*]] = linalg.generic {{.*}} ins(%[[PL]], %[[PH]] : tensor<1x4x1xf32>, tensor<1x4x2xf32>) outs({{.*}} : tensor<1x4x1x2xf32>)
// CHECK-NEXT:    ^bb0
// CHECK-NEXT:      arith.addf
// CHECK-NEXT:      linalg.yield
// CHECK:         return %[[Y]]
func.func @qkv_no_bias(%x: tensor<1x4x1x2xf32>, %wq: tensor<4x4xf32>,
                       %wk: tensor<4x4xf32>, %wv: tensor<4x4xf32>,
                       %wo: tensor<4x4xf32>) -> tensor<1x4x1x2xf32> {
  %y = tessera.kronecker_attention qkv %x, %wq, %wk, %wv, %wo heads 4
      : (tensor<1x4x1x2xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<1x4x1x2xf32>
  return %y : tensor<1x4x1x2xf32>
}

// -----

// A dynamic batch: extents from tensor.dim; weights with dynamic extents are
// refined to their static shapes with tensor.cast.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x4x5xf32>, %[[WQ:[a-z0-9]+]]: tensor<8x?xf32>
// CHECK:         %[[CWQ:.*]] = tensor.cast %[[WQ]] : tensor<8x?xf32> to tensor<8x3xf32>
// CHECK:         tensor.expand_shape %[[CWQ]]
// CHECK:         %[[B:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x4x5xf32>
// CHECK:         tensor.empty(%[[B]]) : tensor<?x3x9xf32>
// CHECK:         tensor.extract_slice %{{.*}}[0, 0, 0] [%[[B]], 3, 4] [1, 1, 1] : tensor<?x3x9xf32> to tensor<?x3x4xf32>
// CHECK:         -> tensor<?x2x4x4x5xf32>
// CHECK:         -> tensor<?x2x4x5x9xf32>
// CHECK:         %[[Y:.*]] = linalg.generic {{.*}} outs({{.*}} : tensor<?x3x4x5xf32>)
// CHECK:         return %[[Y]] : tensor<?x3x4x5xf32>
func.func @dynamic_batch(%x: tensor<?x3x4x5xf32>, %wq: tensor<8x?xf32>,
                         %wk: tensor<8x3xf32>, %wv: tensor<8x3xf32>,
                         %wo: tensor<3x8xf32>) -> tensor<?x3x4x5xf32> {
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads 2
      : (tensor<?x3x4x5xf32>, tensor<8x?xf32>, tensor<8x3xf32>,
         tensor<8x3xf32>, tensor<3x8xf32>) -> tensor<?x3x4x5xf32>
  return %y : tensor<?x3x4x5xf32>
}
