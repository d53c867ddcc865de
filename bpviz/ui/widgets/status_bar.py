"""The window's status bar. Its messages sit in a label of their own that ends in "…" where
the room left of the step label runs out: QStatusBar draws a message under its permanent
widgets, cut mid-letter, which a presentation zoom on a 1366-pixel projector did to most
messages. The whole message is the label's tooltip, and `currentMessage()` returns it whole.

Messages the toolkit shows itself (a menu entry's status tip while the mouse is over it) are
drawn by QStatusBar as before, over this label, which Qt hides meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar


class _Elided(QLabel):
    """One line of text, cut with "…" to the label's width."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.full = ""
        self.setObjectName("status_message")
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.setTextFormat(Qt.PlainText)

    def set_full(self, text: str) -> None:
        self.full = text
        self._fit()

    def _line(self) -> str:
        return " ".join(self.full.split("\n"))     # one line: the bar keeps its height

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:    # the zoom: cut again in the new font
            self._fit()

    def _fit(self) -> None:
        room = max(0, self.contentsRect().width())
        line = self._line()
        shown = self.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, room)
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(self.full if shown != line else "")


class StatusBar(QStatusBar):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("status_bar")
        self.message = _Elided(self)
        self.addWidget(self.message, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clearMessage)

    def showMessage(self, text: str, timeout: int = 0) -> None:
        self.message.set_full(text)
        self._timer.stop()
        if timeout > 0:
            self._timer.start(timeout)
        self.messageChanged.emit(text)

    def clearMessage(self) -> None:
        self._timer.stop()
        super().clearMessage()              # (a status tip the toolkit showed, if any)
        if self.message.full:
            self.message.set_full("")
            self.messageChanged.emit("")

    def currentMessage(self) -> str:
        return self.message.full
