// Which reductions are contractions for the tuner: two different operands,
// one shared by a register tile's columns and one by its rows (A[m, k] x
// B[k, n]). XNOR's popcount contraction of packed bits is a `low-bit`
// kernel whose work counts one multiply-add per bit (64 per i64 word:
// 2 x 16 x 64 x 9 x 64 = 1179648 flops); the bit packing before it and a
// mean read one operand and are reductions, not contractions (they were
// taken for spectral contractions and offered contraction knobs).
// RUN: tessera-opt %s --tessera-print-tuning-space="vector-width=16 registers=32 cores=2 l1-kb=48 l2-kb=1024 l3-kb=32768 library=true limit=2" -o /dev/null | FileCheck %s

// CHECK: kernel 0: generic 16x64x9 i64 (batch 1, m 16, n 64, k 9)
// CHECK-NEXT: class: low-bit, 1179648 flops
// CHECK: knob mr:
// CHECK: kernel 1: generic 64x9x64 i64
// CHECK-NEXT: class: elementwise/reduction, 36864 flops
// CHECK-NOT: knob mr:
// CHECK: kernel 2: generic 28x28x64 f32
// CHECK-NEXT: class: elementwise/reduction, 50176 flops
// CHECK-NOT: knob mr:
func.func @xnor(%a: tensor<64x9xi64>, %w: tensor<16x9xi64>, %bits: tensor<64xi64>,
                %x: tensor<64x576xf32>, %img: tensor<28x28x64xf32>)
    -> (tensor<16x64xi64>, tensor<64x9xi64>, tensor<28x28xf32>) {
  %c0 = arith.constant 0 : i64
  %e = tensor.empty() : tensor<16x64xi64>
  %z = linalg.fill ins(%c0 : i64) outs(%e : tensor<16x64xi64>) -> tensor<16x64xi64>
  %y = linalg.generic {
      indexing_maps = [affine_map<(c, p, k) -> (p, k)>, affine_map<(c, p, k) -> (c, k)>,
                       affine_map<(c, p, k) -> (c, p)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %w : tensor<64x9xi64>, tensor<16x9xi64>) outs(%z : tensor<16x64xi64>) {
  ^bb0(%x0: i64, %w0: i64, %acc: i64):
    %m1 = arith.constant -1 : i64
    %xor = arith.xori %x0, %w0 : i64
    %xnor = arith.xori %xor, %m1 : i64
    %pop = math.ctpop %xnor : i64
    %sum = arith.addi %acc, %pop : i64
    linalg.yield %sum : i64
  } -> tensor<16x64xi64>
  // Packs signs into words: one operand (the bit weights), the values
  // gathered by the body.
  %pe = tensor.empty() : tensor<64x9xi64>
  %pz = linalg.fill ins(%c0 : i64) outs(%pe : tensor<64x9xi64>) -> tensor<64x9xi64>
  %packed = linalg.generic {
      indexing_maps = [affine_map<(c, w, b) -> (b)>, affine_map<(c, w, b) -> (c, w)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%bits : tensor<64xi64>) outs(%pz : tensor<64x9xi64>) {
  ^bb0(%bit: i64, %acc: i64):
    %c = linalg.index 0 : index
    %w0 = linalg.index 1 : index
    %b = linalg.index 2 : index
    %c64 = arith.constant 64 : index
    %c575 = arith.constant 575 : index
    %i0 = arith.muli %w0, %c64 : index
    %i1 = arith.addi %i0, %b : index
    %i = arith.minui %i1, %c575 : index
    %v = tensor.extract %x[%c, %i] : tensor<64x576xf32>
    %zero = arith.constant 0.0 : f32
    %pos = arith.cmpf oge, %v, %zero : f32
    %sel = arith.select %pos, %bit, %c0 : i64
    %or = arith.ori %acc, %sel : i64
    linalg.yield %or : i64
  } -> tensor<64x9xi64>
  // A mean over the channels: one operand.
  %fz = arith.constant 0.0 : f32
  %me = tensor.empty() : tensor<28x28xf32>
  %mz = linalg.fill ins(%fz : f32) outs(%me : tensor<28x28xf32>) -> tensor<28x28xf32>
  %mean = linalg.generic {
      indexing_maps = [affine_map<(h, w, c) -> (h, w, c)>, affine_map<(h, w, c) -> (h, w)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%img : tensor<28x28x64xf32>) outs(%mz : tensor<28x28xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %acc, %v : f32
    linalg.yield %s : f32
  } -> tensor<28x28xf32>
  return %y, %packed, %mean : tensor<16x64xi64>, tensor<64x9xi64>, tensor<28x28xf32>
}
