// The CUDA pipeline on one tessera op: host code in the LLVM dialect that
// allocates host-shared buffers and launches the kernel through the mgpu*
// runtime ABI, and the kernel as sm_90 PTX in a gpu.binary.
// RUN: tessera-opt %s --tessera-cuda-pipeline | FileCheck %s
// The chip and PTX version are options.
// RUN: tessera-opt %s --tessera-cuda-pipeline="chip=sm_80 features=+ptx75 block-size=128" | FileCheck %s --check-prefix=SM80
// Invalid options are errors, not crashes.
// RUN: not tessera-opt %s --tessera-cuda-pipeline="format=elf" 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not tessera-opt %s --tessera-cuda-pipeline="chip=gfx90a" 2>&1 | FileCheck %s --check-prefix=CHIP

// CHECK: module attributes {gpu.container_module}
// CHECK: llvm.func @pau(
// CHECK: llvm.call @mgpuMemAlloc
// CHECK: gpu.launch_func @pau_kernel::@pau_kernel blocks in ({{.*}}) threads in ({{.*}}) : i64 args({{.*}} : !llvm.ptr
// CHECK: llvm.call @mgpuMemFree
// CHECK: llvm.func @_mlir_ciface_pau(
// CHECK: gpu.binary @pau_kernel [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">
// CHECK-SAME: assembly = "
// CHECK-SAME: .target sm_90
// CHECK-SAME: .visible .entry pau_kernel(
// CHECK-SAME: .maxntid 64, 1, 1
// CHECK-SAME: abs.f32
// CHECK-SAME: div.rn.f32
// CHECK-SAME: st.global.b32
// CHECK-NOT: gpu.module
// CHECK-NOT: func.func

// SM80: #nvvm.target<O = 3, chip = "sm_80", features = "+ptx75">
// SM80-SAME: .version 7.5
// SM80-SAME: .target sm_80
// SM80-SAME: .maxntid 128, 1, 1

// FORMAT: tessera-cuda-pipeline: CUDA binary format 'elf' is not one of isa (PTX), bin (cubin), fatbin
// CHIP: tessera-cuda-pipeline: CUDA chip 'gfx90a' is not an sm_XY architecture (e.g. sm_90)

func.func @pau(%x: tensor<4x8xf32>, %p: tensor<6xf32>, %q: tensor<4xf32>) -> tensor<4x8xf32> {
  %y = tessera.pau safe %x, %p, %q : (tensor<4x8xf32>, tensor<6xf32>, tensor<4xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
