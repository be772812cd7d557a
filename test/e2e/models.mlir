// End-to-end tests of the example models of examples/ against independent
// float64 numpy / PyTorch references of each model's math
// (golden/models.py), through the JIT and the AOT path. The inputs and
// weights are random at the examples' shapes, scaled so that activations
// stay O(1).

// FNO-2D (4 spectral_conv layers): relative L2 error, as for spectral ops.
// RUN: %check --model %tessera_src_root/examples/fno2d.mlir --entry fno2d --golden models:fno2d --workdir %t --aot --metric l2 --rtol 1e-4

// FasterNet block: PConv, 1x1 convs, BN, GELU, residual (outputs near 0 are
// differences of O(1) terms, hence the small atol).
// RUN: %check --model %tessera_src_root/examples/fasternet_block.mlir --entry fasternet_block --golden models:fasternet_block --workdir %t --aot --rtol 1e-4 --atol 1e-5

// Kronecker attention, kv and qkv modes, + residual.
// RUN: %check --model %tessera_src_root/examples/kronecker_attention_block.mlir --entry kronecker_attention_block --golden models:kronecker_attention_block --workdir %t --aot --rtol 1e-4 --atol 1e-5
// RUN: %check --model %tessera_src_root/examples/kronecker_attention_block.mlir --entry kronecker_attention_block_qkv --golden models:kronecker_attention_block_qkv --workdir %t --aot --rtol 1e-4 --atol 1e-5

// MLP with Pade activation units (safe per tensor, abs per feature).
// RUN: %check --model %tessera_src_root/examples/pau_mlp.mlir --entry pau_mlp --golden models:pau_mlp --workdir %t --aot --rtol 1e-4 --atol 1e-5

// Hadamard + INT4 quantization + qmatmul + bias (the integers are exact; the
// bias add may cancel the dequantized product).
// RUN: %check --model %tessera_src_root/examples/hadamard_int4_linear.mlir --entry hadamard_int4_linear --golden models:hadamard_int4_linear --workdir %t --aot --rtol 1e-4 --atol 1e-5
// RUN: %check --model %tessera_src_root/examples/hadamard_int4_linear.mlir --entry hadamard_int4_linear_per_channel --golden models:hadamard_int4_linear_per_channel --workdir %t --aot --rtol 1e-4 --atol 1e-5

// XNOR-Net and BiPer binary convs, BN, ReLU, pooling, binary linear + bias.
// RUN: %check --model %tessera_src_root/examples/xnor_conv.mlir --entry xnor_conv --golden models:xnor_conv --workdir %t --aot --rtol 1e-4 --atol 1e-5

// Quadratic (fan) conv, BN, ReLU.
// RUN: %check --model %tessera_src_root/examples/quadratic_conv_block.mlir --entry quadratic_conv_block --golden models:quadratic_conv_block --workdir %t --aot --rtol 1e-4 --atol 1e-5

// PAON (Pade neuron, abs) conv, 3x3 conv + bias, residual.
// RUN: %check --model %tessera_src_root/examples/paon_block.mlir --entry paon_block --golden models:paon_block --workdir %t --aot --rtol 1e-4 --atol 1e-5
