"""One BLAS call that NumPy does not offer: W ← W − ΔᵀA in place (a GEMM with β = 1).

The trainer's fast path ends a step with BP4, ∂C/∂Wˡ = Δᵀ Aˡ⁻¹ (η/m already folded into Δ),
and the update Wˡ ← Wˡ − η ∂C/∂Wˡ. NumPy writes the product into a buffer and subtracts it
in a second pass over W. BLAS's gemm computes C ← αAB + βC, so α = −1, β = 1 does both in
one call: for the 23 520 weights of MNIST's first layer at batch 10, measured 5.8 µs a step
instead of 8.7 µs, with the same numbers to the last bit (OpenBLAS adds the product to C as
the subtraction would; a caller that splits the rows into blocks sums in another order).
NumPy has no way to pass β, so this calls the OpenBLAS that NumPy itself loaded (found by
threadpoolctl, already a dependency) through ctypes. If NumPy's BLAS
is not OpenBLAS, its gemm or its configuration (which says whether its integers are 32 or
64 bits wide) cannot be found, or a first small call disagrees with NumPy, `subtract_product`
returns None and the caller keeps NumPy's two calls.

ctypes drops the GIL during the call, as NumPy's own products do.

`Columns`: both that update and the product Zˡ = Aˡ⁻¹ Wˡᵀ (`product`) can read only a run of
the k columns of W and of A when A is 0 in the others (a batch of MNIST digits has no ink in
its first and last rows of pixels): those columns add nothing to Z, and nothing to W's other
columns. Whether the library then gives the same numbers to the last bit depends on how its
kernel orders the sums, so `columns_agree` asks it first, for each shape.
"""

from __future__ import annotations

import ctypes
import threading
from functools import lru_cache, partial

import numpy as np

_ROW_MAJOR, _NO_TRANS, _TRANS = 101, 111, 112      # CBLAS's enum values
_UNSET = object()
_gemm = _UNSET
_lock = threading.Lock()


def _numpy_blas_is_openblas() -> bool:
    """NumPy says it was built on OpenBLAS (True when it cannot say): with MKL, BLIS or
    Accelerate behind NumPy, another OpenBLAS that SciPy or PyTorch loaded is not used."""
    try:
        name = np.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"]
    except Exception:            # an older or unusual NumPy
        return True
    return "openblas" in str(name).lower()


def _integer(config) -> type | None:
    """The C type of an OpenBLAS's integers, from its configuration string."""
    if not isinstance(config, bytes) or b"OpenBLAS" not in config:
        return None
    return ctypes.c_int64 if b"USE64BITINT" in config.split() else ctypes.c_int32


def _find_gemm():
    """{dtype: (the CBLAS gemm of NumPy's OpenBLAS for it, its float type, its int type)},
    or None."""
    if not _numpy_blas_is_openblas():
        return None
    try:
        from threadpoolctl import ThreadpoolController

        libs = [c for c in ThreadpoolController().lib_controllers
                if getattr(c, "internal_api", None) == "openblas"]
    except Exception:            # threadpoolctl missing, or failing on an unusual system
        return None
    # NumPy's own copy when several are loaded (SciPy or PyTorch bring theirs)
    libs.sort(key=lambda c: "numpy" not in str(getattr(c, "filepath", "")))
    for lib in libs:
        dynlib = getattr(lib, "dynlib", None)
        prefix = getattr(lib, "_symbol_prefix", "")
        suffix = getattr(lib, "_symbol_suffix", "")
        if dynlib is None:
            continue
        get_config = getattr(dynlib, f"{prefix}openblas_get_config{suffix}", None)
        if get_config is None:
            continue
        get_config.argtypes, get_config.restype = [], ctypes.c_char_p
        i = _integer(get_config())     # int on an LP64 library, int64 on an ILP64 one
        if i is None:
            continue
        found = {}
        for dtype, letter, real in ((np.float32, "s", ctypes.c_float), (np.float64, "d", ctypes.c_double)):
            try:
                # a function object of its own, without argtypes: every argument is given as
                # a ctypes object of the C type, so ctypes passes each as it is instead of
                # asking argtypes to convert it (0.13 µs less per call, timed on its own)
                fn = dynlib[f"{prefix}cblas_{letter}gemm{suffix}"]
            except AttributeError:
                continue
            fn.restype = None
            found[np.dtype(dtype)] = (fn, real, i)
        if found and all(_agrees(*entry, dtype) for dtype, entry in found.items()):
            return found
    return None


def _agrees(fn, real, i, dtype) -> bool:
    """A first call on small made-up numbers gives what NumPy gives."""
    rng = np.random.default_rng(0)
    w = rng.standard_normal((3, 5)).astype(dtype)
    delta = rng.standard_normal((2, 3)).astype(dtype)
    a = rng.standard_normal((2, 5)).astype(dtype)
    expected = w - delta.T @ a
    try:
        _bind(fn, real, i, w, delta, a)()
    except Exception:            # ctypes refused the arguments
        return False
    return bool(np.allclose(w, expected, rtol=1e-5, atol=1e-5))


def _ld(x: np.ndarray) -> int | None:
    """The leading dimension of a 2-D array whose rows are contiguous, or None."""
    if x.ndim != 2 or x.strides[1] != x.itemsize or x.strides[0] % x.itemsize:
        return None
    ld = x.strides[0] // x.itemsize
    return ld if ld >= max(1, x.shape[1]) else None


def _bind(fn, real, i, w, delta, a, columns=None):
    (n, k), m = w.shape, delta.shape[0]
    width, a_at, w_at = columns or (i(k), ctypes.c_void_p(a.ctypes.data), ctypes.c_void_p(w.ctypes.data))
    args = [ctypes.c_int(_ROW_MAJOR), ctypes.c_int(_TRANS), ctypes.c_int(_NO_TRANS),
            i(n), width, i(m), real(-1.0), ctypes.c_void_p(delta.ctypes.data), i(_ld(delta)),
            a_at, i(_ld(a)), real(1.0), w_at, i(_ld(w))]
    return _gemm_call(fn, real, i, args, (w, delta, a, columns))


def _gemm_call(fn, real, i, args, keep):
    """fn(*args) as a function of no arguments, which keeps `keep` (what the pointers point
    into) alive. The gemm has no argtypes, so ctypes passes each argument as it is: each must
    be a ctypes object of exactly the C type the CBLAS gemm takes there (a Python number
    would go through at the wrong width)."""
    kinds = ((ctypes.c_int,) * 3 + (i,) * 3
             + (real, ctypes.c_void_p, i, ctypes.c_void_p, i, real, ctypes.c_void_p, i))
    if len(args) != len(kinds) or any(type(x) is not kind for x, kind in zip(args, kinds)):
        raise TypeError("gemm: an argument is not a ctypes object of its C type")
    call = partial(fn, *args)
    call.keep = keep
    return call


def _entry(*arrays):
    """(gemm, float type, int type) for arrays of one dtype, 2-D with contiguous rows and
    aligned; None when the library cannot take them."""
    global _gemm
    if _gemm is _UNSET:
        with _lock:
            if _gemm is _UNSET:
                _gemm = _find_gemm()
    dtype = arrays[0].dtype
    if _gemm is None or dtype not in _gemm or any(x.dtype != dtype for x in arrays):
        return None
    if any(x.ndim != 2 or _ld(x) is None or not x.flags.aligned for x in arrays):
        return None
    fn, real, i = _gemm[dtype]
    if max(max(x.shape + (_ld(x),)) for x in arrays) >= 2 ** (8 * ctypes.sizeof(i) - 1):
        return None              # a size the library's integers cannot hold
    return fn, real, i


def subtract_product(w: np.ndarray, delta: np.ndarray, a: np.ndarray, columns=None):
    """A function of no arguments that does w ← w − deltaᵀ a in place, for w (n, k), delta
    (m, n) and a (m, k) of one float dtype with contiguous rows; None when it cannot (then
    compute the product and subtract it with NumPy). The arrays must not be reallocated
    while the function is in use: it keeps them alive, not their contents' place.
    `columns` (from `Columns.at`): only the window's columns of w and a."""
    entry = _entry(w, delta, a)
    if entry is None or delta.shape[1] != w.shape[0] or a.shape != (delta.shape[0], w.shape[1]) \
            or not w.flags.writeable or 0 in w.shape or delta.shape[0] == 0:
        return None
    return _bind(*entry, w, delta, a, columns)


def product(z: np.ndarray, a: np.ndarray, w: np.ndarray, columns):
    """A function of no arguments that does z ← a wᵀ over the window's `columns` (from
    `Columns.at`) of a (m, k) and w (n, k), for z (m, n); None when the library cannot."""
    entry = _entry(z, a, w)
    if entry is None or a.shape[1] != w.shape[1] or z.shape != (a.shape[0], w.shape[0]) \
            or not z.flags.writeable or 0 in z.shape:
        return None
    fn, real, i = entry
    width, a_at, w_at = columns
    args = [ctypes.c_int(_ROW_MAJOR), ctypes.c_int(_NO_TRANS), ctypes.c_int(_TRANS),
            i(a.shape[0]), i(w.shape[0]), width, real(1.0), a_at, i(_ld(a)), w_at, i(_ld(w)),
            real(0.0), ctypes.c_void_p(z.ctypes.data), i(_ld(z))]
    return _gemm_call(fn, real, i, args, (z, a, w, columns))


def column_align(dtype) -> int:
    """A window starts at a multiple of this many columns (64 bytes into the row): the
    library's kernels then sum each product's terms in the order the whole row gives them
    (measured: windows that start at any column gave other roundings in 7 of 8 batches)."""
    return max(1, 64 // np.dtype(dtype).itemsize)


class Columns:
    """Windows of columns for the calls of many steps, one per row of a table: step j's calls
    read columns lo[j]..hi[j] of one weight matrix w and of the blocks of rows of its A. The
    width and start addresses the calls are given are ctypes objects whose memory lies in
    NumPy arrays, so `move` sets every step's window with a few NumPy operations, between
    calls (never during one). A window is the whole row until moved."""

    def __init__(self, w: np.ndarray, steps: int, blocks: int):
        entry = _entry(w)
        if entry is None:
            raise ValueError("no BLAS to call")
        self._int = entry[2]
        self.w, self.k, self.itemsize = w, w.shape[1], w.itemsize
        self.width = np.full(steps, self.k, np.int32 if self._int is ctypes.c_int32 else np.int64)
        # addresses as int64 (a process's addresses are below 2⁶³): sums stay integers
        self.w_at = np.full(steps, w.ctypes.data, np.int64)
        self.a_base = np.zeros((steps, blocks), np.int64)
        self.a_at = np.zeros((steps, blocks), np.int64)

    def at(self, j: int, block: int, a: np.ndarray) -> tuple:
        """The (width, a's start, w's start) arguments of step j's calls on `block` (rows a of
        A), set to the whole row."""
        self.a_base[j, block] = self.a_at[j, block] = a.ctypes.data
        self.width[j], self.w_at[j] = self.k, self.w.ctypes.data
        a_at = j * self.a_at.strides[0] + block * self.a_at.strides[1]
        return (self._int.from_buffer(self.width, j * self.width.itemsize),
                ctypes.c_void_p.from_buffer(self.a_at, a_at),
                ctypes.c_void_p.from_buffer(self.w_at, j * self.w_at.itemsize))

    def move(self, lo: np.ndarray, minus_hi: np.ndarray) -> None:
        """Steps 0…len(lo)−1 read columns lo..hi (lo a multiple of `column_align`; −hi given,
        as a caller finds it with the same minimum as lo)."""
        n = len(lo)
        np.negative(lo + minus_hi, out=self.width[:n], casting="unsafe")
        offset = lo * self.itemsize
        np.add(offset, self.w.ctypes.data, out=self.w_at[:n])
        np.add(self.a_base[:n], offset[:, None], out=self.a_at[:n])


def _at(shape, dtype, offset: int) -> np.ndarray:
    """An uninitialised array whose address is `offset` bytes past a multiple of 64."""
    nbytes = int(np.prod(shape)) * np.dtype(dtype).itemsize
    raw = np.empty(nbytes + 64, np.uint8)
    start = (offset - raw.ctypes.data) % 64
    return raw[start:start + nbytes].view(dtype).reshape(shape)


def _windows(k: int, step: int) -> list[tuple[int, int]]:
    """A few windows (lo, hi) of k columns as a caller makes them: lo a multiple of `step`,
    hi one too or k."""
    top = k // step * step
    los = {0, step, 3 * step, k // 3 // step * step}
    his = {k, top, top - step, top - 4 * step, (2 * k // 3 // step + 1) * step}
    return sorted((lo, hi) for lo in los for hi in his if 0 <= lo < hi <= k)


@lru_cache(maxsize=64)
def columns_agree(dtype, m: int, n: int, k: int, w_offset: int = 0) -> bool:
    """Do `product` and `subtract_product` over a window give, for this shape, the numbers of
    NumPy's product and of the whole-row update to the last bit? Asked of the library on
    made-up numbers, the other columns of A 0: windows at several places, W at its real
    address modulo 64 (`w_offset`), A's rows at every address a row can have (~4 ms once)."""
    dtype = np.dtype(dtype)
    step = column_align(dtype)
    rng = np.random.default_rng(k)
    bits = np.dtype(f"u{dtype.itemsize}")
    w0 = rng.standard_normal((n, k)).astype(dtype)
    a0 = rng.standard_normal((m, k)).astype(dtype)
    delta = rng.standard_normal((m, n)).astype(dtype)
    w, whole, z = _at((n, k), dtype, w_offset), np.empty((n, k), dtype), np.empty((m, n), dtype)
    try:
        cols = Columns(w, 1, 1)
    except ValueError:
        return False
    for a_offset in range(0, 64, dtype.itemsize):
        a = _at((m, k), dtype, a_offset)
        columns = cols.at(0, 0, a)
        forward = product(z, a, w, columns)
        update = subtract_product(w, delta, a, columns)
        update_whole = subtract_product(whole, delta, a)
        if None in (forward, update, update_whole):
            return False
        for lo, hi in _windows(k, step):
            a[...] = 0
            a[:, lo:hi] = a0[:, lo:hi]
            w[...] = whole[...] = w0
            cols.move(np.array([lo]), np.array([-hi]))
            expected_z = np.dot(a, w.T)
            forward()
            update()
            update_whole()
            if not (np.array_equal(z.view(bits), expected_z.view(bits))
                    and np.array_equal(w.view(bits), whole.view(bits))):
                return False
    return True
