// RUN: tessera-opt %s --tessera-runtime-abi --split-input-file --verify-diagnostics | FileCheck %s

// Public functions get a C interface and read-only tensor arguments; private
// ones and declarations are left alone.
// CHECK-LABEL: func.func @entry
// CHECK-SAME: %{{.*}}: tensor<4xf32> {bufferization.writable = false}
// CHECK-SAME: %{{.*}}: tensor<2x2xi8> {bufferization.writable = false}
// CHECK-SAME: attributes {llvm.emit_c_interface}
func.func @entry(%a: tensor<4xf32>, %b: tensor<2x2xi8>) -> tensor<4xf32> {
  %r = call @helper(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
// CHECK-LABEL: func.func private @helper
// CHECK-NOT: emit_c_interface
// CHECK-NOT: bufferization.writable
func.func private @helper(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}

// -----

// expected-error @+1 {{function 'scalar' has a 'f32' argument or result: the runtime passes ranked tensors only (use a rank-0 tensor for a scalar)}}
func.func @scalar(%a: f32) -> tensor<4xf32> {
  %t = tensor.splat %a : tensor<4xf32>
  return %t : tensor<4xf32>
}
