// The f32 math functions the CPU pipeline computes with polynomial
// approximations (tessera-cpu-approximate-math, vectorized) against
// Python's double-precision libm: at most a few ulp, so rtol 1e-6 (erfc
// and exp also underflow gradually: atol 1e-37). The same cases with
// libm (TESSERA_CPU_APPROXIMATE_MATH=0) and without vectorization.
// RUN: %check --model %s --entry math_f32 --golden approximate_math:math_f32 --workdir %t --aot --rtol 1e-6 --atol 1e-37
// RUN: env TESSERA_CPU_APPROXIMATE_MATH=0 %check --model %s --entry math_f32 --golden approximate_math:math_f32 --workdir %t --rtol 1e-6 --atol 1e-37
// RUN: env TESSERA_CPU_CODEGEN=off %check --model %s --entry math_f32 --golden approximate_math:math_f32 --workdir %t --rtol 1e-6 --atol 1e-37

#id = affine_map<(d0) -> (d0)>
func.func @math_f32(%x: tensor<20000xf32>, %y: tensor<20000xf32>)
    -> (tensor<20000xf32>, tensor<20000xf32>, tensor<20000xf32>,
        tensor<20000xf32>) {
  %e = tensor.empty() : tensor<20000xf32>
  %r:4 = linalg.generic {
      indexing_maps = [#id, #id, #id, #id, #id, #id],
      iterator_types = ["parallel"]}
      ins(%x, %y : tensor<20000xf32>, tensor<20000xf32>)
      outs(%e, %e, %e, %e : tensor<20000xf32>, tensor<20000xf32>,
                            tensor<20000xf32>, tensor<20000xf32>) {
  ^bb0(%a: f32, %b: f32, %o0: f32, %o1: f32, %o2: f32, %o3: f32):
    %erf = math.erf %a : f32
    %erfc = math.erfc %a : f32
    %tanh = math.tanh %a : f32
    %exp = math.exp %b : f32
    linalg.yield %erf, %erfc, %tanh, %exp : f32, f32, f32, f32
  } -> (tensor<20000xf32>, tensor<20000xf32>, tensor<20000xf32>,
        tensor<20000xf32>)
  return %r#0, %r#1, %r#2, %r#3
      : tensor<20000xf32>, tensor<20000xf32>, tensor<20000xf32>,
        tensor<20000xf32>
}
