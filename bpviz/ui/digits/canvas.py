"""The drawing canvas: strokes of a soft round pen on a square sheet, kept as point lists so the
last stroke can be undone. The sheet is a 280 × 280 image (ten canvas pixels per MNIST pixel)
shown at whatever size the dock gives it; the pen's width is in sheet pixels."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import QSizePolicy, QWidget

from .images import image_array

SHEET = 280
WIDTH = 28          # default pen width in sheet pixels: about 2.5 MNIST pixels once scaled
SOFTNESS = 0.5      # 0: a hard edge; 1: a wide grey halo around the stroke


class DrawCanvas(QWidget):
    changed = Signal()            # the drawing changed (every pen move; clear; undo)
    stroke_finished = Signal()    # the pen lifted (or clear/undo): a good moment for heavier work

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("draw_canvas")
        self.setAccessibleName(self.tr("Drawing canvas: draw a digit"))
        self.setToolTip(self.tr("Draw a digit. Right-click clears, Ctrl+Z undoes the last stroke."))
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setCursor(Qt.CrossCursor)
        self.pen_width = WIDTH
        self.softness = SOFTNESS
        self.strokes: list[list[QPointF]] = []
        self._drawing = False
        self.sheet = QImage(SHEET, SHEET, QImage.Format_RGB32)
        self.sheet.fill(Qt.black)
        undo = QShortcut(QKeySequence.Undo, self, self.undo)
        undo.setContext(Qt.WidgetWithChildrenShortcut)

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(14 * em, 14 * em)

    def minimumSizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(7 * em, 7 * em)

    # -- reading ----------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self.strokes

    def array(self) -> np.ndarray:
        """The sheet as floats in [0, 1], ink bright, shape (280, 280)."""
        return image_array(self.sheet)

    # -- editing ----------------------------------------------------------------------------
    def clear(self) -> None:
        self.strokes.clear()
        self._drawing = False
        self._redraw()

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self._drawing = False
            self._redraw()

    def set_pen(self, width: float | None = None, softness: float | None = None) -> None:
        """A new pen for every stroke, the ones drawn already too."""
        if width is not None:
            self.pen_width = float(width)
        if softness is not None:
            self.softness = float(softness)
        if self.strokes:
            self._redraw()

    def _redraw(self) -> None:
        self.sheet.fill(Qt.black)
        for stroke in self.strokes:
            self._paint(stroke, 0)
        self.update()
        self.changed.emit()
        self.stroke_finished.emit()

    def _paint(self, stroke: list[QPointF], start: int) -> QRectF:
        """Draw `stroke` from point `start` on; returns the sheet rectangle touched."""
        p = QPainter(self.sheet)
        p.setRenderHint(QPainter.Antialiasing)
        halo = self.pen_width * (1 + self.softness)
        pts = stroke[max(0, start - 1):]
        for width, level in ((halo, 0.45), (self.pen_width * (1 + self.softness / 2), 0.8),
                             (self.pen_width, 1.0)):
            if width <= self.pen_width and level < 1.0:
                continue
            p.setPen(QPen(QColor.fromRgbF(level, level, level), width, Qt.SolidLine,
                          Qt.RoundCap, Qt.RoundJoin))
            p.setCompositionMode(QPainter.CompositionMode_Lighten)
            if len(pts) == 1:
                p.drawPoint(pts[0])
            else:
                p.drawPolyline(pts)
        p.end()
        xs = [q.x() for q in pts]
        ys = [q.y() for q in pts]
        return QRectF(min(xs) - halo, min(ys) - halo, max(xs) - min(xs) + 2 * halo,
                      max(ys) - min(ys) + 2 * halo)

    # -- geometry -----------------------------------------------------------------------------
    def _square(self) -> QRectF:
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _to_sheet(self, pos) -> QPointF:
        sq = self._square()
        scale = SHEET / sq.width()
        return QPointF((pos.x() - sq.x()) * scale, (pos.y() - sq.y()) * scale)

    # -- events ---------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.RightButton:
            self.clear()
            return
        if event.button() == Qt.LeftButton and self.isEnabled():
            self._drawing = True
            self.strokes.append([self._to_sheet(event.position())])
            self._paint(self.strokes[-1], 0)
            self.update()
            self.changed.emit()

    def mouseMoveEvent(self, event) -> None:
        # test drivers may send moves without the button flag: a press started the stroke
        if self._drawing and self.strokes:
            stroke = self.strokes[-1]
            stroke.append(self._to_sheet(event.position()))
            self._paint(stroke, len(stroke) - 1)
            self.update()
            self.changed.emit()

    def mouseReleaseEvent(self, event) -> None:
        if self._drawing:
            self._drawing = False
            self.stroke_finished.emit()

    def tabletEvent(self, event) -> None:
        event.ignore()          # Qt turns an unhandled pen event into the mouse events above

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().window())
        sq = self._square()
        p.setRenderHint(QPainter.SmoothPixmapTransform)
        # ink shown dark on light, as on paper; the sheet itself is white ink on black
        paper = self.sheet.copy()
        paper.invertPixels()
        p.drawImage(sq, paper)
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawRect(sq.adjusted(0, 0, -1, -1))
        p.end()

