"""With a window built, Python's cyclic garbage is collected from the GUI thread's event loop,
never in the middle of a call into Qt (bpviz/ui/qt_workarounds.py, workaround 3)."""

import gc
import weakref

from bpviz.app import create_main_window


class Node:
    pass


def test_cycles_are_collected_by_the_event_loop_not_on_allocation(qtbot):
    win = create_main_window("xor")
    win.show()
    try:
        assert not gc.isenabled()               # no collection can start inside a Qt call
        a, b = Node(), Node()
        a.other, b.other = b, a                 # a cycle only the collector frees
        gone = weakref.ref(a)
        del a, b
        junk = [[] for _ in range(5 * gc.get_threshold()[0])]   # past the first threshold
        assert gone() is not None               # allocating did not collect it
        del junk
        qtbot.waitUntil(lambda: gone() is None, timeout=5000)   # the timer did
    finally:
        win.close()
