"""Array calls that run now or are recorded to be run again later.

The backprop functions (core/network.py, the activations and the losses) take an optional
`out` buffer: with it they write their result there instead of allocating. With `out` they
may also take `record`, a list: instead of running each NumPy call they append it (with its
arguments bound) to the list. The trainer records one mini-batch step once, into buffers it
keeps, and then replays that list every step: the same equations, without the Python around
them. So backpropagation stays written once, and the fast path cannot drift from it.
"""

from __future__ import annotations

from functools import partial

import numpy as np

_CONSTANTS: dict = {}


def call(record: list | None, f, *args, **kwargs) -> None:
    """f(*args, **kwargs) now, or appended to `record` to be called later."""
    if record is None:
        f(*args, **kwargs)
    else:
        record.append(partial(f, *args, **kwargs))


def const(value: float, dtype) -> np.ndarray:
    """`value` as a 0-d array of `dtype`: a ufunc takes it as fast as an array operand
    (a Python number costs a conversion on every call) and it keeps float32 float32."""
    key = (value, np.dtype(dtype).char)
    c = _CONSTANTS.get(key)
    if c is None:
        c = _CONSTANTS[key] = np.array(value, dtype=dtype)
        c.flags.writeable = False
    return c


def fresh_like(z) -> np.ndarray:
    """An uninitialised float array shaped like z (float32 stays float32, anything else is
    float64)."""
    z = np.asarray(z)
    return np.empty(z.shape, dtype=np.float32 if z.dtype == np.float32 else np.float64)


def into(out: np.ndarray, f, *args) -> None:
    """out ← f(*args): for the rare functions that have no in-place form."""
    out[...] = f(*args)


def ones(m: int, dtype) -> np.ndarray:
    """A read-only vector of m ones (1ᵀΔ sums the rows of Δ with one matrix product)."""
    key = (m, np.dtype(dtype).char, "ones")
    v = _CONSTANTS.get(key)
    if v is None:
        v = _CONSTANTS[key] = np.ones(m, dtype=dtype)
        v.flags.writeable = False
    return v
