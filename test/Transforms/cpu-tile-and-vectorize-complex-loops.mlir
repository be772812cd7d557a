// Elementwise ops on complex numbers are left to LLVM as loops, merged into
// one loop where their operands allow: LLVM had unrolled a short innermost
// loop (FNO's 12 modes) and vectorized the next one with gathers and
// scatters of that stride (the weight split of FNO-2D's Fourier layers
// 10x slower).
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{parallel-chunks=1}))' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-tile-and-vectorize{parallel-chunks=2}))' | FileCheck %s --check-prefix=THREADS

// CHECK-LABEL: func.func @split_weights
// CHECK:         tensor.collapse_shape %arg0 {{\[\[}}0, 1, 2, 3]] : tensor<32x32x24x12xcomplex<f32>> into tensor<294912xcomplex<f32>>
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel"]
// CHECK-SAME:      ins(%{{.*}} : tensor<294912xcomplex<f32>>)
// CHECK:         complex.re
// CHECK:         complex.im
// THREADS-LABEL: func.func @split_weights
// THREADS:         scf.forall
// THREADS:         tensor.collapse_shape {{.*}} : tensor<16x32x24x12xcomplex<f32>> into tensor<147456xcomplex<f32>>
// THREADS:         linalg.generic {{.*}} iterator_types = ["parallel"]
#m = affine_map<(a, b, c, d) -> (a, b, c, d)>
func.func @split_weights(%w: tensor<32x32x24x12xcomplex<f32>>)
    -> (tensor<32x32x24x12xf32>, tensor<32x32x24x12xf32>) {
  %e1 = tensor.empty() : tensor<32x32x24x12xf32>
  %e2 = tensor.empty() : tensor<32x32x24x12xf32>
  %r:2 = linalg.generic {indexing_maps = [#m, #m, #m],
                         iterator_types = ["parallel", "parallel", "parallel",
                                           "parallel"]}
      ins(%w : tensor<32x32x24x12xcomplex<f32>>)
      outs(%e1, %e2 : tensor<32x32x24x12xf32>, tensor<32x32x24x12xf32>) {
  ^bb0(%in: complex<f32>, %o1: f32, %o2: f32):
    %re = complex.re %in : complex<f32>
    %im = complex.im %in : complex<f32>
    linalg.yield %re, %im : f32, f32
  } -> (tensor<32x32x24x12xf32>, tensor<32x32x24x12xf32>)
  return %r#0, %r#1 : tensor<32x32x24x12xf32>, tensor<32x32x24x12xf32>
}

// -----

// Read transposed: the loops cannot be merged, the op stays as it is.
// CHECK-LABEL: func.func @transposed
// CHECK-NOT:     tensor.collapse_shape
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
func.func @transposed(%a: tensor<24x12xcomplex<f32>>) -> tensor<12x24xf32> {
  %e = tensor.empty() : tensor<12x24xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (j, i)>,
                                        affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<24x12xcomplex<f32>>) outs(%e : tensor<12x24xf32>) {
  ^bb0(%in: complex<f32>, %o: f32):
    %re = complex.re %in : complex<f32>
    linalg.yield %re : f32
  } -> tensor<12x24xf32>
  return %r : tensor<12x24xf32>
}
