// RUN: tessera-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(tessera-inline-alloca-scopes))' | FileCheck %s

// A scope that allocates on the stack: its body between stacksave and
// stackrestore, in the parent block.
// CHECK-LABEL: func.func @with_alloca
// CHECK:         scf.for
// CHECK-NEXT:      %[[SP:.*]] = llvm.intr.stacksave : !llvm.ptr
// CHECK-NEXT:      %[[BUF:.*]] = memref.alloca() : memref<16xf32>
// CHECK-NEXT:      memref.store %{{.*}}, %[[BUF]]
// CHECK-NEXT:      llvm.intr.stackrestore %[[SP]] : !llvm.ptr
// CHECK-NOT:     memref.alloca_scope
func.func @with_alloca(%v: f32, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    memref.alloca_scope {
      %buf = memref.alloca() : memref<16xf32>
      memref.store %v, %buf[%c0] : memref<16xf32>
    }
  }
  return
}

// -----

// Without stack allocations the body is just inlined; results forward.
// CHECK-LABEL: func.func @plain
// CHECK-NEXT:    %[[R:.*]] = arith.addf
// CHECK-NEXT:    return %[[R]]
func.func @plain(%a: f32) -> f32 {
  %r = memref.alloca_scope -> f32 {
    %s = arith.addf %a, %a : f32
    memref.alloca_scope.return %s : f32
  }
  return %r : f32
}
