//===- tessera-translate.cpp - MLIR to target languages -------------------===//
//
// mlir-translate for Tessera's own targets:
//   --mlir-to-wgsl   every GPU kernel of the input as a WGSL module
//                    (lib/Target/WGSL), under the WebGPU limits given by the
//                    --wgsl-* options.
// The input may be a whole GPU-pipeline module: host code around the
// gpu.modules is parsed and ignored.
//
//===----------------------------------------------------------------------===//

#include "tessera/Dialect/Tessera/IR/TesseraDialect.h"
#include "tessera/Target/WGSL/WGSLEmitter.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Index/IR/IndexDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "mlir/Tools/mlir-translate/Translation.h"

#include "llvm/Support/CommandLine.h"

using namespace mlir;

static llvm::cl::OptionCategory wgslCategory("WGSL translation options");

static llvm::cl::opt<int64_t> maxInvocations(
    "wgsl-max-invocations",
    llvm::cl::desc("maxComputeInvocationsPerWorkgroup of the target device"),
    llvm::cl::init(tessera::WGSLOptions().maxInvocationsPerWorkgroup),
    llvm::cl::cat(wgslCategory));

static llvm::cl::opt<int64_t> maxWorkgroupStorage(
    "wgsl-max-workgroup-storage",
    llvm::cl::desc("maxComputeWorkgroupStorageSize (bytes) of the target "
                   "device"),
    llvm::cl::init(tessera::WGSLOptions().maxWorkgroupStorageBytes),
    llvm::cl::cat(wgslCategory));

static llvm::cl::opt<int64_t> maxStorageBuffers(
    "wgsl-max-storage-buffers",
    llvm::cl::desc("maxStorageBuffersPerShaderStage of the target device"),
    llvm::cl::init(tessera::WGSLOptions().maxStorageBuffers),
    llvm::cl::cat(wgslCategory));

static llvm::cl::opt<int64_t> maxWorkgroups(
    "wgsl-max-workgroups-per-dimension",
    llvm::cl::desc("maxComputeWorkgroupsPerDimension of the target device; "
                   "larger x grids are folded into y"),
    llvm::cl::init(tessera::WGSLOptions().maxWorkgroupsPerDimension),
    llvm::cl::cat(wgslCategory));

static llvm::cl::opt<bool> enableF16(
    "wgsl-enable-f16",
    llvm::cl::desc("Allow f16 (emits 'enable f16;', needs shader-f16)"),
    llvm::cl::init(false), llvm::cl::cat(wgslCategory));

static void registerToWGSLTranslation() {
  static TranslateFromMLIRRegistration registration(
      "mlir-to-wgsl", "Translate the GPU kernels of a module to WGSL",
      [](Operation *op, llvm::raw_ostream &os) {
        tessera::WGSLOptions options;
        options.maxInvocationsPerWorkgroup = maxInvocations;
        options.maxWorkgroupStorageBytes = maxWorkgroupStorage;
        options.maxStorageBuffers = maxStorageBuffers;
        options.maxWorkgroupsPerDimension = maxWorkgroups;
        options.enableF16 = enableF16;
        return tessera::translateModuleToWGSL(op, options, os);
      },
      [](DialectRegistry &registry) {
        registry.insert<
            affine::AffineDialect, arith::ArithDialect, complex::ComplexDialect,
            cf::ControlFlowDialect, func::FuncDialect, gpu::GPUDialect,
            index::IndexDialect, math::MathDialect, memref::MemRefDialect,
            scf::SCFDialect, tessera::TesseraDialect, ub::UBDialect>();
      });
}

int main(int argc, char **argv) {
  registerToWGSLTranslation();
  return failed(mlirTranslateMain(argc, argv, "Tessera translation driver"));
}
