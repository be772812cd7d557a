//===- KernelModuleTest.cpp - The modules CPU kernels are tuned in --------===//
//
// A kernel's measuring module holds what the model runs with the op: the
// fill or broadcast that makes its init (not an argument that bufferization
// would copy into the result first), its epilogue, and nothing that another
// op of the model also reads.
//
//===----------------------------------------------------------------------===//

#include "tessera/Runtime/KernelModule.h"
#include "CompilerContext.h"
#include "tessera/Runtime/CPUCodegen.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <string>

using namespace mlir;
using namespace ::tessera::runtime;

namespace {

class KernelModuleTest : public ::testing::Test {
protected:
  /// The measuring module of the first op of type `OpTy` in `source`'s
  /// function `entry`.
  template <typename OpTy>
  OwningOpRef<ModuleOp> kernelModuleOf(const char *source, const char *entry) {
    std::string error;
    model = parseModule(*context, source, entry, error);
    EXPECT_TRUE(model) << error;
    if (!model)
      return nullptr;
    OpTy target;
    model->walk([&](OpTy op) {
      if (!target)
        target = op;
    });
    EXPECT_TRUE(target);
    return target ? buildKernelModule(target) : nullptr;
  }

  static func::FuncOp kernelOf(ModuleOp module) {
    return cast<func::FuncOp>(module.getBody()->front());
  }

  template <typename OpTy> static int count(func::FuncOp func) {
    int n = 0;
    func.walk([&](OpTy) { ++n; });
    return n;
  }

  std::unique_ptr<MLIRContext> context = makeCompilerContext();
  OwningOpRef<ModuleOp> model;
};

} // namespace

TEST_F(KernelModuleTest, BiasBroadcastAndEpilogueGoWithTheConvolution) {
  // fno2d's projection: a 1x1 convolution into its broadcast bias, then
  // GELU-like activation. The measuring module computes the broadcast:
  // its arguments are the image, the weight and the 1-D bias, not an
  // 8 MB init that the kernel would copy into its result on every call.
  const char *source = R"mlir(
#nchw = affine_map<(n, c, h, w) -> (n, c, h, w)>
func.func @proj(%x: tensor<4x32x64x64xf32>, %w: tensor<128x32x1x1xf32>,
                %b: tensor<128xf32>) -> tensor<4x128x64x64xf32> {
  %e = tensor.empty() : tensor<4x128x64x64xf32>
  %bb = linalg.broadcast ins(%b : tensor<128xf32>)
      outs(%e : tensor<4x128x64x64xf32>) dimensions = [0, 2, 3]
  %h = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<4x32x64x64xf32>, tensor<128x32x1x1xf32>)
      outs(%bb : tensor<4x128x64x64xf32>) -> tensor<4x128x64x64xf32>
  %g = linalg.generic {indexing_maps = [#nchw, #nchw],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%h : tensor<4x128x64x64xf32>) outs(%e : tensor<4x128x64x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %half = arith.constant 0.5 : f32
    %y = arith.mulf %in, %half : f32
    linalg.yield %y : f32
  } -> tensor<4x128x64x64xf32>
  return %g : tensor<4x128x64x64xf32>
}
)mlir";
  OwningOpRef<ModuleOp> kernel =
      kernelModuleOf<linalg::Conv2DNchwFchwOp>(source, "proj");
  ASSERT_TRUE(kernel);
  func::FuncOp func = kernelOf(*kernel);
  Type f32 = Float32Type::get(context.get());
  ASSERT_EQ(func.getNumArguments(), 3u);
  EXPECT_TRUE(llvm::is_contained(func.getArgumentTypes(),
                                 RankedTensorType::get({128}, f32)));
  EXPECT_FALSE(llvm::is_contained(
      func.getArgumentTypes(), RankedTensorType::get({4, 128, 64, 64}, f32)));
  EXPECT_EQ(count<linalg::BroadcastOp>(func), 1);
  EXPECT_EQ(count<linalg::Conv2DNchwFchwOp>(func), 1);
  EXPECT_EQ(count<linalg::GenericOp>(func), 1);
  // The empty tensor is made in the kernel, not passed in.
  EXPECT_EQ(count<tensor::EmptyOp>(func), 1);
  EXPECT_EQ(func.getResultTypes()[0],
            RankedTensorType::get({4, 128, 64, 64}, f32));
}

TEST_F(KernelModuleTest, ZeroFillGoesWithTheContraction) {
  // The fill's scalar constant is copied in: the runtime passes tensors.
  const char *source = R"mlir(
func.func @mm(%a: tensor<64x128xf32>, %b: tensor<128x96xf32>) -> tensor<64x96xf32> {
  %e = tensor.empty() : tensor<64x96xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<64x96xf32>) -> tensor<64x96xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x96xf32>)
                     outs(%i : tensor<64x96xf32>) -> tensor<64x96xf32>
  return %r : tensor<64x96xf32>
}
)mlir";
  OwningOpRef<ModuleOp> kernel = kernelModuleOf<linalg::MatmulOp>(source, "mm");
  ASSERT_TRUE(kernel);
  func::FuncOp func = kernelOf(*kernel);
  EXPECT_EQ(func.getNumArguments(), 2u);
  EXPECT_EQ(count<linalg::FillOp>(func), 1);
  EXPECT_EQ(count<arith::ConstantOp>(func), 1);
  // The op's init is the fill's result.
  auto matmul = *func.getOps<linalg::MatmulOp>().begin();
  EXPECT_TRUE(matmul.getDpsInits()[0].getDefiningOp<linalg::FillOp>());
}

TEST_F(KernelModuleTest, SharedOrComputedInitsStayArguments) {
  // One fill shared by two matmuls (the model computes it once for both)
  // and a residual init computed by another op: both are the kernel's
  // arguments.
  const char *source = R"mlir(
func.func @two(%a: tensor<64x128xf32>, %b: tensor<128x96xf32>,
               %c: tensor<64x96xf32>)
    -> (tensor<64x96xf32>, tensor<64x96xf32>, tensor<64x96xf32>) {
  %e = tensor.empty() : tensor<64x96xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<64x96xf32>) -> tensor<64x96xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x96xf32>)
                     outs(%i : tensor<64x96xf32>) -> tensor<64x96xf32>
  %s = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x96xf32>)
                     outs(%i : tensor<64x96xf32>) -> tensor<64x96xf32>
  %t = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x96xf32>)
                     outs(%r : tensor<64x96xf32>) -> tensor<64x96xf32>
  return %s, %t, %c : tensor<64x96xf32>, tensor<64x96xf32>, tensor<64x96xf32>
}
)mlir";
  std::string error;
  model = parseModule(*context, source, "two", error);
  ASSERT_TRUE(model) << error;
  SmallVector<linalg::MatmulOp> matmuls;
  model->walk([&](linalg::MatmulOp op) { matmuls.push_back(op); });
  ASSERT_EQ(matmuls.size(), 3u);
  for (linalg::MatmulOp op : {matmuls[0], matmuls[2]}) {
    OwningOpRef<ModuleOp> kernel = buildKernelModule(op);
    ASSERT_TRUE(kernel);
    func::FuncOp func = kernelOf(*kernel);
    EXPECT_EQ(func.getNumArguments(), 3u);
    EXPECT_EQ(count<linalg::FillOp>(func), 0);
    EXPECT_EQ(count<linalg::MatmulOp>(func), 1);
  }
}
