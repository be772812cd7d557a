// Contractions computed with their result transposed (out^T = B A^T, the
// vectors along m; tessera-cpu-tile-and-vectorize's transpose-result):
// attention's P x V over an image, whose consumer divides by the softmax
// sums reading the transposed result through its indexing map (by default,
// and forced off and on for the whole function; with 8 lanes and two
// threads too), and a forced one that accumulates into an argument (its
// init transposed in) and is returned (transposed back), with m = 20 not
// a whole number of vectors. Against numpy.
// RUN: %check --model %s --entry attention_pv --golden transposed_result:attention_pv --workdir %t --aot --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="transpose-result=false" %check --model %s --entry attention_pv --golden transposed_result:attention_pv --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="transpose-result=true vector-width=8 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry attention_pv --golden transposed_result:attention_pv --workdir %t --rtol 1e-4 --atol 1e-4 --extra-args=--num-threads=2
// RUN: %check --model %s --entry accumulate_forced --golden transposed_result:accumulate_forced --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8" %check --model %s --entry accumulate_forced --golden transposed_result:accumulate_forced --workdir %t --aot --rtol 1e-4 --atol 1e-4

#p = affine_map<(h, d, y, x, t) -> (h, y, x, t)>
#v = affine_map<(h, d, y, x, t) -> (h, d, t)>
#o = affine_map<(h, d, y, x, t) -> (h, d, y, x)>
#id = affine_map<(h, d, y, x) -> (h, d, y, x)>
#s = affine_map<(h, d, y, x) -> (h, y, x)>

func.func @attention_pv(%P: tensor<2x10x20x48xf32>, %V: tensor<2x16x48xf32>,
                        %S: tensor<2x10x20xf32>) -> tensor<2x16x10x20xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x16x10x20xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x16x10x20xf32>)
      -> tensor<2x16x10x20xf32>
  %pv = linalg.generic {indexing_maps = [#p, #v, #o],
                        iterator_types = ["parallel", "parallel", "parallel",
                                          "parallel", "reduction"]}
      ins(%P, %V : tensor<2x10x20x48xf32>, tensor<2x16x48xf32>)
      outs(%f : tensor<2x16x10x20xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %a = arith.addf %acc, %m : f32
    linalg.yield %a : f32
  } -> tensor<2x16x10x20xf32>
  %d = linalg.generic {indexing_maps = [#id, #s, #id],
                       iterator_types = ["parallel", "parallel", "parallel",
                                         "parallel"]}
      ins(%pv, %S : tensor<2x16x10x20xf32>, tensor<2x10x20xf32>)
      outs(%e : tensor<2x16x10x20xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %q = arith.divf %x, %y : f32
    linalg.yield %q : f32
  } -> tensor<2x16x10x20xf32>
  return %d : tensor<2x16x10x20xf32>
}

#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>

func.func @accumulate_forced(%a: tensor<20x33xf32>, %b: tensor<70x33xf32>,
                             %c: tensor<20x70xf32>) -> tensor<20x70xf32> {
  %r = linalg.generic {indexing_maps = [#mk, #nk, #mn],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<20x33xf32>, tensor<70x33xf32>)
      outs(%c : tensor<20x70xf32>)
      attrs = {tessera.cpu_config = "transpose-result=true"} {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<20x70xf32>
  return %r : tensor<20x70xf32>
}
