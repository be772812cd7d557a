// The model check-webgpu.test hands to check.py: fake-webgpu-compile.sh
// ignores it, tessera-opt only has to extract @basic.
func.func @basic(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  return %x : tensor<4x8xf32>
}
