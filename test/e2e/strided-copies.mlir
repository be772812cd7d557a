// Copies into strided views, which tessera-cpu-vectorize-copies makes rows
// of vector transfers: a padded image's interior (rows of 200 floats: three
// vectors of 64 and one of 8) and a concatenation of byte rows (300 = 256
// + 44, 77). Against numpy.
// RUN: %check --model %s --entry pad_long_rows --golden strided_copies:pad_long_rows --workdir %t --aot
// RUN: %check --model %s --entry concat_bytes --golden strided_copies:concat_bytes --workdir %t

func.func @pad_long_rows(%x: tensor<2x3x5x200xf32>) -> tensor<2x3x8x204xf32> {
  %half = arith.constant 0.5 : f32
  %y = tensor.pad %x low[0, 0, 1, 3] high[0, 0, 2, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %half : f32
  } : tensor<2x3x5x200xf32> to tensor<2x3x8x204xf32>
  return %y : tensor<2x3x8x204xf32>
}

func.func @concat_bytes(%a: tensor<4x300xi8>, %b: tensor<4x77xi8>) -> tensor<4x377xi8> {
  %y = tensor.concat dim(1) %a, %b : (tensor<4x300xi8>, tensor<4x77xi8>) -> tensor<4x377xi8>
  return %y : tensor<4x377xi8>
}
