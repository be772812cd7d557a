//===- HostOptimizerTest.cpp - O3 that leaves vector loops rolled ---------===//
//
// optimizeForHost on small hand-written modules: a loop over whole vectors
// with many trips stays one rolled loop (stock O3 unrolls it), a short one
// is still unrolled, and scalar loops, lane-by-lane gathers included, keep
// LLVM's full unrolling; memsets count as the vector stores they become.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/HostOptimizer.h"
#include "tessera/Runtime/CPUCodegen.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

using namespace tessera::runtime;

namespace {

/// What is left of one function after optimization.
struct FunctionShape {
  unsigned loops = 0;
  unsigned instructions = 0; // with the given opcode
  std::string text;          // for failure messages
};

FunctionShape optimizeAndInspect(const char *ir, const char *function,
                                 unsigned opcode) {
  std::string error;
  std::unique_ptr<llvm::TargetMachine> tm =
      createHostTargetMachine(/*forSharedLibrary=*/false, error);
  EXPECT_TRUE(tm) << error;
  llvm::LLVMContext context;
  llvm::SMDiagnostic diagnostic;
  std::unique_ptr<llvm::Module> module =
      llvm::parseAssemblyString(ir, diagnostic, context);
  EXPECT_TRUE(module) << diagnostic.getMessage().str();
  if (!tm || !module)
    return {};
  module->setDataLayout(tm->createDataLayout());
  module->setTargetTriple(tm->getTargetTriple());
  optimizeForHost(*module, tm.get());

  FunctionShape shape;
  llvm::Function *fn = module->getFunction(function);
  EXPECT_TRUE(fn) << function << " was removed";
  if (!fn)
    return shape;
  llvm::DominatorTree dominators(*fn);
  llvm::LoopInfo loops(dominators);
  shape.loops = loops.getLoopsInPreorder().size();
  for (llvm::BasicBlock &block : *fn)
    for (llvm::Instruction &inst : block)
      shape.instructions += inst.getOpcode() == opcode;
  llvm::raw_string_ostream(shape.text) << *fn;
  return shape;
}

/// A loop of `bound` steps (a constant, or %n: known only at run time) over
/// <8 x float>, 3 vector instructions a step.
std::string vectorLoop(const char *bound) {
  return std::string(R"(
define void @scale(ptr %a, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %p = getelementptr <8 x float>, ptr %a, i64 %i
  %v = load <8 x float>, ptr %p
  %w = fadd <8 x float> %v, %v
  store <8 x float> %w, ptr %p
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, )") +
         bound + R"(
  br i1 %done, label %exit, label %loop
exit:
  ret void
}
)";
}

// 64 steps: 192 vector instructions unrolled, over the budget.
TEST(HostOptimizerTest, LongVectorLoopStaysRolled) {
  FunctionShape shape = optimizeAndInspect(vectorLoop("64").c_str(), "scale",
                                           llvm::Instruction::FAdd);
  EXPECT_EQ(shape.loops, 1u) << shape.text;
  EXPECT_EQ(shape.instructions, 1u) << shape.text;
}

// A trip count known only at run time: no runtime unrolling either.
TEST(HostOptimizerTest, DynamicVectorLoopStaysRolled) {
  FunctionShape shape = optimizeAndInspect(vectorLoop("%n").c_str(), "scale",
                                           llvm::Instruction::FAdd);
  EXPECT_EQ(shape.loops, 1u) << shape.text;
  EXPECT_EQ(shape.instructions, 1u) << shape.text;
}

// 4 steps over a register tile's rows: 12 vector instructions unrolled,
// within the budget.
TEST(HostOptimizerTest, ShortVectorLoopIsUnrolled) {
  FunctionShape shape = optimizeAndInspect(vectorLoop("4").c_str(), "scale",
                                           llvm::Instruction::FAdd);
  EXPECT_EQ(shape.loops, 0u) << shape.text;
  EXPECT_EQ(shape.instructions, 4u) << shape.text;
}

// A scalar loop that LLVM cannot vectorize (an opaque call per step): O3
// unrolls it fully, as it would without Tessera's limit.
const char kScalarLoop[] = R"(
declare void @visit(i64)

define void @walk() {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  call void @visit(i64 %i)
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 8
  br i1 %done, label %exit, label %loop
exit:
  ret void
}
)";

TEST(HostOptimizerTest, ScalarLoopIsUnrolled) {
  FunctionShape shape =
      optimizeAndInspect(kScalarLoop, "walk", llvm::Instruction::Call);
  EXPECT_EQ(shape.loops, 0u) << shape.text;
  EXPECT_EQ(shape.instructions, 8u) << shape.text;
}

// A strided 1-D transfer as VectorToSCF lowers it: one scalar load and an
// insertelement at the induction variable per step. Unrolled, the lanes
// become constants; the vector phi and inserts do not count as vector work.
const char kLaneGatherLoop[] = R"(
define void @gather(ptr %src, ptr %dst) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %acc = phi <8 x float> [ zeroinitializer, %entry ], [ %with, %loop ]
  %offset = mul i64 %i, 37
  %p = getelementptr float, ptr %src, i64 %offset
  %x = load float, ptr %p
  %with = insertelement <8 x float> %acc, float %x, i64 %i
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 8
  br i1 %done, label %exit, label %loop
exit:
  store <8 x float> %with, ptr %dst
  ret void
}
)";

TEST(HostOptimizerTest, LaneGatherLoopIsUnrolled) {
  FunctionShape shape =
      optimizeAndInspect(kLaneGatherLoop, "gather", llvm::Instruction::Load);
  EXPECT_EQ(shape.loops, 0u) << shape.text;
  EXPECT_EQ(shape.instructions, 8u) << shape.text;
}

/// A loop of `bound` steps that zero-fills a row of `bytes` bytes per step,
/// 12,544 bytes apart (an image row of the Kronecker attention block), as
/// LLVM's loop idioms leave the code generator's vectorized fills.
std::string memsetLoop(const char *bound, const char *bytes) {
  return std::string(R"(
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

define void @clear(ptr %a) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %offset = mul i64 %i, 12544
  %p = getelementptr i8, ptr %a, i64 %offset
  call void @llvm.memset.p0.i64(ptr align 64 %p, i8 0, i64 )") +
         bytes + R"(, i1 false)
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, )" +
         bound + R"(
  br i1 %done, label %exit, label %loop
exit:
  ret void
}
)";
}

// 64 rows of 1 KiB: 1,024 vector stores of 64 bytes (or more of 32, 16)
// once the backend expands the memsets, far over the budget: the loop stays
// rolled (stock O3 unrolled it, and the two instruction schedulers then
// spent 0.5 s each on the block).
TEST(HostOptimizerTest, LongMemsetLoopStaysRolled) {
  FunctionShape shape = optimizeAndInspect(memsetLoop("64", "1024").c_str(),
                                           "clear", llvm::Instruction::Call);
  EXPECT_EQ(shape.loops, 1u) << shape.text;
  EXPECT_EQ(shape.instructions, 1u) << shape.text;
}

// 2 rows of 64 bytes: a few stores, still unrolled.
TEST(HostOptimizerTest, ShortMemsetLoopIsUnrolled) {
  FunctionShape shape = optimizeAndInspect(memsetLoop("2", "64").c_str(),
                                           "clear", llvm::Instruction::Call);
  EXPECT_EQ(shape.loops, 0u) << shape.text;
  EXPECT_EQ(shape.instructions, 2u) << shape.text;
}

} // namespace
