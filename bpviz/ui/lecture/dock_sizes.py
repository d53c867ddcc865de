"""The docks' sizes from before a zoom, put back when the zoom is back at 1×.

A larger font raises the docks' minimum sizes, and Qt widens them to fit; at 1× again it
leaves them wide. After three zoom steps and Ctrl+0 on MNIST at 1366×768 the right-hand
column had grown from 327 to 405 px, the network view had lost 46 px, and the training
panel was cut ("L2 λ" gone) until View → Reset layout. Docks opened or closed meanwhile are
left as the user left them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QSplitter


class DockSizes:
    def __init__(self, window):
        self.window = window
        self.sizes = None            # {dock: (width, height)} and the splitters' sizes at 1×

    def remember(self) -> None:
        w = self.window
        docks = {d: (d.width(), d.height()) for d in w.findChildren(QDockWidget)
                 if d.isVisible() and not d.isFloating()}
        splitters = {s: s.sizes() for s in w.findChildren(QSplitter) if s.isVisible()}
        self.sizes = (docks, splitters)

    def forget(self) -> None:
        """A new layout was chosen (View → Reset layout): nothing to put back."""
        self.sizes = None

    def restore_later(self) -> None:
        """Once the 1× fonts have reached the widgets (they arrive as posted events)."""
        QTimer.singleShot(0, self.window, self.restore)

    def restore(self) -> None:
        if self.sizes is None:
            return
        docks, splitters = self.sizes
        self.sizes = None
        shown = [d for d in docks if _alive(d) and d.isVisible() and not d.isFloating()]
        if shown:
            self.window.resizeDocks(shown, [docks[d][0] for d in shown], Qt.Horizontal)
            self.window.resizeDocks(shown, [docks[d][1] for d in shown], Qt.Vertical)
        for splitter, sizes in splitters.items():
            if _alive(splitter) and splitter.isVisible() and splitter.count() == len(sizes):
                splitter.setSizes(sizes)


def _alive(widget) -> bool:
    try:
        widget.objectName()
        return True
    except RuntimeError:             # deleted meanwhile (another network's docks)
        return False
