//===- tessera-opt.cpp - mlir-opt with the tessera dialect ----------------===//
//
// Every upstream dialect, pass and extension, plus tessera's dialect and
// passes: the driver for lit tests and for trying pipelines by hand.
//
//===----------------------------------------------------------------------===//

#include "tessera/InitAllTessera.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::tessera::registerAllTesseraPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  // gpu-module-to-binary translates gpu.module bodies to LLVM IR (as
  // upstream mlir-opt does).
  mlir::registerAllGPUToLLVMIRTranslations(registry);
  mlir::tessera::registerAllTesseraDialects(registry);

  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "Tessera modular optimizer driver\n", registry));
}
