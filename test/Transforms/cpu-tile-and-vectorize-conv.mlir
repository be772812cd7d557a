// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8 parallel-chunks=1 pack-rhs=false}))' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8 parallel-chunks=2 parallel-min-work=1 pack-rhs=false}))' | FileCheck %s --check-prefix=THREADS

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

// A 3x3 window: the input patches, [N, C, 3, 3, OH, OW], one window of the
// input inserted per filter position (a copy between views after
// bufferization, made rows of vectors by tessera-cpu-vectorize-copies),
// viewed as [N, C*3*3, OH*OW] for a vectorized contraction with the filter
// viewed as [F, C*3*3].
// CHECK-LABEL: func.func @window
// CHECK:         %[[PATCHES:.*]] = scf.for %[[POS:.*]] = %{{.*}} to %c9 step %c1 iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<1x8x3x3x8x8xf32>)
// CHECK:           %[[WINDOW:.*]] = tensor.extract_slice %arg0[0, 0, %{{.*}}, %{{.*}}] [1, 8, 8, 8] [1, 1, 1, 1]
// CHECK:           tensor.insert_slice %[[WINDOW]] into %[[ACC]][0, 0, %{{.*}}, %{{.*}}, 0, 0] [1, 8, 1, 1, 8, 8]
// CHECK-DAG:     %[[COLS:.*]] = tensor.collapse_shape %[[PATCHES]] {{\[}}[0], [1, 2, 3], [4, 5]] : tensor<1x8x3x3x8x8xf32> into tensor<1x72x64xf32>
// CHECK-DAG:     %[[W:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2, 3]] : tensor<8x8x3x3xf32> into tensor<8x72xf32>
// CHECK:         scf.for
// CHECK:           vector.transfer_read %[[W]]
// CHECK:           vector.transfer_read %[[COLS]]
// CHECK:           arith.mulf %{{.*}}, %{{.*}} : vector<6x16xf32>
// CHECK-NOT:     linalg.
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2, 3]] output_shape [1, 8, 8, 8]
// With threads, the filter positions are shared among them (an scf.forall,
// parallel loops after bufferization).
// THREADS-LABEL: func.func @window
// THREADS:         scf.forall (%{{.*}}) in (9) shared_outs(%[[ALL:.*]] = %{{.*}}) -> (tensor<1x8x3x3x8x8xf32>)
// THREADS:           %[[WINDOW:.*]] = tensor.extract_slice %arg0
// THREADS:           scf.forall.in_parallel
// THREADS-NEXT:        tensor.parallel_insert_slice %[[WINDOW]] into %[[ALL]]
func.func @window(%x: tensor<1x8x10x10xf32>, %w: tensor<8x8x3x3xf32>, %o: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %t = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x8x10x10xf32>, tensor<8x8x3x3xf32>) outs(%o : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %t : tensor<1x8x8x8xf32>
}

// -----

// With stride 2 the windows' rows are not contiguous: each window is
// inserted as a strided slice of the input.
// CHECK-LABEL: func.func @strided_window
// CHECK:         scf.for %{{.*}} = %{{.*}} to %c9 step %c1 iter_args(%{{.*}} = %{{.*}}) -> (tensor<1x8x3x3x8x8xf32>)
// CHECK:           %[[WINDOW:.*]] = tensor.extract_slice %arg0[0, 0, %{{.*}}, %{{.*}}] [1, 8, 8, 8] [1, 1, 2, 2]
// CHECK:           tensor.insert_slice %[[WINDOW]]
// CHECK:         arith.mulf %{{.*}}, %{{.*}} : vector<6x16xf32>
func.func @strided_window(%x: tensor<1x8x17x17xf32>, %w: tensor<8x8x3x3xf32>, %o: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %t = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x8x17x17xf32>, tensor<8x8x3x3xf32>) outs(%o : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %t : tensor<1x8x8x8xf32>
}

// -----

// A 1x1 window with stride 2 stays a convolution (scalar loops later).
// CHECK-LABEL: func.func @strided
// CHECK:         linalg.conv_2d_nchw_fchw
func.func @strided(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x1x1xf32>, %o: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %t = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x8x16x16xf32>, tensor<8x8x1x1xf32>) outs(%o : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %t : tensor<1x8x8x8xf32>
}
