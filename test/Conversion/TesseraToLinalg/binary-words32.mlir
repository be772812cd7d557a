// RUN: tessera-opt %s --tessera-to-linalg=binary-word-bits=32 --split-input-file | FileCheck %s
// RUN: not tessera-opt %s --tessera-to-linalg=binary-word-bits=16 2>&1 | FileCheck %s --check-prefix=BAD

// For targets without 64-bit integers (WebGPU) the sign bits are packed in
// i32 words: K = 70 takes 3 words, the bit values are the 32 constants
// 1 << j, and the mismatches are counted in i32.
// CHECK-LABEL: func.func @matmul
// CHECK-DAG:     arith.constant dense<[1, 2, 4, 8, {{.*}}, 1073741824, -2147483648]> : tensor<32xi32>
// CHECK-DAG:     tensor.empty() : tensor<4x3xi32>
// CHECK-DAG:     tensor.empty() : tensor<5x3xi32>
// CHECK:         arith.constant 32 : index
// CHECK:         math.ctpop %{{.*}} : i32
// CHECK:         arith.constant 70 : i32
// CHECK-NOT:     i64
// BAD: binary-word-bits must be 32 or 64, not 16
func.func @matmul(%x: tensor<4x70xf32>, %w: tensor<5x70xf32>) -> tensor<4x5xf32> {
  %y = tessera.binary_matmul %x, %w : (tensor<4x70xf32>, tensor<5x70xf32>) -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// -----

// binary_conv2d, Cin 3: one i32 word per pixel (3 real bits), 9 tap
// words; the mismatches, the padding's weight bits and the real counts
// (12 in a corner, 18 on an edge, 27 inside) are i32.
// CHECK-LABEL: func.func @conv
// CHECK:         tensor.empty() : tensor<1x4x4x1xi32>
// CHECK:         arith.constant 32 : index
// CHECK:         } -> tensor<1x4x4x1xi32>
// CHECK:         } -> tensor<1x4x4x3x3x1xi32>
// CHECK:         tensor.collapse_shape {{.*}} : tensor<1x4x4x3x3x1xi32> into tensor<1x4x4x9xi32>
// CHECK:         tensor.collapse_shape {{.*}} : tensor<2x3x3x1xi32> into tensor<2x9xi32>
// CHECK:         ins(%{{.+}}, %{{.+}} : tensor<1x4x4x9xi32>, tensor<2x9xi32>)
// CHECK:         math.ctpop %{{.*}} : i32
// CHECK:         } -> tensor<2x4x4xi32>
// CHECK:         arith.constant dense<{{\[}}[12, 18, 18, 12], [18, 27, 27, 18], [18, 27, 27, 18], [12, 18, 18, 12]]> : tensor<4x4xi32>
// CHECK-NOT:     i64
func.func @conv(%x: tensor<1x3x4x4xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x2x4x4xf32> {
  %y = tessera.binary_conv2d %x, %w stride [1, 1] padding [1, 1] dilation [1, 1]
      : (tensor<1x3x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// -----

// Cin 40: two i32 words per pixel, the second with 8 real channels (its
// other bits 0 in both operands); 2x2 kernel, no padding: 8 tap words,
// every window real (160 elements).
// CHECK-LABEL: func.func @conv_cin40
// CHECK:         } -> tensor<1x5x5x2xi32>
// CHECK:         } -> tensor<1x4x4x2x2x2xi32>
// CHECK:         ins(%{{.+}}, %{{.+}} : tensor<1x4x4x8xi32>, tensor<3x8xi32>)
// CHECK:         math.ctpop %{{.*}} : i32
// CHECK:         arith.constant dense<160> : tensor<4x4xi32>
// CHECK-NOT:     i64
func.func @conv_cin40(%x: tensor<1x40x5x5xf32>, %w: tensor<3x40x2x2xf32>) -> tensor<1x3x4x4xf32> {
  %y = tessera.binary_conv2d %x, %w
      : (tensor<1x40x5x5xf32>, tensor<3x40x2x2xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}
