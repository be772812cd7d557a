// RUN: tessera-opt %tessera_src_root/examples/xnor_conv.mlir | tessera-opt | FileCheck %tessera_src_root/examples/xnor_conv.mlir
// RUN: tessera-opt %tessera_src_root/examples/xnor_conv.mlir --mlir-print-op-generic | tessera-opt --verify-each | FileCheck %tessera_src_root/examples/xnor_conv.mlir
