// RUN: tessera-translate --mlir-to-wgsl %s -split-input-file -verify-diagnostics

// Every input WebGPU cannot run is an error naming the op and the reason.

gpu.module @no_block {
  // expected-error @+1 {{needs known_block_size}}
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}

// -----

gpu.module @no_grid {
  // expected-error @+1 {{needs known_grid_size}}
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}

// -----

gpu.module @invocations {
  // expected-error @+1 {{has 512 invocations per workgroup, over the limit maxComputeInvocationsPerWorkgroup = 256}}
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 16, 16, 2>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}

// -----

gpu.module @buffers {
  // expected-error @+1 {{has 9 storage buffers, over maxStorageBuffersPerShaderStage = 8}}
  gpu.func @k(%a0: memref<4xf32>, %a1: memref<4xf32>, %a2: memref<4xf32>, %a3: memref<4xf32>, %a4: memref<4xf32>, %a5: memref<4xf32>, %a6: memref<4xf32>, %a7: memref<4xf32>, %a8: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}

// -----

gpu.module @workgroup_memory {
  // expected-error @+1 {{needs 16400 bytes of workgroup memory, over maxComputeWorkgroupStorageSize = 16384}}
  gpu.func @k(%a: memref<4xf32>) workgroup(%w0: memref<4096xf32, #gpu.address_space<workgroup>>, %w1: memref<3xf32, #gpu.address_space<workgroup>>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}

// -----

gpu.module @grid_y {
  // expected-error @+1 {{has 70000 workgroups in dimension y, over maxComputeWorkgroupsPerDimension = 65535 (only x can be folded)}}
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 70000, 1>} {
    gpu.return
  }
}

// -----

gpu.module @grid_xy {
  // expected-error @+1 {{cannot fold x into y as y is 2}}
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 70000, 2, 1>} {
    gpu.return
  }
}

// -----

gpu.module @grid_barrier {
  // expected-error @+1 {{has 70001 workgroups in x, over maxComputeWorkgroupsPerDimension = 65535, and uses gpu.barrier: its grid cannot be folded with an early exit}}
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 70001, 1, 1>} {
    gpu.barrier
    gpu.return
  }
}

// -----

gpu.module @scalar_arg {
  // expected-error @+1 {{kernel argument #1 has type 'f32': WebGPU kernels take only buffers (memrefs) as arguments}}
  gpu.func @k(%a: memref<4xf32>, %s: f32) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}

// -----

gpu.module @i8_buffer {
  // expected-error @+1 {{kernel argument #0 has type 'memref<16xi8>': WGSL has no 8- or 16-bit storage; narrow integers must be packed into i32 words}}
  gpu.func @k(%a: memref<16xi8>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}

// -----

gpu.module @f64_buffer {
  // expected-error @+1 {{kernel argument #0 has type 'memref<16xf64>': WGSL buffers hold only 32-bit elements}}
  gpu.func @k(%a: memref<16xf64>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}

// -----

gpu.module @dynamic {
  // expected-error @+1 {{kernel argument #0 has type 'memref<?xf32>': dynamic shapes are not supported}}
  gpu.func @k(%a: memref<?xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}

// -----

gpu.module @i64 {
  gpu.func @k(%a: memref<4xi32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %t = gpu.thread_id x
    // expected-error @+1 {{'arith.index_cast' op uses 'i64': WGSL has no integers wider than 32 bits}}
    %w = arith.index_cast %t : index to i64
    gpu.return
  }
}

// -----

gpu.module @f64 {
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %x = memref.load %a[%c0] : memref<4xf32>
    // expected-error @+1 {{'arith.extf' op uses 'f64': WGSL has only f32 (and f16 with 'enable f16') floating-point types}}
    %y = arith.extf %x : f32 to f64
    gpu.return
  }
}

// -----

gpu.module @f16 {
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %x = memref.load %a[%c0] : memref<4xf32>
    // expected-error @+1 {{'arith.truncf' op uses f16, which needs the WGSL extension 'enable f16' (option --wgsl-enable-f16; device feature shader-f16)}}
    %y = arith.truncf %x : f32 to f16
    gpu.return
  }
}

// -----

gpu.module @vector {
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    // expected-error @+1 {{'arith.constant' op uses 'vector<4xf32>': vector types are not translated to WGSL (scalarize first)}}
    %v = arith.constant dense<1.0> : vector<4xf32>
    gpu.return
  }
}

// -----

gpu.module @unknown_op {
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %x = memref.load %a[%c0] : memref<4xf32>
    // expected-error @+1 {{'math.log1p' op has no WGSL translation}}
    %y = math.log1p %x : f32
    gpu.return
  }
}

// -----

gpu.module @view {
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    // expected-error @+1 {{'memref.subview' op has no WGSL translation}}
    %v = memref.subview %a[1] [2] [1] : memref<4xf32> to memref<2xf32, strided<[1], offset: 1>>
    gpu.return
  }
}

// -----

gpu.module @unstructured {
  // expected-error @+1 {{has more than one block: unstructured control flow cannot be expressed in WGSL}}
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    cf.br ^bb1
  ^bb1:
    gpu.return
  }
}

// -----

gpu.module @atomic_float {
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %x = memref.load %a[%c0] : memref<4xf32>
    // expected-error @+1 {{'memref.atomic_rmw' op of kind 'addf' has no WGSL atomic (WGSL has atomic add, and, or, xor, min, max and exchange on i32/u32)}}
    %y = memref.atomic_rmw addf %x, %a[%c0] : (f32, memref<4xf32>) -> f32
    gpu.return
  }
}

// -----

gpu.module @atomic_mixed {
  gpu.func @k(%a: memref<4xi32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : i32
    %x = memref.atomic_rmw maxs %c1, %a[%c0] : (i32, memref<4xi32>) -> i32
    // expected-error @+1 {{mixes signed and unsigned atomic min/max on one memref, which WGSL cannot express}}
    %y = memref.atomic_rmw maxu %c1, %a[%c0] : (i32, memref<4xi32>) -> i32
    gpu.return
  }
}

// -----

gpu.module @atomic_private {
  gpu.func @k(%a: memref<4xi32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : i32
    // expected-error @+1 {{result is used by memref.atomic_rmw: WGSL has atomics only in storage and workgroup memory}}
    %p = memref.alloca() : memref<4xi32>
    %x = memref.atomic_rmw addi %c1, %p[%c0] : (i32, memref<4xi32>) -> i32
    gpu.return
  }
}

// -----

gpu.module @big_index {
  gpu.func @k(%a: memref<4xi32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    // expected-error @+1 {{value 4294967296 does not fit the 32-bit integers that WGSL uses for 'index'}}
    %c = arith.constant 4294967296 : index
    gpu.return
  }
}

// -----

gpu.module @bool_order {
  gpu.func @k(%a: memref<4xi32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %t = arith.constant true
    %f = arith.constant false
    // expected-error @+1 {{with predicate 'slt' on i1 has no WGSL translation}}
    %c = arith.cmpi slt, %t, %f : i1
    gpu.return
  }
}

// -----

gpu.module @narrow_loop {
  gpu.func @k(%a: memref<4xi32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %lb = arith.constant 0 : i16
    %ub = arith.constant 4 : i16
    %st = arith.constant 1 : i16
    // expected-error @+1 {{with a 'i16' induction variable is not supported (index or i32 only)}}
    scf.for %i = %lb to %ub step %st : i16 {
    }
    gpu.return
  }
}

// -----

// expected-error @+1 {{no GPU kernel (gpu.func ... kernel inside a gpu.module) to translate to WGSL}}
module {
  gpu.module @empty {
  }
}

// -----

gpu.module @complex_buffer {
  // expected-error @+1 {{kernel argument #0 has type 'memref<4xcomplex<f32>>': complex numbers must be lowered to pairs of f32 before WGSL translation}}
  gpu.func @k(%a: memref<4xcomplex<f32>>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}

// -----

gpu.module @memref_select {
  gpu.func @k(%a: memref<4xf32>, %b: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
    %t = arith.constant true
    // expected-error @+1 {{'arith.select' op uses a memref value: only memref.load, memref.store and memref.atomic_rmw can access memory in WGSL}}
    %m = arith.select %t, %a, %b : memref<4xf32>
    gpu.return
  }
}

// -----

gpu.module @size_z {
  // expected-error @+1 {{@size_z::@k has 128 invocations in z, over the limit maxComputeWorkgroupSizeZ = 64}}
  gpu.func @k(%a: memref<4xf32>) kernel attributes {known_block_size = array<i32: 1, 1, 128>, known_grid_size = array<i32: 1, 1, 1>} {
    gpu.return
  }
}
