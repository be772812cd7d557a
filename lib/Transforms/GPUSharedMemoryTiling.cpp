//===- GPUSharedMemoryTiling.cpp - Matmuls as workgroup-memory GPU tiles --===//
//
// Every other linalg op of the GPU pipelines becomes one thread per output
// point, each reading its operands from global memory: a matmul then reads
// every element of A and B N and M times. Here a matmul becomes a
// `gpu.launch` whose workgroups each compute a tile of C, staging K-slices
// of A and B in workgroup memory that all its threads read.
//
//===----------------------------------------------------------------------===//

#include "tessera/Transforms/GPUContraction.h"
#include "tessera/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_GPUSHAREDMEMORYTILING
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {
/// The tiling of one workgroup.
struct TileShape {
  int64_t tileM, tileN, tileK, threadsX, threadsY;
  int64_t threads() const { return threadsX * threadsY; }
  /// Outputs per thread along M and N.
  int64_t rowsPerThread() const { return tileM / threadsY; }
  int64_t colsPerThread() const { return tileN / threadsX; }
};

/// A contraction this pass computes, on buffers.
struct Matmul : GPUContraction {
  linalg::LinalgOp op;
  Value c;
};

std::optional<Matmul> matchMatmul(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics())
    return std::nullopt;
  std::optional<GPUContraction> contraction = matchGPUContraction(op);
  if (!contraction)
    return std::nullopt;
  return Matmul{*contraction, op, op.getDpsInitOperand(0)->get()};
}

/// Whether the innermost index of the operand of `map` is one of the loop
/// dims `dims`.
bool innermostIsOneOf(AffineMap map, ArrayRef<unsigned> dims) {
  std::optional<unsigned> inner = innermostLoopDim(map);
  return inner && llvm::is_contained(dims, *inner);
}

/// Builds the launch that replaces `mm` at the builder's insertion point.
class KernelBuilder {
public:
  KernelBuilder(OpBuilder &b, Location loc, const Matmul &mm,
                const TileShape &tile)
      : b(b), loc(loc), mm(mm), tile(tile),
        element(cast<MemRefType>(mm.c.getType()).getElementType()) {}

  void build() {
    auto workgroup = gpu::AddressSpaceAttr::get(
        b.getContext(), gpu::GPUDialect::getWorkgroupAddressSpace());
    // Rank-1 tiles: SPIR-V's workgroup variables are arrays.
    auto aTileType =
        MemRefType::get({tile.tileM * tile.tileK}, mm.aFactor.getType(),
                        MemRefLayoutAttrInterface(), workgroup);
    auto bTileType =
        MemRefType::get({tile.tileK * tile.tileN}, mm.bFactor.getType(),
                        MemRefLayoutAttrInterface(), workgroup);
    Value gridX = index(llvm::divideCeil(mm.n, tile.tileN));
    Value gridY = index(llvm::divideCeil(mm.m, tile.tileM));
    Value gridZ = index(mm.batch);
    auto launch = gpu::LaunchOp::create(
        b, loc, gridX, gridY, gridZ, index(tile.threadsX), index(tile.threadsY),
        index(1), /*dynamicSharedMemorySize=*/nullptr,
        /*asyncTokenType=*/nullptr, /*asyncDependencies=*/{},
        TypeRange{aTileType, bTileType});
    Block &body = launch.getBody().front();
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&body);
    aTile = launch.getWorkgroupAttributions()[0];
    bTile = launch.getWorkgroupAttributions()[1];
    gpu::KernelDim3 blockIds = launch.getBlockIds();
    gpu::KernelDim3 threadIds = launch.getThreadIds();
    tx = threadIds.x;
    ty = threadIds.y;
    batchDimValues.assign(mm.loopSizes.size(), Value());
    delinearize(mm.batchDims, blockIds.z, batchDimValues);
    rowBase = mul(blockIds.y, index(tile.tileM));
    colBase = mul(blockIds.x, index(tile.tileN));
    threadIndex = add(mul(ty, index(tile.threadsX)), tx);
    buildBody();
    gpu::TerminatorOp::create(b, loc);
  }

private:
  Value index(int64_t value) {
    return arith::ConstantIndexOp::create(b, loc, value);
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value less(Value x, int64_t bound) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, x,
                                 index(bound));
  }
  /// Sets the values of the loop dims `dims` (extents from the op) at the
  /// row-major position `flat` of their iteration space.
  void delinearize(ArrayRef<unsigned> dims, Value flat,
                   SmallVectorImpl<Value> &dimValues) {
    for (auto [i, d] : llvm::enumerate(llvm::reverse(dims))) {
      if (i + 1 == dims.size()) {
        dimValues[d] = flat;
        break;
      }
      Value size = index(mm.loopSizes[d]);
      dimValues[d] = arith::RemUIOp::create(b, loc, flat, size);
      flat = arith::DivUIOp::create(b, loc, flat, size);
    }
  }

  /// The values of every loop dim at the flat positions `row` of the dims
  /// `rowDims` and `col` of `colDims`, in this workgroup's batch (null for
  /// the dims of extent 1).
  SmallVector<Value> loopPoint(ArrayRef<unsigned> rowDims, Value row,
                               ArrayRef<unsigned> colDims, Value col) {
    SmallVector<Value> dimValues = batchDimValues;
    delinearize(rowDims, row, dimValues);
    delinearize(colDims, col, dimValues);
    return dimValues;
  }
  /// The indices into the operand of `map` at the loop point `dimValues`.
  SmallVector<Value> indices(AffineMap map, ArrayRef<Value> dimValues) {
    SmallVector<Value> at;
    for (AffineExpr result : map.getResults()) {
      if (auto dim = dyn_cast<AffineDimExpr>(result))
        at.push_back(dimValues[dim.getPosition()]);
      else
        at.push_back(index(cast<AffineConstantExpr>(result).getValue()));
    }
    return at;
  }
  SmallVector<Value> cIndices(Value row, Value col) {
    return indices(mm.cMap, loopPoint(mm.mDims, row, mm.nDims, col));
  }

  /// The factor `factor` of the body (A's or B's) at the loop point
  /// `dimValues`: its inputs' elements loaded there, then the body's ops
  /// that compute it from them (none for a plain read).
  Value factorAt(Value factor, ArrayRef<unsigned> inputs,
                 ArrayRef<Value> dimValues) {
    linalg::LinalgOp op = mm.op;
    Block &body = *op.getBlock();
    IRMapping mapping;
    for (unsigned i : inputs) {
      Value source = op.getDpsInputOperand(i)->get();
      mapping.map(body.getArgument(i),
                  memref::LoadOp::create(b, loc, source,
                                         indices(mm.inputMaps[i], dimValues)));
    }
    for (Operation *compute : bodyComputation(factor))
      b.clone(*compute, mapping);
    return mapping.lookup(factor);
  }
  Value aAt(Value row, Value k) {
    return factorAt(mm.aFactor, mm.aInputs,
                    loopPoint(mm.mDims, row, mm.kDims, k));
  }
  Value bAt(Value k, Value col) {
    return factorAt(mm.bFactor, mm.bInputs,
                    loopPoint(mm.kDims, k, mm.nDims, col));
  }

  /// Row `i`, column `j` of this thread's outputs: rows ty + i * threadsY,
  /// columns tx + j * threadsX of the tile, so that the threads of a warp
  /// read consecutive words of the B tile and store consecutive elements.
  Value outputRow(int64_t i) {
    return add(rowBase, add(ty, index(i * tile.threadsY)));
  }
  Value outputCol(int64_t j) {
    return add(colBase, add(tx, index(j * tile.threadsX)));
  }

  /// `compute()` (of type `type`) if `inBounds` (null: always), else zero.
  Value guarded(Type type, Value inBounds, function_ref<Value()> compute) {
    if (!inBounds)
      return compute();
    auto branch = scf::IfOp::create(b, loc, TypeRange{type}, inBounds,
                                    /*withElseRegion=*/true);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(branch.thenBlock());
    scf::YieldOp::create(b, loc, ValueRange{compute()});
    b.setInsertionPointToStart(branch.elseBlock());
    Value zero = arith::ConstantOp::create(b, loc, type, b.getZeroAttr(type));
    scf::YieldOp::create(b, loc, ValueRange{zero});
    return branch.getResult(0);
  }

  /// acc + the body's term of the factors x (A's) and y (B's), or acc
  /// where `inK` (null: always) is false.
  Value accumulate(Value acc, Value x, Value y, Value inK) {
    IRMapping mapping;
    mapping.map(mm.aFactor, x);
    mapping.map(mm.bFactor, y);
    for (Operation *compute :
         bodyComputation(mm.term, {mm.aFactor, mm.bFactor}))
      b.clone(*compute, mapping);
    Value term = mapping.lookupOrDefault(mm.term);
    Value sum = isa<FloatType>(element)
                    ? Value(arith::AddFOp::create(b, loc, acc, term))
                    : Value(arith::AddIOp::create(b, loc, acc, term));
    if (!inK)
      return sum;
    return arith::SelectOp::create(b, loc, inK, sum, acc);
  }

  /// Whether a zero factor makes the term zero (a product of the factors),
  /// so that the zeros staged past K add nothing.
  bool termVanishesOnZero() const {
    Operation *product = mm.term.getDefiningOp();
    return product && isa<arith::MulFOp, arith::MulIOp>(product) &&
           llvm::is_contained(product->getOperands(), mm.aFactor) &&
           llvm::is_contained(product->getOperands(), mm.bFactor);
  }

  Value both(Value x, Value y) {
    if (!x)
      return y;
    if (!y)
      return x;
    return arith::AndIOp::create(b, loc, x, y);
  }

  /// Copies the [rows x cols] slice of a factor (A or B, `at` computing its
  /// element) at (rowStart, colStart) into `tileBuffer` (row-major), each
  /// thread copying the elements threadIndex + l * threads of the slice
  /// walked along its columns first (`colsFastest`) or along its rows,
  /// whichever is the source's innermost dimension: consecutive threads then
  /// read consecutive words. Zero outside the factor. Where the threads do
  /// not divide the slice, the last round copies only the elements left.
  template <typename FactorAt>
  void stage(FactorAt at, bool colsFastest, Value tileBuffer, int64_t rows,
             int64_t cols, Value rowStart, Value colStart, int64_t rowBound,
             int64_t colBound, bool rowsMayOverrun, bool colsMayOverrun) {
    for (int64_t l = 0; l * tile.threads() < rows * cols; ++l) {
      OpBuilder::InsertionGuard guard(b);
      Value e = add(threadIndex, index(l * tile.threads()));
      if ((l + 1) * tile.threads() > rows * cols) {
        auto partial = scf::IfOp::create(b, loc, less(e, rows * cols),
                                         /*withElseRegion=*/false);
        b.setInsertionPointToStart(partial.thenBlock());
      }
      Value r, c;
      if (colsFastest) {
        r = arith::DivUIOp::create(b, loc, e, index(cols));
        c = arith::RemUIOp::create(b, loc, e, index(cols));
      } else {
        r = arith::RemUIOp::create(b, loc, e, index(rows));
        c = arith::DivUIOp::create(b, loc, e, index(rows));
      }
      Value row = add(rowStart, r);
      Value col = add(colStart, c);
      Value inBounds = both(rowsMayOverrun ? less(row, rowBound) : Value(),
                            colsMayOverrun ? less(col, colBound) : Value());
      Value value =
          guarded(cast<MemRefType>(tileBuffer.getType()).getElementType(),
                  inBounds, [&] { return at(row, col); });
      Value slot = colsFastest ? e : add(mul(r, index(cols)), c);
      memref::StoreOp::create(b, loc, value, tileBuffer, ValueRange{slot});
    }
  }

  void buildBody() {
    int64_t rowsPer = tile.rowsPerThread(), colsPer = tile.colsPerThread();
    bool mOverrun = mm.m % tile.tileM != 0;
    bool nOverrun = mm.n % tile.tileN != 0;
    bool kOverrun = mm.k % tile.tileK != 0;
    // The accumulators start from C, so that the sums are the ones of the
    // loop the op would otherwise become (C + a0 b0 + a1 b1 + ...).
    SmallVector<Value> rows, cols, outputInBounds, initial;
    for (int64_t i = 0; i < rowsPer; ++i)
      rows.push_back(outputRow(i));
    for (int64_t j = 0; j < colsPer; ++j)
      cols.push_back(outputCol(j));
    for (int64_t i = 0; i < rowsPer; ++i) {
      for (int64_t j = 0; j < colsPer; ++j) {
        Value inBounds = both(mOverrun ? less(rows[i], mm.m) : Value(),
                              nOverrun ? less(cols[j], mm.n) : Value());
        outputInBounds.push_back(inBounds);
        initial.push_back(guarded(element, inBounds, [&]() -> Value {
          return memref::LoadOp::create(b, loc, mm.c,
                                        cIndices(rows[i], cols[j]));
        }));
      }
    }
    auto kLoop = scf::ForOp::create(b, loc, index(0), index(mm.k),
                                    index(tile.tileK), initial);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(kLoop.getBody());
      Value k0 = kLoop.getInductionVar();
      stage([&](Value row, Value k) { return aAt(row, k); },
            innermostIsOneOf(mm.aMap, mm.kDims), aTile, tile.tileM, tile.tileK,
            rowBase, k0, mm.m, mm.k, mOverrun, kOverrun);
      stage([&](Value k, Value col) { return bAt(k, col); },
            !innermostIsOneOf(mm.bMap, mm.kDims), bTile, tile.tileK, tile.tileN,
            k0, colBase, mm.k, mm.n, kOverrun, nOverrun);
      gpu::BarrierOp::create(b, loc);
      auto inner = scf::ForOp::create(b, loc, index(0), index(tile.tileK),
                                      index(1), kLoop.getRegionIterArgs());
      {
        OpBuilder::InsertionGuard innerGuard(b);
        b.setInsertionPointToStart(inner.getBody());
        Value kk = inner.getInductionVar();
        // Past K the tiles hold zeros, which add nothing to a product; any
        // other term is skipped there.
        Value inK = kOverrun && !termVanishesOnZero() ? less(add(k0, kk), mm.k)
                                                      : Value();
        SmallVector<Value> aValues, bValues, sums;
        for (int64_t i = 0; i < rowsPer; ++i) {
          Value r = add(ty, index(i * tile.threadsY));
          aValues.push_back(memref::LoadOp::create(
              b, loc, aTile, ValueRange{add(mul(r, index(tile.tileK)), kk)}));
        }
        for (int64_t j = 0; j < colsPer; ++j) {
          Value c = add(tx, index(j * tile.threadsX));
          bValues.push_back(memref::LoadOp::create(
              b, loc, bTile, ValueRange{add(mul(kk, index(tile.tileN)), c)}));
        }
        ValueRange accumulators = inner.getRegionIterArgs();
        for (int64_t i = 0; i < rowsPer; ++i)
          for (int64_t j = 0; j < colsPer; ++j) {
            sums.push_back(accumulate(accumulators[i * colsPer + j], aValues[i],
                                      bValues[j], inK));
          }
        scf::YieldOp::create(b, loc, sums);
      }
      // Nobody overwrites the tiles before everyone has read them.
      gpu::BarrierOp::create(b, loc);
      scf::YieldOp::create(b, loc, inner.getResults());
    }
    for (int64_t i = 0; i < rowsPer; ++i) {
      for (int64_t j = 0; j < colsPer; ++j) {
        int64_t n = i * colsPer + j;
        Value result = kLoop.getResult(n);
        SmallVector<Value> at = cIndices(rows[i], cols[j]);
        if (!outputInBounds[n]) {
          memref::StoreOp::create(b, loc, result, mm.c, at);
          continue;
        }
        auto branch = scf::IfOp::create(b, loc, outputInBounds[n]);
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(branch.thenBlock());
        memref::StoreOp::create(b, loc, result, mm.c, at);
      }
    }
  }

  OpBuilder &b;
  Location loc;
  const Matmul &mm;
  const TileShape &tile;
  Type element;
  Value aTile, bTile, tx, ty, rowBase, colBase, threadIndex;
  /// The batch dims' values in this workgroup, null for the other dims.
  SmallVector<Value> batchDimValues;
};

struct GPUSharedMemoryTilingPass
    : public tessera::impl::GPUSharedMemoryTilingBase<
          GPUSharedMemoryTilingPass> {
  using GPUSharedMemoryTilingBase::GPUSharedMemoryTilingBase;

  void runOnOperation() override {
    TileShape tile{tileM, tileN, tileK, threadsX, threadsY};
    auto func = getOperation();
    if (tile.tileM <= 0 || tile.tileN <= 0 || tile.tileK <= 0 ||
        tile.threadsX <= 0 || tile.threadsY <= 0 ||
        tile.tileM % tile.threadsY != 0 || tile.tileN % tile.threadsX != 0) {
      func.emitError()
          << "tessera-gpu-shared-memory-tiling: tile-m must be a positive "
             "multiple of threads-y, tile-n of threads-x (got tile-m="
          << tile.tileM << " tile-n=" << tile.tileN << " tile-k=" << tile.tileK
          << " threads-x=" << tile.threadsX << " threads-y=" << tile.threadsY
          << ")";
      return signalPassFailure();
    }
    if (tile.threads() > maxThreads) {
      func.emitError() << "tessera-gpu-shared-memory-tiling: threads-x * "
                          "threads-y = "
                       << tile.threads() << " threads per workgroup, more than "
                       << "max-threads=" << int64_t(maxThreads);
      return signalPassFailure();
    }
    std::vector<std::pair<linalg::LinalgOp, Matmul>> matmuls;
    func.walk([&](linalg::LinalgOp op) {
      if (op->getParentOfType<gpu::LaunchOp>())
        return;
      std::optional<Matmul> mm = matchMatmul(op);
      // Where a tile of C is used whole at least once; smaller matmuls keep
      // a thread per output. (A K shallower than the slices takes slices
      // of its depth.)
      if (mm && mm->m >= tile.tileM && mm->n >= tile.tileN)
        matmuls.emplace_back(op, *mm);
    });
    for (auto &[op, mm] : matmuls) {
      OpBuilder b(op);
      TileShape shape = tile;
      shape.tileK = std::min(tile.tileK, mm.k);
      auto bytes = [](Value factor) {
        return int64_t(
            llvm::divideCeil(factor.getType().getIntOrFloatBitWidth(), 8));
      };
      int64_t workgroupBytes = shape.tileM * shape.tileK * bytes(mm.aFactor) +
                               shape.tileK * shape.tileN * bytes(mm.bFactor);
      int64_t limit = maxWorkgroupBytes;
      // The tiling knobs are sized for 4-byte elements (the tuning space's
      // rule): wider factors (XNOR's i64 words) that do not fit keep a
      // thread per output; tiles too large for 4-byte elements are an error.
      if (workgroupBytes > limit &&
          (tile.tileM + tile.tileN) * tile.tileK * 4 <= limit)
        continue;
      if (workgroupBytes > limit) {
        op->emitError() << "tessera-gpu-shared-memory-tiling: the tiles of "
                        << op->getName() << " take " << workgroupBytes
                        << " bytes of workgroup memory, more than "
                           "max-workgroup-bytes="
                        << limit;
        return signalPassFailure();
      }
      KernelBuilder(b, op.getLoc(), mm, shape).build();
      op->erase();
    }
  }
};
} // namespace
