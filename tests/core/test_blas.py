"""core/blas.py: W ← W − Δᵀ A in one call to NumPy's OpenBLAS gives NumPy's numbers."""

import numpy as np
import pytest

from bpviz.core import blas
from bpviz.core.blas import subtract_product


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
