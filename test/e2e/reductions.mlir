// Reductions along their inputs' innermost dimension (a softmax's row
// maximum and sum, means, norms, a total), which
// tessera-cpu-tile-and-vectorize splits into vector accumulators and a
// horizontal reduction per row, at sizes whose rows the lanes do not divide
// (a remainder reduced on its own): default config (16 lanes with
// AVX-512); 8 lanes, 2 threads and small thread slices; scalar code.
// RUN: %check --model %s --entry softmax_rows --golden reductions:softmax_rows --workdir %t --aot --rtol 1e-5 --atol 1e-7
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry softmax_rows --golden reductions:softmax_rows --workdir %t --rtol 1e-5 --atol 1e-7 --extra-args=--num-threads=2
// RUN: env TESSERA_CPU_CODEGEN="vectorize=0" %check --model %s --entry softmax_rows --golden reductions:softmax_rows --workdir %t --rtol 1e-5 --atol 1e-7
// RUN: %check --model %s --entry row_sums_i32 --golden reductions:row_sums_i32 --workdir %t
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry row_sums_i32 --golden reductions:row_sums_i32 --workdir %t --extra-args=--num-threads=2
// RUN: %check --model %s --entry image_means --golden reductions:image_means --workdir %t --rtol 1e-5 --atol 1e-6
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8 parallel-chunks=2 parallel-min-work=1" %check --model %s --entry image_means --golden reductions:image_means --workdir %t --rtol 1e-5 --atol 1e-6 --extra-args=--num-threads=2
// RUN: %check --model %s --entry row_norms_and_mins --golden reductions:row_norms_and_mins --workdir %t --rtol 1e-5 --atol 1e-6
// RUN: env TESSERA_CPU_CODEGEN="vector-width=4" %check --model %s --entry row_norms_and_mins --golden reductions:row_norms_and_mins --workdir %t --rtol 1e-5 --atol 1e-6
// RUN: %check --model %s --entry total --golden reductions:total --workdir %t --rtol 1e-5 --atol 1e-4
// RUN: env TESSERA_CPU_CODEGEN="vector-width=8" %check --model %s --entry total --golden reductions:total --workdir %t --rtol 1e-5 --atol 1e-4

#rows3 = affine_map<(b, i, k) -> (b, i, k)>
#row3 = affine_map<(b, i, k) -> (b, i)>
#rows2 = affine_map<(i, k) -> (i, k)>
#row2 = affine_map<(i, k) -> (i)>

// softmax over the last axis of 3 x 37 rows of 100 (6 vectors of 16 and a
// remainder of 4; 12 of 8 and 4).
func.func @softmax_rows(%x: tensor<3x37x100xf32>) -> tensor<3x37x100xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %e2 = tensor.empty() : tensor<3x37xf32>
  %e3 = tensor.empty() : tensor<3x37x100xf32>
  %minit = linalg.fill ins(%ninf : f32) outs(%e2 : tensor<3x37xf32>) -> tensor<3x37xf32>
  %max = linalg.generic {indexing_maps = [#rows3, #row3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<3x37x100xf32>) outs(%minit : tensor<3x37xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %m = arith.maximumf %acc, %a : f32
    linalg.yield %m : f32
  } -> tensor<3x37xf32>
  %exp = linalg.generic {indexing_maps = [#rows3, #row3, #rows3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %max : tensor<3x37x100xf32>, tensor<3x37xf32>) outs(%e3 : tensor<3x37x100xf32>) {
  ^bb0(%a: f32, %m: f32, %out: f32):
    %d = arith.subf %a, %m : f32
    %v = math.exp %d : f32
    linalg.yield %v : f32
  } -> tensor<3x37x100xf32>
  %sinit = linalg.fill ins(%zero : f32) outs(%e2 : tensor<3x37xf32>) -> tensor<3x37xf32>
  %sum = linalg.generic {indexing_maps = [#rows3, #row3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%exp : tensor<3x37x100xf32>) outs(%sinit : tensor<3x37xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<3x37xf32>
  %y = linalg.generic {indexing_maps = [#rows3, #row3, #rows3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%exp, %sum : tensor<3x37x100xf32>, tensor<3x37xf32>) outs(%e3 : tensor<3x37x100xf32>) {
  ^bb0(%a: f32, %s: f32, %out: f32):
    %v = arith.divf %a, %s : f32
    linalg.yield %v : f32
  } -> tensor<3x37x100xf32>
  return %y : tensor<3x37x100xf32>
}

// Integer sums of 13 rows of 70 and the row maxima (signed), exact.
func.func @row_sums_i32(%x: tensor<13x70xi32>) -> (tensor<13xi32>, tensor<13xi32>) {
  %zero = arith.constant 0 : i32
  %min = arith.constant -2147483648 : i32
  %e = tensor.empty() : tensor<13xi32>
  %z = linalg.fill ins(%zero : i32) outs(%e : tensor<13xi32>) -> tensor<13xi32>
  %sum = linalg.generic {indexing_maps = [#rows2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<13x70xi32>) outs(%z : tensor<13xi32>) {
  ^bb0(%a: i32, %acc: i32):
    %s = arith.addi %acc, %a : i32
    linalg.yield %s : i32
  } -> tensor<13xi32>
  %m0 = linalg.fill ins(%min : i32) outs(%e : tensor<13xi32>) -> tensor<13xi32>
  %max = linalg.generic {indexing_maps = [#rows2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<13x70xi32>) outs(%m0 : tensor<13xi32>) {
  ^bb0(%a: i32, %acc: i32):
    %m = arith.maxsi %acc, %a : i32
    linalg.yield %m : i32
  } -> tensor<13xi32>
  return %sum, %max : tensor<13xi32>, tensor<13xi32>
}

// Means over the rows and columns of NCHW images (two reduction loops,
// merged into one of 9 * 13 = 117).
func.func @image_means(%x: tensor<2x24x9x13xf32>) -> tensor<2x24xf32> {
  %zero = arith.constant 0.0 : f32
  %scale = arith.constant 0.008547008547 : f32
  %e = tensor.empty() : tensor<2x24xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x24xf32>) -> tensor<2x24xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(n, c, h, w) -> (n, c, h, w)>, affine_map<(n, c, h, w) -> (n, c)>], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%x : tensor<2x24x9x13xf32>) outs(%z : tensor<2x24xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<2x24xf32>
  %mean = linalg.generic {indexing_maps = [affine_map<(n, c) -> (n, c)>, affine_map<(n, c) -> (n, c)>], iterator_types = ["parallel", "parallel"]}
      ins(%sum : tensor<2x24xf32>) outs(%e : tensor<2x24xf32>) {
  ^bb0(%a: f32, %out: f32):
    %m = arith.mulf %a, %scale : f32
    linalg.yield %m : f32
  } -> tensor<2x24xf32>
  return %mean : tensor<2x24xf32>
}

// Euclidean norms (squares summed in the body) and minima of 64 rows of
// 48, and of 64 rows of 5 (shorter than a vector: reduced whole).
func.func @row_norms_and_mins(%x: tensor<64x48xf32>, %s: tensor<64x5xf32>) -> (tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) {
  %zero = arith.constant 0.0 : f32
  %inf = arith.constant 0x7F800000 : f32
  %e = tensor.empty() : tensor<64xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  %sq = linalg.generic {indexing_maps = [#rows2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x48xf32>) outs(%z : tensor<64xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %p = arith.mulf %a, %a : f32
    %s2 = arith.addf %acc, %p : f32
    linalg.yield %s2 : f32
  } -> tensor<64xf32>
  %norm = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%sq : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %out: f32):
    %r = math.sqrt %a : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %i = linalg.fill ins(%inf : f32) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  %min = linalg.generic {indexing_maps = [#rows2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x48xf32>) outs(%i : tensor<64xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %m = arith.minimumf %acc, %a : f32
    linalg.yield %m : f32
  } -> tensor<64xf32>
  %smin = linalg.generic {indexing_maps = [#rows2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%s : tensor<64x5xf32>) outs(%i : tensor<64xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %m = arith.minimumf %acc, %a : f32
    linalg.yield %m : f32
  } -> tensor<64xf32>
  return %norm, %min, %smin : tensor<64xf32>, tensor<64xf32>, tensor<64xf32>
}

// The sum of all 10007 elements (a prime: 625 vectors of 16 and 7 left).
func.func @total(%x: tensor<10007xf32>) -> tensor<f32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %sum = linalg.generic {indexing_maps = [affine_map<(k) -> (k)>, affine_map<(k) -> ()>], iterator_types = ["reduction"]}
      ins(%x : tensor<10007xf32>) outs(%z : tensor<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  return %sum : tensor<f32>
}
