"""Tool bars that paint their background from a cached picture.

The Fusion style draws a main-window tool bar as a gradient with two half-transparent lines
along its length. Qt's raster engine draws a half-transparent line ~40× slower than an opaque
one (~0.3 ms for a 1500-pixel line), so three tool bars cost a millisecond or more every time
the window is painted. `CachedToolBarStyle` draws the background once per size, palette and
position into a pixmap and copies it from then on: the same pixels, the same style for
everything else (the handle, the buttons and fields inside keep the application's style).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QProxyStyle, QStyle, QToolBar

TOOL_BAR = QStyle.ControlElement.CE_ToolBar
CACHE_SIZE = 16


class CachedToolBarStyle(QProxyStyle):
    def __init__(self):
        super().__init__()
        self._pictures: dict[tuple, QPixmap] = {}

    def drawControl(self, element, option, painter, widget=None) -> None:
        if element != TOOL_BAR or option.rect.isEmpty():
            super().drawControl(element, option, painter, widget)
            return
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        key = (option.rect.width(), option.rect.height(), ratio, option.palette.cacheKey(),
               int(option.state.value), option.toolBarArea.value, option.positionOfLine.value,
               option.positionWithinLine.value, option.features.value, type(widget).__name__,
               type(widget.parentWidget()).__name__ if widget is not None and
               widget.parentWidget() is not None else "")
        picture = self._pictures.get(key)
        if picture is None:
            picture = QPixmap(option.rect.size() * ratio)
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            inner = QPainter(picture)
            shifted = type(option)(option)
            shifted.rect = option.rect.translated(-option.rect.topLeft())
            super().drawControl(element, shifted, inner, widget)
            inner.end()
            if len(self._pictures) >= CACHE_SIZE:
                self._pictures.clear()
            self._pictures[key] = picture
        painter.drawPixmap(option.rect.topLeft(), picture)


_STYLE: CachedToolBarStyle | None = None


def cache_tool_bar_backgrounds(window) -> None:
    """Give every tool bar of `window` the caching style (one shared instance)."""
    global _STYLE
    if _STYLE is None:
        _STYLE = CachedToolBarStyle()
    for bar in window.findChildren(QToolBar):
        bar.setStyle(_STYLE)

