"""A label as wide as the widest text it is going to show, measured in its current font.

A counter in a toolbar ("epoch 391", "accuracy 97.5 %") should not make the widgets after it
jump each time a digit is added, so it keeps the room of its widest text. A minimum width in
pixels did that at one font size only: after a presentation zoom the text grew past it and
the toolbar, short of room, squeezed the label down to it and cut the text off. This label
asks for its widest text's room in whatever font it has now, so a toolbar that cannot fit it
moves it behind its » button instead, and shows it whole.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel


class SteadyLabel(QLabel):
    def __init__(self, text: str = "", widest: str = "", parent=None):
        super().__init__(text, parent)
        self._widest = widest

    def set_widest(self, text: str) -> None:
        if text != self._widest:
            self._widest = text
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        fm = self.fontMetrics()
        chrome = hint.width() - fm.horizontalAdvance(self.text())     # margins, padding
        return QSize(max(hint.width(), fm.horizontalAdvance(self._widest) + chrome), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
