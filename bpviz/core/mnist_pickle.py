"""Nielsen's `mnist.pkl.gz` read without running code from it: an unpickler that builds only
NumPy arrays, tuples, lists and numbers, from the few NumPy reconstruction callables it needs
(protocols 2 to 5); anything else it names is refused before it is looked up."""

from __future__ import annotations

import io
import pickle

import numpy as np

from .errors import BpvizError
from .mnist_files import MAX_ITEMS, PICKLE_NAME, SIDE, check_pair, read_bytes
from .notation import count

BLOCK_ROWS = 8192          # rows turned into pixels at a time (50 MB of float64)


def _refuse_object_dtype(*args):
    dtype = np.dtype(*args)
    if dtype.hasobject:
        raise Refused("an array of Python objects")
    return dtype


def _latin1_bytes(text, encoding="latin1"):
    """How Python 3 writes bytes into a protocol-2 pickle: _codecs.encode(text, "latin1")."""
    if not isinstance(text, str) or encoding.replace("-", "").lower() != "latin1":
        raise Refused("an encode call other than text to latin-1 bytes")
    return text.encode("latin1")


def _bytes(*args):
    """bytes() as a protocol-2 pickle writes an empty array's data: no argument, or bytes."""
    if not args:
        return b""
    if len(args) == 1 and isinstance(args[0], (bytes, bytearray)):
        return bytes(args[0])
    raise Refused("a bytes call other than for an array's data")


def _frombuffer(buf, dtype, shape, order, axis_order=None):
    """How a protocol-5 pickle rebuilds an array: its bytes, dtype and shape (a copy)."""
    if not isinstance(dtype, np.dtype) or dtype.hasobject:
        raise Refused("an array of Python objects")
    if not isinstance(shape, tuple) or not all(isinstance(n, int) and n >= 0 for n in shape) \
            or order not in ("C", "F", "K"):
        raise Refused("an array with a malformed shape")
    array = np.frombuffer(memoryview(buf), dtype=dtype)
    if order == "K" and axis_order is not None:
        return array.reshape(shape, order="C").transpose(axis_order).copy()
    return array.reshape(shape, order="C" if order == "K" else order).copy()


class Refused(pickle.UnpicklingError):
    """The pickle names something other than the parts of a NumPy array."""


_ALLOWED = {
    ("_codecs", "encode"): _latin1_bytes,
    # how NumPy arrays, their dtypes and NumPy scalars pickle themselves (old and new module names)
    ("numpy.core.multiarray", "_reconstruct"): np.zeros(1).__reduce__()[0],
    ("numpy._core.multiarray", "_reconstruct"): np.zeros(1).__reduce__()[0],
    ("numpy.core.multiarray", "scalar"): np.float64(0).__reduce__()[0],
    ("numpy._core.multiarray", "scalar"): np.float64(0).__reduce__()[0],
    ("numpy", "ndarray"): np.ndarray,
    ("numpy.core.numeric", "_frombuffer"): _frombuffer,            # protocol 5
    ("numpy._core.numeric", "_frombuffer"): _frombuffer,
    ("__builtin__", "bytes"): _bytes,                              # protocol 2, empty arrays
    ("builtins", "bytes"): _bytes,
    ("numpy", "dtype"): _refuse_object_dtype,
}


class ArraysOnlyUnpickler(pickle.Unpickler):
    """Builds NumPy arrays, tuples, lists and numbers; refuses every other callable or class,
    so nothing named in the file (os.system, eval, …) is ever looked up, let alone called."""

    def find_class(self, module, name):
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise Refused(f"it names {module}.{name}, which is not a NumPy array part") from None


def _to_uint8(x: np.ndarray, name: str) -> np.ndarray:
    """Pixels stored as floats in [0, 1] back to 0–255 (Nielsen's file holds k/256), a block
    of rows at a time: a small file of a million rows of 8-bit zeros had taken gigabytes as
    one float64 array and its temporaries."""
    if x.dtype.kind not in "fiu":               # (text had raised a traceback in astype)
        raise BpvizError(f"{name}: pixels must be numbers, found an array of {x.dtype}")
    if x.ndim != 2 or x.shape[1] != SIDE * SIDE:
        raise BpvizError(f"{name}: expected rows of {SIDE * SIDE} pixels, found an array of "
                         f"shape {x.shape}")
    if len(x) > MAX_ITEMS:
        raise BpvizError(f"{name}: {count(len(x))} images, more than the {count(MAX_ITEMS)} "
                         "bpviz reads")
    low, high, on_256 = 0.0, 0.0, True
    for start in range(0, len(x), BLOCK_ROWS):
        block = x[start:start + BLOCK_ROWS].astype(np.float64)
        if not np.isfinite(block).all():
            raise BpvizError(f"{name}: pixels must be numbers in [0, 1], found NaN or infinity")
        low, high = min(low, float(block.min())), max(high, float(block.max()))
        on_256 = on_256 and np.allclose(block * 256, np.round(block * 256), atol=1e-3)
    if low < 0 or high > 1:
        raise BpvizError(f"{name}: pixels must be in [0, 1] (Nielsen's file stores them so), "
                         f"found values from {low:g} to {high:g}")
    scale = 256.0 if on_256 else 255.0
    out = np.empty(x.shape, np.uint8)
    for start in range(0, len(x), BLOCK_ROWS):
        block = x[start:start + BLOCK_ROWS].astype(np.float64)
        out[start:start + BLOCK_ROWS] = np.clip(np.round(block * scale), 0, 255)
    return out.reshape(-1, SIDE, SIDE)


def read_pickle(path) -> dict[str, np.ndarray]:
    """Nielsen's `mnist.pkl.gz`: (training, validation, test), each (x (m, 784), labels (m,))."""
    data = read_bytes(path)
    try:
        doc = ArraysOnlyUnpickler(io.BytesIO(data), encoding="latin1").load()
    except Refused as e:
        raise BpvizError(f"{path}: refused: {e}") from None
    except Exception as e:        # a damaged pickle raises many kinds of error
        raise BpvizError(f"{path}: not a readable pickle ({type(e).__name__}: {e}); MNIST is imported "
                         f"from Nielsen's {PICKLE_NAME} or a folder holding the four IDX files") from None
    if not (isinstance(doc, (tuple, list)) and len(doc) == 3
            and all(isinstance(p, (tuple, list)) and len(p) == 2 for p in doc)):
        raise BpvizError(f"{path}: expected (training, validation, test) pairs of (images, labels)")
    out = {}
    for part, (x, y) in zip(("train", "validation", "test"), doc):
        if not isinstance(x, np.ndarray) or not isinstance(y, np.ndarray):
            raise BpvizError(f"{path}: the {part} part does not hold NumPy arrays")
        images = _to_uint8(x, f"{path} ({part} images)")
        if y.ndim != 1 or y.dtype.kind not in "iu" or (len(y) and (y.min() < 0 or y.max() > 9)):
            raise BpvizError(f"{path}: {part} labels must be a vector of digits 0–9")
        labels = y.astype(np.uint8)
        check_pair(images, labels, f"{path} ({part})")
        out[f"{part}_images"], out[f"{part}_labels"] = images, labels
    return out
