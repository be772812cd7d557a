// Elementwise ops that read an input transposed, computed in tiles of
// lanes x lanes that are transposed in registers (shuffles), with the
// remainders that do not fill a tile (40 x 52: 8 and 4 left over with 16
// lanes), a batch of divisions by a second input read along the vectors,
// and 32-bit integers; with 16, 8 and 4 lanes. Against numpy.
// RUN: %check --model %s --entry transpose_remainders --golden transposing_tiles:transpose_remainders --workdir %t --aot --rtol 0 --atol 0
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8" %check --model %s --entry transpose_remainders --golden transposing_tiles:transpose_remainders --workdir %t --rtol 0 --atol 0
// RUN: env TESSERA_CPU_CODEGEN="vector-width=4" %check --model %s --entry transpose_remainders --golden transposing_tiles:transpose_remainders --workdir %t --rtol 0 --atol 0
// RUN: %check --model %s --entry divide_transposed --golden transposing_tiles:divide_transposed --workdir %t --rtol 1e-6 --atol 1e-6
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry divide_transposed --golden transposing_tiles:divide_transposed --workdir %t --rtol 1e-6 --atol 1e-6 --extra-args=--num-threads=2
// RUN: %check --model %s --entry transpose_i32 --golden transposing_tiles:transpose_i32 --workdir %t --rtol 0 --atol 0
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8" %check --model %s --entry transpose_i32 --golden transposing_tiles:transpose_i32 --workdir %t --aot --rtol 0 --atol 0

func.func @transpose_remainders(%a: tensor<40x52xf32>) -> tensor<52x40xf32> {
  %e = tensor.empty() : tensor<52x40xf32>
  %t = linalg.transpose ins(%a : tensor<40x52xf32>)
      outs(%e : tensor<52x40xf32>) permutation = [1, 0]
  return %t : tensor<52x40xf32>
}

func.func @divide_transposed(%a: tensor<3x36x20xf32>, %c: tensor<3x20x36xf32>)
    -> tensor<3x20x36xf32> {
  %e = tensor.empty() : tensor<3x20x36xf32>
  %d = linalg.generic {indexing_maps = [affine_map<(b, i, j) -> (b, j, i)>,
                                        affine_map<(b, i, j) -> (b, i, j)>,
                                        affine_map<(b, i, j) -> (b, i, j)>],
                       iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%a, %c : tensor<3x36x20xf32>, tensor<3x20x36xf32>)
      outs(%e : tensor<3x20x36xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %q = arith.divf %x, %y : f32
    linalg.yield %q : f32
  } -> tensor<3x20x36xf32>
  return %d : tensor<3x20x36xf32>
}

func.func @transpose_i32(%a: tensor<24x33xi32>) -> tensor<33x24xi32> {
  %e = tensor.empty() : tensor<33x24xi32>
  %t = linalg.transpose ins(%a : tensor<24x33xi32>)
      outs(%e : tensor<33x24xi32>) permutation = [1, 0]
  return %t : tensor<33x24xi32>
}
