// RUN: tessera-opt %s --tessera-gpu-kernels-to-spirv | FileCheck %s

// SPIR-V has no i4: it is emulated in i32. A sign extension of an i4 to a
// supported type other than i32 is a zero extension and two shifts
// (ArithToSPIRV alone would convert the masked i32 unextended: -3 would
// become 13).
// CHECK: spirv.func @k(
// CHECK-DAG: %[[C60:.*]] = spirv.Constant 60 : i64
// CHECK-DAG: %[[C4:.*]] = spirv.Constant 4 : i8
// CHECK: %[[WORD:.*]] = spirv.Load "StorageBuffer" %{{.*}} : i32
// CHECK: %[[NIBBLE:.*]] = spirv.BitwiseAnd %[[WORD]], %{{.*}} : i32
// CHECK: %[[BYTE:.*]] = spirv.UConvert %[[NIBBLE]] : i32 to i8
// CHECK: %[[UP:.*]] = spirv.ShiftLeftLogical %[[BYTE]], %[[C4]] : i8, i8
// CHECK: %[[DOWN:.*]] = spirv.ShiftRightArithmetic %[[UP]], %[[C4]] : i8, i8
// CHECK: spirv.Store "StorageBuffer" %{{.*}}, %[[DOWN]] : i8
// CHECK: %[[LONG:.*]] = spirv.UConvert %{{.*}} : i32 to i64
// CHECK: %[[UP64:.*]] = spirv.ShiftLeftLogical %[[LONG]], %[[C60]] : i64, i64
// CHECK: spirv.ShiftRightArithmetic %[[UP64]], %[[C60]] : i64, i64
// The i32 case is ArithToSPIRV's own shifts.
// CHECK: %[[C28:.*]] = spirv.Constant 28 : i32
// CHECK: %[[UP32:.*]] = spirv.ShiftLeftLogical %{{.*}}, %[[C28]] : i32, i32
// CHECK: spirv.ShiftRightArithmetic %[[UP32]], %[[C28]] : i32, i32
module attributes {gpu.container_module} {
  gpu.module @m [#spirv.target_env<#spirv.vce<v1.3, [Shader, Int8, Int64, StorageBuffer8BitAccess], [SPV_KHR_storage_buffer_storage_class, SPV_KHR_8bit_storage]>, api=Vulkan, #spirv.resource_limits<>>] {
    gpu.func @k(%words: memref<2xi32>, %bytes: memref<16xi8>, %longs: memref<16xi64>) kernel attributes {spirv.entry_point_abi = #spirv.entry_point_abi<workgroup_size = [16, 1, 1]>} {
      %t = gpu.thread_id x
      %c0 = arith.constant 0 : index
      %w = memref.load %words[%c0] : memref<2xi32>
      %n = arith.trunci %w : i32 to i4
      %b = arith.extsi %n : i4 to i8
      memref.store %b, %bytes[%t] : memref<16xi8>
      %l = arith.extsi %n : i4 to i64
      memref.store %l, %longs[%t] : memref<16xi64>
      %i = arith.extsi %n : i4 to i32
      memref.store %i, %words[%c0] : memref<2xi32>
      gpu.return
    }
  }
}
