//===- RuntimeAPITest.cpp - The runtime's C and C++ APIs ------------------===//
//
// Every misuse returns an error code and a message, never an abort; results
// are checked against plain C++ loops.
//
//===----------------------------------------------------------------------===//

#include "tessera-c/runtime.h"
#include "tessera/Runtime/CPUCodegen.h"
#include "tessera/Runtime/Runtime.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

// y = a @ b + 1, on tensors: checked against a loop below.
const char *kMatmulModel = R"mlir(
func.func @mm(%a: tensor<3x4xf32>, %b: tensor<4x2xf32>) -> tensor<3x2xf32> {
  %e = tensor.empty() : tensor<3x2xf32>
  %z = arith.constant 0.0 : f32
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<3x2xf32>) -> tensor<3x2xf32>
  %r = linalg.matmul ins(%a, %b : tensor<3x4xf32>, tensor<4x2xf32>)
                     outs(%i : tensor<3x2xf32>) -> tensor<3x2xf32>
  %one = arith.constant dense<1.0> : tensor<3x2xf32>
  %y = arith.addf %r, %one : tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}
func.func @twice(%x: tensor<5xi32>) -> (tensor<5xi32>, tensor<5xi32>) {
  %y = arith.addi %x, %x : tensor<5xi32>
  return %y, %x : tensor<5xi32>, tensor<5xi32>
}
)mlir";

std::vector<float> referenceMatmulPlusOne(const std::vector<float> &a,
                                          const std::vector<float> &b) {
  std::vector<float> y(6);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j) {
      float sum = 0;
      for (int k = 0; k < 4; ++k)
        sum += a[i * 4 + k] * b[k * 2 + j];
      y[i * 2 + j] = sum + 1.0f;
    }
  return y;
}

class RuntimeTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(tessera_context_create(TESSERA_TARGET_CPU, &context), TESSERA_OK);
  }
  void TearDown() override {
    tessera_module_destroy(module);
    tessera_context_destroy(context);
  }
  void loadMatmul() {
    ASSERT_EQ(tessera_module_load_source(context, kMatmulModel,
                                         std::strlen(kMatmulModel), &module),
              TESSERA_OK)
        << tessera_last_error();
    ASSERT_EQ(tessera_module_lookup(module, "mm", &mm), TESSERA_OK);
  }

  tessera_context *context = nullptr;
  tessera_module *module = nullptr;
  tessera_function *mm = nullptr;
  int64_t aShape[2] = {3, 4}, bShape[2] = {4, 2}, yShape[2] = {3, 2};
};

std::string lastError() { return tessera_last_error(); }

TEST(RuntimeContext, RejectsUnknownTarget) {
  tessera_context *context = nullptr;
  EXPECT_EQ(tessera_context_create(static_cast<tessera_target>(42), &context),
            TESSERA_UNSUPPORTED);
  EXPECT_EQ(context, nullptr);
  EXPECT_NE(lastError().find("not supported"), std::string::npos);
  EXPECT_EQ(tessera_context_create(TESSERA_TARGET_CPU, nullptr),
            TESSERA_INVALID_ARGUMENT);
}

TEST_F(RuntimeTest, MissingFileIsNotFound) {
  EXPECT_EQ(
      tessera_module_load_file(context, "/nonexistent/model.mlir", &module),
      TESSERA_NOT_FOUND);
  EXPECT_NE(lastError().find("/nonexistent/model.mlir"), std::string::npos);
  EXPECT_EQ(module, nullptr);
}

TEST_F(RuntimeTest, NullArgumentsAreRejected) {
  EXPECT_EQ(tessera_module_load_file(nullptr, "x.mlir", &module),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_EQ(tessera_module_load_source(context, nullptr, 0, &module),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_EQ(tessera_module_lookup(nullptr, "f", &mm), TESSERA_INVALID_ARGUMENT);
  EXPECT_EQ(tessera_function_invoke(nullptr, nullptr, 0, nullptr, 0),
            TESSERA_INVALID_ARGUMENT);
}

TEST_F(RuntimeTest, SyntaxErrorIsInvalidIRWithLocation) {
  const char *source = "func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
                       "  return %y : tensor<4xf32>\n}\n";
  EXPECT_EQ(
      tessera_module_load_source(context, source, std::strlen(source), &module),
      TESSERA_INVALID_IR);
  EXPECT_NE(lastError().find("<source>:2"), std::string::npos) << lastError();
  EXPECT_NE(lastError().find("undeclared SSA value"), std::string::npos)
      << lastError();
}

TEST_F(RuntimeTest, VerifierErrorNamesTheOp) {
  const char *source =
      "func.func @f(%x: tensor<1x2x64xf32>, %w: tensor<2x2x40xcomplex<f32>>)\n"
      "    -> tensor<1x2x64xf32> {\n"
      "  %y = tessera.spectral_conv corners %x, %w modes [40]\n"
      "      : (tensor<1x2x64xf32>, tensor<2x2x40xcomplex<f32>>)\n"
      "      -> tensor<1x2x64xf32>\n"
      "  return %y : tensor<1x2x64xf32>\n}\n";
  EXPECT_EQ(
      tessera_module_load_source(context, source, std::strlen(source), &module),
      TESSERA_INVALID_IR);
  EXPECT_NE(lastError().find("tessera.spectral_conv"), std::string::npos)
      << lastError();
  EXPECT_NE(lastError().find("modes 40 exceeds"), std::string::npos)
      << lastError();
}

TEST_F(RuntimeTest, DynamicShapesAreUnsupported) {
  const char *source = "func.func @dyn(%x: tensor<?xf32>) -> tensor<?xf32> {\n"
                       "  return %x : tensor<?xf32>\n}\n";
  EXPECT_EQ(
      tessera_module_load_source(context, source, std::strlen(source), &module),
      TESSERA_UNSUPPORTED);
  EXPECT_NE(lastError().find("'dyn' argument #0"), std::string::npos)
      << lastError();
}

TEST_F(RuntimeTest, ForeignSharedLibraryIsRejected) {
  std::ifstream probe("/lib/x86_64-linux-gnu/libm.so.6");
  if (!probe)
    GTEST_SKIP() << "no libm.so.6 at the Debian path";
  EXPECT_EQ(tessera_module_load_file(context, "/lib/x86_64-linux-gnu/libm.so.6",
                                     &module),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_NE(lastError().find("not a Tessera artifact"), std::string::npos);
}

TEST_F(RuntimeTest, UnknownFunctionListsTheKnownOnes) {
  loadMatmul();
  tessera_function *f = nullptr;
  EXPECT_EQ(tessera_module_lookup(module, "nope", &f), TESSERA_NOT_FOUND);
  EXPECT_NE(lastError().find("mm, twice"), std::string::npos) << lastError();
}

TEST_F(RuntimeTest, SignatureIsReported) {
  loadMatmul();
  EXPECT_EQ(tessera_function_num_inputs(mm), 2u);
  EXPECT_EQ(tessera_function_num_results(mm), 1u);
  tessera_dtype dtype;
  int32_t rank;
  const int64_t *shape;
  ASSERT_EQ(tessera_function_input(mm, 1, &dtype, &rank, &shape), TESSERA_OK);
  EXPECT_EQ(dtype, TESSERA_F32);
  ASSERT_EQ(rank, 2);
  EXPECT_EQ(shape[0], 4);
  EXPECT_EQ(shape[1], 2);
  EXPECT_EQ(tessera_function_result(mm, 1, &dtype, &rank, &shape),
            TESSERA_INVALID_ARGUMENT);
}

TEST_F(RuntimeTest, InvokeMatchesPlainLoop) {
  loadMatmul();
  std::vector<float> a(12), b(8), y(6, -7.0f);
  for (int i = 0; i < 12; ++i)
    a[i] = 0.25f * i - 1.0f;
  for (int i = 0; i < 8; ++i)
    b[i] = 0.5f - 0.125f * i;
  tessera_tensor in[2] = {{TESSERA_F32, 2, aShape, nullptr, a.data()},
                          {TESSERA_F32, 2, bShape, nullptr, b.data()}};
  tessera_tensor out = {TESSERA_F32, 2, yShape, nullptr, y.data()};
  ASSERT_EQ(tessera_function_invoke(mm, in, 2, &out, 1), TESSERA_OK)
      << lastError();
  std::vector<float> expected = referenceMatmulPlusOne(a, b);
  for (int i = 0; i < 6; ++i)
    EXPECT_FLOAT_EQ(y[i], expected[i]) << "at " << i;
  // Inputs are read-only for the compiled code.
  EXPECT_FLOAT_EQ(a[5], 0.25f * 5 - 1.0f);
}

TEST_F(RuntimeTest, StridedViewsAreGatheredAndScattered) {
  loadMatmul();
  // `a` is given as the transpose view of a 4x3 row-major buffer.
  std::vector<float> a(12), aT(12), b(8, 1.0f);
  for (int i = 0; i < 12; ++i)
    a[i] = float(i);
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 4; ++k)
      aT[k * 3 + i] = a[i * 4 + k];
  int64_t aStrides[2] = {1, 3};
  // The result goes to every other element of a 12-float buffer.
  std::vector<float> y(12, 0.0f);
  int64_t yStrides[2] = {4, 2};
  tessera_tensor in[2] = {{TESSERA_F32, 2, aShape, aStrides, aT.data()},
                          {TESSERA_F32, 2, bShape, nullptr, b.data()}};
  tessera_tensor out = {TESSERA_F32, 2, yShape, yStrides, y.data()};
  ASSERT_EQ(tessera_function_invoke(mm, in, 2, &out, 1), TESSERA_OK)
      << lastError();
  std::vector<float> expected = referenceMatmulPlusOne(a, b);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j) {
      EXPECT_FLOAT_EQ(y[i * 4 + j * 2], expected[i * 2 + j]);
      EXPECT_FLOAT_EQ(y[i * 4 + j * 2 + 1], 0.0f);
    }
}

// 4-bit tensors: views hold one value per byte; the compiled code stores
// them packed two per byte, so the runtime packs inputs and unpacks results.
// 7x5 = 35 values leaves the last packed byte half used.
const char *kNibbleModel = R"mlir(
func.func @nibbles(%a: tensor<7x5xi4>, %u: tensor<3xui4>)
    -> (tensor<5x7xi4>, tensor<7x5xf32>, tensor<3xui4>) {
  %e = tensor.empty() : tensor<5x7xi4>
  %t = linalg.transpose ins(%a : tensor<7x5xi4>) outs(%e : tensor<5x7xi4>)
      permutation = [1, 0]
  %d = tessera.dequantize %a scales [0.5] zero_points [1]
      : (tensor<7x5xi4>) -> tensor<7x5xf32>
  %f = tessera.dequantize %u scales [1.0] zero_points [0]
      : (tensor<3xui4>) -> tensor<3xf32>
  %v = tessera.quantize %f scales [1.0] zero_points [1]
      : (tensor<3xf32>) -> tensor<3xui4>
  return %t, %d, %v : tensor<5x7xi4>, tensor<7x5xf32>, tensor<3xui4>
}
)mlir";

TEST_F(RuntimeTest, FourBitTensorsArePackedAtTheBoundary) {
  ASSERT_EQ(tessera_module_load_source(context, kNibbleModel,
                                       std::strlen(kNibbleModel), &module),
            TESSERA_OK)
      << tessera_last_error();
  tessera_function *fn = nullptr;
  ASSERT_EQ(tessera_module_lookup(module, "nibbles", &fn), TESSERA_OK);
  // The signature keeps the logical shapes.
  tessera_dtype dtype;
  int32_t rank;
  const int64_t *shape;
  ASSERT_EQ(tessera_function_input(fn, 0, &dtype, &rank, &shape), TESSERA_OK);
  EXPECT_EQ(dtype, TESSERA_I4);
  ASSERT_EQ(rank, 2);
  EXPECT_EQ(shape[0], 7);
  EXPECT_EQ(shape[1], 5);

  // a[i][j] cycles through -8..7; given as the transpose view of a 5x7
  // buffer (strides {1, 7}), so packing gathers through strides.
  std::vector<int8_t> a(35), aT(35);
  for (int i = 0; i < 35; ++i)
    a[i] = static_cast<int8_t>((i * 3) % 16 - 8);
  a[34] = -8; // the lone value of the last byte
  for (int i = 0; i < 7; ++i)
    for (int j = 0; j < 5; ++j)
      aT[j * 7 + i] = a[i * 5 + j];
  int64_t aShape4[2] = {7, 5}, aStrides[2] = {1, 7};
  // Only the low nibble of an input byte is read: 0x1f is ui4 15.
  std::vector<uint8_t> u = {0, 0x1f, 9};
  int64_t uShape[1] = {3};
  tessera_tensor in[2] = {{TESSERA_I4, 2, aShape4, aStrides, aT.data()},
                          {TESSERA_U4, 1, uShape, nullptr, u.data()}};

  // The transposed i4 result goes to every other byte of a buffer filled
  // with a marker, so unpacking scatters through strides.
  std::vector<int8_t> t(70, 0x55);
  int64_t tShape[2] = {5, 7}, tStrides[2] = {14, 2};
  std::vector<float> d(35, -1.0f);
  std::vector<uint8_t> v(3, 0xee);
  tessera_tensor out[3] = {{TESSERA_I4, 2, tShape, tStrides, t.data()},
                           {TESSERA_F32, 2, aShape4, nullptr, d.data()},
                           {TESSERA_U4, 1, uShape, nullptr, v.data()}};
  ASSERT_EQ(tessera_function_invoke(fn, in, 2, out, 3), TESSERA_OK)
      << lastError();

  for (int i = 0; i < 7; ++i)
    for (int j = 0; j < 5; ++j) {
      // Sign-extended i4 values, markers untouched.
      EXPECT_EQ(t[j * 14 + i * 2], a[i * 5 + j]) << i << "," << j;
      EXPECT_EQ(t[j * 14 + i * 2 + 1], 0x55);
      EXPECT_FLOAT_EQ(d[i * 5 + j], 0.5f * (a[i * 5 + j] - 1));
    }
  // quantize(u + 1) saturates at 15; results are zero-extended.
  EXPECT_EQ(v[0], 1);
  EXPECT_EQ(v[1], 15);
  EXPECT_EQ(v[2], 10);
  // Input views are not modified.
  EXPECT_EQ(u[1], 0x1f);
  EXPECT_EQ(aT[4 * 7 + 6], -8);
}

TEST_F(RuntimeTest, MisuseIsReportedNotCrashing) {
  loadMatmul();
  std::vector<float> a(12), b(8), y(6);
  std::vector<int32_t> wrong(12);
  tessera_tensor good[2] = {{TESSERA_F32, 2, aShape, nullptr, a.data()},
                            {TESSERA_F32, 2, bShape, nullptr, b.data()}};
  tessera_tensor out = {TESSERA_F32, 2, yShape, nullptr, y.data()};

  EXPECT_EQ(tessera_function_invoke(mm, good, 1, &out, 1),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_NE(lastError().find("takes 2 inputs, got 1"), std::string::npos);

  EXPECT_EQ(tessera_function_invoke(mm, good, 2, &out, 0),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_NE(lastError().find("1 results, got 0"), std::string::npos);

  tessera_tensor badType[2] = {{TESSERA_I32, 2, aShape, nullptr, wrong.data()},
                               good[1]};
  EXPECT_EQ(tessera_function_invoke(mm, badType, 2, &out, 1),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_NE(lastError().find("input #0: dtype i32, expected f32"),
            std::string::npos)
      << lastError();

  int64_t badShape[2] = {4, 3};
  tessera_tensor shaped[2] = {{TESSERA_F32, 2, badShape, nullptr, a.data()},
                              good[1]};
  EXPECT_EQ(tessera_function_invoke(mm, shaped, 2, &out, 1),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_NE(lastError().find("shape [4x3], expected [3x4]"), std::string::npos)
      << lastError();

  tessera_tensor nullData[2] = {{TESSERA_F32, 2, aShape, nullptr, nullptr},
                                good[1]};
  EXPECT_EQ(tessera_function_invoke(mm, nullData, 2, &out, 1),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_NE(lastError().find("data is null"), std::string::npos);

  tessera_tensor wrongRank = {TESSERA_F32, 1, yShape, nullptr, y.data()};
  EXPECT_EQ(tessera_function_invoke(mm, good, 2, &wrongRank, 1),
            TESSERA_INVALID_ARGUMENT);
  EXPECT_NE(lastError().find("result #0: shape [3], expected [3x2]"),
            std::string::npos)
      << lastError();
}

TEST_F(RuntimeTest, ConcurrentInvocationsAreIndependent) {
  loadMatmul();
  auto work = [&](float scale, std::vector<float> &y) {
    std::vector<float> a(12), b(8);
    for (int i = 0; i < 12; ++i)
      a[i] = scale * i;
    for (int i = 0; i < 8; ++i)
      b[i] = scale - i;
    tessera_tensor in[2] = {{TESSERA_F32, 2, aShape, nullptr, a.data()},
                            {TESSERA_F32, 2, bShape, nullptr, b.data()}};
    tessera_tensor out = {TESSERA_F32, 2, yShape, nullptr, y.data()};
    for (int r = 0; r < 200; ++r)
      ASSERT_EQ(tessera_function_invoke(mm, in, 2, &out, 1), TESSERA_OK);
    std::vector<float> expected = referenceMatmulPlusOne(a, b);
    for (int i = 0; i < 6; ++i)
      EXPECT_FLOAT_EQ(y[i], expected[i]);
  };
  std::vector<float> y1(6), y2(6);
  std::thread t1(work, 0.5f, std::ref(y1)), t2(work, -2.0f, std::ref(y2));
  t1.join();
  t2.join();
}

TEST(RuntimeCpp, CallReturnsOwnedResults) {
  auto context = tessera::Context::create();
  ASSERT_TRUE(context.ok());
  auto module = context.value().loadSource(kMatmulModel);
  ASSERT_TRUE(module.ok()) << module.status().message();
  auto twice = module.value().lookup("twice");
  ASSERT_TRUE(twice.ok());
  tessera::Tensor x(TESSERA_I32, {5});
  for (int i = 0; i < 5; ++i)
    x.as<int32_t>()[i] = i - 2;
  auto results = twice.value().call({x.view()});
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_EQ(results.value().size(), 2u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(results.value()[0].as<int32_t>()[i], 2 * (i - 2));
    EXPECT_EQ(results.value()[1].as<int32_t>()[i], i - 2);
  }
  auto missing = module.value().lookup("absent");
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), TESSERA_NOT_FOUND);
}

TEST(RuntimeAOT, CompiledLibraryMatchesTheJIT) {
  std::string dir = ::testing::TempDir();
  std::string model = dir + "/aot_model.mlir", library = dir + "/aot_model.so";
  std::ofstream(model) << kMatmulModel;
  std::string cmd = std::string(TESSERA_BIN_DIR) + "/tessera-compile " + model +
                    " --target=cpu -o " + library;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;

  auto context = tessera::Context::create();
  ASSERT_TRUE(context.ok());
  auto module = context.value().load(library);
  ASSERT_TRUE(module.ok()) << module.status().message();
  auto mm = module.value().lookup("mm");
  ASSERT_TRUE(mm.ok());
  tessera::Tensor a(TESSERA_F32, {3, 4}), b(TESSERA_F32, {4, 2});
  std::vector<float> av(12), bv(8);
  for (int i = 0; i < 12; ++i)
    a.as<float>()[i] = av[i] = 1.0f - 0.1f * i;
  for (int i = 0; i < 8; ++i)
    b.as<float>()[i] = bv[i] = 0.3f * i;
  auto y = mm.value().call({a.view(), b.view()});
  ASSERT_TRUE(y.ok()) << y.status().message();
  std::vector<float> expected = referenceMatmulPlusOne(av, bv);
  for (int i = 0; i < 6; ++i)
    EXPECT_FLOAT_EQ(y.value()[0].as<float>()[i], expected[i]);
  std::remove(model.c_str());
  std::remove(library.c_str());
}

// The linker driver search goes past a configured compiler that is not
// there (an install without the build machine's clang: on a GPU machine
// every AOT link failed with "posix_spawn failed" on the missing path).
TEST(RuntimeAOT, LinkerDriverSearchSkipsMissingPaths) {
  using tessera::runtime::findFirstProgram;
  std::string dir = ::testing::TempDir();
  EXPECT_EQ(findFirstProgram({"/nonexistent/bin/clang", "sh"}).empty(), false);
  EXPECT_NE(findFirstProgram({"/nonexistent/bin/clang", "sh"}),
            "/nonexistent/bin/clang");
  EXPECT_EQ(
      findFirstProgram({"/nonexistent/bin/clang", "tessera-no-such-program"}),
      "");
  // A directory or a file that cannot be executed is not a program.
  std::string plain = dir + "/not_a_program";
  std::ofstream(plain) << "text";
  EXPECT_EQ(findFirstProgram({dir, plain}), "");
  std::remove(plain.c_str());
}

} // namespace
