// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-cpu-vectorize-copies{vector-width=16}))' | FileCheck %s

// A padded image's interior: rows of 56 contiguous elements on both sides,
// one vector per row.
// CHECK-LABEL: func.func @pad_interior
// CHECK-NOT:     linalg.copy
// CHECK:         scf.for %[[C:.*]] = %c0 to %c10 step %c1
// CHECK-NEXT:      scf.for %[[H:.*]] = %c0 to %{{.*}} step %c1
// CHECK-NEXT:        %[[ROW:.*]] = vector.transfer_read %arg0[%[[C]], %[[H]], %c0], %{{.*}} {in_bounds = [true]} : memref<10x56x56xf32>, vector<56xf32>
// CHECK-NEXT:        vector.transfer_write %[[ROW]], %{{.*}}[%[[C]], %[[H]], %c0] {in_bounds = [true]} : vector<56xf32>, memref<10x56x56xf32, strided<[3364, 58, 1], offset: 59>>
func.func @pad_interior(%in: memref<10x56x56xf32>, %padded: memref<10x58x58xf32>) {
  %interior = memref.subview %padded[0, 1, 1] [10, 56, 56] [1, 1, 1]
      : memref<10x58x58xf32> to memref<10x56x56xf32, strided<[3364, 58, 1], offset: 59>>
  linalg.copy ins(%in : memref<10x56x56xf32>)
      outs(%interior : memref<10x56x56xf32, strided<[3364, 58, 1], offset: 59>>)
  return
}

// -----

// Rows of 200: a loop over vectors of 64 (four registers), then one of 8.
// CHECK-LABEL: func.func @long_rows
// CHECK:         scf.for %[[R:.*]] = %c0 to %c3 step %c1
// CHECK-NEXT:      scf.for %[[X:.*]] = %c0 to %c192 step %c64
// CHECK-NEXT:        vector.transfer_read %{{.*}}[%[[R]], %[[X]]]{{.*}} vector<64xf32>
// CHECK-NEXT:        vector.transfer_write
// CHECK:           vector.transfer_read %{{.*}}[%[[R]], %c192]{{.*}} vector<8xf32>
// CHECK-NEXT:      vector.transfer_write
func.func @long_rows(%in: memref<3x200xf32, strided<[256, 1]>>, %out: memref<3x200xf32, strided<[300, 1], offset: 7>>) {
  linalg.copy ins(%in : memref<3x200xf32, strided<[256, 1]>>)
      outs(%out : memref<3x200xf32, strided<[300, 1], offset: 7>>)
  return
}

// -----

// Bytes: four registers are 256 of them.
// CHECK-LABEL: func.func @bytes
// CHECK:         vector.transfer_read {{.*}} vector<256xi8>
// CHECK:         vector.transfer_read {{.*}} vector<44xi8>
func.func @bytes(%in: memref<2x300xi8, strided<[512, 1]>>, %out: memref<2x300xi8>) {
  linalg.copy ins(%in : memref<2x300xi8, strided<[512, 1]>>) outs(%out : memref<2x300xi8>)
  return
}

// -----

// Not contiguous along rows (a stride-2 window), dynamic, or sub-byte: left
// as copies.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-3: linalg.copy
// CHECK-NOT:     vector.transfer_read
func.func @left_alone(%a: memref<4x8xf32, strided<[32, 2]>>, %b: memref<4x8xf32>,
                      %c: memref<?x8xf32, strided<[16, 1]>>, %d: memref<?x8xf32>,
                      %e: memref<4x8xi4, strided<[16, 1]>>, %f: memref<4x8xi4>) {
  linalg.copy ins(%a : memref<4x8xf32, strided<[32, 2]>>) outs(%b : memref<4x8xf32>)
  linalg.copy ins(%c : memref<?x8xf32, strided<[16, 1]>>) outs(%d : memref<?x8xf32>)
  linalg.copy ins(%e : memref<4x8xi4, strided<[16, 1]>>) outs(%f : memref<4x8xi4>)
  return
}
