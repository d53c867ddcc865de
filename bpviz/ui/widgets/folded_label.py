"""A word-wrapped label that shows at most a few lines of its text: where the text needs more at
the label's width, the last line shown ends in "…" and the whole text is the tooltip.

The network view's legend sentence is one line on the toy and four on MNIST, whose explanation
of the labels had taken the network's room on a 1366×768 screen. `full` is the whole text
(`text()` is what is shown)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel


class FoldedLabel(QLabel):
    def __init__(self, parent=None, lines: int = 2):
        super().__init__(parent)
        self.lines = lines
        self.full = ""
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignLeft | Qt.AlignTop)

    def setText(self, text: str) -> None:       # noqa: N802 - Qt's name
        self.full = text
        self._fold()

    def resizeEvent(self, event) -> None:       # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fold()

    def changeEvent(self, event) -> None:       # noqa: N802 - a new font (the zoom) refolds
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fold()

    def _fold(self) -> None:
        shown = folded(self.full, self.font(), self.contentsRect().width() - 2, self.lines)
        self.setToolTip("" if shown == self.full else self.full)
        if shown != super().text():
            super().setText(shown)


def folded(text: str, font, width: float, lines: int) -> str:
    """`text` as at most `lines` wrapped lines `width` pixels wide, the last ending in "…"
    where more would follow (the whole text where it fits, or where there is no width yet)."""
    if width <= 0 or not text:
        return text
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) <= lines:
        return text
    last = starts[lines - 1]
    rest = QFontMetricsF(font).elidedText(text[last:], Qt.ElideRight, width)
    return text[:last] + rest
