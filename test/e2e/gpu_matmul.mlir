// Matmuls large enough for the GPU pipelines' workgroup tiles
// (tessera-gpu-shared-memory-tiling: 32 x 32 tiles of C, K-slices of 32):
// whole tiles, and ragged edges in M, N and K. On the CPU they check the
// goldens; test/e2e/vulkan/gpu_matmul.test replays them on Vulkan with and
// without the tiling.
// RUN: %check --model %s --entry matmul_tiles --golden gpu_matmul:matmul_tiles --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: %check --model %s --entry matmul_ragged --golden gpu_matmul:matmul_ragged --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: %check --model %s --entry batch_matmul_ragged --golden gpu_matmul:batch_matmul_ragged --workdir %t --rtol 1e-4 --atol 1e-4 --aot
// Contractions the GPU tiles as matmuls too: transposed operands, a 1x1
// convolution, several loop dims flattened into M, a batched Q K^T.
// RUN: %check --model %s --entry matmul_transposed_b --golden gpu_matmul:matmul_transposed_b --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: %check --model %s --entry matmul_transposed_a --golden gpu_matmul:matmul_transposed_a --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: %check --model %s --entry conv_1x1 --golden gpu_matmul:conv_1x1 --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: %check --model %s --entry contraction_flattened_m --golden gpu_matmul:contraction_flattened_m --workdir %t --rtol 1e-4 --atol 1e-4
// RUN: %check --model %s --entry batch_qkt --golden gpu_matmul:batch_qkt --workdir %t --rtol 1e-4 --atol 1e-4
// Integer contractions, whose factors the tiles hold in i32: int8 x int8,
// and a quantized linear layer whose activation quantization (per-row
// scale) is computed as A's factor is staged. Exact.
// RUN: %check --model %s --entry matmul_int8 --golden gpu_matmul:matmul_int8 --workdir %t --rtol 0 --atol 0
// RUN: %check --model %s --entry quantized_linear --golden gpu_matmul:quantized_linear --workdir %t --rtol 0 --atol 0
// A contraction whose term is not a product: XNOR-Net's popcount of
// ~(a ^ b) over 32-bit words, K = 70 words (the last slice partial: a pair
// of zero words would count 32 there). Exact.
// RUN: %check --model %s --entry xnor_popcount --golden gpu_matmul:xnor_popcount --workdir %t --rtol 0 --atol 0

func.func @matmul_tiles(%a: tensor<64x96xf32>, %b: tensor<96x128xf32>)
    -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<64x128xf32>)
      -> tensor<64x128xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x96xf32>, tensor<96x128xf32>)
      outs(%c : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// M = 40, K = 70, N = 33: partial tiles on every side; C starts from a
// bias, which the tiles accumulate onto.
func.func @matmul_ragged(%a: tensor<40x70xf32>, %b: tensor<70x33xf32>,
                         %bias: tensor<40x33xf32>) -> tensor<40x33xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<40x70xf32>, tensor<70x33xf32>)
      outs(%bias : tensor<40x33xf32>) -> tensor<40x33xf32>
  return %r : tensor<40x33xf32>
}

func.func @batch_matmul_ragged(%x: tensor<3x37x45xf32>,
                               %w: tensor<3x45x50xf32>)
    -> tensor<3x37x50xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}>
      : () -> tensor<1xf32>
  %m = tosa.matmul %x, %w, %zp, %zp
      : (tensor<3x37x45xf32>, tensor<3x45x50xf32>, tensor<1xf32>,
         tensor<1xf32>) -> tensor<3x37x50xf32>
  return %m : tensor<3x37x50xf32>
}

// x W^T + bias, as a linear layer's matmul (B indexed [n, k]).
func.func @matmul_transposed_b(%x: tensor<40x70xf32>, %w: tensor<33x70xf32>,
                               %bias: tensor<40x33xf32>) -> tensor<40x33xf32> {
  %r = linalg.matmul indexing_maps = [
      affine_map<(d0, d1, d2) -> (d0, d2)>,
      affine_map<(d0, d1, d2) -> (d1, d2)>,
      affine_map<(d0, d1, d2) -> (d0, d1)>]
      ins(%x, %w : tensor<40x70xf32>, tensor<33x70xf32>)
      outs(%bias : tensor<40x33xf32>) -> tensor<40x33xf32>
  return %r : tensor<40x33xf32>
}

// A^T B (A indexed [k, m]).
func.func @matmul_transposed_a(%a: tensor<70x40xf32>, %b: tensor<70x33xf32>)
    -> tensor<40x33xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<40x33xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<40x33xf32>)
      -> tensor<40x33xf32>
  %r = linalg.matmul indexing_maps = [
      affine_map<(d0, d1, d2) -> (d2, d0)>,
      affine_map<(d0, d1, d2) -> (d2, d1)>,
      affine_map<(d0, d1, d2) -> (d0, d1)>]
      ins(%a, %b : tensor<70x40xf32>, tensor<70x33xf32>)
      outs(%c : tensor<40x33xf32>) -> tensor<40x33xf32>
  return %r : tensor<40x33xf32>
}

// A 1x1 convolution (NCHW): the filter plays A (M = 36 output channels),
// the image B (N = 2 x 9 x 11 pixels), so that threads store along W.
func.func @conv_1x1(%x: tensor<2x40x9x11xf32>, %w: tensor<36x40x1x1xf32>)
    -> tensor<2x36x9x11xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x36x9x11xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<2x36x9x11xf32>)
      -> tensor<2x36x9x11xf32>
  %r = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<2x40x9x11xf32>, tensor<36x40x1x1xf32>)
      outs(%c : tensor<2x36x9x11xf32>) -> tensor<2x36x9x11xf32>
  return %r : tensor<2x36x9x11xf32>
}

// y[b, h, w, f] = sum_c x[b, c, h, w] * w[f, c]: M is (b, h, w) = 70.
func.func @contraction_flattened_m(%x: tensor<2x35x5x7xf32>,
                                   %w: tensor<34x35xf32>)
    -> tensor<2x5x7x34xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x5x7x34xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<2x5x7x34xf32>)
      -> tensor<2x5x7x34xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(b, h, w, f, c) -> (b, c, h, w)>,
                       affine_map<(b, h, w, f, c) -> (f, c)>,
                       affine_map<(b, h, w, f, c) -> (b, h, w, f)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel",
                        "reduction"]}
      ins(%x, %w : tensor<2x35x5x7xf32>, tensor<34x35xf32>)
      outs(%c : tensor<2x5x7x34xf32>) {
  ^bb0(%xv: f32, %wv: f32, %acc: f32):
    %p = arith.mulf %wv, %xv : f32
    %s = arith.addf %p, %acc : f32
    linalg.yield %s : f32
  } -> tensor<2x5x7x34xf32>
  return %r : tensor<2x5x7x34xf32>
}

// Attention scores per batch: q k^T (both indexed [b, row, k]).
func.func @batch_qkt(%q: tensor<2x37x40xf32>, %k: tensor<2x33x40xf32>)
    -> tensor<2x37x33xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x37x33xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<2x37x33xf32>)
      -> tensor<2x37x33xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(b, i, j, k) -> (b, i, k)>,
                       affine_map<(b, i, j, k) -> (b, j, k)>,
                       affine_map<(b, i, j, k) -> (b, i, j)>],
      iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%q, %k : tensor<2x37x40xf32>, tensor<2x33x40xf32>)
      outs(%c : tensor<2x37x33xf32>) {
  ^bb0(%qv: f32, %kv: f32, %acc: f32):
    %p = arith.mulf %qv, %kv : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x37x33xf32>
  return %r : tensor<2x37x33xf32>
}

// int8 x int8 accumulated in i32, ragged on every side (M = 40, K = 70,
// N = 33).
func.func @matmul_int8(%a: tensor<40x70xi8>, %b: tensor<70x33xi8>)
    -> tensor<40x33xi32> {
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<40x33xi32>
  %c = linalg.fill ins(%zero : i32) outs(%e : tensor<40x33xi32>)
      -> tensor<40x33xi32>
  %r = linalg.matmul ins(%a, %b : tensor<40x70xi8>, tensor<70x33xi8>)
      outs(%c : tensor<40x33xi32>) -> tensor<40x33xi32>
  return %r : tensor<40x33xi32>
}

// A quantized linear layer: q = clamp(round(x / s[m]), -8, 7) as an
// integer (per-row activation scales), times int8 weights indexed
// [n, k], accumulated in i32.
func.func @quantized_linear(%x: tensor<40x70xf32>, %s: tensor<40xf32>,
                            %w: tensor<33x70xi8>) -> tensor<40x33xi32> {
  %zero = arith.constant 0 : i32
  %lo = arith.constant -8.0 : f32
  %hi = arith.constant 7.0 : f32
  %e = tensor.empty() : tensor<40x33xi32>
  %c = linalg.fill ins(%zero : i32) outs(%e : tensor<40x33xi32>)
      -> tensor<40x33xi32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                       affine_map<(m, n, k) -> (m)>,
                       affine_map<(m, n, k) -> (n, k)>,
                       affine_map<(m, n, k) -> (m, n)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %s, %w : tensor<40x70xf32>, tensor<40xf32>, tensor<33x70xi8>)
      outs(%c : tensor<40x33xi32>) {
  ^bb0(%xv: f32, %sv: f32, %wv: i8, %acc: i32):
    %q = arith.divf %xv, %sv : f32
    %rq = math.roundeven %q : f32
    %l = arith.maximumf %rq, %lo : f32
    %h = arith.minimumf %l, %hi : f32
    %i = arith.fptosi %h : f32 to i8
    %xe = arith.extsi %i : i8 to i32
    %we = arith.extsi %wv : i8 to i32
    %p = arith.muli %xe, %we : i32
    %sum = arith.addi %acc, %p : i32
    linalg.yield %sum : i32
  } -> tensor<40x33xi32>
  return %r : tensor<40x33xi32>
}

// sum_k popcount(~(a[m, k] ^ b[n, k])) over i32 words: M = 40, N = 33,
// K = 70.
func.func @xnor_popcount(%a: tensor<40x70xi32>, %b: tensor<33x70xi32>)
    -> tensor<40x33xi32> {
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<40x33xi32>
  %c = linalg.fill ins(%zero : i32) outs(%e : tensor<40x33xi32>)
      -> tensor<40x33xi32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                       affine_map<(m, n, k) -> (n, k)>,
                       affine_map<(m, n, k) -> (m, n)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<40x70xi32>, tensor<33x70xi32>)
      outs(%c : tensor<40x33xi32>) {
  ^bb0(%av: i32, %bv: i32, %acc: i32):
    %ones = arith.constant -1 : i32
    %x = arith.xori %av, %bv : i32
    %nx = arith.xori %x, %ones : i32
    %p = math.ctpop %nx : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<40x33xi32>
  return %r : tensor<40x33xi32>
}
