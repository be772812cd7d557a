func.func @add(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = arith.addf %a, %b : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @neg(%a: tensor<4xi32>) -> tensor<4xi32> {
  %z = arith.constant dense<0> : tensor<4xi32>
  %y = arith.subi %z, %a : tensor<4xi32>
  return %y : tensor<4xi32>
}
