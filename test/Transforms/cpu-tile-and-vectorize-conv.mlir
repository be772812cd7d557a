// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8 parallel-chunks=1 pack-rhs=false}))' | FileCheck %s

// A 1x1 convolution with stride 1 is a contraction over the input
// channels: it becomes a linalg.generic without the window loops (the
// filter collapsed to [F, C]) over the flattened image (the 8 x 16 pixels
// one loop of 128) and is tiled and vectorized like a matmul: register
// tiles of 6 output channels x 16 pixels, FMAs over C; the result is
// reshaped back to the image.
// CHECK-LABEL: func.func @pointwise
// CHECK-DAG:     tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2, 3]] : tensor<16x32x1x1xf32> into tensor<16x32xf32>
// CHECK-DAG:     tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : tensor<2x32x8x16xf32> into tensor<2x32x128xf32>
// CHECK-NOT:     linalg.conv_2d_nchw_fchw
// CHECK:         scf.for
// CHECK:           arith.mulf %{{.*}}, %{{.*}} : vector<6x16xf32>
// CHECK-NOT:     linalg.
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2, 3]] output_shape [2, 16, 8, 16] : tensor<2x16x128xf32> into tensor<2x16x8x16xf32>
func.func @pointwise(%x: tensor<2x32x8x16xf32>, %w: tensor<16x32x1x1xf32>, %o: tensor<2x16x8x16xf32>) -> tensor<2x16x8x16xf32> {
  %t = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<2x32x8x16xf32>, tensor<16x32x1x1xf32>) outs(%o : tensor<2x16x8x16xf32>) -> tensor<2x16x8x16xf32>
  return %t : tensor<2x16x8x16xf32>
}

// -----

// A 3x3 window: an im2col copy of the input patches ([N, C*3*3, OH*OW],
// a linalg.generic that stays scalar) and a vectorized contraction with
// the filter viewed as [F, C*3*3].
// CHECK-LABEL: func.func @window
// CHECK:         %[[W:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2, 3]] : tensor<8x8x3x3xf32> into tensor<8x72xf32>
// CHECK:         %[[COLS:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<1x8x10x10xf32>) outs(%{{.*}} : tensor<1x72x64xf32>)
// CHECK:         scf.for
// CHECK:           vector.transfer_read %[[W]]
// CHECK:           vector.transfer_read %[[COLS]]
// CHECK:           arith.mulf %{{.*}}, %{{.*}} : vector<6x16xf32>
// CHECK-NOT:     linalg.conv_2d_nchw_fchw
// CHECK:         return

// -----

// A 1x1 window with stride 2 stays a convolution (scalar loops later).
// CHECK-LABEL: func.func @strided
// CHECK:         linalg.conv_2d_nchw_fchw
func.func @window(%x: tensor<1x8x10x10xf32>, %w: tensor<8x8x3x3xf32>, %o: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %t = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x8x10x10xf32>, tensor<8x8x3x3xf32>) outs(%o : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %t : tensor<1x8x8x8xf32>
}

// -----

func.func @strided(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x1x1xf32>, %o: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %t = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x8x16x16xf32>, tensor<8x8x1x1xf32>) outs(%o : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %t : tensor<1x8x8x8xf32>
}
