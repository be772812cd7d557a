// Contractions with a short reduction (k <= 64) and full register tiles of
// two vectors' width take tiles half as high and twice as wide: the same
// accumulators, half the broadcasts of the left operand per step of k.
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 mr=8 nr=32 parallel-chunks=1}))' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=16 mr=8 nr=32 parallel-chunks=1 short-reduction-tiles=false}))' | FileCheck %s --check-prefix=EXACT

// k = 32: 4 x 64 tiles (the tuner's candidates, short-reduction-tiles=false,
// keep the 8 x 32 they name).
// CHECK-LABEL: func.func @short_k
// CHECK:         {{vector.contract|arith.mulf}} {{.*}}vector<4x64xf32>
// CHECK-NOT:     vector<8x32xf32>
// CHECK:         return
// EXACT-LABEL: func.func @short_k
// EXACT:         vector<8x32xf32>
// EXACT-NOT:     vector<4x64xf32>
// EXACT:         return
func.func @short_k(%a: tensor<64x32xf32>, %b: tensor<32x256xf32>,
                   %c: tensor<64x256xf32>) -> tensor<64x256xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<64x32xf32>, tensor<32x256xf32>)
                     outs(%c : tensor<64x256xf32>) -> tensor<64x256xf32>
  return %r : tensor<64x256xf32>
}

// -----

// k = 128: the FMAs dominate, the tiles stay 8 x 32.
// CHECK-LABEL: func.func @long_k
// CHECK:         vector<8x32xf32>
// CHECK-NOT:     vector<4x64xf32>
// CHECK:         return
func.func @long_k(%a: tensor<64x128xf32>, %b: tensor<128x256xf32>,
                  %c: tensor<64x256xf32>) -> tensor<64x256xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x256xf32>)
                     outs(%c : tensor<64x256xf32>) -> tensor<64x256xf32>
  return %r : tensor<64x256xf32>
}

// -----

// n = 96 holds fewer than two 64-column panels: 8 x 32.
// CHECK-LABEL: func.func @narrow_n
// CHECK:         vector<8x32xf32>
// CHECK-NOT:     vector<4x64xf32>
// CHECK:         return
func.func @narrow_n(%a: tensor<64x16xf32>, %b: tensor<16x96xf32>,
                    %c: tensor<64x96xf32>) -> tensor<64x96xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<64x16xf32>, tensor<16x96xf32>)
                     outs(%c : tensor<64x96xf32>) -> tensor<64x96xf32>
  return %r : tensor<64x96xf32>
}

// -----

// A 1x1 convolution with 3 input channels (fno2d's lifting layer, k = 3):
// 4 x 64 tiles of output channels by pixels.
// CHECK-LABEL: func.func @lifting_conv
// CHECK:         vector<4x64xf32>
// CHECK-NOT:     vector<8x32xf32>
// CHECK:         return
func.func @lifting_conv(%x: tensor<1x3x16x16xf32>, %w: tensor<32x3x1x1xf32>,
                        %o: tensor<1x32x16x16xf32>) -> tensor<1x32x16x16xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x3x16x16xf32>, tensor<32x3x1x1xf32>)
         outs(%o : tensor<1x32x16x16xf32>) -> tensor<1x32x16x16xf32>
  return %r : tensor<1x32x16x16xf32>
}
