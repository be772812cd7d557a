// RUN: tessera-opt %tessera_src_root/examples/fno2d.mlir | tessera-opt | FileCheck %tessera_src_root/examples/fno2d.mlir
// RUN: tessera-opt %tessera_src_root/examples/fno2d.mlir --mlir-print-op-generic | tessera-opt --verify-each | FileCheck %tessera_src_root/examples/fno2d.mlir
