// End-to-end numerics of the quant ops (OPERATORS.md section 6) against the
// numpy references of golden/quant.py. Integer outputs are compared exactly.
// 4-bit tensors are stored packed two per byte by compiled code; i4/ui4
// arguments and results travel as int8/uint8 .npy arrays (one value per
// byte) and the runtime packs and unpacks them at the call boundary. Odd
// element counts leave the last byte half used.

// ---- quantize -------------------------------------------------------------

// Per tensor, static: ties at .5 (r / 0.5 = k + 0.5), negatives, saturation
// at both ends, +-inf and NaN (NaN saturates to the low end, as the folder).
// RUN: %check --model %s --entry quantize_i8_static --golden quant:quantize_i8_static --workdir %t --aot
func.func @quantize_i8_static(%x: tensor<6x8xf32>) -> tensor<6x8xi8> {
  %q = tessera.quantize %x scales [0.5] zero_points [3]
      : (tensor<6x8xf32>) -> tensor<6x8xi8>
  return %q : tensor<6x8xi8>
}

// Per tensor, operands (rank-0 scale and zero point). Rank-0 tensors are
// made inside: check.py saves 0-d inputs as shape [1] (np.ascontiguousarray).
// RUN: %check --model %s --entry quantize_i8_operand --golden quant:quantize_i8_operand --workdir %t --aot
func.func @quantize_i8_operand(%x: tensor<5x7xf32>, %s1: tensor<1xf32>,
                               %z1: tensor<1xi32>) -> tensor<5x7xi8> {
  %s = tensor.collapse_shape %s1 [] : tensor<1xf32> into tensor<f32>
  %z = tensor.collapse_shape %z1 [] : tensor<1xi32> into tensor<i32>
  %q = tessera.quantize %x scale %s zero_point %z
      : (tensor<5x7xf32>, tensor<f32>, tensor<i32>) -> tensor<5x7xi8>
  return %q : tensor<5x7xi8>
}

// Per tensor, one-element [1] scale operand, no zero point.
// RUN: %check --model %s --entry quantize_i8_scale1 --golden quant:quantize_i8_scale1 --workdir %t --aot
func.func @quantize_i8_scale1(%x: tensor<13xf32>, %s: tensor<1xf32>)
    -> tensor<13xi8> {
  %q = tessera.quantize %x scale %s : (tensor<13xf32>, tensor<1xf32>)
      -> tensor<13xi8>
  return %q : tensor<13xi8>
}

// Per axis 1 of a rank-3 tensor, operands.
// RUN: %check --model %s --entry quantize_i8_axis --golden quant:quantize_i8_axis --workdir %t --aot
func.func @quantize_i8_axis(%x: tensor<2x5x3xf32>, %s: tensor<5xf32>,
                            %z: tensor<5xi32>) -> tensor<2x5x3xi8> {
  %q = tessera.quantize %x scale %s zero_point %z axis 1
      : (tensor<2x5x3xf32>, tensor<5xf32>, tensor<5xi32>) -> tensor<2x5x3xi8>
  return %q : tensor<2x5x3xi8>
}

// Per axis 0, static attributes.
// RUN: %check --model %s --entry quantize_i8_axis_static --golden quant:quantize_i8_axis_static --workdir %t --aot
func.func @quantize_i8_axis_static(%x: tensor<3x9xf32>) -> tensor<3x9xi8> {
  %q = tessera.quantize %x scales [0.5, 0.25, 1.5] zero_points [0, -5, 7]
      axis 0 : (tensor<3x9xf32>) -> tensor<3x9xi8>
  return %q : tensor<3x9xi8>
}

// ui8 with zero point 128 (static) and saturation at 0 and 255.
// RUN: %check --model %s --entry quantize_ui8_zp128 --golden quant:quantize_ui8_zp128 --workdir %t --aot
func.func @quantize_ui8_zp128(%x: tensor<4x10xf32>) -> tensor<4x10xui8> {
  %q = tessera.quantize %x scales [0.25] zero_points [128]
      : (tensor<4x10xf32>) -> tensor<4x10xui8>
  return %q : tensor<4x10xui8>
}

// ui8 per axis (last axis), operands.
// RUN: %check --model %s --entry quantize_ui8_axis --golden quant:quantize_ui8_axis --workdir %t --aot
func.func @quantize_ui8_axis(%x: tensor<6x4xf32>, %s: tensor<4xf32>,
                             %z: tensor<4xi32>) -> tensor<6x4xui8> {
  %q = tessera.quantize %x scale %s zero_point %z axis 1
      : (tensor<6x4xf32>, tensor<4xf32>, tensor<4xi32>) -> tensor<6x4xui8>
  return %q : tensor<6x4xui8>
}

// ---- dequantize -----------------------------------------------------------

// RUN: %check --model %s --entry dequantize_i8_static --golden quant:dequantize_i8_static --workdir %t --aot
func.func @dequantize_i8_static(%q: tensor<4x16xi8>) -> tensor<4x16xf32> {
  %r = tessera.dequantize %q scales [0.05] zero_points [-3]
      : (tensor<4x16xi8>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// RUN: %check --model %s --entry dequantize_ui8_zp128 --golden quant:dequantize_ui8_zp128 --workdir %t --aot
func.func @dequantize_ui8_zp128(%q: tensor<3x11xui8>) -> tensor<3x11xf32> {
  %r = tessera.dequantize %q scales [0.125] zero_points [128]
      : (tensor<3x11xui8>) -> tensor<3x11xf32>
  return %r : tensor<3x11xf32>
}

// RUN: %check --model %s --entry dequantize_i8_axis --golden quant:dequantize_i8_axis --workdir %t --aot
func.func @dequantize_i8_axis(%q: tensor<5x3x2xi8>, %s: tensor<5xf32>,
                              %z: tensor<5xi32>) -> tensor<5x3x2xf32> {
  %r = tessera.dequantize %q scale %s zero_point %z axis 0
      : (tensor<5x3x2xi8>, tensor<5xf32>, tensor<5xi32>) -> tensor<5x3x2xf32>
  return %r : tensor<5x3x2xf32>
}

// RUN: %check --model %s --entry dequantize_ui8_operand --golden quant:dequantize_ui8_operand --workdir %t --aot
func.func @dequantize_ui8_operand(%q: tensor<17xui8>, %s1: tensor<1xf32>,
                                  %z1: tensor<1xi32>) -> tensor<17xf32> {
  %s = tensor.collapse_shape %s1 [] : tensor<1xf32> into tensor<f32>
  %z = tensor.collapse_shape %z1 [] : tensor<1xi32> into tensor<i32>
  %r = tessera.dequantize %q scale %s zero_point %z
      : (tensor<17xui8>, tensor<f32>, tensor<i32>) -> tensor<17xf32>
  return %r : tensor<17xf32>
}

// ---- 4-bit round trips ----------------------------------------------------

// i4: quantize (ties, saturation at -8 and 7) then dequantize.
// RUN: %check --model %s --entry roundtrip_i4 --golden quant:roundtrip_i4 --workdir %t --aot
func.func @roundtrip_i4(%x: tensor<3x8xf32>) -> tensor<3x8xf32> {
  %q = tessera.quantize %x scales [0.5] zero_points [1]
      : (tensor<3x8xf32>) -> tensor<3x8xi4>
  %r = tessera.dequantize %q scales [0.5] zero_points [1]
      : (tensor<3x8xi4>) -> tensor<3x8xf32>
  return %r : tensor<3x8xf32>
}

// ui4 per axis 1 with operands: saturation at 0 and 15.
// RUN: %check --model %s --entry roundtrip_ui4_axis --golden quant:roundtrip_ui4_axis --workdir %t --aot
func.func @roundtrip_ui4_axis(%x: tensor<5x3xf32>, %s: tensor<3xf32>,
                              %z: tensor<3xi32>) -> tensor<5x3xf32> {
  %q = tessera.quantize %x scale %s zero_point %z axis 1
      : (tensor<5x3xf32>, tensor<3xf32>, tensor<3xi32>) -> tensor<5x3xui4>
  %r = tessera.dequantize %q scale %s zero_point %z axis 1
      : (tensor<5x3xui4>, tensor<3xf32>, tensor<3xi32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// si4 (explicitly signed) per tensor.
// RUN: %check --model %s --entry roundtrip_si4 --golden quant:roundtrip_si4 --workdir %t --aot
func.func @roundtrip_si4(%x: tensor<16xf32>) -> tensor<16xf32> {
  %q = tessera.quantize %x scales [0.25] zero_points [-2]
      : (tensor<16xf32>) -> tensor<16xsi4>
  %r = tessera.dequantize %q scales [0.25] zero_points [-2]
      : (tensor<16xsi4>) -> tensor<16xf32>
  return %r : tensor<16xf32>
}

// si8 / ui8 quantize -> dequantize chains (explicitly signed storage).
// RUN: %check --model %s --entry roundtrip_si8 --golden quant:roundtrip_si8 --workdir %t --aot
func.func @roundtrip_si8(%x: tensor<20xf32>) -> tensor<20xf32> {
  %q = tessera.quantize %x scales [0.1] zero_points [10]
      : (tensor<20xf32>) -> tensor<20xsi8>
  %r = tessera.dequantize %q scales [0.1] zero_points [10]
      : (tensor<20xsi8>) -> tensor<20xf32>
  return %r : tensor<20xf32>
}

// ---- 4-bit arguments and results -------------------------------------------

// i4 result, 7x5 (35 values: 18 bytes, the last one half used): ties,
// saturation at -8 and 7.
// RUN: %check --model %s --entry quantize_i4_result --golden quant:quantize_i4_result --workdir %t --aot
func.func @quantize_i4_result(%x: tensor<7x5xf32>) -> tensor<7x5xi4> {
  %q = tessera.quantize %x scales [0.5] zero_points [1]
      : (tensor<7x5xf32>) -> tensor<7x5xi4>
  return %q : tensor<7x5xi4>
}

// ui4 result per axis 1 with operands, 3x5, saturation at 0 and 15.
// RUN: %check --model %s --entry quantize_ui4_axis_result --golden quant:quantize_ui4_axis_result --workdir %t --aot
func.func @quantize_ui4_axis_result(%x: tensor<3x5xf32>, %s: tensor<5xf32>,
                                    %z: tensor<5xi32>) -> tensor<3x5xui4> {
  %q = tessera.quantize %x scale %s zero_point %z axis 1
      : (tensor<3x5xf32>, tensor<5xf32>, tensor<5xi32>) -> tensor<3x5xui4>
  return %q : tensor<3x5xui4>
}

// i4 argument, 7x5, every value in [-8, 7].
// RUN: %check --model %s --entry dequantize_i4_arg --golden quant:dequantize_i4_arg --workdir %t --aot
func.func @dequantize_i4_arg(%q: tensor<7x5xi4>) -> tensor<7x5xf32> {
  %r = tessera.dequantize %q scales [0.25] zero_points [-3]
      : (tensor<7x5xi4>) -> tensor<7x5xf32>
  return %r : tensor<7x5xf32>
}

// ui4 argument, rank 1 with 13 values, per-tensor operands.
// RUN: %check --model %s --entry dequantize_ui4_arg --golden quant:dequantize_ui4_arg --workdir %t --aot
func.func @dequantize_ui4_arg(%q: tensor<13xui4>, %s: tensor<1xf32>,
                              %z: tensor<1xi32>) -> tensor<13xf32> {
  %r = tessera.dequantize %q scale %s zero_point %z
      : (tensor<13xui4>, tensor<1xf32>, tensor<1xi32>) -> tensor<13xf32>
  return %r : tensor<13xf32>
}

// i4 x ui4 arguments -> i32, odd M x K x N = 7 x 5 x 3.
// RUN: %check --model %s --entry qmatmul_i4_args --golden quant:qmatmul_i4_args --workdir %t --aot
func.func @qmatmul_i4_args(%a: tensor<7x5xi4>, %b: tensor<5x3xui4>)
    -> tensor<7x3xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = -1 : i64, b_zero_point = 8 : i64}
      : (tensor<7x5xi4>, tensor<5x3xui4>) -> tensor<7x3xi32>
  return %c : tensor<7x3xi32>
}

// i4 x i4 arguments -> f32 with per-row / per-column scales.
// RUN: %check --model %s --entry qmatmul_i4_args_f32 --golden quant:qmatmul_i4_args_f32 --workdir %t --aot
func.func @qmatmul_i4_args_f32(%a: tensor<3x9xi4>, %b: tensor<9x5xi4>,
                               %sa: tensor<3xf32>, %sb: tensor<5xf32>)
    -> tensor<3x5xf32> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb)
      : (tensor<3x9xi4>, tensor<9x5xi4>, tensor<3xf32>, tensor<5xf32>)
      -> tensor<3x5xf32>
  return %c : tensor<3x5xf32>
}

// i4 in and out: a transpose (element k of the result comes from a byte
// and nibble unrelated to k's), the input returned as is (a copy of the
// packed bytes) and a rank-0 i4 slice.
// RUN: %check --model %s --entry i4_transpose_passthrough --golden quant:i4_transpose_passthrough --workdir %t --aot
func.func @i4_transpose_passthrough(%q: tensor<7x5xi4>)
    -> (tensor<5x7xi4>, tensor<7x5xi4>, tensor<i4>) {
  %e = tensor.empty() : tensor<5x7xi4>
  %t = linalg.transpose ins(%q : tensor<7x5xi4>) outs(%e : tensor<5x7xi4>)
      permutation = [1, 0]
  %s = tensor.extract_slice %q[3, 1] [1, 1] [1, 1]
      : tensor<7x5xi4> to tensor<1x1xi4>
  %r = tensor.collapse_shape %s [] : tensor<1x1xi4> into tensor<i4>
  return %t, %q, %r : tensor<5x7xi4>, tensor<7x5xi4>, tensor<i4>
}

// Requantization i4 -> ui4 through f32, both at the boundary.
// RUN: %check --model %s --entry requantize_i4_to_ui4 --golden quant:requantize_i4_to_ui4 --workdir %t --aot
func.func @requantize_i4_to_ui4(%q: tensor<3x3xi4>) -> tensor<3x3xui4> {
  %r = tessera.dequantize %q scales [0.5] zero_points [0]
      : (tensor<3x3xi4>) -> tensor<3x3xf32>
  %u = tessera.quantize %r scales [0.5] zero_points [8]
      : (tensor<3x3xf32>) -> tensor<3x3xui4>
  return %u : tensor<3x3xui4>
}

// ---- qmatmul --------------------------------------------------------------

// i8 x i8 -> i32 with zero points, odd M x K x N = 7 x 5 x 13.
// RUN: %check --model %s --entry qmatmul_i32_zp --golden quant:qmatmul_i32_zp --workdir %t --aot
func.func @qmatmul_i32_zp(%a: tensor<7x5xi8>, %b: tensor<5x13xi8>)
    -> tensor<7x13xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 3 : i64, b_zero_point = -7 : i64}
      : (tensor<7x5xi8>, tensor<5x13xi8>) -> tensor<7x13xi32>
  return %c : tensor<7x13xi32>
}

// i8 x i8 -> i32, no zero points, extreme values (-128 * -128 sums).
// RUN: %check --model %s --entry qmatmul_i32 --golden quant:qmatmul_i32 --workdir %t --aot
func.func @qmatmul_i32(%a: tensor<4x33xi8>, %b: tensor<33x6xi8>)
    -> tensor<4x6xi32> {
  %c = tessera.qmatmul %a, %b : (tensor<4x33xi8>, tensor<33x6xi8>)
      -> tensor<4x6xi32>
  return %c : tensor<4x6xi32>
}

// ui8 x i8 -> i32, a_zero_point 128 and b_zero_point 5.
// RUN: %check --model %s --entry qmatmul_u8i8_i32 --golden quant:qmatmul_u8i8_i32 --workdir %t --aot
func.func @qmatmul_u8i8_i32(%a: tensor<7x5xui8>, %b: tensor<5x13xi8>)
    -> tensor<7x13xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 128 : i64, b_zero_point = 5 : i64}
      : (tensor<7x5xui8>, tensor<5x13xi8>) -> tensor<7x13xi32>
  return %c : tensor<7x13xi32>
}

// Register tiles big enough for quads of k (vpdpbusd where the host has
// it: CPUCodegenConfig::intDotQuads) and pairs (pmaddwd: intDotPairs): odd
// K (a last single step), M and N that leave remainder tiles, N split
// around the packed panels; the same in pairs, and with neither (one
// 32-bit multiply per product).
// RUN: %check --model %s --entry qmatmul_pairs_i8 --golden quant:qmatmul_pairs_i8 --workdir %t --aot
// RUN: env TESSERA_CPU_CODEGEN=int-dot-quads=false %check --model %s --entry qmatmul_pairs_i8 --golden quant:qmatmul_pairs_i8 --workdir %t
// RUN: env "TESSERA_CPU_CODEGEN=int-dot-quads=false int-dot-pairs=false" %check --model %s --entry qmatmul_pairs_i8 --golden quant:qmatmul_pairs_i8 --workdir %t
// i32 register tiles three vectors wide, in quads and in pairs.
// RUN: env "TESSERA_CPU_CODEGEN=mr=4 nr=48" %check --model %s --entry qmatmul_pairs_i8 --golden quant:qmatmul_pairs_i8 --workdir %t
// RUN: env "TESSERA_CPU_CODEGEN=mr=4 nr=48 kr=2 int-dot-quads=false" %check --model %s --entry qmatmul_pairs_i8 --golden quant:qmatmul_pairs_i8 --workdir %t
func.func @qmatmul_pairs_i8(%a: tensor<37x67xi8>, %b: tensor<67x80xi8>)
    -> tensor<37x80xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 3 : i64, b_zero_point = -7 : i64}
      : (tensor<37x67xi8>, tensor<67x80xi8>) -> tensor<37x80xi32>
  return %c : tensor<37x80xi32>
}

// ui8 (widened to i16 first, zero-extended) x i8, in pairs of k and not.
// RUN: %check --model %s --entry qmatmul_pairs_u8i8 --golden quant:qmatmul_pairs_u8i8 --workdir %t
// RUN: env TESSERA_CPU_CODEGEN=int-dot-pairs=false %check --model %s --entry qmatmul_pairs_u8i8 --golden quant:qmatmul_pairs_u8i8 --workdir %t
func.func @qmatmul_pairs_u8i8(%a: tensor<24x130xui8>, %b: tensor<130x48xi8>)
    -> tensor<24x48xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 128 : i64, b_zero_point = 5 : i64}
      : (tensor<24x130xui8>, tensor<130x48xi8>) -> tensor<24x48xi32>
  return %c : tensor<24x48xi32>
}

// ui8 x ui8: both operands widened (255 * 255 pairs).
// RUN: %check --model %s --entry qmatmul_pairs_u8u8 --golden quant:qmatmul_pairs_u8u8 --workdir %t
func.func @qmatmul_pairs_u8u8(%a: tensor<20x36xui8>, %b: tensor<36x64xui8>)
    -> tensor<20x64xi32> {
  %c = tessera.qmatmul %a, %b : (tensor<20x36xui8>, tensor<36x64xui8>)
      -> tensor<20x64xi32>
  return %c : tensor<20x64xi32>
}

// i4 x ui4 in quads and pairs of k (widened to bytes first).
// RUN: %check --model %s --entry qmatmul_pairs_i4 --golden quant:qmatmul_pairs_i4 --workdir %t
// RUN: env TESSERA_CPU_CODEGEN=int-dot-quads=false %check --model %s --entry qmatmul_pairs_i4 --golden quant:qmatmul_pairs_i4 --workdir %t
func.func @qmatmul_pairs_i4(%a: tensor<40x64xi4>, %b: tensor<64x96xui4>)
    -> tensor<40x96xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = -1 : i64, b_zero_point = 8 : i64}
      : (tensor<40x64xi4>, tensor<64x96xui4>) -> tensor<40x96xi32>
  return %c : tensor<40x96xi32>
}

// int4 operands widened with vectors (tessera-cpu-widen-packed-ints): a's
// 67584 values by rows split among the threads, b's rows of 40 in steps of
// 32 bits (8 values); the runtime packs both from one value per byte.
// RUN: %check --model %s --entry qmatmul_i4_widened --golden quant:qmatmul_i4_widened --workdir %t
// RUN: %check --model %s --entry qmatmul_i4_widened --golden quant:qmatmul_i4_widened --workdir %t --aot
func.func @qmatmul_i4_widened(%a: tensor<96x704xi4>, %b: tensor<704x40xui4>)
    -> tensor<96x40xi32> {
  %c = tessera.qmatmul %a, %b {a_zero_point = 2 : i64, b_zero_point = 7 : i64}
      : (tensor<96x704xi4>, tensor<704x40xui4>) -> tensor<96x40xi32>
  return %c : tensor<96x40xi32>
}

// ui8 x i8 -> f32 with per-row scales of a and per-column scales of b.
// RUN: %check --model %s --entry qmatmul_u8i8_f32 --golden quant:qmatmul_u8i8_f32 --workdir %t --aot
func.func @qmatmul_u8i8_f32(%a: tensor<7x5xui8>, %b: tensor<5x13xi8>,
                            %sa: tensor<7xf32>, %sb: tensor<13xf32>)
    -> tensor<7x13xf32> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) {a_zero_point = 128 : i64}
      : (tensor<7x5xui8>, tensor<5x13xi8>, tensor<7xf32>, tensor<13xf32>)
      -> tensor<7x13xf32>
  return %c : tensor<7x13xf32>
}

// i8 x i8 -> f32 with a rank-0 and a one-element scale, only b_zero_point.
// RUN: %check --model %s --entry qmatmul_f32_scalar --golden quant:qmatmul_f32_scalar --workdir %t --aot
func.func @qmatmul_f32_scalar(%a: tensor<3x16xi8>, %b: tensor<16x5xi8>,
                              %sa1: tensor<1xf32>, %sb: tensor<1xf32>)
    -> tensor<3x5xf32> {
  %sa = tensor.collapse_shape %sa1 [] : tensor<1xf32> into tensor<f32>
  %c = tessera.qmatmul %a, %b scales(%sa, %sb)
      {b_zero_point = 2 : i64}
      : (tensor<3x16xi8>, tensor<16x5xi8>, tensor<f32>, tensor<1xf32>)
      -> tensor<3x5xf32>
  return %c : tensor<3x5xf32>
}

// Requantized i8 (QLinearMatMul) with per-row a scales, saturating.
// RUN: %check --model %s --entry qmatmul_requant_i8 --golden quant:qmatmul_requant_i8 --workdir %t --aot
func.func @qmatmul_requant_i8(%a: tensor<7x5xi8>, %b: tensor<5x13xi8>,
                              %sa: tensor<7xf32>, %sb1: tensor<1xf32>,
                              %so1: tensor<1xf32>) -> tensor<7x13xi8> {
  %sb = tensor.collapse_shape %sb1 [] : tensor<1xf32> into tensor<f32>
  %so = tensor.collapse_shape %so1 [] : tensor<1xf32> into tensor<f32>
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so
      {a_zero_point = 2 : i64, b_zero_point = -3 : i64, out_zero_point = -10 : i64}
      : (tensor<7x5xi8>, tensor<5x13xi8>, tensor<7xf32>, tensor<f32>,
         tensor<f32>) -> tensor<7x13xi8>
  return %c : tensor<7x13xi8>
}

// Requantized ui8 from ui8 x ui8, per-column b scales, out zero point 128.
// RUN: %check --model %s --entry qmatmul_requant_u8 --golden quant:qmatmul_requant_u8 --workdir %t --aot
func.func @qmatmul_requant_u8(%a: tensor<6x9xui8>, %b: tensor<9x11xui8>,
                              %sa: tensor<1xf32>, %sb: tensor<11xf32>,
                              %so: tensor<1xf32>) -> tensor<6x11xui8> {
  %c = tessera.qmatmul %a, %b scales(%sa, %sb) out_scale %so
      {a_zero_point = 120 : i64, b_zero_point = 131 : i64, out_zero_point = 128 : i64}
      : (tensor<6x9xui8>, tensor<9x11xui8>, tensor<1xf32>, tensor<11xf32>,
         tensor<1xf32>) -> tensor<6x11xui8>
  return %c : tensor<6x11xui8>
}

// 4-bit: a quantized to i4, b to ui4 (zero point 8), int32 result.
// RUN: %check --model %s --entry qmatmul_i4 --golden quant:qmatmul_i4 --workdir %t --aot
func.func @qmatmul_i4(%x: tensor<7x13xf32>, %w: tensor<13x5xf32>)
    -> tensor<7x5xi32> {
  %a = tessera.quantize %x scales [0.25] zero_points [-1]
      : (tensor<7x13xf32>) -> tensor<7x13xi4>
  %b = tessera.quantize %w scales [0.5] zero_points [8]
      : (tensor<13x5xf32>) -> tensor<13x5xui4>
  %c = tessera.qmatmul %a, %b {a_zero_point = -1 : i64, b_zero_point = 8 : i64}
      : (tensor<7x13xi4>, tensor<13x5xui4>) -> tensor<7x5xi32>
  return %c : tensor<7x5xi32>
}

// 4-bit Hadamard quantizer (Xi et al.): hadamard -> quantize(i4) -> qmatmul
// -> f32 with per-row / per-column scales.
// RUN: %check --model %s --entry qmatmul_hadamard_i4 --golden quant:qmatmul_hadamard_i4 --workdir %t --aot
func.func @qmatmul_hadamard_i4(%x: tensor<5x64xf32>, %wt: tensor<64x3xf32>,
                               %sx: tensor<5xf32>, %sw: tensor<3xf32>)
    -> tensor<5x3xf32> {
  %xh = tessera.hadamard %x block 32 : tensor<5x64xf32>
  %xq = tessera.quantize %xh scale %sx axis 0
      : (tensor<5x64xf32>, tensor<5xf32>) -> tensor<5x64xi4>
  %wq = tessera.quantize %wt scale %sw axis 1
      : (tensor<64x3xf32>, tensor<3xf32>) -> tensor<64x3xi4>
  %y = tessera.qmatmul %xq, %wq scales(%sx, %sw)
      : (tensor<5x64xi4>, tensor<64x3xi4>, tensor<5xf32>, tensor<3xf32>)
      -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}

// ---- hadamard -------------------------------------------------------------
// The reference is float64; an f32 sum of bs terms of size ~1 that cancels
// to ~1e-3 has a relative error above 1e-4, hence --atol 1e-5 (values ~1).

// RUN: %check --model %s --entry hadamard_b1 --golden quant:hadamard_b1 --workdir %t --aot
func.func @hadamard_b1(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %y = tessera.hadamard %x block 1 : tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// RUN: %check --model %s --entry hadamard_b2 --golden quant:hadamard_b2 --workdir %t --aot --atol 1e-5
func.func @hadamard_b2(%x: tensor<3x6xf32>) -> tensor<3x6xf32> {
  %y = tessera.hadamard %x block 2 : tensor<3x6xf32>
  return %y : tensor<3x6xf32>
}

// RUN: %check --model %s --entry hadamard_b32 --golden quant:hadamard_b32 --workdir %t --aot --atol 1e-5
func.func @hadamard_b32(%x: tensor<2x3x96xf32>) -> tensor<2x3x96xf32> {
  %y = tessera.hadamard %x block 32 : tensor<2x3x96xf32>
  return %y : tensor<2x3x96xf32>
}

// Rank 1, one block covering the whole dim.
// RUN: %check --model %s --entry hadamard_rank1 --golden quant:hadamard_rank1 --workdir %t --aot --atol 1e-5
func.func @hadamard_rank1(%x: tensor<16xf32>) -> tensor<16xf32> {
  %y = tessera.hadamard %x block 16 : tensor<16xf32>
  return %y : tensor<16xf32>
}

// H H = I: two transforms give the input back (up to rounding).
// RUN: %check --model %s --entry hadamard_twice --golden quant:hadamard_twice --workdir %t --aot --atol 1e-5
func.func @hadamard_twice(%x: tensor<4x64xf32>) -> tensor<4x64xf32> {
  %y = tessera.hadamard %x block 32 : tensor<4x64xf32>
  %z = tessera.hadamard %y block 32 : tensor<4x64xf32>
  return %z : tensor<4x64xf32>
}

// ---- power_quantize / power_dequantize -------------------------------------

// RUN: %check --model %s --entry power_quantize_i8 --golden quant:power_quantize_i8_a05 --workdir %t --aot
// RUN: %check --model %s --entry power_quantize_i8 --golden quant:power_quantize_i8_zero --workdir %t --aot
func.func @power_quantize_i8(%x: tensor<5x9xf32>) -> (tensor<5x9xi8>, tensor<f32>) {
  %q, %s = tessera.power_quantize %x exponent 0.5
      : (tensor<5x9xf32>) -> (tensor<5x9xi8>, tensor<f32>)
  return %q, %s : tensor<5x9xi8>, tensor<f32>
}

// a = 1: uniform symmetric quantization.
// RUN: %check --model %s --entry power_quantize_i8_a1 --golden quant:power_quantize_i8_a1 --workdir %t --aot
func.func @power_quantize_i8_a1(%x: tensor<23xf32>) -> (tensor<23xi8>, tensor<f32>) {
  %q, %s = tessera.power_quantize %x exponent 1.0
      : (tensor<23xf32>) -> (tensor<23xi8>, tensor<f32>)
  return %q, %s : tensor<23xi8>, tensor<f32>
}

// RUN: %check --model %s --entry power_dequantize_i8 --golden quant:power_dequantize_i8_a05 --workdir %t --aot
func.func @power_dequantize_i8(%q: tensor<4x8xi8>, %s1: tensor<1xf32>) -> tensor<4x8xf32> {
  %s = tensor.collapse_shape %s1 [] : tensor<1xf32> into tensor<f32>
  %x = tessera.power_dequantize %q, %s exponent 0.5
      : (tensor<4x8xi8>, tensor<f32>) -> tensor<4x8xf32>
  return %x : tensor<4x8xf32>
}

// i4 round trip (a = 0.5 and 1, plus an all-zero input); returns the
// dequantized values and the scale.
// RUN: %check --model %s --entry power_roundtrip_i4_a05 --golden quant:power_roundtrip_i4_a05 --workdir %t --aot
// RUN: %check --model %s --entry power_roundtrip_i4_a05 --golden quant:power_roundtrip_i4_zero --workdir %t --aot
func.func @power_roundtrip_i4_a05(%x: tensor<3x7xf32>) -> (tensor<3x7xf32>, tensor<f32>) {
  %q, %s = tessera.power_quantize %x exponent 0.5
      : (tensor<3x7xf32>) -> (tensor<3x7xi4>, tensor<f32>)
  %r = tessera.power_dequantize %q, %s exponent 0.5
      : (tensor<3x7xi4>, tensor<f32>) -> tensor<3x7xf32>
  return %r, %s : tensor<3x7xf32>, tensor<f32>
}

// RUN: %check --model %s --entry power_roundtrip_si4_a1 --golden quant:power_roundtrip_si4_a1 --workdir %t --aot
func.func @power_roundtrip_si4_a1(%x: tensor<19xf32>) -> (tensor<19xf32>, tensor<f32>) {
  %q, %s = tessera.power_quantize %x exponent 1.0
      : (tensor<19xf32>) -> (tensor<19xsi4>, tensor<f32>)
  %r = tessera.power_dequantize %q, %s exponent 1.0
      : (tensor<19xsi4>, tensor<f32>) -> tensor<19xf32>
  return %r, %s : tensor<19xf32>, tensor<f32>
}
