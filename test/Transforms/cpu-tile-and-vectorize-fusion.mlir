// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8 parallel-chunks=1 nc=32}))' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8 parallel-chunks=2 parallel-min-work=1000 nc=32}))' | FileCheck %s --check-prefix=THREADS
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8 parallel-chunks=1 nc=32 fuse-elementwise=false}))' | FileCheck %s --check-prefix=OFF
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{short-reduction-tiles=false vector-width=8 parallel-chunks=1 mc=48 kc=128}))' | FileCheck %s --check-prefix=ROWS

// Epilogue fusion: an elementwise consumer of a contraction's result is
// tiled into the contraction's column strips (nc = 32; 100 = 3 x 32 + 4, the
// last strip peeled), so that each strip is finished (bias, ReLU) right
// after its GEMM. The epilogue updates C in place: C is accumulated in the
// output's own strip (no second tensor of C's size), then finished there.

#map = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @matmul_bias_relu
// CHECK:         %[[OUT:.*]] = tensor.empty() : tensor<48x100xf32>
// CHECK-NOT:     tensor.empty() : tensor<48x100xf32>
// CHECK:         %[[STRIPS:.*]] = scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[OUT]]) -> (tensor<48x100xf32>)
// CHECK:           %[[STRIP:.*]] = tensor.extract_slice %[[ACC]][0, %[[J]]] [48, 32] [1, 1]
// CHECK:           %[[PANELS:.*]] = tensor.expand_shape %[[STRIP]]
// CHECK:           linalg.fill ins(%{{.*}} : f32) outs(%[[PANELS]] : tensor<48x2x16xf32>)
// CHECK:           arith.mulf {{.*}} : vector<6x16xf32>
// CHECK:           arith.maximumf {{.*}} : vector<8xf32>
// CHECK:           tensor.insert_slice %{{.*}} into %[[ACC]][0, %[[J]]] [48, 32] [1, 1]
// CHECK:         vector.contract {{.*}} into vector<6x4xf32>
// CHECK:         arith.maximumf {{.*}} : vector<4xf32>
// CHECK:         %[[LAST:.*]] = tensor.insert_slice %{{.*}} into %[[STRIPS]][0, 96] [48, 4] [1, 1]
// CHECK:         return %[[LAST]]

// The thread slices of the GEMM (two halves of the rows: 100 columns do not
// split into whole panels of 16) carry the epilogue too: one scf.forall, no
// second one for the consumer.
// THREADS-LABEL: func.func @matmul_bias_relu
// THREADS:         scf.forall (%{{.*}}) = (0) to (48) step (24)
// THREADS:           arith.mulf {{.*}} : vector<6x16xf32>
// THREADS:           arith.maximumf
// THREADS:           tensor.parallel_insert_slice %{{.*}} [24, 100] [1, 1]
// THREADS-NOT:     scf.forall
// THREADS:         return

// Without fusion: the whole C, then a second loop nest over it.
// OFF-LABEL: func.func @matmul_bias_relu
// OFF:         %[[C:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 96] [48, 4] [1, 1] : tensor<48x4xf32> into tensor<48x100xf32>
// OFF:         scf.for
// OFF:           vector.transfer_read %[[C]]
// OFF:           arith.maximumf
func.func @matmul_bias_relu(%a: tensor<48x40xf32>, %b: tensor<40x100xf32>, %bias: tensor<100xf32>) -> tensor<48x100xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<48x100xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<48x100xf32>) -> tensor<48x100xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<48x40xf32>, tensor<40x100xf32>) outs(%c : tensor<48x100xf32>) -> tensor<48x100xf32>
  %o = tensor.empty() : tensor<48x100xf32>
  %r = linalg.generic {indexing_maps = [#map, #bias, #map], iterator_types = ["parallel", "parallel"]} ins(%mm, %bias : tensor<48x100xf32>, tensor<100xf32>) outs(%o : tensor<48x100xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<48x100xf32>
  return %r : tensor<48x100xf32>
}

// -----

// A batch matmul with a tanh + residual epilogue: one batch per strip.
// CHECK-LABEL: func.func @batch_matmul_residual
// CHECK:         %[[OUT:.*]] = tensor.empty() : tensor<3x24x32xf32>
// CHECK-NOT:     tensor.empty() : tensor<3x24x32xf32>
// CHECK:         scf.for %[[B:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[OUT]]) -> (tensor<3x24x32xf32>)
// CHECK:           arith.mulf {{.*}} : vector<6x16xf32>
// CHECK:           math.tanh {{.*}} : vector<8xf32>
// CHECK:           tensor.insert_slice %{{.*}} into %[[ACC]][%[[B]], 0, 0] [1, 24, 32] [1, 1, 1]
// CHECK:         return
#map3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @batch_matmul_residual(%a: tensor<3x24x40xf32>, %b: tensor<3x40x32xf32>, %res: tensor<3x24x32xf32>) -> tensor<3x24x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x24x32xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<3x24x32xf32>) -> tensor<3x24x32xf32>
  %mm = linalg.batch_matmul ins(%a, %b : tensor<3x24x40xf32>, tensor<3x40x32xf32>) outs(%c : tensor<3x24x32xf32>) -> tensor<3x24x32xf32>
  %o = tensor.empty() : tensor<3x24x32xf32>
  %r = linalg.generic {indexing_maps = [#map3, #map3, #map3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%mm, %res : tensor<3x24x32xf32>, tensor<3x24x32xf32>) outs(%o : tensor<3x24x32xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %t = math.tanh %x : f32
    %s = arith.addf %t, %y : f32
    linalg.yield %s : f32
  } -> tensor<3x24x32xf32>
  return %r : tensor<3x24x32xf32>
}

// -----

// Elementwise producers: B scaled per column (a dequantization) is computed
// strip by strip (a 40 x 32 block, never all of B); tanh(A) is not fused, as
// every strip would compute all of it again.
// CHECK-LABEL: func.func @producers
// CHECK:         math.tanh {{.*}} : vector<8xf32>
// CHECK:         scf.for %{{.*}} -> (tensor<48x100xf32>)
// CHECK:           scf.for %{{.*}} -> (tensor<40x32xf32>)
// CHECK:             arith.mulf {{.*}} : vector<8xf32>
// CHECK:           arith.mulf {{.*}} : vector<6x16xf32>
// CHECK:           arith.maximumf {{.*}} : vector<8xf32>
// CHECK:         return
#map4 = affine_map<(d0, d1) -> (d0, d1)>
#col4 = affine_map<(d0, d1) -> (d1)>
func.func @producers(%a: tensor<48x40xf32>, %b: tensor<40x100xf32>, %s: tensor<100xf32>) -> tensor<48x100xf32> {
  %zero = arith.constant 0.0 : f32
  %ea = tensor.empty() : tensor<48x40xf32>
  %ta = linalg.generic {indexing_maps = [#map4, #map4], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<48x40xf32>) outs(%ea : tensor<48x40xf32>) {
  ^bb0(%x: f32, %z: f32):
    %t = math.tanh %x : f32
    linalg.yield %t : f32
  } -> tensor<48x40xf32>
  %eb = tensor.empty() : tensor<40x100xf32>
  %sb = linalg.generic {indexing_maps = [#map4, #col4, #map4], iterator_types = ["parallel", "parallel"]} ins(%b, %s : tensor<40x100xf32>, tensor<100xf32>) outs(%eb : tensor<40x100xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %t = arith.mulf %x, %y : f32
    linalg.yield %t : f32
  } -> tensor<40x100xf32>
  %e = tensor.empty() : tensor<48x100xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<48x100xf32>) -> tensor<48x100xf32>
  %mm = linalg.matmul ins(%ta, %sb : tensor<48x40xf32>, tensor<40x100xf32>) outs(%c : tensor<48x100xf32>) -> tensor<48x100xf32>
  %o = tensor.empty() : tensor<48x100xf32>
  %r = linalg.generic {indexing_maps = [#map4, #map4], iterator_types = ["parallel", "parallel"]} ins(%mm : tensor<48x100xf32>) outs(%o : tensor<48x100xf32>) {
  ^bb0(%x: f32, %z: f32):
    %m = arith.maximumf %x, %zero : f32
    linalg.yield %m : f32
  } -> tensor<48x100xf32>
  return %r : tensor<48x100xf32>
}

// -----

// Not fused: a consumer that reads C transposed (a tile of it needs a tile
// of C of another shape), and a C that is also returned (needed in full).
// CHECK-LABEL: func.func @transposed
// CHECK:         %[[C:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 96] [48, 4] [1, 1] : tensor<48x4xf32> into tensor<48x100xf32>
// CHECK:         scf.for %{{.*}} -> (tensor<100x48xf32>)
// CHECK:           arith.maximumf
// CHECK-LABEL: func.func @two_users
// CHECK:         %[[C:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 96] [48, 4] [1, 1] : tensor<48x4xf32> into tensor<48x100xf32>
// CHECK:         scf.for %{{.*}} -> (tensor<4800xf32>)
// CHECK:           arith.maximumf
// CHECK:         return %[[C]], %{{.*}} : tensor<48x100xf32>, tensor<48x100xf32>
#map5 = affine_map<(d0, d1) -> (d0, d1)>
#tr5 = affine_map<(d0, d1) -> (d1, d0)>
func.func @transposed(%a: tensor<48x40xf32>, %b: tensor<40x100xf32>) -> tensor<100x48xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<48x100xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<48x100xf32>) -> tensor<48x100xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<48x40xf32>, tensor<40x100xf32>) outs(%c : tensor<48x100xf32>) -> tensor<48x100xf32>
  %o = tensor.empty() : tensor<100x48xf32>
  %r = linalg.generic {indexing_maps = [#tr5, #map5], iterator_types = ["parallel", "parallel"]} ins(%mm : tensor<48x100xf32>) outs(%o : tensor<100x48xf32>) {
  ^bb0(%x: f32, %z: f32):
    %m = arith.maximumf %x, %zero : f32
    linalg.yield %m : f32
  } -> tensor<100x48xf32>
  return %r : tensor<100x48xf32>
}
func.func @two_users(%a: tensor<48x40xf32>, %b: tensor<40x100xf32>) -> (tensor<48x100xf32>, tensor<48x100xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<48x100xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<48x100xf32>) -> tensor<48x100xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<48x40xf32>, tensor<40x100xf32>) outs(%c : tensor<48x100xf32>) -> tensor<48x100xf32>
  %o = tensor.empty() : tensor<48x100xf32>
  %r = linalg.generic {indexing_maps = [#map5, #map5], iterator_types = ["parallel", "parallel"]} ins(%mm : tensor<48x100xf32>) outs(%o : tensor<48x100xf32>) {
  ^bb0(%x: f32, %z: f32):
    %m = arith.maximumf %x, %zero : f32
    linalg.yield %m : f32
  } -> tensor<48x100xf32>
  return %mm, %r : tensor<48x100xf32>, tensor<48x100xf32>
}

// -----

// Row tiles: with more rows than mc (200 > 48), the strip's epilogue follows
// each mc x nc tile of C. A tile is final only after the last block of kc
// reduction steps (300 = 2 x 128 + 44): the GEMM is split there, the blocks
// before it run as usual over the whole strip, and the last block (its 44 x
// 64 block of B packed once, outside the row loop) is fused with the
// epilogue into the row tiles (the last 8 rows peeled).
// ROWS-LABEL: func.func @row_tiles
// ROWS:         scf.for %{{.*}} step %c128 iter_args(%{{.*}}) -> (tensor<200x4x16xf32>)
// ROWS:         %[[PACKED:.*]] = scf.for {{.*}} -> (tensor<4x44x16xf32>)
// ROWS:         %[[ROWS:.*]] = scf.for %[[I:.*]] = %c0 to %c192 step %c48 iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<200x64xf32>)
// ROWS-NOT:       tensor<4x44x16xf32>
// ROWS:           vector.transfer_read %[[PACKED]]
// ROWS:           arith.mulf {{.*}} : vector<6x16xf32>
// ROWS:           arith.maximumf {{.*}} : vector<8xf32>
// ROWS:           tensor.insert_slice %{{.*}} into %[[ACC]][%[[I]], 0] [48, 64] [1, 1]
// ROWS:         arith.maximumf {{.*}} : vector<8xf32>
// ROWS:         tensor.insert_slice %{{.*}} into %[[ROWS]][192, 0] [8, 64] [1, 1]
#map6 = affine_map<(d0, d1) -> (d0, d1)>
#bias6 = affine_map<(d0, d1) -> (d1)>
func.func @row_tiles(%a: tensor<200x300xf32>, %b: tensor<300x64xf32>, %bias: tensor<64xf32>) -> tensor<200x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<200x64xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<200x64xf32>) -> tensor<200x64xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<200x300xf32>, tensor<300x64xf32>) outs(%c : tensor<200x64xf32>) -> tensor<200x64xf32>
  %r = linalg.generic {indexing_maps = [#map6, #bias6, #map6], iterator_types = ["parallel", "parallel"]} ins(%mm, %bias : tensor<200x64xf32>, tensor<64xf32>) outs(%e : tensor<200x64xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<200x64xf32>
  return %r : tensor<200x64xf32>
}

// -----

// A chain of 1x1 convolutions (FasterNet's MLP): each convolution is a
// contraction over the flattened image (n = 9 x 13 = 117 pixels, the image
// rows and columns collapsed into one loop), whose elementwise consumers
// (tanh, the residual add) take its shape; the first one and its epilogue
// produce the second one's right operand, which the second one's column
// strips (nc = 32 pixels) read whole along the channels: they are fused into
// those strips too, so that the 24-channel intermediate exists 32 pixels at
// a time (the last 21 pixels peeled).
// CHECK-LABEL: func.func @conv_chain
// CHECK-NOT:     tensor<1x24x9x13xf32>
// CHECK-NOT:     tensor<1x24x117xf32>
// CHECK:         scf.for %[[J:.*]] = %c0 to %c96 step %c32 iter_args(%{{.*}}) -> (tensor<1x16x117xf32>)
// CHECK:           arith.mulf {{.*}} : vector<6x16xf32>
// CHECK:           math.tanh {{.*}} : vector<8xf32>
// CHECK:           arith.mulf {{.*}} : vector<6x16xf32>
// CHECK:           arith.addf {{.*}} : vector<8xf32>
// CHECK:           tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, %[[J]]] [1, 16, 32] [1, 1, 1]
// CHECK-NOT:     tensor<1x24x117xf32>
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2, 3]] output_shape [1, 16, 9, 13]
// CHECK:         return
#nchw7 = affine_map<(n, c, h, w) -> (n, c, h, w)>
func.func @conv_chain(%x: tensor<1x16x9x13xf32>, %w1: tensor<24x16x1x1xf32>,
                      %w2: tensor<16x24x1x1xf32>) -> tensor<1x16x9x13xf32> {
  %zero = arith.constant 0.0 : f32
  %e24 = tensor.empty() : tensor<1x24x9x13xf32>
  %z24 = linalg.fill ins(%zero : f32) outs(%e24 : tensor<1x24x9x13xf32>) -> tensor<1x24x9x13xf32>
  %h = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w1 : tensor<1x16x9x13xf32>, tensor<24x16x1x1xf32>) outs(%z24 : tensor<1x24x9x13xf32>) -> tensor<1x24x9x13xf32>
  %t = linalg.generic {indexing_maps = [#nchw7, #nchw7], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%h : tensor<1x24x9x13xf32>) outs(%e24 : tensor<1x24x9x13xf32>) {
  ^bb0(%v: f32, %out: f32):
    %r = math.tanh %v : f32
    linalg.yield %r : f32
  } -> tensor<1x24x9x13xf32>
  %e16 = tensor.empty() : tensor<1x16x9x13xf32>
  %z16 = linalg.fill ins(%zero : f32) outs(%e16 : tensor<1x16x9x13xf32>) -> tensor<1x16x9x13xf32>
  %o = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%t, %w2 : tensor<1x24x9x13xf32>, tensor<16x24x1x1xf32>) outs(%z16 : tensor<1x16x9x13xf32>) -> tensor<1x16x9x13xf32>
  %y = linalg.add ins(%x, %o : tensor<1x16x9x13xf32>, tensor<1x16x9x13xf32>) outs(%e16 : tensor<1x16x9x13xf32>) -> tensor<1x16x9x13xf32>
  return %y : tensor<1x16x9x13xf32>
}
