"""Tab never stops in a panel nobody can see. Qt keeps the docks behind another dock's tab
(Data, Network, Bug lab behind Training) in the focus chain, moved off the window: Tab went
through some 38 of their controls with nothing on screen showing where focus was, and Space
there started a 60 000-epoch run. Focus that lands in such a control moves on, in the
direction Tab was going, to the next control that can be seen."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from .keys import stop_following_focus

CHAIN_LIMIT = 2000        # widgets looked at along the focus chain before giving up


def unseen(widget: QWidget) -> bool:
    """True for a widget in a dock that is drawn nowhere on screen (behind another tab)."""
    parent = widget
    while parent is not None:
        if isinstance(parent, QDockWidget):
            return parent.isVisible() and not parent.isFloating() and parent.visibleRegion().isEmpty()
        parent = parent.parentWidget()
    return False


def seen_and_focusable(widget: QWidget) -> bool:
    return (widget.isVisible() and widget.isEnabled() and not unseen(widget)
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus))


class HiddenFocus(QObject):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        QApplication.instance().focusChanged.connect(self._changed)
        window.destroyed.connect(self._remove)

    def _remove(self, *_) -> None:
        stop_following_focus(self._changed)

    def _changed(self, old, new) -> None:
        try:
            if new is None or new.window() is not self.window or not unseen(new):
                return
        except RuntimeError:
            return
        forward = old is None or self._ahead(old, new)
        QTimer.singleShot(0, self, lambda: self._move_on(new, forward))

    @staticmethod
    def _ahead(old: QWidget, new: QWidget) -> bool:
        """Did focus go forward along the chain from `old` to `new` (Tab), not back? The
        chain is a loop: the nearer way round is the way it went (walking forward alone
        always finds `new`, and Shift+Tab had been sent forward again, back where it was)."""
        def steps(move) -> int:
            w = old
            for n in range(1, CHAIN_LIMIT + 1):
                w = move(w)
                if w is new:
                    return n
                if w is old:
                    break
            return CHAIN_LIMIT + 1
        return steps(QWidget.nextInFocusChain) <= steps(QWidget.previousInFocusChain)

    def _move_on(self, start: QWidget, forward: bool) -> None:
        try:
            if QApplication.focusWidget() is not start:
                return                         # focus went elsewhere meanwhile
            w = start
            for _ in range(CHAIN_LIMIT):
                w = w.nextInFocusChain() if forward else w.previousInFocusChain()
                if w is start:
                    return
                if w.window() is self.window and seen_and_focusable(w):
                    w.setFocus(Qt.FocusReason.TabFocusReason if forward
                               else Qt.FocusReason.BacktabFocusReason)
                    return
        except RuntimeError:
            pass
