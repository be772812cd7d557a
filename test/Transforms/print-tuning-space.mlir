// The pruned tuning space of each kernel, on two described devices: a
// small one (SSE-like, 16 registers, one core, small caches) keeps fewer
// candidates than a big one (AVX-512, 32 registers, 8 cores).
// RUN: tessera-opt %s --tessera-print-tuning-space="vector-width=16 registers=32 cores=8 l1-kb=48 l2-kb=1024 l3-kb=32768 library=true limit=8" -o /dev/null | FileCheck %s --check-prefix=BIG
// RUN: tessera-opt %s --tessera-print-tuning-space="vector-width=4 registers=16 cores=1 l1-kb=16 l2-kb=128 l3-kb=1024 limit=8" -o /dev/null | FileCheck %s --check-prefix=SMALL

func.func @mlp(%a: tensor<64x256xf32>, %b: tensor<256x512xf32>,
               %x: tensor<8x512xf32>) -> (tensor<64x512xf32>, tensor<8x512xf32>) {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<64x512xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<64x512xf32>) -> tensor<64x512xf32>
  %c = linalg.matmul ins(%a, %b : tensor<64x256xf32>, tensor<256x512xf32>)
                     outs(%init : tensor<64x512xf32>) -> tensor<64x512xf32>
  %e = tensor.empty() : tensor<8x512xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<8x512xf32>) outs(%e : tensor<8x512xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<8x512xf32>
  return %c, %r : tensor<64x512xf32>, tensor<8x512xf32>
}

// BIG: device: vector-width=16 registers=32 cores=8 l1=48K l2=1024K l3=32768K library=1
// BIG: kernel 0: matmul 64x512x256 f32 (batch 1, m 64, n 512, k 256)
// BIG-NEXT: class: matmul-like
// BIG-NEXT: space: 31449600 points, 4489 after pruning, 8 candidates
// BIG: knob mr: {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 24}
// BIG: knob library: {0, 1}
// BIG-NEXT: candidate 0 (default): mc=96 nc=256 kc=256 mr=8 nr=32 kr=1 vector-width=16 {{.*}} parallel-chunks=8
// BIG-NEXT: candidate 1: library
// BIG-NOT: transpose-result={{true|false}}
// BIG: candidate 7: {{.*}} vector-width=16
// BIG-NEXT: kernel 1: generic 8x512 f32
// BIG-NEXT: class: elementwise/reduction
// BIG-NEXT: space: 168 points, 2 after pruning, 3 candidates
// BIG: knob vectorize-elementwise: {0, 1}

// SMALL: device: vector-width=4 registers=16 cores=1 l1=16K l2=128K l3=1024K library=0
// SMALL: kernel 0: matmul
// SMALL: space: 31449600 points, 3360 after pruning, 8 candidates
// SMALL: candidate 0 (default): mc=72 nc=256 kc=256 mr=6 nr=8 kr=1 vector-width=4
// SMALL-NOT: library
// SMALL-NOT: parallel-chunks=8
// SMALL: kernel 1: generic 8x512 f32
// SMALL: kernel 2: generic 16x256x64 f32
// SMALL: knob transpose-result: {0, 1}
// SMALL: candidate 1: {{.*}} transpose-result=true

// A x B^T with few rows (attention's P x V): its result can be computed
// transposed, so its candidates come in both orientations, each with the
// tiles of its own GEMM (16 x 256 as it is, 256 x 16 transposed: one
// vector of columns).
func.func @a_bt(%a: tensor<16x64xf32>, %b: tensor<256x64xf32>) -> tensor<16x256xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x256xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<16x256xf32>) -> tensor<16x256xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                        affine_map<(m, n, k) -> (n, k)>,
                                        affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x64xf32>, tensor<256x64xf32>)
      outs(%c : tensor<16x256xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<16x256xf32>
  return %r : tensor<16x256xf32>
}

// BIG: kernel 2: generic 16x256x64 f32 (batch 1, m 16, n 256, k 64)
// BIG: knob transpose-result: {0, 1}
// BIG: candidate 0 (default): {{.*}} transpose-result=auto
// BIG-NEXT: candidate 1: mc=16 nc=256 kc=64 mr=4 nr=64 {{.*}} transpose-result=false
// BIG: candidate 4: mc=256 nc=16 kc=64 mr=16 nr=16 {{.*}} transpose-result=true
