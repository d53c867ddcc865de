"""View → Network view only (Ctrl+Shift+N): the network view takes the whole window — the
inspector and every docked panel out of the way — and the same again puts back what it hid.
For a projector: in presentation mode at 1366×768 the view had ~820×300 pixels, an MNIST
output's value was 8 pixels high, and zooming in further only shrank the view."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDockWidget

from ..explorer.step_controls import make_toggle
from ..widgets.dock import docks_in_front, put_in_front

KEY = "Ctrl+Shift+N"


def tr(text: str) -> str:
    return QCoreApplication.translate("Lecture", text)


def note() -> str:
    """The status line while the network view has the window."""
    return tr("Network view only: {key} again brings back the inspector and the panels").format(
        key=KEY)


class NetworkOnly:
    def __init__(self, window):
        self.window = window
        self.hidden: list = []           # what this hid, to show again
        self.before = None               # the window's state before it hid them (to save)
        self.front: list = []            # the docks that were in front of their tab groups
        self.action = make_toggle(window, "network_only", tr("Network view only"), KEY, self.set_on,
                                  tr("The network view as large as the window: the inspector "
                                     "and the panels out of the way; again to bring them back"))

    def set_on(self, on: bool) -> None:
        w = self.window
        if on and not self.hidden:
            docks = [d for d in w.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()]
            self.before = w.saveState()
            self.front = docks_in_front(w)
            self.hidden = [w.inspector_pane] * w.inspector_pane.isVisible() + docks
            for widget in self.hidden:
                widget.hide()
            w.statusBar().showMessage(note(), 10000)
        elif not on:
            hidden, self.hidden, self.before = self.hidden, [], None
            front, self.front = self.front, []
            for widget in hidden:
                if shiboken6.isValid(widget):      # (a dock may have gone with its network)
                    widget.show()
            put_in_front(w, front)               # (shown again, other tabs had come forward)
            if w.statusBar().currentMessage() == note():
                w.statusBar().clearMessage()       # (it said the mode was on for 10 s)
        if self.action.isChecked() != bool(self.hidden):
            self.action.setChecked(bool(self.hidden))
        QTimer.singleShot(0, w, w.network_view.fit)      # the network fills its new room

    def forget(self) -> None:
        """View → Reset layout, or presentation mode putting its layout back: the inspector
        back, the docks as that layout puts them."""
        self.hidden, self.before, self.front = [], None, []
        self.window.inspector_pane.show()
        if self.window.statusBar().currentMessage() == note():
            self.window.statusBar().clearMessage()
        self.action.setChecked(False)
