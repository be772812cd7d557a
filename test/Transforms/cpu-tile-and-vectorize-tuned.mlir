// An op carrying `tessera.cpu_config` (a kernel the tuner tuned) is tiled
// with that config instead of the pass's options, and so are the ops made of
// it (its packing copies, its fused epilogue); a function carrying one is
// tiled with it wherever its ops carry none; other ops keep the options. A
// config that does not parse is an error naming the attribute and the op.
// No op keeps the attribute.
// RUN: tessera-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{vector-width=8 pack-rhs=false parallel-chunks=1}))' | FileCheck %s

// CHECK-LABEL: func.func private @tuned
// CHECK: vector.contract {{.*}} : vector<2x1xf32>, vector<1x8xf32> into vector<2x8xf32>
// CHECK-NOT: vector<6x16xf32>
// CHECK: return
func.func private @tuned(%a: tensor<32x64xf32>, %b: tensor<64x32xf32>,
                         %c: tensor<32x32xf32>) -> tensor<32x32xf32>
    attributes {tessera.cpu_config = "mr=2 nr=8 kc=64 mc=16 nc=32 kr=1 parallel-chunks=1"} {
  %r = linalg.matmul ins(%a, %b : tensor<32x64xf32>, tensor<64x32xf32>)
                     outs(%c : tensor<32x32xf32>) -> tensor<32x32xf32>
  return %r : tensor<32x32xf32>
}

// CHECK-LABEL: func.func @untuned
// CHECK: vector.contract {{.*}} : vector<6x1xf32>, vector<1x16xf32> into vector<6x16xf32>
func.func @untuned(%a: tensor<32x64xf32>, %b: tensor<64x32xf32>,
                   %c: tensor<32x32xf32>) -> tensor<32x32xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<32x64xf32>, tensor<64x32xf32>)
                     outs(%c : tensor<32x32xf32>) -> tensor<32x32xf32>
  return %r : tensor<32x32xf32>
}

// Two matmuls of the same shape in one function: the first with the
// options, the second with its own config, which its packing copy and its
// fused bias epilogue inherit (packed panels of 8 columns: [4, 64, 8]).
// CHECK-LABEL: func.func @per_op
// CHECK: vector.contract {{.*}} : vector<6x1xf32>, vector<1x16xf32> into vector<6x16xf32>
// CHECK: tensor.empty() : tensor<4x64x8xf32>
// CHECK: vector.transfer_read {{.*}} : tensor<4x64x8xf32>, vector<2x8xf32>
// CHECK: arith.addf {{.*}} : vector<2x8xf32>
// CHECK: arith.addf {{.*}} : vector<8xf32>
// CHECK-NOT: tessera.cpu_config
// CHECK: return
func.func @per_op(%a: tensor<32x64xf32>, %b: tensor<64x32xf32>,
                  %bias: tensor<32xf32>) -> (tensor<32x32xf32>, tensor<32x32xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x32xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<32x32xf32>) -> tensor<32x32xf32>
  %r0 = linalg.matmul ins(%a, %b : tensor<32x64xf32>, tensor<64x32xf32>)
                      outs(%c : tensor<32x32xf32>) -> tensor<32x32xf32>
  %r1 = linalg.matmul {tessera.cpu_config = "mr=2 nr=8 kc=64 mc=16 nc=32 kr=1 pack-rhs=true parallel-chunks=1 vector-width=8"}
                      ins(%a, %b : tensor<32x64xf32>, tensor<64x32xf32>)
                      outs(%c : tensor<32x32xf32>) -> tensor<32x32xf32>
  %e2 = tensor.empty() : tensor<32x32xf32>
  %r2 = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>],
                        iterator_types = ["parallel", "parallel"]}
      ins(%r1, %bias : tensor<32x32xf32>, tensor<32xf32>) outs(%e2 : tensor<32x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<32x32xf32>
  return %r0, %r2 : tensor<32x32xf32>, tensor<32x32xf32>
}

// -----

// expected-error @+1 {{tessera.cpu_config: unknown CPU codegen option 'bogus'}}
func.func @bad(%a: tensor<32x64xf32>, %b: tensor<64x32xf32>,
               %c: tensor<32x32xf32>) -> tensor<32x32xf32>
    attributes {tessera.cpu_config = "bogus=1"} {
  %r = linalg.matmul ins(%a, %b : tensor<32x64xf32>, tensor<64x32xf32>)
                     outs(%c : tensor<32x32xf32>) -> tensor<32x32xf32>
  return %r : tensor<32x32xf32>
}

// -----

func.func @bad_op(%a: tensor<32x64xf32>, %b: tensor<64x32xf32>,
                  %c: tensor<32x32xf32>) -> tensor<32x32xf32> {
  // expected-error @+1 {{'linalg.matmul' op tessera.cpu_config: expected an integer for 'mr', got 'x'}}
  %r = linalg.matmul {tessera.cpu_config = "mr=x"}
                     ins(%a, %b : tensor<32x64xf32>, tensor<64x32xf32>)
                     outs(%c : tensor<32x32xf32>) -> tensor<32x32xf32>
  return %r : tensor<32x32xf32>
}
