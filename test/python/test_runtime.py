"""The runtime bindings: compile, load, call with numpy arrays, options and
errors."""

import os
import threading

import numpy as np
import pytest

import tessera

ADD = """
func.func @add(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %e = tensor.empty() : tensor<2x3xf32>
  %r = linalg.add ins(%a, %b : tensor<2x3xf32>, tensor<2x3xf32>)
      outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}
func.func @two(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  return %a, %a : tensor<4xf32>, tensor<4xf32>
}
"""

MATMUL = """
func.func @mm(%a: tensor<16x32xf32>, %b: tensor<32x8xf32>) -> tensor<16x8xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x8xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
  %r = linalg.matmul ins(%a, %b : tensor<16x32xf32>, tensor<32x8xf32>)
      outs(%f : tensor<16x8xf32>) -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}
"""


def test_compile_and_call(rng):
    m = tessera.compile(ADD)
    assert sorted(m.function_names) == ["add", "two"]
    a = rng.standard_normal((2, 3)).astype(np.float32)
    b = rng.standard_normal((2, 3)).astype(np.float32)
    np.testing.assert_array_equal(m["add"](a, b), a + b)
    np.testing.assert_array_equal(m.add(a, b), a + b)
    y0, y1 = m.two(np.arange(4, dtype=np.float32))
    np.testing.assert_array_equal(y1, np.arange(4))
    assert m["add"].inputs == [("f32", (2, 3)), ("f32", (2, 3))]


def test_strided_inputs_are_read_in_place(rng):
    m = tessera.compile(ADD)
    big = rng.standard_normal((4, 6)).astype(np.float32)
    a = big[::2, 1::2]            # strided view, no copy
    b = big.T[:3, :2].T           # transposed view
    assert not a.flags.c_contiguous and not b.flags.c_contiguous
    np.testing.assert_array_equal(m.add(a, b), a + b)
    # Lists are converted to the input's dtype.
    np.testing.assert_array_equal(m.add([[1, 2, 3]] * 2, np.ones((2, 3),
                                                                 np.float32)),
                                  [[2, 3, 4]] * 2)


def test_call_errors():
    m = tessera.compile(ADD)
    a = np.zeros((2, 3), np.float32)
    with pytest.raises(tessera.InvalidArgumentError, match="takes 2 inputs"):
        m.add(a)
    with pytest.raises(tessera.InvalidArgumentError, match="expected f32"):
        m.add(a, a.astype(np.float64))
    with pytest.raises(tessera.InvalidArgumentError, match="shape"):
        m.add(a, np.zeros((3, 2), np.float32))
    with pytest.raises(tessera.NotFoundError, match="nope"):
        m["nope"]
    with pytest.raises(tessera.InvalidArgumentError, match="2 functions"):
        m(a, a)


def test_invalid_ir_carries_diagnostics():
    bad = ("func.func @f(%x: tensor<2xf32>) -> tensor<3xf32> {\n"
           "  return %x : tensor<2xf32>\n}\n")
    with pytest.raises(tessera.InvalidIRError) as info:
        tessera.compile(bad)
    message = str(info.value)
    assert "<source>:2:3: error:" in message
    assert "doesn't match function result type" in message
    with pytest.raises(tessera.InvalidIRError, match="custom op 'nonsense'"):
        tessera.compile("nonsense")
    with pytest.raises(tessera.InvalidArgumentError, match="takes MLIR text"):
        tessera.compile(42)


def test_targets_and_options(rng):
    with pytest.raises(tessera.UnsupportedError, match="unknown target 'tpu'"):
        tessera.compile(ADD, target="tpu")
    with pytest.raises(tessera.InvalidArgumentError,
                       match="unknown option 'bogus'"):
        tessera.compile(ADD, options={"bogus": "1"})
    with pytest.raises(tessera.InvalidArgumentError, match="conv3d"):
        tessera.compile(ADD, library_calls="conv3d")
    a = rng.standard_normal((16, 32)).astype(np.float32)
    b = rng.standard_normal((32, 8)).astype(np.float32)
    ref = a.astype(np.float64) @ b
    # The CPU code generation's tiling knobs, and scalar loops.
    for codegen in ("mc=8 nc=8 kc=16 mr=4 nr=8", "off"):
        y = tessera.compile(MATMUL, cpu_codegen=codegen).mm(a, b)
        np.testing.assert_allclose(y, ref, rtol=1e-4, atol=1e-4)
    with pytest.raises(tessera.TesseraError, match="TESSERA_CPU_CODEGEN"):
        tessera.compile(MATMUL, cpu_codegen="mr=banana")
    assert "TESSERA_CPU_CODEGEN" not in os.environ


def test_library_calls(rng):
    try:
        m = tessera.compile(MATMUL, library_calls="matmul")
    except tessera.UnsupportedError:
        pytest.skip("built without oneDNN")
    a = rng.standard_normal((16, 32)).astype(np.float32)
    b = rng.standard_normal((32, 8)).astype(np.float32)
    np.testing.assert_allclose(m.mm(a, b), a.astype(np.float64) @ b,
                               rtol=1e-4, atol=1e-4)


CONV = """
func.func @conv(%x: tensor<2x3x9x8xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<2x5x7x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x5x7x6xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x5x7x6xf32>) -> tensor<2x5x7x6xf32>
  %y = linalg.conv_2d_nchw_fchw ins(%x, %w : tensor<2x3x9x8xf32>, tensor<5x3x3x3xf32>)
      outs(%init : tensor<2x5x7x6xf32>) -> tensor<2x5x7x6xf32>
  return %y : tensor<2x5x7x6xf32>
}
"""


def test_library_calls_conv(rng):
    try:
        m = tessera.compile(CONV, library_calls="conv")
    except tessera.UnsupportedError:
        pytest.skip("built without oneDNN")
    x = rng.standard_normal((2, 3, 9, 8)).astype(np.float32)
    w = rng.standard_normal((5, 3, 3, 3)).astype(np.float32)
    windows = np.lib.stride_tricks.sliding_window_view(
        x.astype(np.float64), (3, 3), axis=(2, 3))  # n, c, oh, ow, kh, kw
    ref = np.einsum("ncpqhw,fchw->nfpq", windows, w)
    np.testing.assert_allclose(m.conv(x, w), ref, rtol=1e-4, atol=1e-4)


def test_aot_artifact(tmp_path, rng):
    lib = tmp_path / "libadd.so"
    m = tessera.compile(ADD, output=lib)
    assert lib.exists() and (tmp_path / "libadd.h").exists()
    a = rng.standard_normal((2, 3)).astype(np.float32)
    np.testing.assert_array_equal(m.add(a, a), a + a)
    again = tessera.load(lib)
    np.testing.assert_array_equal(again.add(a, a), a + a)
    with pytest.raises(tessera.CompileError, match="error"):
        tessera.compile("func.func @f(", output=tmp_path / "bad.so")
    with pytest.raises(tessera.NotFoundError):
        tessera.load(tmp_path / "missing.so")


def test_load_mlir_file(tmp_path):
    path = tmp_path / "m.mlir"
    path.write_text(ADD)
    m = tessera.load(path)
    np.testing.assert_array_equal(m.add(np.ones((2, 3), np.float32),
                                        np.ones((2, 3), np.float32)), 2)


def test_threads(rng):
    m = tessera.compile(MATMUL)
    a = rng.standard_normal((16, 32)).astype(np.float32)
    b = rng.standard_normal((32, 8)).astype(np.float32)
    ref = m.mm(a, b)
    results = [None] * 4

    def run(i):
        results[i] = m.mm(a, b)
    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        np.testing.assert_array_equal(r, ref)


def test_threads_option(rng):
    try:
        m = tessera.compile(MATMUL, threads=1)
    except tessera.InvalidArgumentError as e:
        if "unknown option 'threads'" in str(e):
            pytest.skip("runtime without the threads option")
        raise
    a = rng.standard_normal((16, 32)).astype(np.float32)
    b = rng.standard_normal((32, 8)).astype(np.float32)
    np.testing.assert_allclose(m.mm(a, b), a.astype(np.float64) @ b,
                               rtol=1e-4, atol=1e-4)


def test_targets():
    assert tessera.TARGETS[0] == "cpu"
    available = tessera.available_targets()
    assert available[0] == "cpu" and set(available) <= set(tessera.TARGETS)
    for target in set(tessera.TARGETS) - set(available):
        with pytest.raises(tessera.UnsupportedError, match=target):
            tessera.compile(ADD, target=target)
