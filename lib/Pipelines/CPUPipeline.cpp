//===- CPUPipeline.cpp - tensors to the LLVM dialect for the CPU ----------===//

#include "tessera/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

std::string mlir::tessera::getCPUPipelineText() {
  // Kept as one readable string in mlir-opt syntax, so that the exact
  // pipeline can be replayed with tessera-opt --pass-pipeline=... .
  return "tessera-to-linalg,"
         "func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,"
         "tosa-to-tensor,convert-elementwise-to-linalg),"
         "canonicalize,"
         "func.func(linalg-fuse-elementwise-ops),"
         "tessera-runtime-abi,"
         "one-shot-bufferize{bufferize-function-boundaries "
         "function-boundary-type-conversion=identity-layout-map},"
         "buffer-results-to-out-params{hoist-static-allocs "
         "modify-public-functions},"
         "buffer-deallocation-pipeline,"
         "tessera-strided-copy-to-linalg,"
         "func.func(convert-linalg-to-loops),"
         "tessera-emulate-narrow-int,"
         "convert-scf-to-cf,"
         "expand-strided-metadata,"
         "lower-affine,"
         "convert-complex-to-standard,"
         "convert-complex-to-llvm,"
         "convert-math-to-llvm,"
         "convert-math-to-libm,"
         "finalize-memref-to-llvm,"
         "convert-arith-to-llvm,"
         "convert-index-to-llvm,"
         "convert-cf-to-llvm,"
         "convert-func-to-llvm,"
         "reconcile-unrealized-casts";
}

LogicalResult mlir::tessera::buildCPUPipeline(OpPassManager &pm,
                                             llvm::raw_ostream &errorStream) {
  return parsePassPipeline(getCPUPipelineText(), pm, errorStream);
}

void mlir::tessera::registerTesseraPipelines() {
  PassPipelineRegistration<>(
      "tessera-cpu-pipeline",
      "Lower tessera + tosa/linalg on tensors to the LLVM dialect for the CPU "
      "runtime (bufferization, out-parameter results, C interface)",
      [](OpPassManager &pm) {
        if (failed(buildCPUPipeline(pm, llvm::errs())))
          llvm::report_fatal_error("tessera-cpu-pipeline names an "
                                   "unregistered pass");
      });
}
