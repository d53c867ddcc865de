"""A label as wide as the widest text it is going to show, measured in its current font.

A counter in a toolbar ("epoch 391", "accuracy 97.5 %") should not make the widgets after it
jump each time a digit is added, so it keeps the room of its widest text. A minimum width in
pixels did that at one font size only: after a presentation zoom the text grew past it and
the toolbar, short of room, squeezed the label down to it and cut the text off. This label
asks for its widest text's room in whatever font it has now, so a toolbar that cannot fit it
moves it behind its » button instead, and shows it whole. It never asks for less room than it
has asked for before in this font (QLabel's own padding differs by a pixel or more with the
text, which would otherwise show as a jump).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel


class SteadyLabel(QLabel):
    def __init__(self, text: str = "", widest: str = "", parent=None):
        super().__init__(text, parent)
        self._widest = widest
        self._held = 0            # the widest room asked for in this font
        self._key, self._want = None, 0      # the last measurement (the layout asks often)

    def set_widest(self, text: str) -> None:
        if text != self._widest:
            self._widest, self._held = text, 0
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        key = (self.text(), self._widest, hint.width())
        if key != self._key:
            fm = self.fontMetrics()
            chrome = hint.width() - fm.size(0, self.text()).width()   # margins, padding
            self._key, self._want = key, max(hint.width(), fm.size(0, self._widest).width() + chrome)
        self._held = max(self._want, self._held)
        return QSize(self._held, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.FontChange:      # a zoom: measure afresh
            self._held = 0
        super().changeEvent(event)
