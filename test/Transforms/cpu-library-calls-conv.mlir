// RUN: tessera-opt %s --split-input-file --tessera-cpu-library-calls="ops=conv" | FileCheck %s
// RUN: tessera-opt %s --split-input-file --tessera-cpu-library-calls="ops=matmul" | FileCheck %s --check-prefix=NOCONV
// RUN: tessera-opt %s --split-input-file --tessera-cpu-library-calls="ops=all min-flops=10000000" | FileCheck %s --check-prefix=BIG

// linalg.conv_2d_nchw_fchw (f32) becomes a call of
// tessera_dnnl_conv2d_nchw_fchw: dense views of the input and the filter
// (their identity strides, any offset), a fresh output buffer, the sizes,
// strides and dilations as constants. A zero fill init is dropped
// (accumulate = 0). Without `conv` among the ops, convolutions stay.

// NOCONV-NOT: tessera_dnnl

// CHECK-LABEL: func.func private @tessera_dnnl_conv2d_nchw_fchw(i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, !llvm.ptr, !llvm.ptr, !llvm.ptr, i32)
// CHECK-LABEL: func.func @conv3x3(
// CHECK-SAME:      %[[X:.*]]: tensor<1x32x66x66xf32>, %[[W:.*]]: tensor<32x32x3x3xf32>)
// CHECK-NOT:     linalg.fill
// CHECK:         %[[XB:.*]] = bufferization.to_buffer %[[X]] read_only : tensor<1x32x66x66xf32> to memref<1x32x66x66xf32, strided<[139392, 4356, 66, 1], offset: ?>>
// CHECK:         %{{.*}}, %[[XOFF:.*]], %{{.*}}:4, %{{.*}}:4 = memref.extract_strided_metadata %[[XB]]
// CHECK:         %[[XP0:.*]] = memref.extract_aligned_pointer_as_index %[[XB]]
// CHECK:         %[[XOFFB:.*]] = arith.muli %[[XOFF]], %{{.*}} : index
// CHECK:         %[[XP1:.*]] = arith.addi %[[XP0]], %[[XOFFB]] : index
// CHECK:         %[[XP2:.*]] = arith.index_cast %[[XP1]] : index to i64
// CHECK:         %[[XP:.*]] = llvm.inttoptr %[[XP2]] : i64 to !llvm.ptr
// CHECK:         %[[WB:.*]] = bufferization.to_buffer %[[W]] read_only : tensor<32x32x3x3xf32> to memref<32x32x3x3xf32, strided<[288, 9, 3, 1], offset: ?>>
// CHECK:         %[[WP:.*]] = llvm.inttoptr %{{.*}} : i64 to !llvm.ptr
// CHECK:         %[[Y:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x32x64x64xf32>
// CHECK:         %[[YP:.*]] = llvm.inttoptr %{{.*}} : i64 to !llvm.ptr
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : i64
// CHECK-DAG:     %[[C32:.*]] = arith.constant 32 : i64
// CHECK-DAG:     %[[C66:.*]] = arith.constant 66 : i64
// CHECK-DAG:     %[[C3:.*]] = arith.constant 3 : i64
// CHECK-DAG:     %[[C64:.*]] = arith.constant 64 : i64
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK:         call @tessera_dnnl_conv2d_nchw_fchw(%[[C1]], %[[C32]], %[[C66]], %[[C66]], %[[C32]], %[[C3]], %[[C3]], %[[C64]], %[[C64]], %[[C1]], %[[C1]], %[[C1]], %[[C1]], %[[XP]], %[[WP]], %[[YP]], %[[ZERO]])
// CHECK:         %[[R:.*]] = bufferization.to_tensor %[[Y]] restrict writable : memref<1x32x64x64xf32> to tensor<1x32x64x64xf32>
// CHECK:         return %[[R]]
// NOCONV-LABEL: func.func @conv3x3(
// NOCONV:         linalg.conv_2d_nchw_fchw
// BIG-LABEL: func.func @conv3x3(
// BIG:           call @tessera_dnnl_conv2d_nchw_fchw(
func.func @conv3x3(%x: tensor<1x32x66x66xf32>, %w: tensor<32x32x3x3xf32>) -> tensor<1x32x64x64xf32> {
  %e = tensor.empty() : tensor<1x32x64x64xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32>
  %r = linalg.conv_2d_nchw_fchw ins(%x, %w : tensor<1x32x66x66xf32>, tensor<32x32x3x3xf32>) outs(%i : tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32>
  return %r : tensor<1x32x64x64xf32>
}

// -----

// Strides and dilations are passed on (here 2 and 3 along H, 1 and 2 along
// W: OH = (17 - 3*2 - 1)/2 + 1 = 6 with input row 16 read by no window,
// OW = (12 - 2*2 - 1)/1 + 1 = 8). An init that is not zero (a bias
// broadcast) is copied into the output buffer and accumulated into.
// CHECK-LABEL: func.func @conv_strided_bias(
// CHECK:         %[[BIAS:.*]] = linalg.broadcast
// CHECK:         %[[Y:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x5x6x8xf32>
// CHECK:         %[[IB:.*]] = bufferization.to_buffer %[[BIAS]] read_only : tensor<2x5x6x8xf32> to memref<2x5x6x8xf32, strided<[?, ?, ?, ?], offset: ?>>
// CHECK:         memref.copy %[[IB]], %[[Y]]
// CHECK-DAG:     %[[C2:.*]] = arith.constant 2 : i64
// CHECK-DAG:     %[[C3:.*]] = arith.constant 3 : i64
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : i64
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1 : i32
// CHECK:         call @tessera_dnnl_conv2d_nchw_fchw(%[[C2]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[C2]], %[[C1]], %[[C3]], %[[C2]], %{{.*}}, %{{.*}}, %{{.*}}, %[[ONE]])
// BIG-LABEL: func.func @conv_strided_bias(
// BIG:           linalg.conv_2d_nchw_fchw
func.func @conv_strided_bias(%x: tensor<2x4x17x12xf32>, %w: tensor<5x4x3x3xf32>, %b: tensor<5xf32>) -> tensor<2x5x6x8xf32> {
  %e = tensor.empty() : tensor<2x5x6x8xf32>
  %i = linalg.broadcast ins(%b : tensor<5xf32>) outs(%e : tensor<2x5x6x8xf32>) dimensions = [0, 2, 3]
  %r = linalg.conv_2d_nchw_fchw {strides = dense<[2, 1]> : tensor<2xi64>, dilations = dense<[3, 2]> : tensor<2xi64>}
      ins(%x, %w : tensor<2x4x17x12xf32>, tensor<5x4x3x3xf32>) outs(%i : tensor<2x5x6x8xf32>) -> tensor<2x5x6x8xf32>
  return %r : tensor<2x5x6x8xf32>
}

// -----

// Views: a slice of whole channels of one image is dense and used in place
// (its offset from the metadata); a slice of a spatial window is not and is
// copied into a dense tensor first.
// CHECK-LABEL: func.func @conv_views(
// CHECK:         %[[XV:.*]] = tensor.extract_slice %{{.*}}[1, 8, 0, 0] [1, 16, 10, 10] [1, 1, 1, 1]
// CHECK-NOT:     linalg.copy
// CHECK:         bufferization.to_buffer %[[XV]] read_only : tensor<1x16x10x10xf32> to memref<1x16x10x10xf32, strided<[1600, 100, 10, 1], offset: ?>>
// CHECK:         call @tessera_dnnl_conv2d_nchw_fchw(
// CHECK:         %[[XW:.*]] = tensor.extract_slice %{{.*}}[0, 0, 1, 1] [1, 16, 8, 8] [1, 1, 1, 1]
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<1x16x8x8xf32>
// CHECK:         %[[XC:.*]] = linalg.copy ins(%[[XW]] : tensor<1x16x8x8xf32>) outs(%[[E]] : tensor<1x16x8x8xf32>)
// CHECK:         bufferization.to_buffer %[[XC]] read_only
// CHECK:         call @tessera_dnnl_conv2d_nchw_fchw(
func.func @conv_views(%x: tensor<2x32x10x10xf32>, %w: tensor<8x16x3x3xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x6x6xf32>) {
  %e = tensor.empty() : tensor<1x8x8x8xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %xv = tensor.extract_slice %x[1, 8, 0, 0] [1, 16, 10, 10] [1, 1, 1, 1] : tensor<2x32x10x10xf32> to tensor<1x16x10x10xf32>
  %r = linalg.conv_2d_nchw_fchw ins(%xv, %w : tensor<1x16x10x10xf32>, tensor<8x16x3x3xf32>) outs(%i : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %e2 = tensor.empty() : tensor<1x8x6x6xf32>
  %i2 = linalg.fill ins(%z : f32) outs(%e2 : tensor<1x8x6x6xf32>) -> tensor<1x8x6x6xf32>
  %xw = tensor.extract_slice %x[0, 0, 1, 1] [1, 16, 8, 8] [1, 1, 1, 1] : tensor<2x32x10x10xf32> to tensor<1x16x8x8xf32>
  %r2 = linalg.conv_2d_nchw_fchw ins(%xw, %w : tensor<1x16x8x8xf32>, tensor<8x16x3x3xf32>) outs(%i2 : tensor<1x8x6x6xf32>) -> tensor<1x8x6x6xf32>
  return %r, %r2 : tensor<1x8x8x8xf32>, tensor<1x8x6x6xf32>
}

// -----

// What the library cannot take stays generated code: an output with fewer
// windows than fit (6 of 8), f16, a dynamic batch, another convolution
// layout (NHWC).
// CHECK-LABEL: func.func @stays(
// CHECK-NOT:     call
// CHECK-COUNT-3: linalg.conv_2d_nchw_fchw
// CHECK:         linalg.conv_2d_nhwc_hwcf
// CHECK-NOT:     call
func.func @stays(%x: tensor<1x4x10x10xf32>, %w: tensor<4x4x3x3xf32>, %o: tensor<1x4x6x6xf32>,
                 %xh: tensor<1x4x10x10xf16>, %wh: tensor<4x4x3x3xf16>, %oh: tensor<1x4x8x8xf16>,
                 %xd: tensor<?x4x10x10xf32>, %od: tensor<?x4x8x8xf32>,
                 %xn: tensor<1x10x10x4xf32>, %wn: tensor<3x3x4x4xf32>, %on: tensor<1x8x8x4xf32>)
    -> (tensor<1x4x6x6xf32>, tensor<1x4x8x8xf16>, tensor<?x4x8x8xf32>, tensor<1x8x8x4xf32>) {
  %r = linalg.conv_2d_nchw_fchw ins(%x, %w : tensor<1x4x10x10xf32>, tensor<4x4x3x3xf32>) outs(%o : tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  %rh = linalg.conv_2d_nchw_fchw ins(%xh, %wh : tensor<1x4x10x10xf16>, tensor<4x4x3x3xf16>) outs(%oh : tensor<1x4x8x8xf16>) -> tensor<1x4x8x8xf16>
  %rd = linalg.conv_2d_nchw_fchw ins(%xd, %w : tensor<?x4x10x10xf32>, tensor<4x4x3x3xf32>) outs(%od : tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  %rn = linalg.conv_2d_nhwc_hwcf ins(%xn, %wn : tensor<1x10x10x4xf32>, tensor<3x3x4x4xf32>) outs(%on : tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %r, %rh, %rd, %rn : tensor<1x4x6x6xf32>, tensor<1x4x8x8xf16>, tensor<?x4x8x8xf32>, tensor<1x8x8x4xf32>
}
