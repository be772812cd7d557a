// RUN: tessera-opt %tessera_src_root/examples/pau_mlp.mlir | tessera-opt | FileCheck %tessera_src_root/examples/pau_mlp.mlir
// RUN: tessera-opt %tessera_src_root/examples/pau_mlp.mlir --mlir-print-op-generic | tessera-opt --verify-each | FileCheck %tessera_src_root/examples/pau_mlp.mlir
