"""Presentation mode's room for the network: the side panels out of the way while the zoom is
at presentation size, and back as they were when it is not.

Entering presentation mode (the menu, Ctrl+Shift+P, or the zoom keys reaching 2×) hides the
docks on the window's left and right, so the network and the inspector get the width; View →
Panels shows any of them again. Leaving it (or a zoom below the size it chose) puts back the layout from
before — tabs and sizes — and keeps the docks opened meanwhile; the digit docks follow the
network then in use. A layout saved while presenting is the one from before.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from ...core.digit_stats import is_digit_network
from ..widgets.dock import docks_in_front, hide_stale_tab_bars, put_in_front
from .network_only import KEY as NETWORK_ONLY_KEY


def tr(text: str) -> str:
    return QCoreApplication.translate("Lecture", text)


def hidden_note() -> str:
    # (short: with the key below it fits a 1366-pixel window's status bar at the zoom)
    return tr("Presentation mode: side panels are hidden (View → Panels shows them)")


class SidePanels:
    def __init__(self, window):
        self.window = window
        self.before = None           # the window's state before presentation mode hid panels
        self.note = hidden_note()    # the status line it showed
        self.front: list = []        # the docks in front of their tab groups before it
        self.digits = False          # whether the network took digits then

    def hide(self) -> None:
        w = self.window
        side = [d for d in w.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()
                and w.dockWidgetArea(d) in (Qt.RightDockWidgetArea, Qt.LeftDockWidgetArea)]
        if not side:
            return
        if self.before is None:
            self.before = w.saveState()
            self.front = docks_in_front(w)
            self.digits = is_digit_network(w.session.network.sizes)
        for dock in side:
            dock.hide()
        w.layout().activate()        # the view takes the room now, before the zoom's refits
        # after View → Reset layout Qt left the hidden docks' tab bar over the inspector
        hide_stale_tab_bars(w)
        QTimer.singleShot(0, w, lambda: hide_stale_tab_bars(w))
        note = hidden_note()
        if getattr(w.network_view, "digit_items", None) is not None:
            # MNIST's ten outputs are as tall as the view lets them be; alone it is taller
            note += tr(" · {0}: the network alone, digits larger").format(
                NETWORK_ONLY_KEY)
        self.note = note
        w.statusBar().showMessage(note, 10000)

    def show(self) -> bool:
        """The layout from before presentation mode, the docks opened since kept open, the
        digit docks as the network in use wants them. False when there was none to put back."""
        state, self.before = self.before, None
        if state is None:
            return False
        w = self.window
        opened = [d for d in w.findChildren(QDockWidget) if d.isVisible()]
        w.restoreState(state)
        for dock in opened:
            if not dock.isVisible():
                dock.show()
        w.mnist.restored()
        w.digits.restored()
        if self.digits == is_digit_network(w.session.network.sizes):
            put_in_front(w, self.front)            # the tabs that were in front, in front
        else:                                     # (the digit docks came or went meanwhile)
            w.mnist.bring_forward()
        self.front = []
        w.layout().activate()
        QTimer.singleShot(0, w, w.descent.make_room)    # (opened while presenting: a strip)
        if w.statusBar().currentMessage() == getattr(self, "note", hidden_note()):
            w.statusBar().clearMessage()
        return True

    def forget(self) -> None:
        """A new layout was chosen (View → Reset layout): nothing to put back."""
        self.before, self.front = None, []
