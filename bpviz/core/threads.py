"""How many threads the BLAS library behind NumPy (OpenBLAS, MKL, …) may use, per operation.

A mini-batch through a small network is a chain of small matrix products: on one thread
they are fastest and steady, while two BLAS threads on a busy two-core machine made them
erratic (an epoch of [784, 30, 10] at batch 100 took from 0.09 s to 17 s). One large product,
like evaluating 10 000 images, is faster on both cores. `blas_threads(n)` sets the count
for the `with` block and puts the previous one back; it uses threadpoolctl, which finds the
library NumPy actually loaded. Without threadpoolctl, or without a BLAS it knows, it does
nothing. It also does nothing outside the main thread: OpenBLAS has one process-wide count,
threadpoolctl lets only one thread set it, and asking from a thread Python did not start
(a QThread) would leave a stray threading entry behind.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

_UNSET = object()
_controller = _UNSET


def _blas():
    global _controller
    if _controller is _UNSET:
        try:
            from threadpoolctl import ThreadpoolController

            found = ThreadpoolController().select(user_api="blas")
            _controller = found if found.lib_controllers else None
        except (ImportError, OSError, RuntimeError, AttributeError):   # not installed, or unusable
            _controller = None
    return _controller


@contextmanager
def blas_threads(n: int):
    """At most n BLAS threads inside the block (main thread only)."""
    if threading.get_ident() != threading.main_thread().ident:
        yield
        return
    ctl = _blas()
    if ctl is None:
        yield
        return
    with ctl.limit(limits=n):
        yield


def usable_cores() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
