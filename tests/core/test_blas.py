"""core/blas.py: W ← W − Δᵀ A in one call to NumPy's OpenBLAS gives NumPy's numbers."""

import ctypes

import numpy as np
import pytest

from bpviz.core import blas
from bpviz.core.blas import subtract_product

NUMPY_BLAS = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
# where NumPy is built on MKL, BLIS or Accelerate there is no gemm to call: NumPy's two calls
needs_openblas = pytest.mark.skipif("openblas" not in NUMPY_BLAS["name"].lower(),
                                    reason=f"NumPy's BLAS is {NUMPY_BLAS['name']}, not OpenBLAS")


@needs_openblas
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("m, n, k", [(10, 30, 784), (1, 4, 2), (7, 3, 5)])
def test_the_update_equals_numpys_product_then_subtraction(dtype, m, n, k):
    rng = np.random.default_rng(m * n * k)
    w = rng.standard_normal((n, k)).astype(dtype)
    delta = rng.standard_normal((m, n)).astype(dtype)
    a = rng.standard_normal((m, k)).astype(dtype)
    expected = w - np.dot(delta.T, a)
    update = subtract_product(w, delta, a)
    assert update is not None
    update()
    np.testing.assert_allclose(w, expected, rtol=10 * np.finfo(dtype).eps, atol=0)
    update()                                      # again: the pointers still point at w
    np.testing.assert_allclose(w, expected - np.dot(delta.T, a), rtol=1e-5, atol=1e-5)


@needs_openblas
def test_rows_of_a_larger_buffer_are_read_with_their_row_stride():
    rng = np.random.default_rng(0)
    rows = rng.standard_normal((8, 6))
    a = rows[2:5, :4]                             # 3 rows of 4 values, 6 apart
    delta = rng.standard_normal((3, 2))
    w = rng.standard_normal((2, 4))
    expected = w - delta.T @ a
    subtract_product(w, delta, a)()
    np.testing.assert_allclose(w, expected, rtol=1e-14)


def test_what_it_cannot_do_it_declines():
    w, delta, a = np.zeros((2, 3)), np.zeros((4, 2)), np.zeros((4, 3))
    assert subtract_product(w.astype(np.float32), delta, a) is None      # mixed dtypes
    assert subtract_product(w, delta, np.zeros((4, 4))) is None           # shapes disagree
    assert subtract_product(np.zeros((3, 2)).T, delta, a) is None         # columns not contiguous
    assert subtract_product(w.astype(int), delta.astype(int), a.astype(int)) is None
    readonly = w.copy()
    readonly.flags.writeable = False
    assert subtract_product(readonly, delta, a) is None


def test_without_a_usable_blas_the_caller_is_told_to_use_numpy(monkeypatch):
    monkeypatch.setattr(blas, "_gemm", None)
    assert subtract_product(np.zeros((2, 3)), np.zeros((4, 2)), np.zeros((4, 3))) is None


@needs_openblas
def test_integers_go_as_wide_as_numpys_openblas_was_built_for():
    """An ILP64 library reads 64-bit integers, an LP64 one 32-bit: the wrong width only works
    by luck of the calling convention (and not at all on 32-bit systems)."""
    subtract_product(np.zeros((2, 3)), np.zeros((1, 2)), np.zeros((1, 3)))
    ilp64 = "USE64BITINT" in NUMPY_BLAS.get("openblas configuration", "").split()
    for _fn, _real, integer in blas._gemm.values():
        assert integer is (ctypes.c_int64 if ilp64 else ctypes.c_int32)


@needs_openblas
def test_the_gemm_takes_only_ctypes_objects_of_its_c_types():
    """The gemm is called without argtypes (ctypes passes each argument as it is): a Python
    number, or a 32-bit integer where the library reads 64 bits, is refused when the call is
    made, not passed at the wrong width."""
    w, delta, a = np.zeros((3, 5)), np.zeros((2, 3)), np.zeros((2, 5))
    good = subtract_product(w, delta, a)
    fn, real, i = blas._gemm[np.dtype(np.float64)]
    assert blas._gemm_call(fn, real, i, list(good.args), good.keep).args == good.args
    wrong_int = ctypes.c_int32 if i is ctypes.c_int64 else ctypes.c_int64
    wrong_real = ctypes.c_float if real is ctypes.c_double else ctypes.c_double
    for k, bad in ((3, 3), (6, -1.0), (3, wrong_int(3)), (6, wrong_real(-1.0))):
        args = list(good.args)
        args[k] = bad
        with pytest.raises(TypeError):
            blas._gemm_call(fn, real, i, args, good.keep)
    with pytest.raises(TypeError):
        blas._gemm_call(fn, real, i, list(good.args)[:-1], good.keep)


def test_the_integer_width_is_read_from_the_librarys_configuration():
    lp64 = b"OpenBLAS 0.3.21  DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64"
    ilp64 = b"OpenBLAS 0.3.31  USE64BITINT DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64"
    assert blas._integer(lp64) is ctypes.c_int32
    assert blas._integer(ilp64) is ctypes.c_int64
    assert blas._integer(None) is None and blas._integer(b"not a BLAS") is None


def test_with_mkl_behind_numpy_another_loaded_openblas_is_not_used(monkeypatch):
    """NumPy on MKL (conda) with SciPy's wheel bringing an OpenBLAS: NumPy's products stay."""
    config = {"Build Dependencies": {"blas": {"name": "mkl-sdl", "found": True}}}
    monkeypatch.setattr(np, "show_config", lambda mode="stdout": config)
    monkeypatch.setattr(blas, "_gemm", blas._UNSET)
    assert subtract_product(np.zeros((2, 3)), np.zeros((4, 2)), np.zeros((4, 3))) is None
