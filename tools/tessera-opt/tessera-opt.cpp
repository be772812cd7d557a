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
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::tessera::registerAllTesseraPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::tessera::registerAllTesseraDialects(registry);

  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "Tessera modular optimizer driver\n", registry));
}
