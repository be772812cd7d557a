// A function carrying `tessera.cpu_config` (a kernel the tuner outlined) is
// tiled with that config instead of the pass's options; others keep the
// options. A config that does not parse is an error naming the attribute.
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

// -----

// expected-error @+1 {{tessera.cpu_config: unknown CPU codegen option 'bogus'}}
func.func @bad(%a: tensor<32x64xf32>, %b: tensor<64x32xf32>,
               %c: tensor<32x32xf32>) -> tensor<32x32xf32>
    attributes {tessera.cpu_config = "bogus=1"} {
  %r = linalg.matmul ins(%a, %b : tensor<32x64xf32>, tensor<64x32xf32>)
                     outs(%c : tensor<32x32xf32>) -> tensor<32x32xf32>
  return %r : tensor<32x32xf32>
}
