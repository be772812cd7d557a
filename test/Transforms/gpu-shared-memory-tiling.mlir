// RUN: tessera-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(tessera-gpu-shared-memory-tiling),canonicalize,cse)' | FileCheck %s
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-gpu-shared-memory-tiling{tile-m=4 tile-n=4 tile-k=2 threads-x=2 threads-y=2}),canonicalize,cse)' | FileCheck %s --check-prefix=SMALL
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-gpu-shared-memory-tiling{tile-m=16 tile-n=16 tile-k=8 threads-x=16 threads-y=16}),canonicalize,cse)' | FileCheck %s --check-prefix=PARTIAL
// RUN: tessera-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tessera-gpu-shared-memory-tiling{max-workgroup-bytes=8192}),canonicalize,cse)' | FileCheck %s --check-prefix=WIDE

// Whole tiles: a 2 x 4 grid of 16 x 16 threads, each workgroup staging
// 32 x 32 slices of A and B (4 KiB each) in workgroup memory; every thread
// loads 4 elements of each slice and accumulates 2 x 2 outputs, starting
// from C. No bounds checks.
// A tuning point whose slices are smaller than the workgroup: 16 x 16
// threads (one output each) stage 16 x 8 slices of 128 elements, so only
// threads 0..127 copy (no whole round).
// PARTIAL-LABEL: func.func @exact(
// PARTIAL: gpu.launch blocks({{.*}}) in (%{{.*}} = %c8, %{{.*}} = %c4, %{{.*}} = %c1) threads({{.*}}) in (%{{.*}} = %c16, %{{.*}} = %c16, %{{.*}} = %c1) workgroup(%[[AT:.*]] : memref<128xf32, #gpu.address_space<workgroup>>, %[[BT:.*]] : memref<128xf32, #gpu.address_space<workgroup>>)
// PARTIAL: scf.for %{{.*}} = %c0 to %c96 step %c8
// PARTIAL: %[[IN:.*]] = arith.cmpi ult, %{{.*}}, %c128
// PARTIAL: scf.if %[[IN]] {
// PARTIAL: memref.store %{{.*}}, %[[AT]][%{{.*}}]
// PARTIAL: scf.if %[[IN]] {
// PARTIAL: memref.store %{{.*}}, %[[BT]][%{{.*}}]
// PARTIAL: gpu.barrier
// CHECK-LABEL: func.func @exact(
// CHECK-SAME: %[[A:.*]]: memref<64x96xf32>, %[[B:.*]]: memref<96x128xf32>, %[[C:.*]]: memref<64x128xf32>)
// CHECK-NOT: linalg.matmul
// CHECK: gpu.launch blocks(%[[BX:.*]], %[[BY:.*]], %{{.*}}) in (%{{.*}} = %c4, %{{.*}} = %c2, %{{.*}} = %c1) threads(%[[TX:.*]], %[[TY:.*]], %{{.*}}) in (%{{.*}} = %c16, %{{.*}} = %c16, %{{.*}} = %c1) workgroup(%[[AT:.*]] : memref<1024xf32, #gpu.address_space<workgroup>>, %[[BT:.*]] : memref<1024xf32, #gpu.address_space<workgroup>>)
// CHECK-NOT: scf.if
// CHECK-COUNT-4: memref.load %[[C]]
// CHECK: %[[OUT:.*]]:4 = scf.for %[[K0:.*]] = %c0 to %c96 step %c32 iter_args(
// CHECK-COUNT-4: memref.store %{{.*}}, %[[AT]][%{{.*}}]
// CHECK-COUNT-4: memref.store %{{.*}}, %[[BT]][%{{.*}}]
// CHECK: gpu.barrier
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c1
// CHECK-COUNT-2: memref.load %[[AT]]
// CHECK-COUNT-2: memref.load %[[BT]]
// CHECK-COUNT-4: arith.mulf
// CHECK: scf.yield
// CHECK: gpu.barrier
// CHECK: scf.yield
// CHECK-COUNT-4: memref.store %[[OUT]]#{{.}}, %[[C]]
// CHECK: gpu.terminator
func.func @exact(%a: memref<64x96xf32>, %b: memref<96x128xf32>,
                 %c: memref<64x128xf32>) {
  linalg.matmul ins(%a, %b : memref<64x96xf32>, memref<96x128xf32>)
      outs(%c : memref<64x128xf32>)
  return
}

// Smaller than a tile in N: one thread per output, as before.
// CHECK-LABEL: func.func @small(
// CHECK-NOT: gpu.launch
// CHECK: linalg.matmul
func.func @small(%a: memref<64x96xf32>, %b: memref<96x8xf32>,
                 %c: memref<64x8xf32>) {
  linalg.matmul ins(%a, %b : memref<64x96xf32>, memref<96x8xf32>)
      outs(%c : memref<64x8xf32>)
  return
}

// Integer GEMMs: i8 x i8 accumulated in i32. The tiles hold the factors,
// in C's type: each staged element is sign-extended once, when it is
// copied into workgroup memory, and the inner loop multiplies and adds i32.
// CHECK-LABEL: func.func @integer(
// CHECK-SAME: %[[A:.*]]: memref<64x64xi8>, %[[B:.*]]: memref<64x64xi8>, %[[C:.*]]: memref<64x64xi32>)
// CHECK: gpu.launch {{.*}} workgroup(%[[AT:.*]] : memref<1024xi32, #gpu.address_space<workgroup>>, %[[BT:.*]] : memref<1024xi32, #gpu.address_space<workgroup>>)
// CHECK: %[[AV:.*]] = memref.load %[[A]][%{{.*}}, %{{.*}}] : memref<64x64xi8>
// CHECK: %[[AX:.*]] = arith.extsi %[[AV]] : i8 to i32
// CHECK: memref.store %[[AX]], %[[AT]][%{{.*}}] : memref<1024xi32, #gpu.address_space<workgroup>>
// CHECK: %[[BV:.*]] = memref.load %[[B]][%{{.*}}, %{{.*}}] : memref<64x64xi8>
// CHECK: %[[BX:.*]] = arith.extsi %[[BV]] : i8 to i32
// CHECK: memref.store %[[BX]], %[[BT]][%{{.*}}] : memref<1024xi32, #gpu.address_space<workgroup>>
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK-NOT: arith.extsi
// CHECK: %[[P:.*]] = arith.muli %{{.*}}, %{{.*}} : i32
// CHECK: arith.addi %{{.*}}, %[[P]] : i32
// CHECK-NOT: linalg.matmul
func.func @integer(%a: memref<64x64xi8>, %b: memref<64x64xi8>,
                   %c: memref<64x64xi32>) {
  linalg.matmul ins(%a, %b : memref<64x64xi8>, memref<64x64xi8>)
      outs(%c : memref<64x64xi32>)
  return
}

// A factor with a prologue of its own inputs (as quantized linear layers
// have once their activation's quantization is fused into the GEMM): A's
// element is round(x[m, k] / s[m]) clamped to int4, from two inputs (the
// per-row scale indexed by m alone), B's an i4 weight sign-extended. The
// prologue runs once per staged element, each of its inputs read at the
// element's own indices; the inner loop only multiplies and adds.
// CHECK-LABEL: func.func @prologue(
// CHECK-SAME: %[[X:.*]]: memref<64x64xf32>, %[[S:.*]]: memref<64xf32>, %[[W:.*]]: memref<64x64xi4>, %[[C:.*]]: memref<64x64xi32>)
// CHECK: gpu.launch {{.*}} workgroup(%[[AT:.*]] : memref<1024xi32, #gpu.address_space<workgroup>>, %[[BT:.*]] : memref<1024xi32, #gpu.address_space<workgroup>>)
// CHECK: scf.for
// CHECK: %[[ROW:.*]] = arith.addi %{{.*}}, %{{.*}} : index
// CHECK-DAG: %[[XV:.*]] = memref.load %[[X]][%[[ROW]], %{{.*}}] : memref<64x64xf32>
// CHECK-DAG: %[[SV:.*]] = memref.load %[[S]][%[[ROW]]] : memref<64xf32>
// CHECK: %[[Q:.*]] = arith.divf %[[XV]], %[[SV]] : f32
// CHECK: math.roundeven %[[Q]] : f32
// CHECK: %[[I4:.*]] = arith.fptosi %{{.*}} : f32 to i4
// CHECK: %[[AX:.*]] = arith.extsi %[[I4]] : i4 to i32
// CHECK: memref.store %[[AX]], %[[AT]]
// CHECK: %[[WV:.*]] = memref.load %[[W]][%{{.*}}, %{{.*}}] : memref<64x64xi4>
// CHECK: %[[BX:.*]] = arith.extsi %[[WV]] : i4 to i32
// CHECK: memref.store %[[BX]], %[[BT]]
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK-NOT: arith.divf
// CHECK: arith.muli %{{.*}}, %{{.*}} : i32
// CHECK: gpu.barrier
func.func @prologue(%x: memref<64x64xf32>, %s: memref<64xf32>,
                    %w: memref<64x64xi4>, %c: memref<64x64xi32>) {
  %lo = arith.constant -8.0 : f32
  %hi = arith.constant 7.0 : f32
  linalg.generic {
      indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                       affine_map<(m, n, k) -> (m)>,
                       affine_map<(m, n, k) -> (k, n)>,
                       affine_map<(m, n, k) -> (m, n)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %s, %w : memref<64x64xf32>, memref<64xf32>, memref<64x64xi4>)
      outs(%c : memref<64x64xi32>) {
  ^bb0(%xv: f32, %sv: f32, %wv: i4, %acc: i32):
    %q = arith.divf %xv, %sv : f32
    %r = math.roundeven %q : f32
    %l = arith.maxnumf %r, %lo : f32
    %h = arith.minnumf %l, %hi : f32
    %i = arith.fptosi %h : f32 to i4
    %xe = arith.extsi %i : i4 to i32
    %we = arith.extsi %wv : i4 to i32
    %p = arith.muli %xe, %we : i32
    %sum = arith.addi %acc, %p : i32
    linalg.yield %sum : i32
  }
  return
}

// Transposed operands: A^T B^T. Each slice is copied along the operand's
// innermost dimension (A's is M, B's is K), so that consecutive threads
// read consecutive words: the element e of a round is (row e % rows, column
// e / rows) of the slice, stored at row * cols + column.
// CHECK-LABEL: func.func @transposed(
// CHECK-SAME: %[[A:.*]]: memref<64x64xf32>, %[[B:.*]]: memref<64x64xf32>, %[[C:.*]]: memref<64x64xf32>)
// CHECK: gpu.launch blocks(%[[BX:.*]], %[[BY:.*]], %{{.*}}) in (%{{.*}} = %c2, %{{.*}} = %c2, %{{.*}} = %c1) threads(%[[TX:.*]], %[[TY:.*]], %{{.*}}) in
// CHECK-SAME: workgroup(%[[AT:.*]] : memref<1024xf32, #gpu.address_space<workgroup>>, %[[BT:.*]] : memref<1024xf32, #gpu.address_space<workgroup>>)
// CHECK: %[[ROWS:.*]] = arith.muli %[[BY]], %c32
// CHECK: %[[COLS:.*]] = arith.muli %[[BX]], %c32
// CHECK: %[[T:.*]] = arith.addi %{{.*}}, %[[TX]]
// CHECK: scf.for %[[K0:.*]] = %c0 to %c64 step %c32
// CHECK: %[[R:.*]] = arith.remui %[[T]], %c32
// CHECK: %[[Q:.*]] = arith.divui %[[T]], %c32
// CHECK: %[[AROW:.*]] = arith.addi %[[ROWS]], %[[R]]
// CHECK: %[[AK:.*]] = arith.addi %[[K0]], %[[Q]]
// CHECK: %[[AV:.*]] = memref.load %[[A]][%[[AK]], %[[AROW]]]
// CHECK: %[[RC:.*]] = arith.muli %[[R]], %c32
// CHECK: %[[SLOT:.*]] = arith.addi %[[RC]], %[[Q]]
// CHECK: memref.store %[[AV]], %[[AT]][%[[SLOT]]]
// CHECK: %[[BK:.*]] = arith.addi %[[K0]], %[[R]]
// CHECK: %[[BCOL:.*]] = arith.addi %[[COLS]], %[[Q]]
// CHECK: %[[BV:.*]] = memref.load %[[B]][%[[BCOL]], %[[BK]]]
// CHECK: memref.store %[[BV]], %[[BT]][%[[SLOT]]]
// CHECK: gpu.barrier
// CHECK-COUNT-4: arith.mulf
// CHECK: gpu.barrier
// CHECK-COUNT-4: memref.store %{{.*}}, %[[C]]
func.func @transposed(%a: memref<64x64xf32>, %b: memref<64x64xf32>,
                      %c: memref<64x64xf32>) {
  linalg.matmul indexing_maps = [
      affine_map<(d0, d1, d2) -> (d2, d0)>,
      affine_map<(d0, d1, d2) -> (d1, d2)>,
      affine_map<(d0, d1, d2) -> (d0, d1)>]
      ins(%a, %b : memref<64x64xf32>, memref<64x64xf32>)
      outs(%c : memref<64x64xf32>)
  return
}

// A 1x1 convolution is the GEMM C[f, (n, h, w)] += W[f, c] X[c, (n, h, w)]:
// the filter plays A (M = 64 output channels, grid y 2), the image B (N = 2
// x 8 x 16 pixels, grid x 8), so that threads along x store along W. The
// window's dims (extent 1) index 0; the pixel index is split into (n, h, w).
// CHECK-LABEL: func.func @conv_1x1(
// CHECK-SAME: %[[X:.*]]: memref<2x40x8x16xf32>, %[[W:.*]]: memref<64x40x1x1xf32>, %[[Y:.*]]: memref<2x64x8x16xf32>)
// CHECK: gpu.launch blocks({{.*}}) in (%{{.*}} = %c8, %{{.*}} = %c2, %{{.*}} = %c1) threads(%[[TX:.*]], %[[TY:.*]], %{{.*}}) in (%{{.*}} = %c16, %{{.*}} = %c16, %{{.*}} = %c1)
// CHECK: %[[F:.*]] = arith.addi %{{.*}}, %[[TY]]
// CHECK: %[[P:.*]] = arith.addi %{{.*}}, %[[TX]]
// CHECK: %[[PW:.*]] = arith.remui %[[P]], %c16
// CHECK: %[[PNH:.*]] = arith.divui %[[P]], %c16
// CHECK: %[[PH:.*]] = arith.remui %[[PNH]], %c8
// CHECK: %[[PN:.*]] = arith.divui %[[PNH]], %c8
// CHECK: memref.load %[[Y]][%[[PN]], %[[F]], %[[PH]], %[[PW]]]
// K = 40 is not a multiple of 32: the slices' loads are guarded.
// CHECK: scf.for %[[K0:.*]] = %c0 to %c40 step %c32
// CHECK: arith.cmpi ult, %{{.*}}, %c40
// CHECK: memref.load %[[W]][%{{.*}}, %{{.*}}, %c0, %c0]
// CHECK: memref.load %[[X]][%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}]
// CHECK: gpu.barrier
// CHECK: memref.store %{{.*}}, %[[Y]][%[[PN]], %[[F]], %[[PH]], %[[PW]]]
func.func @conv_1x1(%x: memref<2x40x8x16xf32>, %w: memref<64x40x1x1xf32>,
                    %y: memref<2x64x8x16xf32>) {
  linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : memref<2x40x8x16xf32>, memref<64x40x1x1xf32>)
      outs(%y : memref<2x64x8x16xf32>)
  return
}

// Not GEMMs: a 3x3 window (the image is indexed by h + kh), a strided 1x1
// convolution (by 2 * h), a term that reads the output, a term computed
// from the loop index, a body that is not out + T, (a - b) * s[m] (the
// factors come from separate inputs, but K is not in both), index
// elements (no width for a tile).
// CHECK-LABEL: func.func @not_gemms(
// CHECK-NOT: gpu.launch
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK-NOT: gpu.launch
#mk = affine_map<(i, j, k) -> (i, k)>
#kn = affine_map<(i, j, k) -> (k, j)>
#mn = affine_map<(i, j, k) -> (i, j)>
func.func @not_gemms(%x: memref<1x64x66x66xf32>, %w3: memref<64x64x3x3xf32>,
                     %w1: memref<64x64x1x1xf32>, %y: memref<1x64x64x64xf32>,
                     %y2: memref<1x64x33x33xf32>, %a: memref<64x64xf32>,
                     %b: memref<64x64xf32>, %c: memref<64x64xf32>,
                     %scale: memref<64xf32>, %ia: memref<64x64xindex>,
                     %ib: memref<64x64xindex>, %ic: memref<64x64xindex>) {
  linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w3 : memref<1x64x66x66xf32>, memref<64x64x3x3xf32>)
      outs(%y : memref<1x64x64x64xf32>)
  linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w1 : memref<1x64x66x66xf32>, memref<64x64x1x1xf32>)
      outs(%y2 : memref<1x64x33x33xf32>)
  linalg.generic {indexing_maps = [#mk, #kn, #mn],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<64x64xf32>, memref<64x64xf32>)
      outs(%c : memref<64x64xf32>) {
  ^bb0(%av: f32, %bv: f32, %acc: f32):
    %ao = arith.addf %av, %acc : f32
    %p = arith.mulf %ao, %bv : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#mk, #kn, #mn],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<64x64xf32>, memref<64x64xf32>)
      outs(%c : memref<64x64xf32>) {
  ^bb0(%av: f32, %bv: f32, %acc: f32):
    %d = arith.subf %av, %bv : f32
    %s = arith.maximumf %acc, %d : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#mk, affine_map<(i, j, k) -> (i)>, #kn, #mn],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %scale, %b : memref<64x64xf32>, memref<64xf32>, memref<64x64xf32>)
      outs(%c : memref<64x64xf32>) {
  ^bb0(%av: f32, %sv: f32, %bv: f32, %acc: f32):
    %ab = arith.subf %av, %bv : f32
    %p = arith.mulf %ab, %sv : f32
    %sum = arith.addf %acc, %p : f32
    linalg.yield %sum : f32
  }
  linalg.generic {indexing_maps = [#mk, #kn, #mn],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%ia, %ib : memref<64x64xindex>, memref<64x64xindex>)
      outs(%ic : memref<64x64xindex>) {
  ^bb0(%av: index, %bv: index, %acc: index):
    %p = arith.muli %av, %bv : index
    %sum = arith.addi %acc, %p : index
    linalg.yield %sum : index
  }
  linalg.generic {indexing_maps = [#mk, #kn, #mn],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<64x64xf32>, memref<64x64xf32>)
      outs(%c : memref<64x64xf32>) {
  ^bb0(%av: f32, %bv: f32, %acc: f32):
    %k = linalg.index 2 : index
    %ki = arith.index_cast %k : index to i32
    %kf = arith.sitofp %ki : i32 to f32
    %ak = arith.mulf %av, %kf : f32
    %p = arith.mulf %ak, %bv : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Two inputs and a term that is not a product: XNOR-popcount over i64
// words (K = 40 words: the last slice is partial). The tiles hold the
// words (i64, 8 KiB each); the term is computed per pair in the inner
// loop, and skipped past K (the zeros staged there would count). With
// less workgroup memory than i64 tiles take (but enough for 4-byte ones),
// the contraction keeps a thread per output.
// CHECK-LABEL: func.func @xnor_popcount(
// CHECK-SAME: %[[A:.*]]: memref<64x40xi64>, %[[B:.*]]: memref<64x40xi64>
// CHECK: gpu.launch {{.*}} workgroup(%[[AT:.*]] : memref<1024xi64, #gpu.address_space<workgroup>>, %[[BT:.*]] : memref<1024xi64, #gpu.address_space<workgroup>>)
// CHECK: scf.for %[[K0:.*]] = %c0 to %c40 step %c32
// CHECK: %[[AV:.*]] = memref.load %[[A]]
// CHECK-NEXT: scf.yield %[[AV]] : i64
// CHECK: gpu.barrier
// CHECK: scf.for %[[KK:.*]] = %c0 to %c32
// CHECK: %[[K:.*]] = arith.addi %[[K0]], %[[KK]] : index
// CHECK: %[[INK:.*]] = arith.cmpi ult, %[[K]], %c40 : index
// CHECK: %[[X:.*]] = arith.xori %{{.*}}, %{{.*}} : i64
// CHECK: %[[P:.*]] = math.ctpop %[[X]] : i64
// CHECK: %[[SUM:.*]] = arith.addi %{{.*}}, %[[P]] : i64
// CHECK: arith.select %[[INK]], %[[SUM]], %{{.*}} : i64
// WIDE-LABEL: func.func @xnor_popcount(
// WIDE-NOT: gpu.launch
// WIDE: linalg.generic
func.func @xnor_popcount(%a: memref<64x40xi64>, %b: memref<64x40xi64>,
                         %c: memref<64x64xi64>) {
  linalg.generic {
      indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                       affine_map<(m, n, k) -> (n, k)>,
                       affine_map<(m, n, k) -> (m, n)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<64x40xi64>, memref<64x40xi64>)
      outs(%c : memref<64x64xi64>) {
  ^bb0(%av: i64, %bv: i64, %acc: i64):
    %x = arith.xori %av, %bv : i64
    %p = math.ctpop %x : i64
    %s = arith.addi %acc, %p : i64
    linalg.yield %s : i64
  }
  return
}

// -----

// K = 9, shallower than the 32-deep slices: one slice of its depth (9 x 32
// elements of A and B; the loop over slices, one iteration, folds away),
// no bounds check on K (the 288 elements of a slice take a partial second
// round of the 256 threads).
// CHECK-LABEL: func.func @shallow_k(
// CHECK: gpu.launch {{.*}} workgroup(%{{.*}} : memref<288xf32, #gpu.address_space<workgroup>>, %{{.*}} : memref<288xf32, #gpu.address_space<workgroup>>)
// CHECK-NOT: arith.cmpi ult, %{{.*}}, %c9 : index
// CHECK: gpu.barrier
// CHECK: scf.for %{{.*}} = %c0 to %c9 step %c1
func.func @shallow_k(%a: memref<64x9xf32>, %b: memref<9x64xf32>,
                     %c: memref<64x64xf32>) {
  linalg.matmul ins(%a, %b : memref<64x9xf32>, memref<9x64xf32>)
      outs(%c : memref<64x64xf32>)
  return
}

// -----

// Mixed precision: f16 products accumulated in f32, each f16 element
// extended once when staged (the tiles are f32).
// CHECK-LABEL: func.func @mixed(
// CHECK: gpu.launch {{.*}} workgroup(%{{.*}} : memref<1024xf32, #gpu.address_space<workgroup>>, %{{.*}} : memref<1024xf32, #gpu.address_space<workgroup>>)
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: gpu.barrier
func.func @mixed(%h: memref<64x64xf16>, %h2: memref<64x64xf16>,
                 %c: memref<64x64xf32>) {
  linalg.matmul ins(%h, %h2 : memref<64x64xf16>, memref<64x64xf16>)
      outs(%c : memref<64x64xf32>)
  return
}

// -----

// Ragged edges (M = 6, K = 5; N = 4 is one tile) with 4 x 4 x 2 tiles of
// 2 x 2 threads: the batch along z, loads past the edges of A and B read
// zero, C is read and written only inside.
// SMALL-LABEL: func.func @batch(
// SMALL-SAME: %[[A:.*]]: memref<3x6x5xf16>, %[[B:.*]]: memref<3x5x4xf16>, %[[C:.*]]: memref<3x6x4xf16>)
// SMALL-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f16
// SMALL-DAG: %[[C6:.*]] = arith.constant 6 : index
// SMALL-DAG: %[[C5:.*]] = arith.constant 5 : index
// SMALL: gpu.launch blocks(%{{.*}}, %[[BY:.*]], %[[BZ:.*]]) in (%{{.*}} = %c1, %{{.*}} = %c2, %{{.*}} = %c3) threads(%[[TX:.*]], %[[TY:.*]], %{{.*}}) in (%{{.*}} = %c2, %{{.*}} = %c2, %{{.*}} = %c1) workgroup(%[[AT:.*]] : memref<8xf16, #gpu.address_space<workgroup>>, %[[BT:.*]] : memref<8xf16, #gpu.address_space<workgroup>>)
// SMALL: %[[ROW0:.*]] = arith.addi %{{.*}}, %[[TY]] : index
// SMALL: %[[IN0:.*]] = arith.cmpi ult, %[[ROW0]], %[[C6]] : index
// SMALL: %[[INIT:.*]] = scf.if %[[IN0]] -> (f16) {
// SMALL-NEXT: memref.load %[[C]][%[[BZ]], %[[ROW0]], %[[TX]]] : memref<3x6x4xf16>
// SMALL: } else {
// SMALL-NEXT: scf.yield %[[ZERO]] : f16
// SMALL: scf.for %[[K0:.*]] = %c0 to %[[C5]] step %c2 iter_args(%{{.*}} = %[[INIT]],
// SMALL: %[[ACOL:.*]] = arith.addi %[[K0]], %{{.*}} : index
// SMALL: arith.cmpi ult, %[[ACOL]], %[[C5]] : index
// SMALL: memref.load %[[A]][%[[BZ]], %{{.*}}, %[[ACOL]]] : memref<3x6x5xf16>
// SMALL: memref.store %{{.*}}, %[[AT]][%{{.*}}] : memref<8xf16, #gpu.address_space<workgroup>>
// SMALL: memref.load %[[B]][%[[BZ]], %{{.*}}, %{{.*}}] : memref<3x5x4xf16>
// SMALL: memref.store %{{.*}}, %[[BT]][%{{.*}}] : memref<8xf16, #gpu.address_space<workgroup>>
// SMALL: gpu.barrier
// SMALL: scf.for %{{.*}} = %c0 to %c2 step %c1
// SMALL: %[[P:.*]] = arith.mulf %{{.*}}, %{{.*}} : f16
// SMALL: arith.addf %{{.*}}, %[[P]] : f16
// SMALL: gpu.barrier
// SMALL: scf.if %[[IN0]] {
// SMALL-NEXT: memref.store %{{.*}}, %[[C]][%[[BZ]], %[[ROW0]], %[[TX]]] : memref<3x6x4xf16>
func.func @batch(%a: memref<3x6x5xf16>, %b: memref<3x5x4xf16>,
                 %c: memref<3x6x4xf16>) {
  linalg.batch_matmul ins(%a, %b : memref<3x6x5xf16>, memref<3x5x4xf16>)
      outs(%c : memref<3x6x4xf16>)
  return
}
