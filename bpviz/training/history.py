"""A history of recorded values (the loss per epoch) kept in one float64 array: 8 bytes a
value however long training runs, where a Python list of floats takes about 32.

It behaves like the list it replaces for its readers: len, indexing, slicing, iteration,
append, clear, == with a list, and NumPy sees the values without a copy (`np.asarray(h)`).
The array grows by half its size when full; pages not yet written cost no memory.
"""

from __future__ import annotations

import numpy as np


class History:
    __slots__ = ("_data", "_n")

    def __init__(self, values=(), capacity: int = 1024):
        values = np.asarray(values, dtype=np.float64).ravel()
        self._data = np.empty(max(capacity, len(values)), dtype=np.float64)
        self._data[:len(values)] = values
        self._n = len(values)

    @classmethod
    def view_of(cls, array: np.ndarray) -> History:
        """A history showing `array` without copying it (full: appending copies first)."""
        h = cls.__new__(cls)
        h._data, h._n = array, len(array)
        return h

    # -- writing -------------------------------------------------------------------------
    def append(self, value: float) -> None:
        if self._n == len(self._data):
            grown = np.empty(max(1024, len(self._data) * 3 // 2), dtype=np.float64)
            grown[:self._n] = self._data[:self._n]
            self._data = grown
        self._data[self._n] = value
        self._n += 1

    def clear(self) -> None:
        self._n = 0

    # -- reading -------------------------------------------------------------------------
    @property
    def array(self) -> np.ndarray:
        """The recorded values (a read-only view)."""
        view = self._data[:self._n]
        view.flags.writeable = False
        return view

    def __array__(self, dtype=None, copy=None):
        values = self._data[:self._n]
        if dtype is not None and np.dtype(dtype) != values.dtype:
            return values.astype(dtype)
        return values.copy() if copy else values

    def __len__(self) -> int:
        return self._n

    def __bool__(self) -> bool:
        return self._n > 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return History.view_of(self._data[:self._n][index])
        return float(self._data[:self._n][index])

    def __iter__(self):
        for value in self._data[:self._n]:
            yield float(value)

    def __eq__(self, other) -> bool:
        try:
            other = np.asarray(other, dtype=np.float64)
        except (TypeError, ValueError):
            return NotImplemented
        return other.shape == (self._n,) and bool(np.array_equal(self.array, other))

    __hash__ = None

    def tolist(self) -> list[float]:
        return self._data[:self._n].tolist()

    @property
    def nbytes(self) -> int:
        """Bytes held by the recorded values (the array's unused tail not counted)."""
        return self._n * self._data.itemsize

    def __repr__(self) -> str:
        return f"History({self._n} values)"
