// The tuning space of a convolution: an f32 NCHW / FCHW convolution is
// generated as an im2col copy and a GEMM (m = output channels, n = output
// pixels, k = input channels x window), whose register and cache tiles are
// its knobs, and may be a call to oneDNN's convolution (`library`) on a
// device description that has the library; an i8 one (low-bit class) keeps
// the knob in its declared space but never gets the candidate (oneDNN is
// called for f32 convolutions only).
// RUN: tessera-opt %s --tessera-print-tuning-space="vector-width=16 registers=32 cores=8 l1-kb=48 l2-kb=1024 l3-kb=32768 library=true limit=8" -o /dev/null | FileCheck %s --check-prefix=BIG
// RUN: tessera-opt %s --tessera-print-tuning-space="vector-width=4 registers=16 cores=1 l1-kb=16 l2-kb=128 l3-kb=1024 limit=8" -o /dev/null | FileCheck %s --check-prefix=SMALL

func.func @convs(%x: tensor<1x32x66x66xf32>, %w: tensor<32x32x3x3xf32>,
                 %xi: tensor<1x8x10x10xi8>, %wi: tensor<8x8x3x3xi8>)
    -> (tensor<1x32x64x64xf32>, tensor<1x8x8x8xi32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x32x64x64xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32>
  %y = linalg.conv_2d_nchw_fchw ins(%x, %w : tensor<1x32x66x66xf32>, tensor<32x32x3x3xf32>)
      outs(%init : tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32>
  %zi = arith.constant 0 : i32
  %ei = tensor.empty() : tensor<1x8x8x8xi32>
  %initi = linalg.fill ins(%zi : i32) outs(%ei : tensor<1x8x8x8xi32>) -> tensor<1x8x8x8xi32>
  %yi = linalg.conv_2d_nchw_fchw ins(%xi, %wi : tensor<1x8x10x10xi8>, tensor<8x8x3x3xi8>)
      outs(%initi : tensor<1x8x8x8xi32>) -> tensor<1x8x8x8xi32>
  return %y, %yi : tensor<1x32x64x64xf32>, tensor<1x8x8x8xi32>
}

// BIG: kernel 0: conv_2d_nchw_fchw 1x32x64x64x32x3x3 f32 (batch 1, m 32, n 4096, k 288)
// BIG-NEXT: class: conv-like, 75497472 flops
// BIG-NEXT: space: 62899200 points, {{[0-9]+}} after pruning, 8 candidates
// BIG-NEXT: knob mr: {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 24}
// BIG: knob library: {0, 1}
// BIG-NEXT: candidate 0 (default): mc=96 nc=256 kc=256 mr=8 nr=32 {{.*}} parallel-chunks=8
// BIG-NEXT: candidate 1: library
// BIG-NEXT: candidate 2: {{.*}} mr=4 nr=64
// BIG: candidate 7:
// BIG-NEXT: kernel 1: conv_2d_nchw_fchw 1x8x8x8x8x3x3 i32
// BIG-NEXT: class: low-bit
// BIG: knob library: {0, 1}
// BIG-NOT: candidate {{[0-9]+}}: library

// SMALL: library=0
// SMALL: kernel 0: conv_2d_nchw_fchw 1x32x64x64x32x3x3 f32
// SMALL: space: 62899200 points, {{[0-9]+}} after pruning, 8 candidates
// SMALL: candidate 0 (default): {{.*}} mr=6 nr=8 {{.*}} vector-width=4
// SMALL-NOT: library
// SMALL: kernel 1:
