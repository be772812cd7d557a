// Contractions with a transposed right operand (A x B^T: each column of the
// output reads a row of B, as attention's P x V does), which the code
// generator must pack to vectorize, with columns left over after the whole
// register panels: 112 = 3 x 32 + 16 (the remainder packed as one panel of
// one vector), and with 8 lanes 112 = 3 x 32 + 16 (two vectors); 120 = 3 x 32 +
// 24 (not whole vectors: left to loops). Against numpy.
// RUN: %check --model %s --entry remainder_one_vector --golden transposed_rhs:remainder_one_vector --workdir %t --aot --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 nr=32 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry remainder_one_vector --golden transposed_rhs:remainder_one_vector --workdir %t --rtol 1e-4 --atol 1e-4 --extra-args=--num-threads=2
// RUN: %check --model %s --entry remainder_not_whole_vectors --golden transposed_rhs:remainder_not_whole_vectors --workdir %t --aot --rtol 1e-4 --atol 1e-4

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
