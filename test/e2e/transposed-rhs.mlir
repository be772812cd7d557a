// Contractions with a transposed right operand (A x B^T: each column of the
// output reads a row of B, as attention's P x V and a linear layer's x W^T
// do), which the code generator packs to vectorize whatever their shape:
// columns left after the whole register panels (112 = 3 x 32 + 16; with 8
// lanes 3 x 32 + 16; 120 = 3 x 32 + 16 + 8; 101 = 3 x 32 + 5), few rows
// (3), fewer columns than a panel (10, a classifier head). Against numpy.
// RUN: %check --model %s --entry remainder_one_vector --golden transposed_rhs:remainder_one_vector --workdir %t --aot --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 nr=32 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry remainder_one_vector --golden transposed_rhs:remainder_one_vector --workdir %t --rtol 1e-4 --atol 1e-4 --extra-args=--num-threads=2
// RUN: %check --model %s --entry remainder_not_whole_vectors --golden transposed_rhs:remainder_not_whole_vectors --workdir %t --aot --rtol 1e-4 --atol 1e-4
// RUN: %check --model %s --entry remainder_under_one_vector --golden transposed_rhs:remainder_under_one_vector --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: %check --model %s --entry few_rows --golden transposed_rhs:few_rows --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry few_rows --golden transposed_rhs:few_rows --workdir %t --rtol 1e-4 --atol 1e-4 --extra-args=--num-threads=2
// RUN: %check --model %s --entry narrow_head --golden transposed_rhs:narrow_head --workdir %t --rtol 1e-4 --atol 1e-4

#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>

func.func @remainder_one_vector(%a: tensor<16x100xf32>, %b: tensor<112x100xf32>)
    -> tensor<16x112xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x112xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x112xf32>)
      -> tensor<16x112xf32>
  %r = linalg.generic {indexing_maps = [#mk, #nk, #mn],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x100xf32>, tensor<112x100xf32>)
      outs(%z : tensor<16x112xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<16x112xf32>
  return %r : tensor<16x112xf32>
}

func.func @remainder_not_whole_vectors(%a: tensor<24x37xf32>,
                                       %b: tensor<120x37xf32>)
    -> tensor<24x120xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<24x120xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<24x120xf32>)
      -> tensor<24x120xf32>
  %r = linalg.generic {indexing_maps = [#mk, #nk, #mn],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<24x37xf32>, tensor<120x37xf32>)
      outs(%z : tensor<24x120xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<24x120xf32>
  return %r : tensor<24x120xf32>
}

func.func @remainder_under_one_vector(%a: tensor<32x64xf32>, %b: tensor<101x64xf32>)
    -> tensor<32x101xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x101xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<32x101xf32>)
      -> tensor<32x101xf32>
  %r = linalg.generic {indexing_maps = [#mk, #nk, #mn],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<32x64xf32>, tensor<101x64xf32>)
      outs(%z : tensor<32x101xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<32x101xf32>
  return %r : tensor<32x101xf32>
}

func.func @few_rows(%a: tensor<3x50xf32>, %b: tensor<120x50xf32>)
    -> tensor<3x120xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x120xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<3x120xf32>)
      -> tensor<3x120xf32>
  %r = linalg.generic {indexing_maps = [#mk, #nk, #mn],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<3x50xf32>, tensor<120x50xf32>)
      outs(%z : tensor<3x120xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<3x120xf32>
  return %r : tensor<3x120xf32>
}

func.func @narrow_head(%a: tensor<32x256xf32>, %b: tensor<10x256xf32>)
    -> tensor<32x10xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x10xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<32x10xf32>)
      -> tensor<32x10xf32>
  %r = linalg.generic {indexing_maps = [#mk, #nk, #mn],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<32x256xf32>, tensor<10x256xf32>)
      outs(%z : tensor<32x10xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<32x10xf32>
  return %r : tensor<32x10xf32>
}
