//===- CPUTileAndVectorize.cpp - Cache/register tiling + vectorization ----===//
//
// CPU code generation for linalg on tensors, in phases over one function:
//
// -2. Convolutions with a 1x1 window become contractions (linalg.generic).
// -1. Elementwise epilogues of contractions are fused (in place) into the
//     contractions' thread slices, column strips and row tiles; then other
//     big ops are split into one slice per thread (an scf.forall along a
//     parallel loop that divides evenly). Before the split, reductions
//     along their inputs' innermost dimension (row maxima and sums) become
//     partial reductions into one vector per row, which are tiled like
//     contractions, and short rows, reduced whole (CPUInnerReductions.h).
//  0. Contractions big enough to amortize it read their right operands (B)
//     from packed panels of nr columns (the op is split first where nr
//     does not divide N).
//  1. Contractions are tiled for the caches ([mc, nc, kc]), elementwise ops
//     for one SIMD vector, short rows by row; the packing copies move into
//     the cache loops (one kc x nc block at a time).
//  2. Cache tiles are tiled for the registers ([mr, nr, kr]).
//  3. Register tiles are vectorized: vector<mr x nr> accumulators.
//  4. Accumulator reads and writes are hoisted out of the reduction loops.
//
// Every loop whose trip count does not divide is peeled, so that all tiles
// are static. See Passes.td for the contract of the pass and
// CPUCodegenConfig.h for its knobs.
//
//===----------------------------------------------------------------------===//

#include "CPUIm2Col.h"
#include "CPUInnerReductions.h"
#include "CPUOpConfigs.h"
#include "CPUTransposeResult.h"
#include "tessera/Transforms/CPUCodegenConfig.h"
#include "tessera/Transforms/CPUContractionLoops.h"
#include "tessera/Transforms/Passes.h"
#include "tessera/Transforms/TuningSpace.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_CPUTILEANDVECTORIZE
#include "tessera/Transforms/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using tessera::accumulatesI16Products;
using tessera::accumulatesI8Products;
using tessera::bodyUsesLoopIndices;
using tessera::ConfigInheritance;
using tessera::contiguousParallelRuns;
using tessera::ContractionLoops;
using tessera::CPUCodegenConfig;
using tessera::innerReductionLoop;
using tessera::isShortRowReduction;
using tessera::matchContraction;
using tessera::mergedNLoops;
using tessera::OpConfigs;
using tessera::reductionLoopRun;
using tessera::splitInnerReduction;

namespace {

/// Marks the tiles of one level on the ops themselves: tiling, peeling and
/// canonicalization clone ops with their attributes, so the marks follow
/// every copy of a tile. Removed before the pass ends.
constexpr llvm::StringLiteral kCacheTile = "__tessera_cpu_cache_tile__";
constexpr llvm::StringLiteral kRegisterTile = "__tessera_cpu_register_tile__";
constexpr llvm::StringLiteral kPackedLoops = "__tessera_cpu_packed_loops__";
constexpr llvm::StringLiteral kPackCopy = "__tessera_cpu_pack_copy__";
/// Ops in the tiles of a fused epilogue: already in their thread slices.
constexpr llvm::StringLiteral kFusedTile = "__tessera_cpu_fused_tile__";

/// The biggest vector (in elements of the iteration space of one register
/// tile) the pass creates: beyond it, tile sizes from the options would make
/// the vectorizer build vectors that spill to memory.
constexpr int64_t kMaxVectorElements = 4096;

/// The longest row (in vectors) that a reduction along it reduces in one
/// vector: longer rows are split into vector accumulators first
/// (splitInnerReduction); only those whose reduction has no neutral element
/// are left whole.
constexpr int64_t kMaxShortRowVectors = 16;

bool isSupportedElementType(Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return floatType.getWidth() == 16 || floatType.getWidth() == 32 ||
           floatType.getWidth() == 64;
  if (auto intType = dyn_cast<IntegerType>(type))
    // Sub-byte integers are packed by tessera-emulate-narrow-int, which
    // knows scalar loads and stores only; i1 vectors are bit masks.
    return intType.getWidth() >= 8 && intType.getWidth() <= 64;
  return false;
}

/// An op the pass may tile and vectorize: tensors of static shapes and plain
/// element types, projected-permutation indexing maps, a body without index
/// computations, and accepted by the vectorizer.
bool isCandidate(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumLoops() == 0 ||
      op.hasDynamicShape())
    return false;
  for (Type type :
       llvm::concat<const Type>(op->getOperandTypes(), op->getResultTypes())) {
    if (auto shaped = dyn_cast<ShapedType>(type)) {
      if (!isa<RankedTensorType>(shaped) || shaped.getNumElements() == 0)
        return false;
    }
    if (!isSupportedElementType(getElementTypeOrSelf(type)))
      return false;
  }
  for (AffineMap map : op.getIndexingMapsArray())
    if (!map.isProjectedPermutation())
      return false;
  // Ops with regions of their own, at any depth, show as one of the body's.
  if (bodyUsesLoopIndices(op) ||
      llvm::any_of(*op.getBlock(),
                   [](Operation &inner) { return inner.getNumRegions() != 0; }))
    return false;
  return succeeded(linalg::vectorizeOpPrecondition(op));
}

/// Merges each run of consecutive loops of `op` in `runs` into one loop
/// (`linalg::collapseOpIterationDims`; the operands are reshaped to match,
/// the results back), e.g. the image rows and columns of a pointwise NCHW
/// convolution (contiguousParallelRuns): the contraction then has one long
/// n (H*W columns) instead of a batch of H short rows of W, which fill the
/// register tiles and cache blocks far better (a 1x1 conv 32 -> 128
/// channels at 64x64: rows of 64 columns vs one 4096-column GEMM per
/// image). Returns the merged op, or null if it merged none.
linalg::LinalgOp collapseLoopRuns(RewriterBase &rewriter, linalg::LinalgOp op,
                                  ArrayRef<ReassociationIndices> runs) {
  if (runs.empty())
    return {};
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::CollapseResult> collapsed =
      linalg::collapseOpIterationDims(op, runs, rewriter);
  if (failed(collapsed))
    return {};
  rewriter.replaceOp(op, collapsed->results);
  return collapsed->collapsedOp;
}

/// A convolution whose window is a single point (a 1x1 kernel, stride 1, as
/// in FNO's skip paths and FasterNet's pointwise convolutions) is a
/// contraction over the input channels: rewritten as a linalg.generic
/// without its unit window loops, it is tiled, packed and vectorized like a
/// matmul instead of becoming scalar loops.
void pointwiseConvolutionToContraction(RewriterBase &rewriter,
                                       linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape() ||
      !linalg::isaConvolutionOpInterface(op))
    return;
  FailureOr<linalg::ConvolutionDimensions> dims =
      linalg::inferConvolutionDims(op);
  if (failed(dims) || dims->filterLoop.empty() ||
      llvm::any_of(dims->strides, [](int64_t s) { return s != 1; }))
    return;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(dims->filterLoop,
                   [&](unsigned loop) { return ranges[loop] != 1; }))
    return;
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::GenericOp> generic =
      linalg::generalizeNamedOp(rewriter, op);
  if (failed(generic))
    return;
  linalg::ControlDropUnitDims control;
  // Only the window loops: batch 1 and single channels stay as they are.
  control.controlFn = [&](Operation *) {
    return SmallVector<unsigned>(dims->filterLoop.begin(),
                                 dims->filterLoop.end());
  };
  FailureOr<linalg::DropUnitDimsResult> dropped =
      linalg::dropUnitDims(rewriter, *generic, control);
  if (failed(dropped))
    return;
  rewriter.replaceOp(*generic, dropped->replacements);
  if (auto contraction =
          dyn_cast<linalg::GenericOp>(dropped->resultOp.getOperation()))
    collapseLoopRuns(rewriter, contraction,
                     contiguousParallelRuns(contraction));
}

/// A convolution with a larger window (3x3 in quadratic and partial
/// convolutions) becomes a copy of the input patches and a contraction with
/// the filter (CPUIm2Col.h). The copy costs KH*KW reads of the input; the
/// contraction then runs as a tiled, vectorized GEMM instead of scalar loops
/// (measured 10x on a 64-channel 3x3 conv at 56x56).
void windowedConvolutionToIm2Col(RewriterBase &rewriter, linalg::LinalgOp op,
                                 const CPUCodegenConfig &config) {
  auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op.getOperation());
  if (!conv)
    return;
  // The patches: N x C x KH x KW x OH x OW elements (filter [F, C, KH, KW],
  // output [N, F, OH, OW]).
  ArrayRef<int64_t> filter =
      cast<ShapedType>(conv.getInputs()[1].getType()).getShape();
  ArrayRef<int64_t> output =
      cast<ShapedType>(conv.getOutputs()[0].getType()).getShape();
  int64_t patches =
      output[0] * filter[1] * filter[2] * filter[3] * output[2] * output[3];
  bool parallel =
      config.parallelChunks > 1 && patches >= config.parallelMinWork;
  (void)tessera::convolutionToIm2Col(rewriter, conv, parallel);
}

/// An op that `splitForThreads` may cut into slices: static tensors of
/// whole-byte (or complex/float) element types, big enough to be worth
/// forking threads for, not already inside a slice.
bool isThreadSplitCandidate(linalg::LinalgOp op,
                            const CPUCodegenConfig &config) {
  if (!op.hasPureTensorSemantics() || op.getNumLoops() == 0 ||
      op.hasDynamicShape() || op.getNumParallelLoops() == 0 ||
      isa<linalg::FillOp, linalg::CopyOp>(op.getOperation()) ||
      op->getParentOfType<scf::ForallOp>() || op->hasAttr(kFusedTile))
    return false;
  for (Type type :
       llvm::concat<const Type>(op->getOperandTypes(), op->getResultTypes())) {
    Type element = getElementTypeOrSelf(type);
    // Sub-byte tensors are packed two per byte later: a slice could start
    // in the middle of a byte.
    if (element.isIntOrFloat() && element.getIntOrFloatBitWidth() < 8)
      return false;
    if (auto shaped = dyn_cast<ShapedType>(type))
      if (shaped.getNumElements() == 0)
        return false;
  }
  int64_t work = 1;
  for (int64_t range : op.getStaticLoopRanges())
    work *= range;
  return work >= config.parallelMinWork;
}

/// The parallel loop of `op` to split into `chunks` slices for the threads,
/// or -1: the first (outermost) of, in order of preference, the batch-like
/// loops (a contraction's parallel loops other than m and n), n (whole
/// panels of nr columns per slice), m (at least mr rows per slice) and
/// every other parallel loop, whose trip count `chunks` divides. Dividing
/// evenly keeps every slice's shape static.
int64_t pickThreadSplitLoop(linalg::LinalgOp op, int64_t chunks,
                            const CPUCodegenConfig &config) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  auto divides = [&](int64_t loop, int64_t multiple) {
    return loop >= 0 && linalg::isParallelIterator(iterators[loop]) &&
           ranges[loop] % chunks == 0 &&
           (ranges[loop] / chunks) % multiple == 0;
  };
  SmallVector<std::pair<int64_t, int64_t>> preference; // (loop, multiple)
  if (std::optional<ContractionLoops> loops = matchContraction(op)) {
    for (int64_t i = 0, e = ranges.size(); i < e; ++i)
      if (i != loops->m && i != loops->n)
        preference.push_back({i, 1});
    preference.push_back({loops->n, config.nr});
    preference.push_back({loops->m, config.mr});
    preference.push_back({loops->n, 1});
    preference.push_back({loops->m, 1});
  } else {
    // Outermost output dimension first: contiguous slices of the result.
    AffineMap outputMap =
        op.getNumDpsInits() != 0
            ? op.getMatchingIndexingMap(op.getDpsInitOperand(0))
            : AffineMap();
    if (outputMap && outputMap.isProjectedPermutation())
      for (unsigned i = 0, e = outputMap.getNumResults(); i < e; ++i)
        preference.push_back({outputMap.getDimPosition(i), 1});
    for (int64_t i = 0, e = ranges.size(); i < e; ++i)
      preference.push_back({i, 1});
  }
  for (auto [loop, multiple] : preference)
    if (divides(loop, multiple))
      return loop;
  return -1;
}

/// Splits `op` into `chunks` slices along one parallel loop, as an
/// scf.forall: each slice is then tiled like a whole op, and
/// tessera-cpu-parallelize turns the forall into parallel loops that run on
/// the runtime's threads. Splitting first (rather than parallelizing a
/// cache-tile loop) keeps the packing buffers per slice, so threads never
/// share a scratch buffer.
void splitForThreads(RewriterBase &rewriter, linalg::LinalgOp op,
                     const CPUCodegenConfig &config) {
  int64_t chunks = config.parallelChunks;
  if (chunks <= 1)
    return;
  int64_t loop = pickThreadSplitLoop(op, chunks, config);
  if (loop < 0)
    return;
  SmallVector<int64_t> tiles(op.getNumLoops(), 0);
  tiles[loop] = op.getStaticLoopRanges()[loop] / chunks;
  scf::SCFTilingOptions options;
  options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
  options.setTileSizes(getAsIndexOpFoldResult(op.getContext(), tiles));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (succeeded(tiled))
    rewriter.replaceOp(op, tiled->replacements);
}

/// `op` as a linalg.generic: itself, or a named op generalized in place.
FailureOr<linalg::GenericOp> toGeneric(RewriterBase &rewriter,
                                       linalg::LinalgOp op) {
  if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation()))
    return generic;
  return linalg::generalizeNamedOp(rewriter, op);
}

/// The extension to i32 of an input element of a contraction of products
/// of integers that fit i16, and the cast that views it as signless (an
/// unsigned element type, e.g. ui8), if any.
struct NarrowInput {
  Operation *ext = nullptr;
  Operation *cast = nullptr;
};

/// `operand`'s extension in `owner`'s body, if narrower than i16 and
/// worth widening: with `pairs` (int-dot-pairs), a left operand (indexed by
/// m, not by n); any operand of an unsigned element type (the cast keeps
/// the op from being vectorized at all).
std::optional<NarrowInput> narrowInput(linalg::LinalgOp owner,
                                       OpOperand &operand,
                                       const ContractionLoops &loops,
                                       bool pairs) {
  BlockArgument arg = owner.getMatchingBlockArgument(&operand);
  auto type = dyn_cast<IntegerType>(arg.getType());
  if (!type || type.getWidth() >= 16 || !arg.hasOneUse())
    return std::nullopt;
  NarrowInput input;
  Operation *user = *arg.getUsers().begin();
  if (isa<UnrealizedConversionCastOp>(user)) {
    if (user->getNumResults() != 1 || !user->getResult(0).hasOneUse())
      return std::nullopt;
    input.cast = user;
    user = *user->getResult(0).getUsers().begin();
  }
  if (!isa<arith::ExtSIOp, arith::ExtUIOp>(user))
    return std::nullopt;
  input.ext = user;
  AffineMap map = owner.getMatchingIndexingMap(&operand);
  bool left = map.isFunctionOfDim(loops.m) && !map.isFunctionOfDim(loops.n);
  if (!(left && pairs) && !input.cast)
    return std::nullopt;
  return input;
}

/// The inputs of a contraction of products of integers that fit i16
/// (accumulatesI16Products) that narrowInput selects, widened to i16 by an
/// elementwise op before it: a register tile's row then reads each pair
/// of k of a left operand as one 32-bit word that broadcasts straight from
/// memory, instead of loading, widening and broadcasting two bytes per row
/// and pair in the inner loop (int8 1024^3 on Zen 5: 5.5 -> 4.2 ms), and
/// an unsigned operand no longer keeps the contraction from being
/// vectorized (ui8 x i8 1024^3: 453 ms in scalar loops before). O(M K)
/// work against the contraction's O(M N K).
void widenInputsToI16(RewriterBase &rewriter, linalg::LinalgOp op,
                      const ContractionLoops &loops, bool pairs) {
  if (loops.m < 0 ||
      llvm::none_of(op.getDpsInputOperands(), [&](OpOperand *operand) {
        return narrowInput(op, *operand, loops, pairs);
      }))
    return;
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::GenericOp> generic = toGeneric(rewriter, op);
  if (failed(generic))
    return;
  Type i16 = rewriter.getI16Type();
  for (OpOperand *operand : generic->getDpsInputOperands()) {
    std::optional<NarrowInput> input =
        narrowInput(*generic, *operand, loops, pairs);
    if (!input)
      continue;
    Location loc = operand->get().getLoc();
    auto type = cast<RankedTensorType>(operand->get().getType());
    Type signless = input->cast ? input->cast->getResult(0).getType()
                                : type.getElementType();
    bool isSigned = isa<arith::ExtSIOp>(input->ext);
    rewriter.setInsertionPoint(*generic);
    Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(), i16);
    AffineMap identity = rewriter.getMultiDimIdentityMap(type.getRank());
    Value widened =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{empty.getType()},
            ValueRange{operand->get()}, ValueRange{empty},
            ArrayRef<AffineMap>{identity, identity},
            SmallVector<utils::IteratorType>(type.getRank(),
                                             utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value value = args[0];
              if (input->cast)
                value =
                    UnrealizedConversionCastOp::create(b, l, signless, value)
                        .getResult(0);
              value =
                  isSigned
                      ? arith::ExtSIOp::create(b, l, i16, value).getResult()
                      : arith::ExtUIOp::create(b, l, i16, value).getResult();
              linalg::YieldOp::create(b, l, value);
            })
            .getResult(0);
    // The body now extends an i16, by sign: a zero-extended value fits it
    // as a non-negative one.
    BlockArgument arg = generic->getMatchingBlockArgument(operand);
    rewriter.modifyOpInPlace(*generic, [&] {
      operand->set(widened);
      arg.setType(i16);
    });
    rewriter.setInsertionPoint(input->ext);
    rewriter.replaceOpWithNewOp<arith::ExtSIOp>(
        input->ext, input->ext->getResultTypes()[0], arg);
    if (input->cast)
      rewriter.eraseOp(input->cast);
  }
}

/// The smallest reduction step of a register tile in quads (vpdpbusd).
constexpr int64_t kQuadSteps = 16;

/// Clamps a tile size from the config to a loop of `range` iterations: 0
/// (untiled) if the config says so (negative) or the tile covers the loop.
int64_t clampTile(int64_t tile, int64_t range) {
  if (tile <= 0 || tile >= range)
    return 0;
  return tile;
}

/// Tiles `op` with `tileSizes` (0: untiled) and the loop order
/// `interchange`, marks the tiled op with `mark`, and peels every loop whose
/// trip count does not divide, so that every tile has a static shape once
/// the function is canonicalized. Returns failure (leaving `op` alone) if
/// the op cannot be tiled.
LogicalResult tileAndPeel(RewriterBase &rewriter, linalg::LinalgOp op,
                          ArrayRef<int64_t> tileSizes,
                          ArrayRef<int64_t> interchange, StringRef mark,
                          Attribute markValue = {}) {
  MLIRContext *ctx = op.getContext();
  if (!markValue)
    markValue = UnitAttr::get(ctx);
  if (llvm::all_of(tileSizes, [](int64_t size) { return size == 0; })) {
    op->setAttr(mark, markValue);
    return success();
  }
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(ctx, tileSizes));
  options.setInterchange(interchange);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  for (Operation *tiledOp : tiled->tiledOps)
    tiledOp->setAttr(mark, markValue);
  // Innermost first: peeling an outer loop copies the (already peeled)
  // inner loops into its last iteration. The bounds of the inner loops do
  // not depend on the outer induction variables.
  for (LoopLikeOpInterface loop : llvm::reverse(tiled->loops)) {
    auto forOp = dyn_cast<scf::ForOp>(loop.getOperation());
    if (!forOp)
      continue;
    scf::ForOp partialIteration;
    (void)scf::peelForLoopAndSimplifyBounds(rewriter, forOp, partialIteration);
  }
  return success();
}

/// The inputs of a contraction that packing copies. Right operands: indexed
/// by n and not by m (B of A x B). Left operands: indexed by m and k and not
/// by n (A).
SmallVector<OpOperand *> getPackedOperands(linalg::LinalgOp op,
                                           const ContractionLoops &loops,
                                           bool left) {
  SmallVector<OpOperand *> operands;
  if (loops.m < 0 || loops.k < 0)
    return operands;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    bool byM = map.isFunctionOfDim(loops.m), byN = map.isFunctionOfDim(loops.n);
    if (left ? byM && !byN && map.isFunctionOfDim(loops.k) : byN && !byM)
      operands.push_back(input);
  }
  return operands;
}

/// Which operands of `op` packing copies: only when the output has enough
/// rows and columns to amortize the copies, and the split loop divides
/// (see splitForPacking for the rest).
struct PackPlan {
  bool left = false;
  bool right = false;
};

PackPlan planPacking(linalg::LinalgOp op, const ContractionLoops &loops,
                     const CPUCodegenConfig &config) {
  PackPlan plan;
  if (loops.m < 0 || loops.k < 0 || loops.n1 >= 0 || config.mr <= 0 ||
      config.nr <= 0)
    return plan;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t m = ranges[loops.m], n = ranges[loops.n];
  // A right operand that must be packed to be vectorized is packed however
  // few rows share it: unpacked, the op runs as scalar loops (64 x 112 x 128
  // A x B^T with AVX-512: 8 rows 0.077 ms, 16 rows packed 0.008 ms).
  bool amortized = m >= 2 * config.mr;
  plan.right = config.packRhs && n % config.nr == 0 &&
               (loops.mustPack || (amortized && n > config.nr)) &&
               !getPackedOperands(op, loops, /*left=*/false).empty();
  plan.left = config.packLhs && amortized && m % config.mr == 0 &&
              n >= 2 * config.nr &&
              !getPackedOperands(op, loops, /*left=*/true).empty();
  return plan;
}

/// Narrows `config` to one right panel as wide as `op`'s columns, if `op`
/// is the remainder of columns that splitForPacking cut off a contraction
/// whose right operand must be packed to be vectorized (transposed, as
/// Kronecker attention's P x V with n = 112 = 3 x 32 + 16): left unpacked,
/// it ran as scalar loops, which LLVM then unrolled (16 x 112 steps per
/// row) and spent 0.3 s of loop strength reduction on. splitForPacking
/// leaves remainders of whole vectors or less than one.
bool packRemainderPanel(linalg::LinalgOp op, const ContractionLoops &loops,
                        CPUCodegenConfig &config) {
  if (!config.packRhs || config.vectorWidth <= 0 || loops.m < 0 ||
      loops.k < 0 || loops.n1 >= 0)
    return false;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t m = ranges[loops.m], n = ranges[loops.n];
  if (ShapedType::isDynamic(m) || ShapedType::isDynamic(n) || n >= config.nr ||
      getPackedOperands(op, loops, /*left=*/false).empty())
    return false;
  config.nr = n;
  config.nc = n;
  return true;
}

/// `config` with its right panels narrowed (nr by whole vectors) until n
/// holds two of them: packing needs two panels, and an unpacked contraction
/// reads its right operand with the stride of a row (conflicting in the
/// caches) or, transposed, is not vectorized at all. Measured on AVX-512
/// (nr 32 -> 16), 2 threads, interleaved runs: Kronecker attention (n = 56
/// in its P x V and output projection) 7.7 -> 2.7 ms (3.8 ms narrowing
/// only the transposed P x V); the other example models unchanged.
CPUCodegenConfig narrowPanels(CPUCodegenConfig config, linalg::LinalgOp op,
                              const ContractionLoops &loops) {
  if (!config.packRhs || config.vectorWidth <= 0)
    return config;
  int64_t n = op.getStaticLoopRanges()[loops.n];
  while (n < 2 * config.nr &&
         config.nr - config.vectorWidth >= config.vectorWidth &&
         config.nr % config.vectorWidth == 0)
    config.nr -= config.vectorWidth;
  return config;
}

int64_t fitRowsInRegisters(linalg::LinalgOp op, const ContractionLoops &loops,
                           const CPUCodegenConfig &config);

/// `config` with the register rows that do not pay spent on columns
/// instead: mr x nr accumulators are what hide the FMA latency (two FMA
/// pipes of 4 cycles want 8 independent chains and more), and rows pay only
/// where they exist (m >= mr) and share the right operand's vectors (an
/// input indexed by n but not by m). Otherwise the tile takes the rows
/// that there are, or one row when none share (each row would stream its
/// own strip of the right operand, whose prefetching favors one long
/// contiguous run over several short ones), and nr grows by whole multiples
/// of itself (so many that the accumulators stay about mr x nr, whole
/// vectors within n; see below for the remainder), nc with it. Measured
/// on AVX-512 (mr 8, nr 32), 2 threads: fno2d's last 1x1 convolution
/// (128 -> 1 channels: out[b, p] += in[b, c, p] * w[c], the batch as m,
/// nothing shared) 0.40 -> 0.085 ms as 1 x 256 (4 x 64: 0.16-0.32 ms).
CPUCodegenConfig widenPanelsForShortRows(CPUCodegenConfig config,
                                         linalg::LinalgOp op,
                                         const ContractionLoops &loops) {
  if (loops.m1 >= 0 || loops.n1 >= 0 || config.mr <= 1 || config.nr <= 0 ||
      config.vectorWidth <= 0)
    return config;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t m = loops.m >= 0 ? ranges[loops.m] : 1;
  int64_t n = ranges[loops.n];
  if (ShapedType::isDynamic(m) || ShapedType::isDynamic(n))
    return config;
  bool rowsShare = llvm::any_of(op.getDpsInputOperands(), [&](OpOperand *in) {
    AffineMap map = op.getMatchingIndexingMap(in);
    return map.isFunctionOfDim(loops.n) &&
           (loops.m < 0 || !map.isFunctionOfDim(loops.m));
  });
  int64_t rows = rowsShare ? std::min(m, config.mr) : 1;
  if (rows >= config.mr)
    return config;
  // Several rows must still fit in the registers with their right
  // operand's vectors (fitRowsInRegisters); one row streams them. The
  // columns that remain after the last whole tile (peeled: one tile of
  // their width) must be no more than nr's: a remainder of many lanes that
  // are not whole vectors compiles to slow code (a 1x1000x1000
  // vector-matrix product as 3 x 256 + 232 columns ran 2x slower than as
  // 31 x 32 + 8; column sums as 56 lanes 3x slower than 32 + 16 + 8).
  int64_t widest = n - n % config.vectorWidth;
  for (int64_t factor = config.mr / rows; factor > 1; --factor) {
    CPUCodegenConfig wider = config;
    wider.nr *= factor;
    wider.mr = rows;
    wider.nc = llvm::alignTo(std::max(wider.nc, wider.nr), wider.nr);
    if (wider.nr <= widest && n % wider.nr <= config.nr &&
        (rows == 1 || fitRowsInRegisters(op, loops, wider) == rows))
      return wider;
  }
  return config;
}

/// `config` with register tiles half as high and twice as wide where the
/// contraction's reduction is short (k <= 64) and its tiles are full ones
/// of two vectors' width (CPUCodegenConfig::shortReductionTiles): a tile
/// that runs for few steps of k costs its accumulators' loads and stores
/// and its left operand's broadcasts (mr per step) more than its FMAs, and
/// mr / 2 x 2 nr has the same accumulators with half the broadcasts. Only
/// where n still holds two of the wider panels (narrowPanels) and for
/// floating-point results (integer tiles have their own reduction steps:
/// int-dot-pairs, int-dot-quads). Measured on AVX-512 (8 x 32 -> 4 x 64),
/// one thread: f32 128 x 4096 with k = 3, 8, 16, 32, 64: 0.26, 0.25, 0.36,
/// 0.56, 0.95-0.98 -> 0.18, 0.17, 0.25, 0.44, 0.79-0.81 ms; 256 x 1024 x 4
/// 0.123 -> 0.064 ms; fno2d (1x1 convolutions with k = 32, 3) 20.4-22.6
/// -> 18.7-19.9 ms; k = 128 and 512^3 on par.
CPUCodegenConfig widenPanelsForShortReductions(CPUCodegenConfig config,
                                               linalg::LinalgOp op,
                                               const ContractionLoops &loops) {
  if (!config.shortReductionTiles || loops.m1 >= 0 || loops.n1 >= 0 ||
      loops.m < 0 || loops.k < 0 || config.vectorWidth <= 0 ||
      config.nr != 2 * config.vectorWidth || config.mr < 2 ||
      config.mr % 2 != 0 || op.getNumDpsInits() != 1 ||
      !isa<FloatType>(getElementTypeOrSelf(op.getDpsInits()[0].getType())))
    return config;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t m = ranges[loops.m], n = ranges[loops.n], k = ranges[loops.k];
  if (ShapedType::isDynamic(m) || ShapedType::isDynamic(n) ||
      ShapedType::isDynamic(k) || k > 64 || m < config.mr / 2 ||
      n < 4 * config.nr)
    return config;
  config.mr /= 2;
  config.nr *= 2;
  config.nc = llvm::alignTo(std::max(config.nc, config.nr), config.nr);
  return config;
}

/// Splits `op` along m (then n) where the trip count does not divide into
/// register tiles and packing is wanted: the first part takes whole tiles
/// (and is packed), the second the remainder rows (columns). Returns the
/// ops to plan again.
SmallVector<linalg::LinalgOp> splitForPacking(RewriterBase &rewriter,
                                              linalg::LinalgOp op,
                                              const ContractionLoops &loops,
                                              const CPUCodegenConfig &config) {
  SmallVector<linalg::LinalgOp> parts = {op};
  if (loops.m < 0 || loops.k < 0 || config.mr <= 0 || config.nr <= 0)
    return parts;
  auto split = [&](int64_t dim, int64_t tile) {
    SmallVector<linalg::LinalgOp> result;
    for (linalg::LinalgOp part : parts) {
      int64_t size = part.getStaticLoopRanges()[dim];
      int64_t whole = size / tile * tile;
      if (whole == size || whole == 0) {
        result.push_back(part);
        continue;
      }
      rewriter.setInsertionPoint(part);
      auto [first, second] =
          linalg::splitOp(rewriter, cast<TilingInterface>(part.getOperation()),
                          dim, rewriter.getIndexAttr(whole));
      for (TilingInterface piece : {first, second})
        if (auto linalgPiece =
                dyn_cast_or_null<linalg::LinalgOp>(piece.getOperation()))
          result.push_back(linalgPiece);
    }
    parts = result;
  };
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t m = ranges[loops.m], n = ranges[loops.n];
  if (config.packLhs && m >= 2 * config.mr && n >= 2 * config.nr &&
      !getPackedOperands(op, loops, /*left=*/true).empty())
    split(loops.m, config.mr);
  if (config.packRhs &&
      (loops.mustPack || (n >= 2 * config.nr && m >= 2 * config.mr)) &&
      !getPackedOperands(op, loops, /*left=*/false).empty()) {
    split(loops.n, config.nr);
    // A right operand that must be packed to be vectorized packs its
    // remainder of columns too, one panel per part (packRemainderPanel):
    // whole vectors, then the rest. With AVX-512, 64 x 120 x 128 (A x B^T)
    // ran 0.083 ms with a remainder panel of 24 lanes, 0.018-0.020 ms with
    // 16 or 8, and 0.16 ms unpacked.
    if (loops.mustPack && config.vectorWidth > 0)
      split(loops.n, config.vectorWidth);
  }
  return parts;
}

/// Packs the operands of contraction `op` chosen by `plan`: loop n (m) is
/// split into (n1, n2) with n2 < nr (m2 < mr), a new innermost loop; every
/// operand indexed by the loop is expanded ([.., N, ..] to [.., N/nr, nr,
/// ..], free on buffers); the right (left) operands are then copied by a
/// linalg.transpose to [N/nr, .., K, nr] (n1 first, n2 last), so that a
/// register tile reads one contiguous row of nr (mr) elements per step of
/// the reduction. The op becomes a linalg.generic on those operands whose
/// results are collapsed back. Returns the new op and its loop roles (n, m
/// are then n2, m2).
FailureOr<std::pair<linalg::GenericOp, ContractionLoops>>
packOperands(RewriterBase &rewriter, linalg::LinalgOp op,
             const ContractionLoops &loops, const PackPlan &plan,
             const CPUCodegenConfig &config) {
  MLIRContext *ctx = op.getContext();
  Location loc = op.getLoc();
  unsigned numLoops = op.getNumLoops();
  struct Split {
    int64_t dim;
    int64_t tile;
    int64_t inner;
    SmallVector<unsigned> copied;
  };
  SmallVector<Split> splits;
  auto addSplit = [&](int64_t dim, int64_t tile, bool left) {
    Split split{dim, tile, static_cast<int64_t>(numLoops + splits.size()), {}};
    for (OpOperand *operand : getPackedOperands(op, loops, left))
      split.copied.push_back(operand->getOperandNumber());
    splits.push_back(split);
  };
  // m2 before n2: the vectorizer lays vectors out in loop order, and n2
  // must be the lanes.
  if (plan.left)
    addSplit(loops.m, config.mr, /*left=*/true);
  if (plan.right)
    addSplit(loops.n, config.nr, /*left=*/false);
  if (splits.empty())
    return failure();

  rewriter.setInsertionPoint(op);
  FailureOr<linalg::GenericOp> asGeneric = toGeneric(rewriter, op);
  if (failed(asGeneric))
    return failure();
  linalg::GenericOp generic = *asGeneric;
  SmallVector<int64_t> ranges = generic.getStaticLoopRanges();
  unsigned newNumLoops = numLoops + splits.size();

  SmallVector<Value> inputs, inits;
  SmallVector<AffineMap> maps;
  SmallVector<std::optional<SmallVector<ReassociationIndices>>> initReassoc;
  for (OpOperand &operand : generic->getOpOperands()) {
    Value value = operand.get();
    AffineMap map = generic.getMatchingIndexingMap(&operand);
    bool isInit = generic.isDpsInit(&operand);
    auto type = dyn_cast<RankedTensorType>(value.getType());
    SmallVector<AffineExpr> results;
    SmallVector<int64_t> shape;
    SmallVector<ReassociationIndices> reassociation;
    bool expandedAny = false;
    std::optional<std::pair<int64_t, int64_t>> copy; // outer, inner position
    for (unsigned i = 0, e = map.getNumResults(); i < e; ++i) {
      AffineExpr expr = map.getResult(i);
      int64_t next = shape.size();
      const Split *split = nullptr;
      for (const Split &candidate : splits)
        if (expr == getAffineDimExpr(candidate.dim, ctx))
          split = &candidate;
      if (!split) {
        results.push_back(expr);
        reassociation.push_back({next});
        shape.push_back(type.getDimSize(i));
        continue;
      }
      expandedAny = true;
      results.push_back(expr);
      results.push_back(getAffineDimExpr(split->inner, ctx));
      reassociation.push_back({next, next + 1});
      shape.push_back(ranges[split->dim] / split->tile);
      shape.push_back(split->tile);
      if (llvm::is_contained(split->copied, operand.getOperandNumber()))
        copy = std::make_pair(next, next + 1);
    }
    if (expandedAny)
      value = tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get(shape, type.getElementType()),
          value, reassociation);
    if (copy) {
      // [outer, the other dimensions in order, inner].
      SmallVector<int64_t> permutation = {copy->first};
      for (int64_t i = 0, e = shape.size(); i < e; ++i)
        if (i != copy->first && i != copy->second)
          permutation.push_back(i);
      permutation.push_back(copy->second);
      SmallVector<int64_t> packedShape;
      SmallVector<AffineExpr> packedResults;
      for (int64_t i : permutation) {
        packedShape.push_back(shape[i]);
        packedResults.push_back(results[i]);
      }
      Value empty = tensor::EmptyOp::create(rewriter, loc, packedShape,
                                            type.getElementType());
      auto transpose =
          linalg::TransposeOp::create(rewriter, loc, value, empty, permutation);
      transpose->setAttr(kPackCopy, UnitAttr::get(ctx));
      value = transpose->getResult(0);
      results = packedResults;
    }
    maps.push_back(AffineMap::get(newNumLoops, 0, results, ctx));
    (isInit ? inits : inputs).push_back(value);
    if (isInit) {
      if (expandedAny)
        initReassoc.push_back(reassociation);
      else
        initReassoc.push_back(std::nullopt);
    }
  }
  SmallVector<utils::IteratorType> iterators = generic.getIteratorTypesArray();
  iterators.append(splits.size(), utils::IteratorType::parallel);
  SmallVector<Type> resultTypes;
  for (Value init : inits)
    resultTypes.push_back(init.getType());
  auto packed = linalg::GenericOp::create(rewriter, loc, resultTypes, inputs,
                                          inits, maps, iterators);
  rewriter.inlineRegionBefore(generic.getRegion(), packed.getRegion(),
                              packed.getRegion().begin());
  SmallVector<Value> replacements;
  for (auto [result, reassociation] :
       llvm::zip_equal(packed.getResults(), initReassoc)) {
    if (!reassociation) {
      replacements.push_back(result);
      continue;
    }
    replacements.push_back(
        tensor::CollapseShapeOp::create(rewriter, loc, result, *reassociation));
  }
  rewriter.replaceOp(generic, replacements);
  ContractionLoops packedLoops = loops;
  packedLoops.mustPack = false;
  for (const Split &split : splits) {
    if (split.dim == loops.n) {
      packedLoops.n1 = loops.n;
      packedLoops.n = split.inner;
    } else {
      packedLoops.m1 = loops.m;
      packedLoops.m = split.inner;
    }
  }
  return std::make_pair(packed, packedLoops);
}

/// Cache-level tiling of a contraction: [mc, nc, kc] on m, n, k, 1 on the
/// other parallel loops, other reduction loops untiled; loops ordered
/// (other parallel, n, k, m). A packed op tiles its panel loop n1 by nc / nr
/// panels and leaves n (within a panel) whole. The tiles are marked with
/// their loop roles.
LogicalResult tileContractionForCaches(RewriterBase &rewriter,
                                       linalg::LinalgOp op,
                                       const ContractionLoops &loops,
                                       const CPUCodegenConfig &config) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  unsigned numLoops = ranges.size();
  SmallVector<int64_t> tiles(numLoops, 0);
  SmallVector<int64_t> interchange;
  SmallVector<int64_t> otherReductions;
  for (unsigned i = 0; i < numLoops; ++i) {
    if (i == loops.m || i == loops.n || i == loops.k || i == loops.n1 ||
        i == loops.m1)
      continue;
    if (linalg::isParallelIterator(op.getIteratorTypesArray()[i])) {
      tiles[i] = clampTile(1, ranges[i]);
      interchange.push_back(i);
    } else {
      otherReductions.push_back(i);
    }
  }
  if (loops.n1 >= 0) {
    tiles[loops.n1] = clampTile(
        config.nc > 0 ? std::max<int64_t>(1, config.nc / ranges[loops.n])
                      : config.nc,
        ranges[loops.n1]);
    interchange.push_back(loops.n1);
  } else {
    tiles[loops.n] = clampTile(config.nc, ranges[loops.n]);
    interchange.push_back(loops.n);
  }
  tiles[loops.k] = clampTile(config.kc, ranges[loops.k]);
  interchange.push_back(loops.k);
  if (loops.m1 >= 0) {
    tiles[loops.m1] = clampTile(
        config.mc > 0 ? std::max<int64_t>(1, config.mc / ranges[loops.m])
                      : config.mc,
        ranges[loops.m1]);
    interchange.push_back(loops.m1);
  } else if (loops.m >= 0) {
    tiles[loops.m] = clampTile(config.mc, ranges[loops.m]);
    interchange.push_back(loops.m);
  }
  llvm::append_range(interchange, otherReductions);
  if (loops.n1 >= 0)
    interchange.push_back(loops.n);
  if (loops.m1 >= 0)
    interchange.push_back(loops.m);
  return tileAndPeel(rewriter, op, tiles, interchange, kCacheTile,
                     loops.toAttr(op.getContext()));
}

/// The rows of a register tile: mr, fewer if the accumulators of all the
/// op's outputs (mr x nr each), one vector per right operand and two
/// broadcasts would not fit in the SIMD registers (16 up to 8 f32 lanes,
/// 32 with AVX-512): spilled accumulators put a store and a load on the
/// critical path of every reduction step.
int64_t fitRowsInRegisters(linalg::LinalgOp op, const ContractionLoops &loops,
                           const CPUCodegenConfig &config) {
  if (config.mr <= 1)
    return config.mr;
  Type element = getElementTypeOrSelf(op.getDpsInits()[0].getType());
  int64_t lanes = config.lanesFor(element.getIntOrFloatBitWidth());
  int64_t registers = config.vectorWidth >= 16 ? 32 : 16;
  int64_t n = std::min(config.nr, op.getStaticLoopRanges()[loops.n]);
  int64_t vectorsPerRow = llvm::divideCeil(n, lanes);
  int64_t rightOperands = 0;
  for (OpOperand *input : op.getDpsInputOperands())
    if (op.getMatchingIndexingMap(input).isFunctionOfDim(loops.n))
      ++rightOperands;
  int64_t free = registers - 2 - rightOperands * vectorsPerRow;
  int64_t perRow = op.getNumDpsInits() * vectorsPerRow;
  int64_t rows = perRow > 0 ? free / perRow : config.mr;
  return std::clamp<int64_t>(rows, 1, config.mr);
}

/// Register-level tiling of a (cache tile of a) contraction: [mr, nr, kr]
/// on m, n, k and 1 on every other loop; loops ordered (other parallel, n,
/// m, other reductions, k), so that the accumulator tile is invariant in
/// the reduction loops. A packed op takes one panel (n1 = 1, n whole).
LogicalResult tileContractionForRegisters(RewriterBase &rewriter,
                                          linalg::LinalgOp op,
                                          const ContractionLoops &loops,
                                          const CPUCodegenConfig &config) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  unsigned numLoops = ranges.size();
  SmallVector<int64_t> tiles(numLoops, 0);
  SmallVector<int64_t> interchange;
  SmallVector<int64_t> otherReductions;
  for (unsigned i = 0; i < numLoops; ++i) {
    if (i == loops.m || i == loops.n || i == loops.k || i == loops.n1 ||
        i == loops.m1)
      continue;
    tiles[i] = clampTile(1, ranges[i]);
    if (linalg::isParallelIterator(op.getIteratorTypesArray()[i]))
      interchange.push_back(i);
    else
      otherReductions.push_back(i);
  }
  if (loops.n1 >= 0) {
    tiles[loops.n1] = clampTile(1, ranges[loops.n1]);
    interchange.push_back(loops.n1);
  } else {
    tiles[loops.n] = clampTile(config.nr, ranges[loops.n]);
    interchange.push_back(loops.n);
  }
  // Integer products that vpdpbusd computes four steps of k at a time: a
  // multiple of 4, at least 16 (a signed left operand's correction is taken
  // away once per step: int8 1024^3 3.4-3.6 ms with 4, 2.8-3.0 with 16);
  // pmaddwd two at a time: an even kr (tessera-cpu-lower-vectors).
  int64_t kr = config.kr;
  if (config.intDotQuads && kr > 0 && accumulatesI8Products(op))
    kr = std::max<int64_t>(llvm::alignTo(kr, 4), kQuadSteps);
  else if (config.intDotPairs && kr > 0 && accumulatesI16Products(op))
    kr = llvm::alignTo(kr, 2);
  tiles[loops.k] = clampTile(kr, ranges[loops.k]);
  if (loops.m1 >= 0) {
    tiles[loops.m1] = clampTile(1, ranges[loops.m1]);
    interchange.push_back(loops.m1);
  } else if (loops.m >= 0) {
    tiles[loops.m] =
        clampTile(fitRowsInRegisters(op, loops, config), ranges[loops.m]);
    interchange.push_back(loops.m);
  }
  llvm::append_range(interchange, otherReductions);
  interchange.push_back(loops.k);
  if (loops.n1 >= 0)
    interchange.push_back(loops.n);
  if (loops.m1 >= 0)
    interchange.push_back(loops.m);
  return tileAndPeel(rewriter, op, tiles, interchange, kRegisterTile);
}

/// A register tile vectorized as its body (not as a vector.contract) with
/// its loop along the output's innermost dimension last, behind the
/// reduction loops (kr > 1): the vectorizer gives vectors the loops'
/// order, so a reduction after that loop is the vectors' innermost
/// dimension, read from operands where it is not (a DFT stage's
/// input[k][n]: vector<mr x nr x kr> is gathered lane by lane) and reduced
/// through a transpose. With the loop last every operand indexed by it is
/// read along it and the reduction adds whole vectors (fno2d's inverse DFT
/// along H with kr = 2: 1.26 ms -> 0.47 ms; kr = 1: 0.19-0.23 ms, so kr > 1
/// still loses there, each of its four operands needing mr x kr vectors).
/// Floating-point tiles only: integer ones with kr > 1 are products in
/// pairs or quads of k (tessera-cpu-integer-dot-pairs), which want k
/// innermost.
linalg::GenericOp putOutputLoopLast(RewriterBase &rewriter,
                                    linalg::GenericOp op) {
  if (op.getNumDpsInits() == 0 || op.getNumReductionLoops() == 0 ||
      llvm::any_of(op.getDpsInits(), [](Value init) {
        return !isa<FloatType>(getElementTypeOrSelf(init.getType()));
      }))
    return op;
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (outputMap.getNumResults() == 0)
    return op;
  auto innermost = dyn_cast<AffineDimExpr>(outputMap.getResults().back());
  if (!innermost)
    return op;
  unsigned last = innermost.getPosition();
  unsigned numLoops = op.getNumLoops();
  if (last == numLoops - 1)
    return op;
  SmallVector<unsigned> order;
  for (unsigned loop = 0; loop < numLoops; ++loop)
    if (loop != last)
      order.push_back(loop);
  order.push_back(last);
  FailureOr<linalg::GenericOp> interchanged =
      linalg::interchangeGenericOp(rewriter, op, order);
  return succeeded(interchanged) ? *interchanged : op;
}

/// The loop along which an input of the elementwise op `op` is contiguous
/// while the op's vectors run along `inner` (the output's innermost loop),
/// which that input also indexes: a transposed read, as of a packing copy
/// of A x B^T's B or of a contraction's transposed result. -1 if none, or
/// if an element is not 32 bits wide (the transposing tiles are 32-bit
/// vector<lanes x lanes>).
int64_t transposedInputLoop(linalg::LinalgOp op, int64_t inner) {
  if (op.getNumDpsInits() != 1 || op.getNumReductionLoops() != 0)
    return -1;
  auto is32Bit = [](Value value) {
    Type element = getElementTypeOrSelf(value.getType());
    return element.isIntOrFloat() && element.getIntOrFloatBitWidth() == 32;
  };
  if (!is32Bit(op.getDpsInits()[0]))
    return -1;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (map.getNumResults() < 2 || !map.isProjectedPermutation() ||
        !isa<ShapedType>(input->get().getType()) || !is32Bit(input->get()) ||
        !map.isFunctionOfDim(inner))
      continue;
    int64_t last = map.getDimPosition(map.getNumResults() - 1);
    if (last != inner)
      return last;
  }
  return -1;
}

/// Elementwise ops: one vector of `vectorWidth` lanes along the output's
/// innermost loop, 1 on the others; loops in the order of the output's
/// dimensions. An op that reads an input transposed (transposedInputLoop)
/// takes `vectorWidth` along that input's contiguous loop too, placed
/// second innermost: each tile reads `vectorWidth` whole vectors of the
/// input and transposes them in registers (a vector.transpose, which
/// tessera-cpu-lower-vectors makes shuffles) instead of gathering its
/// lanes one by one. Measured on AVX-512, one thread, a 512 x 1024 f32
/// transpose: 1.52-1.66 -> 0.17-0.20 ms with 16 lanes, 1.51-1.60 -> 0.31-0.32
/// with 8, 1.58-1.64 -> 0.43-0.46 with 4; Kronecker attention's P x V with
/// its divide, packed: 0.71-0.89 -> 0.59-0.66 ms, its result transposed:
/// 0.59-0.61 -> 0.46-0.50 ms; pau_mlp 0.077 -> 0.066 ms.
LogicalResult tileElementwise(RewriterBase &rewriter, linalg::LinalgOp op,
                              const CPUCodegenConfig &config) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  unsigned numLoops = ranges.size();
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  SmallVector<int64_t> interchange;
  for (unsigned i = 0, e = outputMap.getNumResults(); i < e; ++i)
    interchange.push_back(outputMap.getDimPosition(i));
  for (unsigned i = 0; i < numLoops; ++i)
    if (!llvm::is_contained(interchange, i))
      interchange.push_back(i);
  int64_t inner = interchange.back();
  int64_t across = transposedInputLoop(op, inner);
  if (across >= 0 && ranges[across] >= config.vectorWidth &&
      ranges[inner] >= config.vectorWidth) {
    interchange.erase(llvm::find(interchange, across));
    interchange.insert(interchange.end() - 1, across);
  } else {
    across = -1;
  }
  SmallVector<int64_t> tiles(numLoops, 0);
  for (unsigned i = 0; i < numLoops; ++i)
    tiles[i] = clampTile(i == inner || i == across ? config.vectorWidth : 1,
                         ranges[i]);
  return tileAndPeel(rewriter, op, tiles, interchange, kRegisterTile);
}

/// A linalg.fill with zero, which LLVM turns into a memset. Other fills
/// are vectorized like elementwise ops: as scalar loops, LLVM vectorized
/// the fill of a split reduction's partial results ([.., 16] with -inf)
/// along its outer loop, with a scatter per element.
bool isZeroFill(linalg::LinalgOp op) {
  auto fill = dyn_cast<linalg::FillOp>(op.getOperation());
  return fill && (matchPattern(fill.value(), m_AnyZeroFloat()) ||
                  matchPattern(fill.value(), m_Zero()));
}

/// A short row reduction (isShortRowReduction): 1 on every parallel loop,
/// in the order of the output's dimensions, the row whole: one vector per
/// row, reduced horizontally once.
LogicalResult tileShortRowReduction(RewriterBase &rewriter,
                                    linalg::LinalgOp op) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  SmallVector<int64_t> interchange;
  for (unsigned i = 0, e = outputMap.getNumResults(); i < e; ++i)
    interchange.push_back(outputMap.getDimPosition(i));
  SmallVector<int64_t> tiles(ranges.size(), 0);
  for (unsigned i = 0, e = ranges.size(); i < e; ++i) {
    if (linalg::isParallelIterator(op.getIteratorTypesArray()[i]))
      tiles[i] = clampTile(1, ranges[i]);
    else
      interchange.push_back(i);
  }
  return tileAndPeel(rewriter, op, tiles, interchange, kRegisterTile);
}

/// An elementwise linalg.generic with its innermost loops collapsed into
/// one, as far as every operand is contiguous along them (no broadcast or
/// transposed operand in that range): [580, 58] becomes [33640], one long
/// vector loop instead of 580 short ones with a 2-element remainder each
/// (which LLVM may also fully unroll). Returns `op` if nothing collapses.
linalg::LinalgOp collapseInnerLoops(RewriterBase &rewriter,
                                    linalg::LinalgOp op) {
  unsigned numLoops = op.getNumLoops();
  if (numLoops < 2 || !isa<linalg::GenericOp>(op.getOperation()) ||
      !op.getMatchingIndexingMap(op.getDpsInitOperand(0)).isIdentity())
    return op;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  for (unsigned start = 0; start + 1 < numLoops; ++start) {
    ReassociationIndices inner;
    for (unsigned i = start; i < numLoops; ++i)
      inner.push_back(i);
    if (!linalg::areDimSequencesPreserved(maps, {inner}))
      continue;
    linalg::LinalgOp collapsed = collapseLoopRuns(rewriter, op, {inner});
    return collapsed ? collapsed : op;
  }
  return op;
}

/// An elementwise op on complex numbers (the spectral convolution's split
/// of its complex weights into real and imaginary parts, ...): left to
/// LLVM as loops, which it vectorizes along the innermost one. Its loops
/// are merged into one first where the operands allow it
/// (collapseInnerLoops): otherwise LLVM unrolled a short innermost loop
/// (FNO's 12 modes) and vectorized the next one with gathers and scatters
/// of that stride (the weight split of fno2d's Fourier layers, 32 x 32 x
/// 24 x 12 complex: 0.70-0.82 -> 0.07 ms on one thread).
bool isComplexElementwise(linalg::LinalgOp op) {
  return isa<linalg::GenericOp>(op.getOperation()) &&
         op.getNumReductionLoops() == 0 && op.hasPureTensorSemantics() &&
         !op.hasDynamicShape() && !op->hasAttr(kFusedTile) &&
         !bodyUsesLoopIndices(op) &&
         llvm::any_of(op->getOperandTypes(), [](Type type) {
           return isa<ComplexType>(getElementTypeOrSelf(type));
         });
}

/// Greedy canonicalization of `root` with the patterns of every loaded
/// dialect and op, plus `extra`.
void canonicalize(Operation *root, RewritePatternSet &&patterns) {
  MLIRContext *ctx = root->getContext();
  for (Dialect *dialect : ctx->getLoadedDialects())
    dialect->getCanonicalizationPatterns(patterns);
  for (RegisteredOperationName op : ctx->getRegisteredOperations())
    op.getCanonicalizationPatterns(patterns, ctx);
  (void)applyPatternsGreedily(root, std::move(patterns));
}

void canonicalize(Operation *root) {
  canonicalize(root, RewritePatternSet(root->getContext()));
}

int64_t product(ArrayRef<int64_t> sizes) {
  int64_t result = 1;
  for (int64_t size : sizes)
    result *= size;
  return result;
}

/// Hoists loop-invariant slices out of the cache loops, then rewrites every
/// slice of a packing copy (a linalg.transpose marked kPackCopy) into a
/// copy of just that slice, at the slice. The copies made here keep the
/// mark.
void fusePackCopies(RewriterBase &rewriter, func::FuncOp func) {
  SmallVector<scf::ForOp> forOps;
  func.walk([&](scf::ForOp forOp) { forOps.push_back(forOp); });
  for (scf::ForOp forOp : forOps)
    moveLoopInvariantCode(cast<LoopLikeOpInterface>(forOp.getOperation()));

  SmallVector<tensor::ExtractSliceOp> slices;
  func.walk([&](tensor::ExtractSliceOp slice) {
    auto copy = slice.getSource().getDefiningOp<linalg::TransposeOp>();
    if (copy && copy->hasAttr(kPackCopy) &&
        slice.getSourceType().getRank() == slice.getResultType().getRank() &&
        slice.hasUnitStride())
      slices.push_back(slice);
  });
  for (tensor::ExtractSliceOp slice : slices) {
    auto copy = slice.getSource().getDefiningOp<linalg::TransposeOp>();
    ArrayRef<int64_t> permutation = copy.getPermutation();
    SmallVector<OpFoldResult> offsets = slice.getMixedOffsets();
    SmallVector<OpFoldResult> sizes = slice.getMixedSizes();
    SmallVector<OpFoldResult> inOffsets(offsets.size()), inSizes(sizes.size());
    for (auto [i, dim] : llvm::enumerate(permutation)) {
      inOffsets[dim] = offsets[i];
      inSizes[dim] = sizes[i];
    }
    SmallVector<OpFoldResult> strides(offsets.size(), rewriter.getIndexAttr(1));
    rewriter.setInsertionPoint(slice);
    Location loc = slice.getLoc();
    Value input = tensor::ExtractSliceOp::create(rewriter, loc, copy.getInput(),
                                                 inOffsets, inSizes, strides);
    Value empty = tensor::EmptyOp::create(
        rewriter, loc, sizes, slice.getResultType().getElementType());
    auto fused =
        linalg::TransposeOp::create(rewriter, loc, input, empty, permutation);
    if (fused->getResult(0).getType() != slice.getType()) {
      rewriter.eraseOp(fused);
      continue;
    }
    fused->setAttr(kPackCopy, rewriter.getUnitAttr());
    rewriter.replaceOp(slice, fused->getResult(0));
  }
}

/// A contraction and the elementwise op that finishes its result (its
/// epilogue: bias, scale and shift, activation, residual add), with the
/// contraction's loop roles.
struct Epilogue {
  linalg::LinalgOp contraction;
  linalg::LinalgOp consumer;
  ContractionLoops loops;
};

/// Matches `consumer` as the epilogue of a contraction: an all-parallel op
/// with one output indexed by a permutation of its loops, that reads the
/// contraction's sole result, used nowhere else, with the output's own
/// indexing map, as an input or (updated in place, see updateInPlace) as
/// its init. Then a tile of the consumer needs exactly the same tile of the
/// contraction's result (no transposed or broadcast read, which would need
/// other tiles or recompute them), and nothing else needs the
/// contraction's result in full.
std::optional<Epilogue> matchEpilogue(linalg::LinalgOp consumer) {
  if (consumer.getNumReductionLoops() != 0 || consumer.getNumDpsInits() != 1 ||
      isa<linalg::FillOp, linalg::CopyOp>(consumer.getOperation()) ||
      !isCandidate(consumer))
    return std::nullopt;
  AffineMap outputMap =
      consumer.getMatchingIndexingMap(consumer.getDpsInitOperand(0));
  if (!outputMap.isPermutation())
    return std::nullopt;
  SmallVector<OpOperand *> operands = consumer.getDpsInputOperands();
  operands.push_back(consumer.getDpsInitOperand(0));
  for (OpOperand *operand : operands) {
    auto producer = operand->get().getDefiningOp<linalg::LinalgOp>();
    if (!producer || producer->getNumResults() != 1 ||
        !operand->get().hasOneUse() ||
        consumer.getMatchingIndexingMap(operand) != outputMap ||
        !isCandidate(producer))
      continue;
    if (std::optional<ContractionLoops> loops = matchContraction(producer))
      return Epilogue{producer, consumer, *loops};
  }
  return std::nullopt;
}

/// Rewrites an epilogue that reads the contraction's result as an input
/// and writes a fresh tensor of the same type (whose values it does not
/// read) into one that updates the result in place: the result becomes its
/// init, the payload reads the init's element instead of the input's.
/// Bufferized, the contraction and its epilogue then share one buffer (the
/// function's result, for the last layer), instead of the contraction
/// filling a temporary that the epilogue reads into another buffer:
/// measured on a 1024^3 matmul + bias + ReLU, that second buffer costs as
/// much as the epilogue's arithmetic and the read of C together.
Epilogue updateInPlace(RewriterBase &rewriter, Epilogue epilogue) {
  linalg::LinalgOp consumer = epilogue.consumer;
  Value result = epilogue.contraction->getResult(0);
  OpOperand *init = consumer.getDpsInitOperand(0);
  if (init->get() == result || init->get().getType() != result.getType() ||
      consumer.payloadUsesValueFromOperand(init))
    return epilogue;
  OpOperand *resultInput = nullptr;
  for (OpOperand *input : consumer.getDpsInputOperands())
    if (input->get() == result)
      resultInput = input;
  if (!resultInput)
    return epilogue;
  unsigned resultIndex = resultInput->getOperandNumber();
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (OpOperand *input : consumer.getDpsInputOperands()) {
    if (input == resultInput)
      continue;
    inputs.push_back(input->get());
    maps.push_back(consumer.getMatchingIndexingMap(input));
  }
  maps.push_back(consumer.getMatchingIndexingMap(init));
  rewriter.setInsertionPoint(consumer);
  FailureOr<linalg::GenericOp> asGeneric = toGeneric(rewriter, consumer);
  if (failed(asGeneric))
    return epilogue;
  linalg::GenericOp generic = *asGeneric;
  auto updated = linalg::GenericOp::create(
      rewriter, generic.getLoc(), TypeRange{result.getType()}, inputs,
      ValueRange{result}, maps, generic.getIteratorTypesArray());
  rewriter.inlineRegionBefore(generic.getRegion(), updated.getRegion(),
                              updated.getRegion().begin());
  Block &body = updated.getRegion().front();
  rewriter.replaceAllUsesWith(body.getArgument(resultIndex),
                              body.getArgument(body.getNumArguments() - 1));
  body.eraseArgument(resultIndex);
  rewriter.replaceOp(generic, updated->getResults());
  epilogue.consumer = cast<linalg::LinalgOp>(updated.getOperation());
  return epilogue;
}

/// Tiles the epilogue's consumer with `contractionTiles` (tile sizes of the
/// contraction's loops, 0: untiled; each tiled loop indexes the
/// contraction's output) in the order `contractionOrder`, and fuses into
/// the tile loops the contraction, its output's initialization, and the
/// elementwise producers of its inputs that every tiled loop indexes: those
/// are computed once per tile, never recomputed by another tile (so not
/// the left operand A of a column strip, which every strip would compute
/// again). Returns the tiled ops and loops; the original ops are erased.
FailureOr<scf::SCFTileAndFuseResult>
tileAndFuseEpilogue(RewriterBase &rewriter, const Epilogue &epilogue,
                    ArrayRef<int64_t> contractionTiles,
                    ArrayRef<int64_t> contractionOrder, bool forall) {
  linalg::LinalgOp contraction = epilogue.contraction;
  linalg::LinalgOp consumer = epilogue.consumer;
  // Contraction loop -> consumer loop, through the two output maps.
  AffineMap contractionOutput =
      contraction.getMatchingIndexingMap(contraction.getDpsInitOperand(0));
  AffineMap consumerOutput =
      consumer.getMatchingIndexingMap(consumer.getDpsInitOperand(0));
  auto toConsumerLoop = [&](int64_t loop) -> int64_t {
    for (unsigned i = 0, e = contractionOutput.getNumResults(); i < e; ++i)
      if (contractionOutput.getDimPosition(i) == loop)
        return consumerOutput.getDimPosition(i);
    return -1;
  };
  SmallVector<int64_t> tiles(consumer.getNumLoops(), 0);
  SmallVector<int64_t> interchange;
  for (int64_t loop : contractionOrder) {
    int64_t consumerLoop = toConsumerLoop(loop);
    if (consumerLoop < 0)
      return failure();
    tiles[consumerLoop] = contractionTiles[loop];
    interchange.push_back(consumerLoop);
  }
  for (unsigned i = 0, e = consumer.getNumLoops(); i < e; ++i)
    if (!llvm::is_contained(interchange, i))
      interchange.push_back(i);

  llvm::SmallPtrSet<Operation *, 8> fusable;
  auto addContraction = [&](linalg::LinalgOp op) {
    fusable.insert(op.getOperation());
    if (auto fill =
            op.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>())
      fusable.insert(fill.getOperation());
  };
  addContraction(contraction);
  for (OpOperand *input : contraction.getDpsInputOperands()) {
    auto producer = input->get().getDefiningOp<linalg::LinalgOp>();
    if (!producer || !input->get().hasOneUse() ||
        producer->getNumResults() != 1 ||
        producer.getNumReductionLoops() != 0 || !isCandidate(producer))
      continue;
    AffineMap map = contraction.getMatchingIndexingMap(input);
    if (!llvm::all_of(contractionOrder, [&](int64_t loop) {
          return contractionTiles[loop] == 0 || map.isFunctionOfDim(loop);
        }))
      continue;
    fusable.insert(producer.getOperation());
    // The producer is itself the epilogue of a contraction (a 1x1 conv's
    // BN + GELU feeding the next 1x1 conv, whose tiles read all its
    // channels): that contraction's tile is the same slice, never computed
    // twice either, so the chain is finished tile by tile.
    if (std::optional<Epilogue> previous = matchEpilogue(producer))
      addContraction(previous->contraction);
  }

  scf::SCFTilingOptions tiling;
  tiling.setTileSizes(getAsIndexOpFoldResult(consumer.getContext(), tiles));
  tiling.setInterchange(interchange);
  if (forall)
    tiling.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tiling);
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp, OpResult producer,
          bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        if (!fusable.contains(producer.getOwner()))
          return std::nullopt;
        return scf::SCFTileAndFuseOptions::ControlFnResult{};
      });
  rewriter.setInsertionPoint(consumer);
  FailureOr<scf::SCFTileAndFuseResult> fused =
      scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(consumer.getOperation()), options);
  if (failed(fused))
    return failure();
  for (OpResult result : consumer->getResults())
    rewriter.replaceAllUsesWith(result, fused->replacements.lookup(result));
  rewriter.eraseOp(consumer);
  // The fused ops, producers first; each is dead once its consumers are.
  SmallVector<Operation *> fusedProducers(fused->fusedProducers.begin(),
                                          fused->fusedProducers.end());
  bool erased = true;
  while (erased) {
    erased = false;
    for (Operation *&op : fusedProducers) {
      if (op && op->use_empty()) {
        rewriter.eraseOp(op);
        op = nullptr;
        erased = true;
      }
    }
  }
  for (Operation *op : fused->tiledAndFusedOps)
    op->setAttr(kFusedTile, UnitAttr::get(rewriter.getContext()));
  return fused;
}

/// Peels the scf.for loops among `loops`, innermost first (peeling an outer
/// loop copies the already peeled inner ones).
void peelLoops(RewriterBase &rewriter, ArrayRef<LoopLikeOpInterface> loops) {
  for (LoopLikeOpInterface loop : llvm::reverse(loops)) {
    auto forOp = dyn_cast<scf::ForOp>(loop.getOperation());
    if (!forOp)
      continue;
    scf::ForOp partialIteration;
    (void)scf::peelForLoopAndSimplifyBounds(rewriter, forOp, partialIteration);
  }
}

/// Within a strip: the epilogue follows each cache tile of mc rows, right
/// after the tile's last update, instead of running over the whole strip
/// (M x nc, beyond L2 for big M) once the strip is done. The cache tiles
/// take loops n, k, m (k outside m), so a tile is final only in the last
/// block of kc steps: the contraction is split there (linalg::splitOp
/// along k; the second part accumulates onto the first one's result), and
/// the epilogue is tiled by mc rows with the last block fused into it. The
/// last block's packed right operand does not depend on m and is hoisted
/// out of the row tiles later, as in the cache loops.
void fuseEpilogueIntoRowTiles(RewriterBase &rewriter, Epilogue epilogue,
                              const CPUCodegenConfig &config) {
  linalg::LinalgOp contraction = epilogue.contraction;
  const ContractionLoops &loops = epilogue.loops;
  SmallVector<int64_t> ranges = contraction.getStaticLoopRanges();
  if (loops.m < 0 || loops.k < 0 || config.mc <= 0 ||
      ranges[loops.m] <= config.mc)
    return;
  MLIRContext *ctx = rewriter.getContext();
  int64_t k = ranges[loops.k];
  if (config.kc > 0 && k > config.kc) {
    int64_t lastBlock = (k - 1) / config.kc * config.kc;
    OpOperand *use = &*contraction->getResult(0).getUses().begin();
    rewriter.setInsertionPoint(contraction);
    auto [first, second] = linalg::splitOp(
        rewriter, cast<TilingInterface>(contraction.getOperation()), loops.k,
        rewriter.getIndexAttr(lastBlock));
    if (!first || !second)
      return;
    first->setAttr(kFusedTile, UnitAttr::get(ctx));
    second->setAttr(kFusedTile, UnitAttr::get(ctx));
    // The split inserts the second part's result into the (whole) first
    // one's: the epilogue reads the second part directly.
    auto insert = use->get().getDefiningOp<tensor::InsertSliceOp>();
    if (!insert || insert.getSource() != second->getResult(0) ||
        insert.getSourceType() != insert.getResultType())
      return;
    Value lastBlockResult = second->getResult(0);
    rewriter.modifyOpInPlace(epilogue.consumer,
                             [&] { use->set(lastBlockResult); });
    rewriter.eraseOp(insert);
    contraction = cast<linalg::LinalgOp>(second.getOperation());
  }
  SmallVector<int64_t> tiles(ranges.size(), 0);
  tiles[loops.m] = config.mc;
  FailureOr<scf::SCFTileAndFuseResult> rows = tileAndFuseEpilogue(
      rewriter, Epilogue{contraction, epilogue.consumer, loops}, tiles,
      {loops.m}, /*forall=*/false);
  if (succeeded(rows))
    peelLoops(rewriter, rows->loops);
}

/// Fuses an epilogue into its contraction's tiles in steps that mirror the
/// contraction's own tiling: a big one is split into the same thread slices
/// as `splitForThreads` would split it (an scf.forall), then each slice
/// into the strips of its first cache tiles (the batch-like loops by 1, n
/// by nc; k and m stay whole in a strip), then each strip into its row
/// tiles (fuseEpilogueIntoRowTiles). The contraction of one tile is then
/// tiled, packed and vectorized as usual, and the epilogue of the tile
/// runs right after it, while the tile is still in the caches. Loops whose
/// trip count does not divide are peeled.
void fuseEpilogue(RewriterBase &rewriter, Epilogue epilogue,
                  const CPUCodegenConfig &config) {
  linalg::LinalgOp contraction = epilogue.contraction;
  int64_t chunks = config.parallelChunks;
  if (chunks > 1 && isThreadSplitCandidate(contraction, config)) {
    int64_t loop = pickThreadSplitLoop(contraction, chunks, config);
    if (loop >= 0) {
      SmallVector<int64_t> tiles(contraction.getNumLoops(), 0);
      tiles[loop] = contraction.getStaticLoopRanges()[loop] / chunks;
      FailureOr<scf::SCFTileAndFuseResult> sliced = tileAndFuseEpilogue(
          rewriter, epilogue, tiles, {loop}, /*forall=*/true);
      if (failed(sliced))
        return;
      std::optional<Epilogue> inner = matchEpilogue(
          cast<linalg::LinalgOp>(sliced->tiledAndFusedOps.front()));
      if (!inner)
        return;
      epilogue = *inner;
      contraction = epilogue.contraction;
    }
  }

  SmallVector<int64_t> ranges = contraction.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators =
      contraction.getIteratorTypesArray();
  const ContractionLoops &loops = epilogue.loops;
  SmallVector<int64_t> tiles(ranges.size(), 0);
  SmallVector<int64_t> order;
  for (int64_t i = 0, e = ranges.size(); i < e; ++i) {
    if (i == loops.m || i == loops.n ||
        !linalg::isParallelIterator(iterators[i]))
      continue;
    tiles[i] = clampTile(1, ranges[i]);
    order.push_back(i);
  }
  tiles[loops.n] = clampTile(config.nc, ranges[loops.n]);
  order.push_back(loops.n);
  if (llvm::all_of(tiles, [](int64_t tile) { return tile == 0; })) {
    fuseEpilogueIntoRowTiles(rewriter, epilogue, config);
    return;
  }
  FailureOr<scf::SCFTileAndFuseResult> strips =
      tileAndFuseEpilogue(rewriter, epilogue, tiles, order, /*forall=*/false);
  if (failed(strips))
    return;
  // The strips' epilogues, the peeled ones included (peeling clones the
  // mark).
  constexpr llvm::StringLiteral kStrip = "__tessera_cpu_strip_epilogue__";
  strips->tiledAndFusedOps.front()->setAttr(kStrip, rewriter.getUnitAttr());
  Operation *parent = strips->loops.front()->getParentOp();
  peelLoops(rewriter, strips->loops);
  SmallVector<linalg::LinalgOp> stripEpilogues;
  parent->walk([&](linalg::LinalgOp op) {
    if (op->removeAttr(kStrip))
      stripEpilogues.push_back(op);
  });
  for (linalg::LinalgOp consumer : stripEpilogues)
    if (std::optional<Epilogue> inner = matchEpilogue(consumer))
      fuseEpilogueIntoRowTiles(rewriter, *inner, config);
}

struct CPUTileAndVectorizePass
    : public tessera::impl::CPUTileAndVectorizeBase<CPUTileAndVectorizePass> {
  using Base::Base;

  /// The pass's options as a config, or failure (reported) on a bad value.
  FailureOr<CPUCodegenConfig> getConfig() {
    CPUCodegenConfig config;
    config.mc = mc;
    config.nc = nc;
    config.kc = kc;
    config.mr = mr;
    config.nr = nr;
    config.kr = kr;
    config.vectorWidth = vectorWidth;
    config.vectorize = vectorize;
    config.vectorizeElementwise = vectorizeElementwise;
    config.packRhs = packRhs;
    config.packLhs = packLhs;
    config.parallelChunks = parallelChunks;
    config.parallelMinWork = parallelMinWork;
    config.fuseElementwise = fuseElementwise;
    config.intDotPairs = intDotPairs;
    config.intDotQuads = intDotQuads;
    config.shortReductionTiles = shortReductionTiles;
    // String-valued options through the config's own parser.
    std::string error;
    if (!config.parsePassOptions("transpose-result=" + transposeResult,
                                 error)) {
      getOperation().emitError() << error;
      return failure();
    }
    return config.resolved();
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();
    FailureOr<CPUCodegenConfig> passConfig = getConfig();
    if (failed(passConfig))
      return signalPassFailure();
    CPUCodegenConfig config = *passConfig;
    // A function can carry its own config, over the pass's options, and an
    // op its own, over its function's (TuningSpace.h).
    if (auto tuned =
            func->getAttrOfType<StringAttr>(tessera::kCPUConfigAttrName)) {
      std::string error;
      if (!config.parsePassOptions(tuned.getValue(), error)) {
        func.emitError() << tessera::kCPUConfigAttrName << ": " << error;
        return signalPassFailure();
      }
      config = config.resolved();
    }
    OpConfigs configs(config);
    if (failed(configs.parse(func)))
      return signalPassFailure();
    auto configOf = [&](Operation *op) -> const CPUCodegenConfig & {
      return configs.of(op);
    };
    ConfigInheritance inheritance;
    IRRewriter rewriter(ctx, &inheritance);

    // -2. Pointwise convolutions become contractions.
    SmallVector<linalg::LinalgOp> convolutions;
    func.walk([&](linalg::LinalgOp op) {
      if (isa<linalg::ConvolutionOpInterface>(op.getOperation()))
        convolutions.push_back(op);
    });
    for (linalg::LinalgOp op : convolutions) {
      if (isa<linalg::Conv2DNchwFchwOp>(op.getOperation())) {
        FailureOr<linalg::ConvolutionDimensions> dims =
            linalg::inferConvolutionDims(op);
        SmallVector<int64_t> ranges = op.getStaticLoopRanges();
        if (succeeded(dims) &&
            llvm::any_of(dims->filterLoop,
                         [&](unsigned loop) { return ranges[loop] != 1; })) {
          inheritance.from(op, [&] {
            windowedConvolutionToIm2Col(rewriter, op, configOf(op));
          });
          continue;
        }
      }
      inheritance.from(
          op, [&] { pointwiseConvolutionToContraction(rewriter, op); });
    }
    // A generic contraction whose n ends a run of loops that every operand
    // indexes contiguously gets one long n (mergedNLoops): attention's
    // P x V, out[d, y, x] = sum_t P[y, x, t] V[d, t], one n of 3136
    // columns instead of 56 rows of 56 (Kronecker attention: 3.9x faster).
    // Runs of m loops stay: merging the scores Q^T K's y and x (its m)
    // made it 1.45x slower.
    SmallVector<std::pair<linalg::GenericOp, ReassociationIndices>> splitN;
    func.walk([&](linalg::GenericOp op) {
      if (op.getNumReductionLoops() == 0 || !op.hasPureTensorSemantics() ||
          op.hasDynamicShape())
        return;
      if (std::optional<ContractionLoops> loops = matchContraction(op))
        if (ReassociationIndices run = mergedNLoops(op, *loops); run.size() > 1)
          splitN.push_back({op, run});
    });
    bool mergedN = false;
    for (auto &[op, run] : splitN)
      inheritance.from(op, [&, op = op, &run = run] {
        mergedN |= bool(collapseLoopRuns(rewriter, op, run));
      });
    // The contractions of convolutions, and those whose loops were
    // merged, return their results reshaped back (expand_shape);
    // elementwise consumers of those take the contraction's shape instead
    // (the reshape moves after them), so that they can be fused as its
    // epilogue below.
    if ((!convolutions.empty() || mergedN) && config.fuseElementwise) {
      auto isContractionImage = [](Value value) {
        auto reshape = value.getDefiningOp<tensor::ExpandShapeOp>();
        auto producer = reshape
                            ? reshape.getSrc().getDefiningOp<linalg::LinalgOp>()
                            : linalg::LinalgOp();
        return producer && producer.getNumReductionLoops() != 0;
      };
      // Named elementwise consumers (linalg.add, ...) as generics, which
      // the reshape patterns handle.
      SmallVector<linalg::LinalgOp> named;
      func.walk([&](linalg::LinalgOp op) {
        if (!isa<linalg::GenericOp>(op.getOperation()) &&
            op.getNumReductionLoops() == 0 && op.hasPureTensorSemantics() &&
            llvm::any_of(op->getOperands(), isContractionImage))
          named.push_back(op);
      });
      for (linalg::LinalgOp op : named)
        (void)toGeneric(rewriter, op);
      RewritePatternSet patterns(ctx);
      linalg::populateFoldReshapeOpsByCollapsingPatterns(
          patterns, [&](OpOperand *operand) {
            auto owner = dyn_cast<linalg::GenericOp>(operand->getOwner());
            return owner && owner.getNumReductionLoops() == 0 &&
                   isContractionImage(operand->get());
          });
      canonicalize(func, std::move(patterns));
    }

    // Contractions of integers that fit i16: their unsigned inputs widened
    // to i16, so that they can be vectorized, and with int-dot-pairs their
    // left ones too, so that each pair of k is one word to broadcast.
    {
      SmallVector<std::pair<linalg::LinalgOp, ContractionLoops>> narrow;
      func.walk([&](linalg::LinalgOp op) {
        // Not isCandidate: an unsigned input's cast keeps the op from being
        // one until it is widened.
        if (!configOf(op).vectorize || !op.hasPureTensorSemantics() ||
            op.hasDynamicShape() || !accumulatesI16Products(op))
          return;
        if (std::optional<ContractionLoops> loops = matchContraction(op))
          narrow.push_back({op, *loops});
      });
      for (auto &[op, loops] : narrow) {
        // Products in quads (vpdpbusd) read their left operand in bytes.
        bool pairs = configOf(op).intDotPairs &&
                     !(configOf(op).intDotQuads && accumulatesI8Products(op));
        inheritance.from(op, [&, op = op, &loops = loops] {
          widenInputsToI16(rewriter, op, loops, pairs);
        });
      }
    }

    // Contractions whose right operand must be packed compute their result
    // transposed where their config says so (CPUTransposeResult.h); their
    // consumers then read it transposed and are not fused as epilogues.
    {
      SmallVector<std::pair<linalg::LinalgOp, tessera::TransposedResult>>
          toTranspose;
      func.walk([&](linalg::LinalgOp op) {
        CPUCodegenConfig::Choice choice = configOf(op).transposeResult;
        if (choice == CPUCodegenConfig::Choice::No ||
            !op.hasPureTensorSemantics() || op.hasDynamicShape())
          return;
        std::optional<ContractionLoops> loops = matchContraction(op);
        if (!loops)
          return;
        if (std::optional<tessera::TransposedResult> transposed =
                matchTransposedResult(op, *loops);
            transposed && (choice == CPUCodegenConfig::Choice::Yes ||
                           transposed->preferred(configOf(op).vectorWidth)))
          toTranspose.push_back({op, *transposed});
      });
      for (auto &[op, transposed] : toTranspose)
        inheritance.from(op, [&, op = op, &transposed = transposed] {
          (void)transposeContractionResult(rewriter, op, transposed);
        });
    }

    // -1a. Elementwise epilogues move into their contractions' thread
    //      slices, column strips and row tiles (unless the contraction's
    //      config says not to).
    {
      // Last first: a later contraction's tiles can take in an earlier
      // one's epilogue and the earlier contraction with it (see
      // tileAndFuseEpilogue); each fusion erases the ops it fused, so the
      // function is walked again after each.
      constexpr llvm::StringLiteral kTried = "__tessera_cpu_epilogue_tried__";
      while (true) {
        std::optional<Epilogue> last;
        func.walk([&](linalg::LinalgOp op) {
          if (op->hasAttr(kFusedTile) || op->hasAttr(kTried))
            return;
          if (std::optional<Epilogue> epilogue = matchEpilogue(op);
              epilogue && configOf(epilogue->contraction).fuseElementwise)
            last = epilogue;
        });
        if (!last)
          break;
        last->consumer->setAttr(kTried, rewriter.getUnitAttr());
        Operation *contraction = last->contraction;
        inheritance.from(contraction, [&] {
          fuseEpilogue(rewriter, updateInPlace(rewriter, *last),
                       configOf(contraction));
        });
      }
      func.walk([&](linalg::LinalgOp op) { op->removeAttr(kTried); });
      RewritePatternSet patterns(ctx);
      // The contraction's output in a strip: a strip-sized tensor.empty,
      // not a slice of a whole one.
      tensor::populateFoldTensorEmptyPatterns(patterns);
      canonicalize(func, std::move(patterns));
    }

    // -1b. Inner reductions (along their inputs' contiguous dimension: a
    //      softmax's row maximum and sum) are split for the SIMD lanes:
    //      partial reductions into one vector per row, tiled as
    //      contractions below, and the rows of those vectors (with any
    //      remainder of a row) reduced whole, as short rows.
    {
      SmallVector<linalg::LinalgOp> reductions;
      func.walk([&](linalg::LinalgOp op) {
        const CPUCodegenConfig &opConfig = configOf(op);
        if (op.getNumReductionLoops() != 0 && opConfig.vectorize &&
            opConfig.vectorizeElementwise && isCandidate(op) &&
            !matchContraction(op))
          reductions.push_back(op);
      });
      for (linalg::LinalgOp op : reductions) {
        CPUCodegenConfig opConfig = configOf(op);
        inheritance.from(op, [&, op = op] {
          linalg::LinalgOp merged = op;
          if (ReassociationIndices run = reductionLoopRun(op); !run.empty())
            if (linalg::LinalgOp collapsed =
                    collapseLoopRuns(rewriter, op, {run}))
              merged = collapsed;
          if (innerReductionLoop(merged))
            splitInnerReduction(rewriter, merged, opConfig);
        });
      }
      canonicalize(func);
    }

    // -1. Split big ops into slices for the threads.
    SmallVector<linalg::LinalgOp> bigOps;
    func.walk([&](linalg::LinalgOp op) {
      if (isThreadSplitCandidate(op, configOf(op)))
        bigOps.push_back(op);
    });
    for (linalg::LinalgOp op : bigOps)
      inheritance.from(op,
                       [&] { splitForThreads(rewriter, op, configOf(op)); });
    canonicalize(func);

    // 0. Pack the operands of big contractions (after splitting off the
    //    rows and columns that do not fill a register tile); the packed ops
    //    keep their loop roles in an attribute.
    SmallVector<std::pair<linalg::LinalgOp, ContractionLoops>> contractions;
    func.walk([&](linalg::LinalgOp op) {
      if (!isCandidate(op))
        return;
      if (std::optional<ContractionLoops> loops = matchContraction(op))
        contractions.push_back({op, *loops});
    });
    for (auto &[op, loops] : contractions) {
      CPUCodegenConfig narrowed = narrowPanels(configOf(op), op, loops);
      CPUCodegenConfig reshaped = widenPanelsForShortRows(narrowed, op, loops);
      if (reshaped.mr == narrowed.mr && reshaped.nr == narrowed.nr)
        reshaped = widenPanelsForShortReductions(reshaped, op, loops);
      if (reshaped.nr != configOf(op).nr || reshaped.mr != configOf(op).mr)
        configs.assign(op, reshaped);
      inheritance.from(op, [&, &op = op, &loops = loops] {
        const CPUCodegenConfig &opConfig = configOf(op);
        for (linalg::LinalgOp part :
             splitForPacking(rewriter, op, loops, opConfig)) {
          std::optional<ContractionLoops> partLoops = matchContraction(part);
          if (!partLoops || !isCandidate(part))
            continue;
          CPUCodegenConfig partConfig = opConfig;
          PackPlan plan = planPacking(part, *partLoops, partConfig);
          if (!plan.left && !plan.right && partLoops->mustPack &&
              packRemainderPanel(part, *partLoops, partConfig)) {
            plan.right = true;
            configs.assign(part, partConfig);
          }
          if (!plan.left && !plan.right)
            continue;
          auto packed =
              packOperands(rewriter, part, *partLoops, plan, partConfig);
          if (succeeded(packed))
            packed->first->setAttr(kPackedLoops, packed->second.toAttr(ctx));
        }
      });
    }

    // 1. Classify, then tile contractions for the caches and elementwise
    //    ops (the packing copies included) for the registers.
    SmallVector<std::pair<linalg::LinalgOp, std::optional<ContractionLoops>>>
        candidates;
    SmallVector<linalg::LinalgOp> shortRows;
    SmallVector<linalg::LinalgOp> complexElementwise;
    func.walk([&](linalg::LinalgOp op) {
      std::optional<ContractionLoops> packedLoops =
          ContractionLoops::fromAttr(op->getAttr(kPackedLoops));
      op->removeAttr(kPackedLoops);
      if (isComplexElementwise(op))
        complexElementwise.push_back(op);
      if (!isCandidate(op))
        return;
      if (packedLoops) {
        candidates.push_back({op, packedLoops});
      } else if (std::optional<ContractionLoops> loops = matchContraction(op)) {
        if (!loops->mustPack)
          candidates.push_back({op, loops});
      } else if (configOf(op).vectorizeElementwise &&
                 op.getNumReductionLoops() == 0 && op.getNumDpsInits() != 0 &&
                 // Copies and fills with zero become memcpy / memset in
                 // LLVM.
                 !isa<linalg::CopyOp>(op.getOperation()) && !isZeroFill(op)) {
        candidates.push_back({op, std::nullopt});
      } else if (configOf(op).vectorize && configOf(op).vectorizeElementwise &&
                 isShortRowReduction(op, kMaxShortRowVectors *
                                             configOf(op).vectorWidth)) {
        shortRows.push_back(op);
      }
    });
    for (linalg::LinalgOp op : shortRows)
      inheritance.from(op, [&] { (void)tileShortRowReduction(rewriter, op); });
    for (linalg::LinalgOp op : complexElementwise)
      inheritance.from(op, [&] { (void)collapseInnerLoops(rewriter, op); });
    for (auto &[op, loops] : candidates) {
      inheritance.from(op, [&, op = op, &loops = loops] {
        const CPUCodegenConfig &opConfig = configOf(op);
        if (loops)
          (void)tileContractionForCaches(rewriter, op, *loops, opConfig);
        else if (op->hasAttr(kFusedTile))
          // A strip of an epilogue reads strided slices, which collapsing
          // would copy into contiguous buffers.
          (void)tileElementwise(rewriter, op, opConfig);
        else if (!op->hasAttr(kPackCopy))
          (void)tileElementwise(rewriter, collapseInnerLoops(rewriter, op),
                                opConfig);
      });
    }
    canonicalize(func);

    // 1b. Packing copies move into the cache loops: the slice of a packed
    //     operand that a cache tile reads is hoisted out of the loops that
    //     do not index it (the m loop), and copied there from the unpacked
    //     operand. The packed block (kc x nc for B) is then one small
    //     buffer, reused across the blocks and warm in the caches, instead
    //     of a copy of the whole operand.
    fusePackCopies(rewriter, func);
    SmallVector<linalg::TransposeOp> copies;
    func.walk([&](linalg::TransposeOp op) {
      if (op->hasAttr(kPackCopy))
        copies.push_back(op);
    });
    for (linalg::TransposeOp op : copies) {
      op->removeAttr(kPackCopy);
      if (op->use_empty()) {
        rewriter.eraseOp(op);
        continue;
      }
      inheritance.from(
          op, [&] { (void)tileElementwise(rewriter, op, configOf(op)); });
    }
    canonicalize(func);

    // 2. Register tiles of every (static) cache tile.
    SmallVector<linalg::LinalgOp> cacheTiles;
    func.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kCacheTile))
        cacheTiles.push_back(op);
    });
    for (linalg::LinalgOp op : cacheTiles) {
      std::optional<ContractionLoops> loops =
          ContractionLoops::fromAttr(op->getAttr(kCacheTile));
      op->removeAttr(kCacheTile);
      if (loops && !op.hasDynamicShape())
        inheritance.from(op, [&] {
          (void)tileContractionForRegisters(rewriter, op, *loops, configOf(op));
        });
    }
    canonicalize(func);

    // 3. Vectorize the register tiles.
    SmallVector<linalg::LinalgOp> registerTiles;
    func.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kRegisterTile))
        registerTiles.push_back(op);
    });
    for (linalg::LinalgOp op : registerTiles) {
      op->removeAttr(kRegisterTile);
      if (!configOf(op).vectorize || op.hasDynamicShape() ||
          product(op.getStaticLoopRanges()) > kMaxVectorElements ||
          failed(linalg::vectorizeOpPrecondition(op)))
        continue;
      rewriter.setInsertionPoint(op);
      // Generic tiles lose their unit loops first (the other loops of the
      // op, and k when kr = 1): the vectors then have the shape of the
      // register tile, and operands broadcast along n are read as mr
      // scalars.
      if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation())) {
        linalg::ControlDropUnitDims control;
        control.rankReductionStrategy = linalg::ControlDropUnitDims::
            RankReductionStrategy::ExtractInsertSlice;
        FailureOr<linalg::DropUnitDimsResult> dropped =
            linalg::dropUnitDims(rewriter, generic, control);
        if (succeeded(dropped)) {
          rewriter.replaceOp(generic, dropped->replacements);
          op = cast<linalg::LinalgOp>(dropped->resultOp.getOperation());
          rewriter.setInsertionPoint(op);
        }
      }
      // Contractions straight to vector.contract with their own indexing
      // maps (lhs vector<mr x kr>, rhs vector<kr x nr>), which lower to
      // outer products; generic bodies to elementwise vector arithmetic
      // and a multi-reduction. vector.contract takes operands of one
      // element type: a contraction of mixed ones (i8 x i32) as a body.
      bool oneInputType =
          llvm::all_equal(llvm::map_range(op.getDpsInputs(), [](Value input) {
            return getElementTypeOrSelf(input.getType());
          }));
      bool asContract = linalg::isaContractionOpInterface(op) && oneInputType;
      if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
          generic && !asContract) {
        op = putOutputLoopLast(rewriter, generic);
        rewriter.setInsertionPoint(op);
      }
      FailureOr<linalg::VectorizationResult> result = linalg::vectorize(
          rewriter, op, /*inputVectorSizes=*/{}, /*inputScalableVecDims=*/{},
          /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
          /*assumeDynamicDimsMatchVecSizes=*/false,
          /*createNamedContraction=*/asContract);
      if (failed(result))
        continue;
      rewriter.replaceOp(op, result->replacements);
    }

    // 4. Clean up, then hoist the accumulators' slices and their reads and
    //    writes out of the loops that do not index them (the reduction
    //    loops), so they live in registers; only then fold the remaining
    //    tensor slices into the transfers (folding first can fold a read
    //    but not its write, which then no longer pair up).
    canonicalize(func);
    auto hoist = [&] {
      for (int iteration = 0; iteration < 4; ++iteration) {
        SmallVector<scf::ForOp> forOps;
        func.walk([&](scf::ForOp forOp) { forOps.push_back(forOp); });
        for (scf::ForOp forOp : forOps)
          (void)hoistLoopInvariantSubsets(
              rewriter, cast<LoopLikeOpInterface>(forOp.getOperation()));
      }
    };
    hoist();
    {
      RewritePatternSet patterns(ctx);
      vector::populateSinkVectorOpsPatterns(patterns);
      tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(patterns);
      canonicalize(func, std::move(patterns));
    }
    hoist();
    canonicalize(func);

    func.walk([&](linalg::LinalgOp op) {
      op->removeAttr(kCacheTile);
      op->removeAttr(kRegisterTile);
      op->removeAttr(kPackedLoops);
      op->removeAttr(kPackCopy);
      op->removeAttr(kFusedTile);
    });
    // The ops' own configs are spent (the function's stays: it is the
    // function's, not this pass's).
    func.walk([&](linalg::LinalgOp op) {
      op->removeAttr(tessera::kCPUConfigAttrName);
    });
  }
};

} // namespace
