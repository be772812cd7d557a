// RUN: tessera-opt %s --tessera-to-linalg --split-input-file | FileCheck %s

// partial_conv2d (OPERATORS.md section 3): channels [0, c_p) of x sliced out,
// copied into the interior of a zero-filled tensor padded by k/2, convolved
// by linalg.conv_2d_nchw_fchw (stride 1, no bias) into the zero-filled
// channels [0, c_p) of a copy of x; channels [c_p, C) are the copy.

// FasterNet: C = 40, default n_div 4 -> c_p = 10, 3x3 (padding 1), odd W.
// CHECK-LABEL: func.func @fasternet_k3
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<1x40x6x7xf32>, %[[W:[a-z0-9]+]]: tensor<10x10x3x3xf32>
// CHECK:         %[[XS:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [1, 10, 6, 7] [1, 1, 1, 1] : tensor<1x40x6x7xf32> to tensor<1x10x6x7xf32>
// CHECK:         %[[ZE:.*]] = tensor.empty() : tensor<1x10x8x9xf32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[Z:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[ZE]] : tensor<1x10x8x9xf32>)
// CHECK:         %[[IN:.*]] = tensor.extract_slice %[[Z]][0, 0, 1, 1] [1, 10, 6, 7] [1, 1, 1, 1] : tensor<1x10x8x9xf32> to tensor<1x10x6x7xf32>
// CHECK:         %[[CP:.*]] = linalg.copy ins(%[[XS]] : tensor<1x10x6x7xf32>) outs(%[[IN]] : tensor<1x10x6x7xf32>)
// CHECK:         %[[PAD:.*]] = tensor.insert_slice %[[CP]] into %[[Z]][0, 0, 1, 1] [1, 10, 6, 7] [1, 1, 1, 1] : tensor<1x10x6x7xf32> into tensor<1x10x8x9xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<1x40x6x7xf32>
// CHECK:         %[[XC:.*]] = linalg.copy ins(%[[X]] : tensor<1x40x6x7xf32>) outs(%[[E]] : tensor<1x40x6x7xf32>)
// CHECK:         %[[ACC:.*]] = tensor.extract_slice %[[XC]][0, 0, 0, 0] [1, 10, 6, 7] [1, 1, 1, 1] : tensor<1x40x6x7xf32> to tensor<1x10x6x7xf32>
// CHECK:         %[[ACC0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[ACC]] : tensor<1x10x6x7xf32>)
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[PAD]], %[[W]] : tensor<1x10x8x9xf32>, tensor<10x10x3x3xf32>) outs(%[[ACC0]] : tensor<1x10x6x7xf32>)
// CHECK:         %[[Y:.*]] = tensor.insert_slice %[[CONV]] into %[[XC]][0, 0, 0, 0] [1, 10, 6, 7] [1, 1, 1, 1] : tensor<1x10x6x7xf32> into tensor<1x40x6x7xf32>
// CHECK:         return %[[Y]]
// CHECK-NOT:     tessera.
func.func @fasternet_k3(%x: tensor<1x40x6x7xf32>, %w: tensor<10x10x3x3xf32>)
    -> tensor<1x40x6x7xf32> {
  %y = tessera.partial_conv2d %x, %w
      : (tensor<1x40x6x7xf32>, tensor<10x10x3x3xf32>) -> tensor<1x40x6x7xf32>
  return %y : tensor<1x40x6x7xf32>
}

// -----

// C = 10 not divisible by n_div 4: c_p = 2. A 5x5 kernel pads by 2.
// CHECK-LABEL: func.func @c10_k5
// CHECK:         tensor.extract_slice %{{.*}}[0, 0, 0, 0] [2, 2, 5, 9] [1, 1, 1, 1] : tensor<2x10x5x9xf32> to tensor<2x2x5x9xf32>
// CHECK:         tensor.empty() : tensor<2x2x9x13xf32>
// CHECK:         tensor.extract_slice %{{.*}}[0, 0, 2, 2] [2, 2, 5, 9]
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<2x2x9x13xf32>, tensor<2x2x5x5xf32>) outs(%{{.*}} : tensor<2x2x5x9xf32>)
// CHECK:         tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 0] [2, 2, 5, 9] [1, 1, 1, 1] : tensor<2x2x5x9xf32> into tensor<2x10x5x9xf32>
func.func @c10_k5(%x: tensor<2x10x5x9xf32>, %w: tensor<2x2x5x5xf32>)
    -> tensor<2x10x5x9xf32> {
  %y = tessera.partial_conv2d %x, %w
      : (tensor<2x10x5x9xf32>, tensor<2x2x5x5xf32>) -> tensor<2x10x5x9xf32>
  return %y : tensor<2x10x5x9xf32>
}

// -----

// n_div = 2: C = 6 -> c_p = 3.
// CHECK-LABEL: func.func @n_div2
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x3x6x6xf32>, tensor<3x3x3x3xf32>) outs(%{{.*}} : tensor<1x3x4x4xf32>)
// CHECK:         tensor.insert_slice %{{.*}}[0, 0, 0, 0] [1, 3, 4, 4] [1, 1, 1, 1] : tensor<1x3x4x4xf32> into tensor<1x6x4x4xf32>
func.func @n_div2(%x: tensor<1x6x4x4xf32>, %w: tensor<3x3x3x3xf32>)
    -> tensor<1x6x4x4xf32> {
  %y = tessera.partial_conv2d %x, %w {n_div = 2 : i64}
      : (tensor<1x6x4x4xf32>, tensor<3x3x3x3xf32>) -> tensor<1x6x4x4xf32>
  return %y : tensor<1x6x4x4xf32>
}

// -----

// Explicit conv_channels = 5 and a 1x1 kernel: no padding at all, the slice
// of x is the convolution input.
// CHECK-LABEL: func.func @conv_channels_k1
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x8x3x5xf32>, %[[W:[a-z0-9]+]]: tensor<5x5x1x1xf32>
// CHECK:         %[[XS:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [2, 5, 3, 5] [1, 1, 1, 1] : tensor<2x8x3x5xf32> to tensor<2x5x3x5xf32>
// CHECK-NOT:     tensor.insert_slice
// CHECK:         %[[XC:.*]] = linalg.copy ins(%[[X]] : tensor<2x8x3x5xf32>)
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%[[XS]], %[[W]] : tensor<2x5x3x5xf32>, tensor<5x5x1x1xf32>)
// CHECK:         tensor.insert_slice %[[CONV]] into %[[XC]][0, 0, 0, 0] [2, 5, 3, 5] [1, 1, 1, 1]
func.func @conv_channels_k1(%x: tensor<2x8x3x5xf32>, %w: tensor<5x5x1x1xf32>)
    -> tensor<2x8x3x5xf32> {
  %y = tessera.partial_conv2d %x, %w {conv_channels = 5 : i64}
      : (tensor<2x8x3x5xf32>, tensor<5x5x1x1xf32>) -> tensor<2x8x3x5xf32>
  return %y : tensor<2x8x3x5xf32>
}

// -----

// Dynamic batch, height and width (extents from tensor.dim, padded extents
// with arith.addi); a weight of dynamic extents is cast to [c_p, c_p, k, k].
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x10x?x?xf32>, %[[W:[a-z0-9]+]]: tensor<?x?x3x3xf32>
// CHECK:         %[[WC:.*]] = tensor.cast %[[W]] : tensor<?x?x3x3xf32> to tensor<2x2x3x3xf32>
// CHECK-DAG:     %[[N:.*]] = tensor.dim %[[X]], %c0
// CHECK-DAG:     %[[H:.*]] = tensor.dim %[[X]], %c2
// CHECK-DAG:     %[[WD:.*]] = tensor.dim %[[X]], %c3
// CHECK:         %[[XS:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [%[[N]], 2, %[[H]], %[[WD]]] [1, 1, 1, 1] : tensor<?x10x?x?xf32> to tensor<?x2x?x?xf32>
// CHECK-DAG:     %[[HP:.*]] = arith.addi %[[H]], %{{.*}} : index
// CHECK-DAG:     %[[WP:.*]] = arith.addi %[[WD]], %{{.*}} : index
// CHECK:         tensor.empty(%[[N]], %[[HP]], %[[WP]]) : tensor<?x2x?x?xf32>
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.*}}, %[[WC]] : tensor<?x2x?x?xf32>, tensor<2x2x3x3xf32>)
// CHECK:         %[[Y:.*]] = tensor.insert_slice %[[CONV]] into %{{.*}}[0, 0, 0, 0] [%[[N]], 2, %[[H]], %[[WD]]] [1, 1, 1, 1] : tensor<?x2x?x?xf32> into tensor<?x10x?x?xf32>
// CHECK:         return %[[Y]] : tensor<?x10x?x?xf32>
func.func @dynamic(%x: tensor<?x10x?x?xf32>, %w: tensor<?x?x3x3xf32>)
    -> tensor<?x10x?x?xf32> {
  %y = tessera.partial_conv2d %x, %w
      : (tensor<?x10x?x?xf32>, tensor<?x?x3x3xf32>) -> tensor<?x10x?x?xf32>
  return %y : tensor<?x10x?x?xf32>
}
