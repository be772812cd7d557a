// Kernels are analyzed as the code generator tiles them. A DFT stage of the
// spectral convolution (a contraction with a real and an imaginary output,
// each a sum of products) is a `spectral` kernel with the contraction knobs
// and no library candidate (oneDNN has no GEMM with two outputs). A
// contraction into [.., d, i, j] (Kronecker attention's P x V) has n = i * j,
// the output's innermost loops (merged by the code generator: every operand
// indexes them contiguously), and m = d.
// RUN: tessera-opt %s --tessera-print-tuning-space="vector-width=16 registers=32 cores=2 l1-kb=48 l2-kb=1024 l3-kb=32768 library=true limit=4" -o /dev/null | FileCheck %s

// CHECK: kernel 0: generic 8x64x12x64 f32 (batch 8, m 64, n 12, k 64)
// CHECK-NEXT: class: spectral
// CHECK: knob mr:
// CHECK-NOT: knob library
// CHECK: knob parallel-min-work:
// CHECK-NEXT: candidate 0 (default): mc=
// CHECK-NOT: candidate {{[0-9]+}}: library
// CHECK: kernel 1: generic 4x16x56x56x112 f32 (batch 4, m 16, n 3136, k 112)
// CHECK-NEXT: class: matmul-like
func.func @dft_rows(%x: tensor<8x64x64xf32>, %cos: tensor<64x12xf32>, %sin: tensor<64x12xf32>,
                    %p: tensor<4x56x56x112xf32>, %v: tensor<4x16x112xf32>)
    -> (tensor<8x64x12xf32>, tensor<8x64x12xf32>, tensor<4x16x56x56xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x64x12xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<8x64x12xf32>) -> tensor<8x64x12xf32>
  %re, %im = linalg.generic {
      indexing_maps = [affine_map<(b, h, f, w) -> (b, h, w)>, affine_map<(b, h, f, w) -> (w, f)>,
                       affine_map<(b, h, f, w) -> (w, f)>, affine_map<(b, h, f, w) -> (b, h, f)>,
                       affine_map<(b, h, f, w) -> (b, h, f)>],
      iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %cos, %sin : tensor<8x64x64xf32>, tensor<64x12xf32>, tensor<64x12xf32>)
      outs(%z, %z : tensor<8x64x12xf32>, tensor<8x64x12xf32>) {
  ^bb0(%a: f32, %c: f32, %s: f32, %r: f32, %i: f32):
    %ac = arith.mulf %a, %c : f32
    %as = arith.mulf %a, %s : f32
    %r2 = arith.addf %r, %ac : f32
    %i2 = arith.subf %i, %as : f32
    linalg.yield %r2, %i2 : f32, f32
  } -> (tensor<8x64x12xf32>, tensor<8x64x12xf32>)
  %e2 = tensor.empty() : tensor<4x16x56x56xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4x16x56x56xf32>) -> tensor<4x16x56x56xf32>
  %o = linalg.generic {
      indexing_maps = [affine_map<(h, d, i, j, k) -> (h, i, j, k)>, affine_map<(h, d, i, j, k) -> (h, d, k)>,
                       affine_map<(h, d, i, j, k) -> (h, d, i, j)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%p, %v : tensor<4x56x56x112xf32>, tensor<4x16x112xf32>) outs(%z2 : tensor<4x16x56x56xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x16x56x56xf32>
  return %re, %im, %o : tensor<8x64x12xf32>, tensor<8x64x12xf32>, tensor<4x16x56x56xf32>
}
