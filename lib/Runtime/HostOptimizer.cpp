//===- HostOptimizer.cpp - LLVM's O3 for generated CPU code ---------------===//
//
// Generated code reaches LLVM already vectorized, register-tiled and
// unrolled by tessera-cpu-tile-and-vectorize. LLVM's loop unrollers, tuned
// for hand-written scalar code, unroll those loops again: on a Zen 5 host
// they grew the Kronecker attention block from 13.6k to 32.9k instructions,
// doubling instruction selection and scheduling (3.6 s of its 3.7 s compile
// was codegen) for code that ran no faster. Scalar loops (bit packing,
// popcount loops, complex arithmetic, lane-by-lane gathers) still gain from
// LLVM's unrolling (the XNOR convolution ran 2x slower when all unrolling
// was off), so the pipeline is O3's with one loop pass added just before its
// full unroller: it keeps LLVM from unrolling loops that compute on whole
// vectors unless they are short and small.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/HostOptimizer.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

namespace tessera::runtime {

namespace {
/// The most vector instructions (over all iterations) that a loop may have
/// and still be unrolled by LLVM: enough for the 2-4 step loops over a
/// register tile's rows, whose unrolling lets SROA keep small accumulators
/// in registers; far less than the 64-step loops over a tile's K that LLVM
/// would otherwise unroll into hundreds of instructions. Compile time with
/// 32 (tessera-compile, AMD Zen 5 and Intel Xeon hosts alike): Kronecker
/// attention 3.5 -> 2.4 s, PAON 1.5 -> 1.1 s; run times of every example
/// model unchanged within noise (benchmarks/RESULTS.md).
constexpr uint64_t kVectorUnrollBudget = 32;

/// Whether an instruction loads, stores or computes whole vectors: the code
/// generator's register tiles and vectorized rows, not LLVM's vectorizer's
/// (which runs later). Lane-by-lane code does not count: a loop that builds
/// a vector one element per iteration (a strided 1-D transfer, lowered to
/// scalar loads and insertelement at the induction variable) is one that
/// LLVM must unroll, into inserts at constant lanes.
bool isVectorInstruction(const llvm::Instruction &inst) {
  if (llvm::isa<llvm::PHINode, llvm::InsertElementInst,
                llvm::ExtractElementInst>(inst))
    return false;
  if (inst.getType()->isVectorTy())
    return true;
  if (auto *store = llvm::dyn_cast<llvm::StoreInst>(&inst))
    return store->getValueOperand()->getType()->isVectorTy();
  return false;
}

/// The vector stores (and loads) that a memset, memcpy or memmove of a
/// constant length becomes in the backend, in vectors of `vectorBytes`:
/// LLVM's loop idioms turn the code generator's vectorized fills and copies
/// of a row into such calls, and a loop over rows of them, fully unrolled
/// (the call looks cheap), made one block of 1,200 stores in the Kronecker
/// attention block (64 rows x 1 KiB), which both instruction schedulers
/// took 0.5 s each to order.
uint64_t memoryIntrinsicVectors(const llvm::Instruction &inst,
                                uint64_t vectorBytes) {
  auto *call = llvm::dyn_cast<llvm::MemIntrinsic>(&inst);
  if (!call)
    return 0;
  auto *length = llvm::dyn_cast<llvm::ConstantInt>(call->getLength());
  if (!length)
    return 0;
  return llvm::divideCeil(length->getZExtValue(), vectorBytes);
}

uint64_t countVectorInstructions(const llvm::Loop &loop, uint64_t vectorBytes) {
  uint64_t count = 0;
  for (const llvm::BasicBlock *block : loop.blocks())
    for (const llvm::Instruction &inst : *block)
      count +=
          isVectorInstruction(inst) + memoryIntrinsicVectors(inst, vectorBytes);
  return count;
}

/// Runs where O3 has canonicalized loops and can count their trips, just
/// before its full unrolling: a loop that computes on vectors keeps its
/// unrolling only if its trip count is known and its vector instructions,
/// counted over every iteration, fit kVectorUnrollBudget; other vector
/// loops are marked `llvm.loop.unroll.disable`, which the full, partial
/// and runtime unrollers all respect. Memory intrinsics of a constant
/// length count as the vector stores they become (memoryIntrinsicVectors).
struct LimitVectorLoopUnrolling
    : llvm::PassInfoMixin<LimitVectorLoopUnrolling> {
  llvm::PreservedAnalyses run(llvm::Loop &loop, llvm::LoopAnalysisManager &,
                              llvm::LoopStandardAnalysisResults &analyses,
                              llvm::LPMUpdater &) {
    uint64_t vectorBits =
        analyses.TTI
            .getRegisterBitWidth(
                llvm::TargetTransformInfo::RGK_FixedWidthVector)
            .getFixedValue();
    uint64_t vectorOps =
        countVectorInstructions(loop, std::max<uint64_t>(vectorBits / 8, 16));
    if (vectorOps == 0)
      return llvm::PreservedAnalyses::all();
    unsigned tripCount = analyses.SE.getSmallConstantTripCount(&loop);
    if (tripCount == 0 || tripCount * vectorOps > kVectorUnrollBudget)
      // The operand is the attribute's value: 0 would read as "enabled".
      llvm::addStringMetadataToLoop(&loop, "llvm.loop.unroll.disable", 1);
    // Loop metadata is not an analysis result: everything stays valid.
    return llvm::PreservedAnalyses::all();
  }
};
} // namespace

void optimizeForHost(llvm::Module &module, llvm::TargetMachine *tm) {
  llvm::LoopAnalysisManager loopAnalyses;
  llvm::FunctionAnalysisManager functionAnalyses;
  llvm::CGSCCAnalysisManager cgsccAnalyses;
  llvm::ModuleAnalysisManager moduleAnalyses;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = true;
  tuning.LoopInterleaving = true;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  llvm::PassBuilder builder(tm, tuning);
  builder.registerLateLoopOptimizationsEPCallback(
      [](llvm::LoopPassManager &loopPasses, llvm::OptimizationLevel) {
        loopPasses.addPass(LimitVectorLoopUnrolling());
      });
  builder.registerModuleAnalyses(moduleAnalyses);
  builder.registerCGSCCAnalyses(cgsccAnalyses);
  builder.registerFunctionAnalyses(functionAnalyses);
  builder.registerLoopAnalyses(loopAnalyses);
  builder.crossRegisterProxies(loopAnalyses, functionAnalyses, cgsccAnalyses,
                               moduleAnalyses);
  builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3)
      .run(module, moduleAnalyses);
}

} // namespace tessera::runtime
