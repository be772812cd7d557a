// RUN: tessera-opt %s --split-input-file --verify-diagnostics --tessera-gpu-kernels-to-spirv | FileCheck %s

// The SPIR-V module is placed inside its gpu.module (where
// gpu-module-to-binary looks for it); buffers are storage buffers at
// set 0, binding = argument number; math ops become GLSL instructions,
// ctpop BitCount, erf a polynomial, complex values vector<2xf32>.
// CHECK: gpu.module @m [#spirv.target_env
// CHECK-NEXT: spirv.module @__spv__m Logical GLSL450
// CHECK: spirv.func @k(%{{.*}}: !spirv.ptr<!spirv.struct<(!spirv.array<8 x f32, stride=4> [0])>, StorageBuffer> {spirv.interface_var_abi = #spirv.interface_var_abi<(0, 0)>}, %{{.*}}: !spirv.ptr<!spirv.struct<(!spirv.array<8 x i32, stride=4> [0])>, StorageBuffer> {spirv.interface_var_abi = #spirv.interface_var_abi<(0, 1)>}, %{{.*}}: !spirv.ptr<!spirv.struct<(!spirv.array<8 x vector<2xf32>, stride=8> [0])>, StorageBuffer> {spirv.interface_var_abi = #spirv.interface_var_abi<(0, 2)>})
// CHECK: spirv.GL.Exp
// CHECK: spirv.BitCount
// CHECK-NOT: math.erf
// CHECK: spirv.CompositeExtract
// CHECK: gpu.func @k
module attributes {gpu.container_module} {
  gpu.module @m [#spirv.target_env<#spirv.vce<v1.3, [Shader, Int8, Int64], [SPV_KHR_storage_buffer_storage_class]>, api=Vulkan, #spirv.resource_limits<>>] {
    gpu.func @k(%f: memref<8xf32>, %i: memref<8xi32>, %c: memref<8xcomplex<f32>>) kernel attributes {spirv.entry_point_abi = #spirv.entry_point_abi<workgroup_size = [8, 1, 1]>} {
      %t = gpu.thread_id x
      %x = memref.load %f[%t] : memref<8xf32>
      %e = math.exp %x : f32
      %r = math.erf %e : f32
      memref.store %r, %f[%t] : memref<8xf32>
      %n = memref.load %i[%t] : memref<8xi32>
      %p = math.ctpop %n : i32
      memref.store %p, %i[%t] : memref<8xi32>
      %z = memref.load %c[%t] : memref<8xcomplex<f32>>
      %re = complex.re %z : complex<f32>
      memref.store %re, %f[%t] : memref<8xf32>
      gpu.return
    }
  }
}

// -----

// An op without a SPIR-V lowering is named.
module attributes {gpu.container_module} {
  gpu.module @m [#spirv.target_env<#spirv.vce<v1.3, [Shader], [SPV_KHR_storage_buffer_storage_class]>, api=Vulkan, #spirv.resource_limits<>>] {
    gpu.func @k(%f: memref<8xf32>) kernel attributes {spirv.entry_point_abi = #spirv.entry_point_abi<workgroup_size = [8, 1, 1]>} {
      %t = gpu.thread_id x
      %x = memref.load %f[%t] : memref<8xf32>
      // expected-error @below {{failed to legalize operation 'math.cbrt'}}
      %y = math.cbrt %x : f32
      memref.store %y, %f[%t] : memref<8xf32>
      gpu.return
    }
  }
}

// -----

// Workgroup attributions become Workgroup variables; gpu.barrier a control
// barrier.
// CHECK: spirv.GlobalVariable @[[WG:__workgroup_mem__[0-9]+]] : !spirv.ptr<!spirv.struct<(!spirv.array<8 x f32>)>, Workgroup>
// CHECK: spirv.func @wg(
// CHECK: %[[ADDR:.*]] = spirv.mlir.addressof @[[WG]]
// CHECK: spirv.AccessChain %[[ADDR]]
// CHECK: spirv.Store "Workgroup"
// CHECK: spirv.ControlBarrier <Workgroup>, <Workgroup>, <AcquireRelease|WorkgroupMemory>
// CHECK: spirv.Load "Workgroup"
module attributes {gpu.container_module} {
  gpu.module @m [#spirv.target_env<#spirv.vce<v1.3, [Shader], [SPV_KHR_storage_buffer_storage_class]>, api=Vulkan, #spirv.resource_limits<>>] {
    gpu.func @wg(%f: memref<8xf32>) workgroup(%s : memref<8xf32, #gpu.address_space<workgroup>>) kernel attributes {spirv.entry_point_abi = #spirv.entry_point_abi<workgroup_size = [8, 1, 1]>} {
      %t = gpu.thread_id x
      %x = memref.load %f[%t] : memref<8xf32>
      memref.store %x, %s[%t] : memref<8xf32, #gpu.address_space<workgroup>>
      gpu.barrier
      %c0 = arith.constant 0 : index
      %y = memref.load %s[%c0] : memref<8xf32, #gpu.address_space<workgroup>>
      memref.store %y, %f[%t] : memref<8xf32>
      gpu.return
    }
  }
}
