// RUN: tessera-opt %s --tessera-to-linalg --split-input-file | FileCheck %s

// Lowering of binary_matmul / binary_conv2d (OPERATORS.md section 6): sign
// bits packed into i64 words by a linalg.generic reducing the 64 bits of a
// word (ori of the constant 1 << j); binary_matmul then sums ctpop(a ^ w)
// over the words (unused bits are 0 in both operands) and the scaling map
// takes dot = K - 2 * that; binary_conv2d packs the channels of each input
// pixel once, gathers the words of each output position's taps
// (tap-major, word t = (i * kw + j) * Cw + c; 0 on the padding), sums
// ctpop(a ^ w) over them (two operands), subtracts the weight bits counted
// on the padding taps, and takes dot = real - 2 * that, real being the
// number of real window elements (a constant per output position).

// K = 100: two words, the last one with 36 real bits (the rest 0).
// CHECK-LABEL: func.func @matmul_k100
//  CHECK-SAME:     (%[[X:.+]]: tensor<3x100xf32>, %[[W:.+]]: tensor<5x100xf32>)
//   CHECK-NOT:   tensor.pad
//       CHECK:   %[[BITS:.+]] = arith.constant dense<[1, 2, 4, 8, {{.*}}, -9223372036854775808]> : tensor<64xi64>
//       CHECK:   %[[XB:.+]] = linalg.generic
//  CHECK-SAME:       iterator_types = ["parallel", "parallel", "reduction"]
//  CHECK-SAME:       ins(%[[BITS]] : tensor<64xi64>) outs(%{{.+}} : tensor<3x2xi64>)
//       CHECK:     %[[WORD:.+]] = linalg.index 1 : index
//       CHECK:     %[[BIT:.+]] = linalg.index 2 : index
//       CHECK:     %[[C64:.+]] = arith.constant 64 : index
//       CHECK:     %[[BASE:.+]] = arith.muli %[[WORD]], %[[C64]]
//       CHECK:     %[[R:.+]] = arith.addi %[[BASE]], %[[BIT]]
//       CHECK:     %[[C100:.+]] = arith.constant 100 : index
//       CHECK:     %[[IN:.+]] = arith.cmpi ult, %[[R]], %[[C100]]
//       CHECK:     %[[C99:.+]] = arith.constant 99 : index
//       CHECK:     %[[RC:.+]] = arith.minui %[[R]], %[[C99]]
//       CHECK:     %[[V:.+]] = tensor.extract %[[X]][%{{.+}}, %[[RC]]] : tensor<3x100xf32>
//       CHECK:     %[[S:.+]] = arith.cmpf oge, %[[V]], %{{.+}} : f32
//       CHECK:     %[[ON:.+]] = arith.andi %[[IN]], %[[S]] : i1
//       CHECK:     %[[SEL:.+]] = arith.select %[[ON]]
//       CHECK:     arith.ori %{{.+}}, %[[SEL]] : i64
//       CHECK:   } -> tensor<3x2xi64>
//       CHECK:   %[[WB:.+]] = linalg.generic
//       CHECK:     tensor.extract %[[W]]
//   CHECK-NOT:     math.sin
//       CHECK:     arith.cmpf oge
//       CHECK:   } -> tensor<5x2xi64>
//       CHECK:   %[[DOT:.+]] = linalg.generic
//  CHECK-SAME:       iterator_types = ["parallel", "parallel", "reduction"]
//  CHECK-SAME:       ins(%[[XB]], %[[WB]] : tensor<3x2xi64>, tensor<5x2xi64>)
//  CHECK-NEXT:     ^bb0(%[[A:.+]]: i64, %[[B:.+]]: i64, %[[ACC:.+]]: i64):
//  CHECK-NEXT:     %[[XOR:.+]] = arith.xori %[[A]], %[[B]] : i64
//  CHECK-NEXT:     %[[P:.+]] = math.ctpop %[[XOR]] : i64
//  CHECK-NEXT:     arith.addi %[[ACC]], %[[P]] : i64
//       CHECK:   } -> tensor<3x5xi64>
// alpha = mean |W_o|.
//       CHECK:   %[[ASUM:.+]] = linalg.generic
//  CHECK-SAME:       ins(%[[W]] : tensor<5x100xf32>)
//       CHECK:     math.absf
//       CHECK:   } -> tensor<5xf32>
//       CHECK:   %[[Y:.+]] = linalg.generic
//  CHECK-SAME:       ins(%[[DOT]], %[[ASUM]] : tensor<3x5xi64>, tensor<5xf32>)
//       CHECK:     %[[TWICE:.+]] = arith.shli
//       CHECK:     %[[K:.+]] = arith.constant 100 : i64
//       CHECK:     %[[AGREE:.+]] = arith.subi %[[K]], %[[TWICE]] : i64
//       CHECK:     arith.sitofp %[[AGREE]] : i64 to f32
//       CHECK:     arith.constant 1.000000e+02 : f32
//       CHECK:     arith.divf
//       CHECK:     arith.mulf
//       CHECK:   return %[[Y]] : tensor<3x5xf32>
func.func @matmul_k100(%x: tensor<3x100xf32>, %w: tensor<5x100xf32>)
    -> tensor<3x5xf32> {
  %y = tessera.binary_matmul %x, %w
      : (tensor<3x100xf32>, tensor<5x100xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// K = 64: one whole word. Alpha given: no |W| reduction, no division in
// the scaling.
// CHECK-LABEL: func.func @matmul_k64_alpha
//  CHECK-SAME:     %[[A:[a-z0-9]+]]: tensor<6xf32>
//       CHECK:   %[[DOT:.+]] = linalg.generic {{.*}} ins(%{{.+}}, %{{.+}} : tensor<4x1xi64>, tensor<6x1xi64>)
//       CHECK:     math.ctpop
//       CHECK:   } -> tensor<4x6xi64>
//   CHECK-NOT:   math.absf
//       CHECK:   %[[Y:.+]] = linalg.generic
//  CHECK-SAME:       ins(%[[DOT]], %[[A]] : tensor<4x6xi64>, tensor<6xf32>)
//  CHECK-NEXT:   ^bb0(%[[D:.+]]: i64, %[[AL:.+]]: f32, %{{.+}}: f32):
//       CHECK:     %[[AGREE:.+]] = arith.subi %{{.+}}, %{{.+}} : i64
//  CHECK-NEXT:     %[[F:.+]] = arith.sitofp %[[AGREE]] : i64 to f32
//  CHECK-NEXT:     %[[R:.+]] = arith.mulf %[[F]], %[[AL]] : f32
//  CHECK-NEXT:     linalg.yield %[[R]] : f32
func.func @matmul_k64_alpha(%x: tensor<4x64xf32>, %w: tensor<6x64xf32>,
                            %a: tensor<6xf32>) -> tensor<4x6xf32> {
  %y = tessera.binary_matmul %x, %w alpha %a
      : (tensor<4x64xf32>, tensor<6x64xf32>, tensor<6xf32>) -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// -----

// Rank-3 input with input scaling: beta = mean |x| over K per [b, t] row;
// K = 7 (one word of 7 real bits).
// CHECK-LABEL: func.func @matmul_rank3_scaling
//  CHECK-SAME:     (%[[X:.+]]: tensor<2x3x7xf32>, %[[W:.+]]: tensor<4x7xf32>)
//       CHECK:   linalg.generic
//  CHECK-SAME:       iterator_types = ["parallel", "parallel", "parallel", "reduction"]
//  CHECK-SAME:       outs(%{{.+}} : tensor<2x3x1xi64>)
//       CHECK:     tensor.extract %[[X]]
//       CHECK:   %[[DOT:.+]] = linalg.generic {{.*}} ins(%{{.+}}, %{{.+}} : tensor<2x3x1xi64>, tensor<4x1xi64>)
//       CHECK:     math.ctpop
//       CHECK:   } -> tensor<2x3x4xi64>
//       CHECK:   %[[ALPHA:.+]] = linalg.generic {{.*}} ins(%[[W]] : tensor<4x7xf32>)
//       CHECK:     math.absf
//       CHECK:   %[[BETA:.+]] = linalg.generic
//  CHECK-SAME:       iterator_types = ["parallel", "parallel", "reduction"]
//  CHECK-SAME:       ins(%[[X]] : tensor<2x3x7xf32>)
//       CHECK:     math.absf
//       CHECK:   } -> tensor<2x3xf32>
//       CHECK:   linalg.generic
//  CHECK-SAME:       ins(%[[DOT]], %[[ALPHA]], %[[BETA]] : tensor<2x3x4xi64>, tensor<4xf32>, tensor<2x3xf32>)
//       CHECK:     arith.constant 7.000000e+00 : f32
//       CHECK:   } -> tensor<2x3x4xf32>
func.func @matmul_rank3_scaling(%x: tensor<2x3x7xf32>, %w: tensor<4x7xf32>)
    -> tensor<2x3x4xf32> {
  %y = tessera.binary_matmul %x, %w input_scaling
      : (tensor<2x3x7xf32>, tensor<4x7xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// BiPer: the weight bit is sign(sin(omega * W)); alpha still uses |W|.
// CHECK-LABEL: func.func @matmul_periodic
//  CHECK-SAME:     (%[[X:.+]]: tensor<2x8xf32>, %[[W:.+]]: tensor<3x8xf32>)
//       CHECK:   linalg.generic
//       CHECK:     %[[XV:.+]] = tensor.extract %[[X]]
//       CHECK:     arith.cmpf oge, %[[XV]]
//       CHECK:   linalg.generic
//       CHECK:     %[[WV:.+]] = tensor.extract %[[W]]
//  CHECK-NEXT:     %[[OMEGA:.+]] = arith.constant 2.500000e+01 : f32
//  CHECK-NEXT:     %[[P:.+]] = arith.mulf %[[WV]], %[[OMEGA]] : f32
//  CHECK-NEXT:     %[[SIN:.+]] = math.sin %[[P]] : f32
//  CHECK-NEXT:     arith.constant 0.000000e+00 : f32
//  CHECK-NEXT:     arith.cmpf oge, %[[SIN]]
//       CHECK:   math.ctpop
//       CHECK:   linalg.generic {{.*}} ins(%[[W]] : tensor<3x8xf32>)
//  CHECK-NEXT:   ^bb0
//  CHECK-NEXT:     math.absf
func.func @matmul_periodic(%x: tensor<2x8xf32>, %w: tensor<3x8xf32>)
    -> tensor<2x3xf32> {
  %y = tessera.binary_matmul %x, %w transform periodic {omega = 25.0 : f32}
      : (tensor<2x8xf32>, tensor<3x8xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Dynamic batch dims: sizes from tensor.dim.
// CHECK-LABEL: func.func @matmul_dynamic
//  CHECK-SAME:     (%[[X:.+]]: tensor<?x?x70xf32>
//   CHECK-DAG:   %[[C0:.+]] = arith.constant 0 : index
//   CHECK-DAG:   %[[D0:.+]] = tensor.dim %[[X]], %[[C0]]
//   CHECK-DAG:   %[[C1:.+]] = arith.constant 1 : index
//   CHECK-DAG:   %[[D1:.+]] = tensor.dim %[[X]], %[[C1]]
//       CHECK:   tensor.empty(%[[D0]], %[[D1]]) : tensor<?x?x2xi64>
//       CHECK:   math.ctpop
//       CHECK:   -> tensor<?x?x5xf32>
func.func @matmul_dynamic(%x: tensor<?x?x70xf32>, %w: tensor<5x70xf32>)
    -> tensor<?x?x5xf32> {
  %y = tessera.binary_matmul %x, %w
      : (tensor<?x?x70xf32>, tensor<5x70xf32>) -> tensor<?x?x5xf32>
  return %y : tensor<?x?x5xf32>
}

// -----

// binary_conv2d, 3x3, padding 1, Cin 3: the channels of each input pixel
// are packed once (pixel words [2, 6, 6, 1], channel = word * 64 + bit, no
// division per bit); the words of the 9 taps are then gathered tap-major
// ([2, 6, 6, 3, 3, 1] flattened to [2, 6, 6, 9]), 0 on the padding; the
// weights are packed along Cin ([4, 3, 3, 1]) and flattened in the same
// tap-major order ([4, 9]); the bits that differ are summed over every tap,
// less padded[o, oh, ow] (the weight bits of the taps on the padding:
// ctpop of each tap's weight words, selected where the tap is outside);
// real[oh, ow] = 3 * the taps inside (27 inside, 12 in a corner).
// CHECK-LABEL: func.func @conv_pad1
//  CHECK-SAME:     (%[[X:.+]]: tensor<2x3x6x6xf32>, %[[W:.+]]: tensor<4x3x3x3xf32>)
//   CHECK-NOT:   tensor.pad
//       CHECK:   %[[P:.+]] = linalg.generic
//  CHECK-SAME:       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]
//  CHECK-SAME:       outs(%{{.+}} : tensor<2x6x6x1xi64>)
//       CHECK:     %[[N:.+]] = linalg.index 0 : index
//       CHECK:     %[[H:.+]] = linalg.index 1 : index
//       CHECK:     %[[WI:.+]] = linalg.index 2 : index
//       CHECK:     %[[WORD:.+]] = linalg.index 3 : index
//       CHECK:     %[[BIT:.+]] = linalg.index 4 : index
//       CHECK:     %[[C64:.+]] = arith.constant 64 : index
//       CHECK:     %[[BASE:.+]] = arith.muli %[[WORD]], %[[C64]] : index
//       CHECK:     %[[CH:.+]] = arith.addi %[[BASE]], %[[BIT]] : index
//       CHECK:     %[[C3:.+]] = arith.constant 3 : index
//       CHECK:     %[[REAL:.+]] = arith.cmpi ult, %[[CH]], %[[C3]] : index
//       CHECK:     %[[C2:.+]] = arith.constant 2 : index
//       CHECK:     %[[CC:.+]] = arith.minui %[[CH]], %[[C2]] : index
//       CHECK:     %[[V:.+]] = tensor.extract %[[X]][%[[N]], %[[CC]], %[[H]], %[[WI]]] : tensor<2x3x6x6xf32>
//       CHECK:     %[[S:.+]] = arith.cmpf oge, %[[V]], %{{.+}} : f32
//       CHECK:     arith.andi %[[REAL]], %[[S]] : i1
//       CHECK:     arith.ori
//       CHECK:   } -> tensor<2x6x6x1xi64>
//       CHECK:   %[[TAPS:.+]] = linalg.generic
//  CHECK-SAME:       iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]
//  CHECK-SAME:       outs(%{{.+}} : tensor<2x6x6x3x3x1xi64>)
//   CHECK-NOT:     arith.divui
//       CHECK:     %[[TN:.+]] = linalg.index 0 : index
//       CHECK:     %[[TC:.+]] = linalg.index 5 : index
//       CHECK:     arith.cmpi sge
//       CHECK:     arith.cmpi slt
//       CHECK:     %[[ROW:.+]] = arith.minsi
//       CHECK:     arith.cmpi sge
//       CHECK:     arith.cmpi slt
//       CHECK:     %[[COL:.+]] = arith.minsi
//       CHECK:     %[[IN:.+]] = arith.andi
//       CHECK:     %[[PW:.+]] = tensor.extract %[[P]][%[[TN]], %[[ROW]], %[[COL]], %[[TC]]] : tensor<2x6x6x1xi64>
//       CHECK:     %[[ZERO:.+]] = arith.constant 0 : i64
//       CHECK:     arith.select %[[IN]], %[[PW]], %[[ZERO]] : i64
//       CHECK:   } -> tensor<2x6x6x3x3x1xi64>
//       CHECK:   %[[XB:.+]] = tensor.collapse_shape %[[TAPS]] {{\[}}[0], [1], [2], [3, 4, 5]] : tensor<2x6x6x3x3x1xi64> into tensor<2x6x6x9xi64>
//       CHECK:   %[[WT:.+]] = linalg.generic
//  CHECK-SAME:       outs(%{{.+}} : tensor<4x3x3x1xi64>)
//       CHECK:     %[[O:.+]] = linalg.index 0 : index
//       CHECK:     %[[I:.+]] = linalg.index 1 : index
//       CHECK:     %[[J:.+]] = linalg.index 2 : index
//       CHECK:     %[[WC:.+]] = arith.minui
//       CHECK:     tensor.extract %[[W]][%[[O]], %[[WC]], %[[I]], %[[J]]] : tensor<4x3x3x3xf32>
//       CHECK:   } -> tensor<4x3x3x1xi64>
//       CHECK:   %[[WB:.+]] = tensor.collapse_shape %[[WT]] {{\[}}[0], [1, 2, 3]] : tensor<4x3x3x1xi64> into tensor<4x9xi64>
//       CHECK:   %[[DIFFER:.+]] = linalg.generic
//  CHECK-SAME:       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]
//  CHECK-SAME:       ins(%[[XB]], %[[WB]] : tensor<2x6x6x9xi64>, tensor<4x9xi64>)
//  CHECK-NEXT:     ^bb0(%[[A:.+]]: i64, %[[B:.+]]: i64, %[[ACC:.+]]: i64):
//  CHECK-NEXT:       %[[XOR:.+]] = arith.xori %[[A]], %[[B]] : i64
//  CHECK-NEXT:       %[[POP:.+]] = math.ctpop %[[XOR]] : i64
//  CHECK-NEXT:       arith.addi %[[ACC]], %[[POP]] : i64
//       CHECK:   } -> tensor<2x4x6x6xi64>
//       CHECK:   %[[ONES:.+]] = linalg.generic
//  CHECK-SAME:       ins(%[[WT]] : tensor<4x3x3x1xi64>)
//       CHECK:     math.ctpop
//       CHECK:   } -> tensor<4x3x3xi64>
//       CHECK:   %[[PADDED:.+]] = linalg.generic
//  CHECK-SAME:       iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]
//  CHECK-SAME:       ins(%[[ONES]] : tensor<4x3x3xi64>)
//       CHECK:     arith.minsi
//       CHECK:     arith.minsi
//       CHECK:     %[[IN:.+]] = arith.andi
//       CHECK:     %[[NONE:.+]] = arith.constant 0 : i64
//       CHECK:     %[[OUTSIDE:.+]] = arith.select %[[IN]], %[[NONE]], %{{.+}} : i64
//       CHECK:     arith.addi %{{.+}}, %[[OUTSIDE]] : i64
//       CHECK:   } -> tensor<4x6x6xi64>
//       CHECK:   %[[REAL:.+]] = arith.constant dense<{{\[}}[12, 18, 18, 18, 18, 12], [18, 27, 27, 27, 27, 18],
//       CHECK:   %[[ALPHA:.+]] = linalg.generic
//  CHECK-SAME:       iterator_types = ["parallel", "reduction", "reduction", "reduction"]
//  CHECK-SAME:       ins(%[[W]] : tensor<4x3x3x3xf32>)
//       CHECK:   linalg.generic
//  CHECK-SAME:       ins(%[[DIFFER]], %[[PADDED]], %[[REAL]], %[[ALPHA]] : tensor<2x4x6x6xi64>, tensor<4x6x6xi64>, tensor<6x6xi64>, tensor<4xf32>)
//  CHECK-NEXT:     ^bb0(%[[D:.+]]: i64, %[[P2:.+]]: i64, %[[R:.+]]: i64,
//  CHECK-NEXT:       %[[COUNTED:.+]] = arith.subi %[[D]], %[[P2]] : i64
//       CHECK:       %[[TWICE:.+]] = arith.shli %[[COUNTED]], %{{.+}} : i64
//  CHECK-NEXT:       %[[DOT:.+]] = arith.subi %[[R]], %[[TWICE]] : i64
//  CHECK-NEXT:       arith.sitofp %[[DOT]] : i64 to f32
//       CHECK:     arith.constant 2.700000e+01 : f32
//       CHECK:   } -> tensor<2x4x6x6xf32>
func.func @conv_pad1(%x: tensor<2x3x6x6xf32>, %w: tensor<4x3x3x3xf32>)
    -> tensor<2x4x6x6xf32> {
  %y = tessera.binary_conv2d %x, %w padding [1, 1]
      : (tensor<2x3x6x6xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x6x6xf32>
  return %y : tensor<2x4x6x6xf32>
}

// -----

// Cin 70: two words per pixel, the second with 6 real channels (its
// other bits 0 in both operands); the tap words are (i * 3 + j) * 2 + c, 18
// of them.
// CHECK-LABEL: func.func @conv_cin70
//       CHECK:   linalg.generic
//  CHECK-SAME:       outs(%{{.+}} : tensor<1x4x5x2xi64>)
//       CHECK:     arith.constant 70 : index
//       CHECK:     arith.constant 69 : index
//       CHECK:   } -> tensor<1x4x5x2xi64>
//       CHECK:   } -> tensor<1x4x5x3x3x2xi64>
//       CHECK:   tensor.collapse_shape {{.*}} : tensor<1x4x5x3x3x2xi64> into tensor<1x4x5x18xi64>
//       CHECK:   } -> tensor<6x3x3x2xi64>
//       CHECK:   tensor.collapse_shape {{.*}} : tensor<6x3x3x2xi64> into tensor<6x18xi64>
//       CHECK:   linalg.generic
//  CHECK-SAME:       ins(%{{.+}}, %{{.+}} : tensor<1x4x5x18xi64>, tensor<6x18xi64>)
//       CHECK:   } -> tensor<1x6x4x5xi64>
//       CHECK:   } -> tensor<6x3x3xi64>
//       CHECK:   } -> tensor<6x4x5xi64>
//       CHECK:   arith.constant dense<{{\[}}[280, 420, 420, 420, 280], [420, 630, 630, 630, 420],
//       CHECK:     arith.constant 6.300000e+02 : f32
func.func @conv_cin70(%x: tensor<1x70x4x5xf32>, %w: tensor<6x70x3x3xf32>)
    -> tensor<1x6x4x5xf32> {
  %y = tessera.binary_conv2d %x, %w padding [1, 1]
      : (tensor<1x70x4x5xf32>, tensor<6x70x3x3xf32>) -> tensor<1x6x4x5xf32>
  return %y : tensor<1x6x4x5xf32>
}

// -----

// Stride 2, dilation 3, padding [2, 0], alpha: the word gather reads the
// pixel words at row oh * 2 + i * 3 - 2 and column ow * 2 + j * 3 - 0.
// CHECK-LABEL: func.func @conv_stride_dilation
//  CHECK-SAME:     %[[A:[a-z0-9]+]]: tensor<5xf32>
//       CHECK:   %[[P:.+]] = linalg.generic
//       CHECK:   } -> tensor<1x9x10x1xi64>
//       CHECK:   linalg.generic
//  CHECK-SAME:       outs(%{{.+}} : tensor<1x4x2x3x3x1xi64>)
//       CHECK:     %[[OH:.+]] = linalg.index 1 : index
//       CHECK:     %[[OW:.+]] = linalg.index 2 : index
//       CHECK:     %[[I:.+]] = linalg.index 3 : index
//       CHECK:     %[[J:.+]] = linalg.index 4 : index
//       CHECK:     %[[C2:.+]] = arith.constant 2 : index
//       CHECK:     %[[S:.+]] = arith.muli %[[OH]], %[[C2]] : index
//       CHECK:     %[[C3:.+]] = arith.constant 3 : index
//       CHECK:     %[[T:.+]] = arith.muli %[[I]], %[[C3]] : index
//       CHECK:     %[[SUM:.+]] = arith.addi %[[S]], %[[T]] : index
//       CHECK:     %[[CP:.+]] = arith.constant 2 : index
//       CHECK:     arith.subi %[[SUM]], %[[CP]] : index
//       CHECK:     %[[C9:.+]] = arith.constant 9 : index
//       CHECK:     arith.cmpi slt, %{{.+}}, %[[C9]] : index
//       CHECK:     %[[SC:.+]] = arith.muli %[[OW]], %{{.+}} : index
//       CHECK:     %[[TC:.+]] = arith.muli %[[J]], %{{.+}} : index
//       CHECK:     %[[SUMC:.+]] = arith.addi %[[SC]], %[[TC]] : index
//       CHECK:     %[[C0:.+]] = arith.constant 0 : index
//       CHECK:     arith.subi %[[SUMC]], %[[C0]] : index
//       CHECK:     %[[C10:.+]] = arith.constant 10 : index
//       CHECK:     arith.cmpi slt, %{{.+}}, %[[C10]] : index
//       CHECK:     tensor.extract %[[P]]
//       CHECK:   } -> tensor<1x4x2x3x3x1xi64>
//       CHECK:   %[[DOT:.+]] = linalg.generic {{.*}} outs(%{{.+}} : tensor<1x5x4x2xi64>)
//       CHECK:   %[[PADDED:.+]] = linalg.generic {{.*}} outs(%{{.+}} : tensor<5x4x2xi64>)
//       CHECK:   %[[REAL:.+]] = arith.constant dense<{{.*}}> : tensor<4x2xi64>
//   CHECK-NOT:   math.absf
//       CHECK:   linalg.generic
//  CHECK-SAME:       ins(%[[DOT]], %[[PADDED]], %[[REAL]], %[[A]] : tensor<1x5x4x2xi64>, tensor<5x4x2xi64>, tensor<4x2xi64>, tensor<5xf32>)
func.func @conv_stride_dilation(%x: tensor<1x2x9x10xf32>,
                                %w: tensor<5x2x3x3xf32>, %a: tensor<5xf32>)
    -> tensor<1x5x4x2xf32> {
  %y = tessera.binary_conv2d %x, %w alpha %a stride [2, 2] padding [2, 0]
      dilation [3, 3]
      : (tensor<1x2x9x10xf32>, tensor<5x2x3x3xf32>, tensor<5xf32>)
      -> tensor<1x5x4x2xf32>
  return %y : tensor<1x5x4x2xf32>
}

// -----

// Input scaling: K = box filter of sum_c |x| (a ones 3x3 kernel, zero
// padded through index arithmetic), divided by Cin * kh * kw = 90; BiPer
// weights (the sine in the weight packing); Cin 10 (one word per pixel, 9
// tap words).
// CHECK-LABEL: func.func @conv_scaling_periodic
//  CHECK-SAME:     (%[[X:.+]]: tensor<1x10x5x5xf32>, %[[W:.+]]: tensor<3x10x3x3xf32>)
//       CHECK:   } -> tensor<1x5x5x1xi64>
//       CHECK:   } -> tensor<1x5x5x3x3x1xi64>
//       CHECK:   linalg.generic
//       CHECK:     tensor.extract %[[W]]
//       CHECK:     math.sin
//       CHECK:   } -> tensor<3x3x3x1xi64>
//       CHECK:   %[[DOT:.+]] = linalg.generic
//  CHECK-SAME:       ins(%{{.+}}, %{{.+}} : tensor<1x5x5x9xi64>, tensor<3x9xi64>)
//       CHECK:   } -> tensor<1x3x5x5xi64>
//       CHECK:   %[[PADDED:.+]] = linalg.generic {{.*}} outs(%{{.+}} : tensor<3x5x5xi64>)
//       CHECK:   %[[REAL:.+]] = arith.constant dense<{{.*}}> : tensor<5x5xi64>
//       CHECK:   %[[ALPHA:.+]] = linalg.generic {{.*}} ins(%[[W]]
//       CHECK:   %[[ASUM:.+]] = linalg.generic
//  CHECK-SAME:       ins(%[[X]] : tensor<1x10x5x5xf32>)
//       CHECK:     math.absf
//       CHECK:   } -> tensor<1x5x5xf32>
//       CHECK:   %[[ONES:.+]] = arith.constant dense<1.000000e+00> : tensor<3x3xf32>
//       CHECK:   %[[BOX:.+]] = linalg.generic
//  CHECK-SAME:       iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]
//  CHECK-SAME:       ins(%[[ONES]] : tensor<3x3xf32>)
//       CHECK:     %[[V:.+]] = tensor.extract %[[ASUM]]
//       CHECK:     %[[VS:.+]] = arith.select %{{.+}}, %[[V]], %{{.+}} : f32
//       CHECK:     arith.mulf %{{.+}}, %[[VS]] : f32
//       CHECK:   } -> tensor<1x5x5xf32>
//       CHECK:   linalg.generic
//  CHECK-SAME:       ins(%[[DOT]], %[[PADDED]], %[[REAL]], %[[ALPHA]], %[[BOX]] : tensor<1x3x5x5xi64>, tensor<3x5x5xi64>, tensor<5x5xi64>, tensor<3xf32>, tensor<1x5x5xf32>)
//       CHECK:     arith.constant 9.000000e+01 : f32
func.func @conv_scaling_periodic(%x: tensor<1x10x5x5xf32>,
                                 %w: tensor<3x10x3x3xf32>)
    -> tensor<1x3x5x5xf32> {
  %y = tessera.binary_conv2d %x, %w padding [1, 1] input_scaling
      transform periodic
      : (tensor<1x10x5x5xf32>, tensor<3x10x3x3xf32>) -> tensor<1x3x5x5xf32>
  return %y : tensor<1x3x5x5xf32>
}

// -----

// Dynamic batch: the batch extent comes from tensor.dim, for the pixel
// words and their gather.
// CHECK-LABEL: func.func @conv_dynamic_batch
//  CHECK-SAME:     (%[[X:.+]]: tensor<?x4x8x8xf32>
//       CHECK:   %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x4x8x8xf32>
//       CHECK:   %[[NP:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x4x8x8xf32>
//       CHECK:   tensor.empty(%[[NP]]) : tensor<?x8x8x1xi64>
//       CHECK:   tensor.empty(%[[N]]) : tensor<?x8x8x3x3x1xi64>
//       CHECK:   tensor.collapse_shape {{.*}} : tensor<?x8x8x3x3x1xi64> into tensor<?x8x8x9xi64>
//       CHECK:   -> tensor<?x4x8x8xi64>
//       CHECK:   -> tensor<?x4x8x8xf32>
func.func @conv_dynamic_batch(%x: tensor<?x4x8x8xf32>, %w: tensor<4x4x3x3xf32>)
    -> tensor<?x4x8x8xf32> {
  %y = tessera.binary_conv2d %x, %w padding [1, 1] input_scaling
      : (tensor<?x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x8x8xf32>
  return %y : tensor<?x4x8x8xf32>
}
