// RUN: tessera-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(tessera-cpu-parallelize))' | FileCheck %s

// A thread-slice forall becomes an scf.parallel loop. The scratch buffer
// that only its iterations use (hoisted out of it by buffer-loop-hoisting)
// moves back into the body, on the stack, together with its view; the
// output buffer, used after the loop too, stays shared.
// CHECK-LABEL: func.func @slices
// CHECK-SAME:    (%[[IN:.*]]: memref<64x32xf32>)
// CHECK:         %[[OUT:.*]] = memref.alloc() : memref<64x32xf32>
// CHECK-NOT:     memref.alloc
// CHECK:         scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK-NEXT:      %[[SCRATCH:.*]] = memref.alloca() {alignment = 64 : i64} : memref<32x32xf32>
// CHECK-NEXT:      %[[VIEW:.*]] = memref.subview %[[SCRATCH]][0, 0] [16, 32] [1, 1]
// CHECK:           memref.copy %{{.*}}, %[[VIEW]]
// CHECK:           scf.reduce
// CHECK:         return %[[OUT]]
func.func @slices(%in: memref<64x32xf32>) -> memref<64x32xf32> {
  %out = memref.alloc() : memref<64x32xf32>
  %scratch = memref.alloc() {alignment = 64 : i64} : memref<32x32xf32>
  %view = memref.subview %scratch[0, 0] [16, 32] [1, 1] : memref<32x32xf32> to memref<16x32xf32, strided<[32, 1]>>
  scf.forall (%i) = (0) to (64) step (16) {
    %src = memref.subview %in[%i, 0] [16, 32] [1, 1] : memref<64x32xf32> to memref<16x32xf32, strided<[32, 1], offset: ?>>
    memref.copy %src, %view : memref<16x32xf32, strided<[32, 1], offset: ?>> to memref<16x32xf32, strided<[32, 1]>>
    %dst = memref.subview %out[%i, 0] [16, 32] [1, 1] : memref<64x32xf32> to memref<16x32xf32, strided<[32, 1], offset: ?>>
    memref.copy %view, %dst : memref<16x32xf32, strided<[32, 1]>> to memref<16x32xf32, strided<[32, 1], offset: ?>>
  }
  return %out : memref<64x32xf32>
}

// -----

// A scratch buffer too big for a worker's stack stays a heap allocation,
// now one per iteration.
// CHECK-LABEL: func.func @big_scratch
// CHECK:         scf.parallel
// CHECK-NEXT:      memref.alloc() : memref<512x512xf32>
func.func @big_scratch(%out: memref<4x512xf32>) {
  %scratch = memref.alloc() : memref<512x512xf32>
  scf.forall (%i) in (4) {
    %row = memref.subview %scratch[0, 0] [1, 512] [1, 1] : memref<512x512xf32> to memref<512xf32, strided<[1]>>
    %dst = memref.subview %out[%i, 0] [1, 512] [1, 1] : memref<4x512xf32> to memref<512xf32, strided<[1], offset: ?>>
    memref.copy %row, %dst : memref<512xf32, strided<[1]>> to memref<512xf32, strided<[1], offset: ?>>
  }
  return
}

// -----

// A buffer written before the loop and read in it is shared input data.
// CHECK-LABEL: func.func @shared_input
// CHECK:         %[[BUF:.*]] = memref.alloc() : memref<8xf32>
// CHECK-NEXT:    linalg.fill
// CHECK:         scf.parallel
func.func @shared_input(%out: memref<4x8xf32>) {
  %c = arith.constant 1.0 : f32
  %buf = memref.alloc() : memref<8xf32>
  linalg.fill ins(%c : f32) outs(%buf : memref<8xf32>)
  scf.forall (%i) in (4) {
    %dst = memref.subview %out[%i, 0] [1, 8] [1, 1] : memref<4x8xf32> to memref<8xf32, strided<[1], offset: ?>>
    memref.copy %buf, %dst : memref<8xf32> to memref<8xf32, strided<[1], offset: ?>>
  }
  return
}

// -----

// A forall nested in another runs sequentially on its parent's thread.
// CHECK-LABEL: func.func @nested
// CHECK:         scf.parallel
// CHECK:           scf.for
// CHECK-NOT:     scf.forall
func.func @nested(%out: memref<4x4xf32>) {
  %c = arith.constant 1.0 : f32
  scf.forall (%i) in (4) {
    scf.forall (%j) in (4) {
      memref.store %c, %out[%i, %j] : memref<4x4xf32>
    }
  }
  return
}

// -----

func.func @tensor_results(%t: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{still has tensor results: tessera-cpu-parallelize runs after bufferization}}
  %r = scf.forall (%i) in (4) shared_outs(%o = %t) -> tensor<4xf32> {
    %s = tensor.extract_slice %o[%i] [1] [1] : tensor<4xf32> to tensor<1xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %s into %o[%i] [1] [1] : tensor<1xf32> into tensor<4xf32>
    }
  }
  return %r : tensor<4xf32>
}
