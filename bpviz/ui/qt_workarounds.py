"""Three workarounds: the first two applied when `bpviz.ui` is imported (before any window is
built), the third when the first window is built.

1. Qt's raster painter hands fills taller than ~96 rows and every half-transparent line (one
span per pixel) to a pool of threads in pieces of 64 rows and waits for them. On a machine
with few cores (two, shared) the hand-over costs far more than the fill: Fusion's 1-pixel
half-transparent line along a 1500-pixel tool bar takes ~0.3 ms instead of ~13 µs, and a
repaint of the main window waits on the pool dozens of times. Qt turns the pool off when
QT_NO_GUI_THREADPOOL is set (to anything) by the time it first needs the pool; we set it,
unless BPVIZ_GUI_THREADPOOL=1 asks to keep Qt's threaded fills.

2. Work around a reference-count bug in the installed PySide6 build (seen with 6.12.0 on
CPython 3.11): calls into Qt hand back `None` (every void method, e.g. `setText`) and `True`
(`SignalInstance.emit()`) without taking a reference to them. Each call drops one
reference; after a few thousand calls — a second of live training, or a test run — CPython
aborts with "none_dealloc: deallocating None" or "bool_dealloc: deallocating True or False".

We detect the bug with two probes and, only then, give None, True and False so many extra
references that they can never reach zero — what CPython 3.12+ does for them anyway
("immortal" objects). Nothing happens on a correct PySide6 or on CPython ≥ 3.12.
Imported by `bpviz/ui/__init__.py`, so it runs before any window is built.

3. Python's cyclic garbage collector runs whenever enough objects have been allocated — also
in the middle of a call into PySide. Seen here (a test run hung, 0 % CPU): a collection
started inside PySide's attribute lookup on a QObject destroyed another QObject, whose
destructor waited for a Qt mutex the same thread already held. `collect_in_event_loop`
switches automatic collection off and collects from a timer of the GUI thread instead
(pyqtgraph's GarbageCollector, made for this), where no Qt call is half done.
"""

from __future__ import annotations

import ctypes
import os
import sys

from PySide6.QtCore import QObject, Signal

_EXTRA_REFERENCES = 1 << 40
_PROBES = 16


class _Probe(QObject):
    ping = Signal()


def calls_lose_references() -> bool:
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.setObjectName("probe")      # a void method: returns None
        probe.ping.emit()                 # returns True
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    return lost_none >= _PROBES or lost_true >= _PROBES


def apply() -> bool:
    """Make None/True/False immortal if this PySide6 needs it; returns whether it did."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not calls_lose_references():
        return False
    for value in (None, True, False):
        # ob_refcnt is the first field of every CPython object (a Py_ssize_t)
        ctypes.c_ssize_t.from_address(id(value)).value += _EXTRA_REFERENCES
    return True


APPLIED = apply()
if os.environ.get("BPVIZ_GUI_THREADPOOL") != "1":
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


_collector = None


def collect_in_event_loop() -> None:
    """Collect cyclic garbage only from the GUI thread's event loop (workaround 3); once."""
    global _collector
    if _collector is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _collector = GarbageCollector(interval=0.5)
