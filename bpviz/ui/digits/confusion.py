"""The confusion matrix of the current weights on the held-out digits: counts in the cells,
colour by the row's share (what fraction of the true class went to each prediction). Hovering a
cell says what it counts; clicking it asks for the gallery of its digits."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..descent.export import save_csv, save_png


class ConfusionMatrix(QWidget):
    hovered = Signal(str)             # the hover text ("" when off the cells)
    cell_clicked = Signal(int, int)   # true class, predicted class

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("confusion_matrix")
        self.setAccessibleName(self.tr("Confusion matrix: rows are the true digit, columns "
                                       "the predicted one"))
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.counts: np.ndarray | None = None

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(20 * em, 20 * em)

    def minimumSizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(10 * em, 10 * em)

    def set_counts(self, counts: np.ndarray | None) -> None:
        self.counts = None if counts is None else np.asarray(counts, dtype=np.int64)
        self.update()

    def shares(self) -> np.ndarray:
        """Each row divided by its sum (0 for a class with no samples)."""
        c = self.counts.astype(float)
        sums = c.sum(axis=1, keepdims=True)
        return np.divide(c, sums, out=np.zeros_like(c), where=sums > 0)

    # -- geometry -----------------------------------------------------------------------------
    def _grid(self) -> tuple[float, float, float]:
        """(left, top, cell size): room for the axis labels on the left and top."""
        em = self.fontMetrics().height()
        n = 1 if self.counts is None else len(self.counts)
        margin = 2.4 * em
        cell = max(1.0, min(self.width() - margin, self.height() - margin) / n)
        return margin, margin, cell

    def cell_at(self, pos) -> tuple[int, int] | None:
        if self.counts is None:
            return None
        left, top, cell = self._grid()
        j, i = int((pos.x() - left) // cell), int((pos.y() - top) // cell)
        n = len(self.counts)
        if pos.x() < left or pos.y() < top or not (0 <= i < n and 0 <= j < n):
            return None
        return i, j

    def cell_centre(self, t: int, p: int):
        left, top, cell = self._grid()
        from PySide6.QtCore import QPoint
        return QPoint(int(left + (p + 0.5) * cell), int(top + (t + 0.5) * cell))

    def hover_text(self, t: int, p: int) -> str:
        n = int(self.counts[t, p])
        return self.tr("true {0} predicted {1}: {2} digits").format(t, p, n) if n != 1 else \
            self.tr("true {0} predicted {1}: 1 digit").format(t, p)

    # -- events -------------------------------------------------------------------------------
    def mouseMoveEvent(self, event) -> None:
        cell = self.cell_at(event.position())
        text = "" if cell is None else self.hover_text(*cell)
        self.setToolTip(text)
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        self.hovered.emit(text)

    def mousePressEvent(self, event) -> None:
        cell = self.cell_at(event.position())
        if cell is not None and event.button() == Qt.LeftButton:
            self.cell_clicked.emit(*cell)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        if self.counts is None:
            p.setPen(pal.text().color())
            p.drawText(self.rect(), Qt.AlignCenter | Qt.TextWordWrap,
                       self.tr("No confusion matrix: these targets are not one class per sample"))
            p.end()
            return
        left, top, cell = self._grid()
        n = len(self.counts)
        shares = self.shares()
        font = p.font()
        # counts (and the class numbers beside the grid) in a font that fits a cell: at
        # 1366×768 the cells were 12 px and "93" ran into its neighbours; where even that font
        # would be unreadable the cells keep their colour and hovering tells the count
        cell_font = _fitting(font, str(max(10, int(self.counts.max()))), cell)
        digit_font = _fitting(font, "8", cell)
        p.setFont(cell_font)
        for i in range(n):
            for j in range(n):
                s = shares[i, j]
                # white → blue by the row's share; the diagonal (right answers) in green
                hue = (0.33, 0.55, 0.35) if i == j else (0.15, 0.35, 0.75)
                colour = QColor.fromRgbF(1 - s * (1 - hue[0]), 1 - s * (1 - hue[1]),
                                         1 - s * (1 - hue[2]))
                rect = QRectF(left + j * cell, top + i * cell, cell, cell)
                p.fillRect(rect, colour)
                p.setPen(pal.mid().color())
                p.drawRect(rect)
                if self.counts[i, j] and QFontMetricsF(cell_font).height() >= MIN_PX:
                    p.setPen(Qt.white if s > 0.55 else Qt.black)
                    p.drawText(rect, Qt.AlignCenter, str(int(self.counts[i, j])))
        p.setPen(pal.text().color())
        p.setFont(digit_font)
        for k in range(n):
            p.drawText(QRectF(left + k * cell, top - 1.2 * self.fontMetrics().height(), cell,
                              self.fontMetrics().height()), Qt.AlignCenter, str(k))
            p.drawText(QRectF(left - 1.4 * self.fontMetrics().height(), top + k * cell,
                              self.fontMetrics().height(), cell), Qt.AlignCenter, str(k))
        p.setFont(font)
        em = self.fontMetrics().height()
        p.drawText(QRectF(left, 0, n * cell, em), Qt.AlignCenter, self.tr("predicted"))
        p.save()
        p.translate(0, top + n * cell / 2)
        p.rotate(-90)
        p.drawText(QRectF(-n * cell / 2, 0, n * cell, em), Qt.AlignCenter, self.tr("true"))
        p.restore()
        p.end()

    # -- export -------------------------------------------------------------------------------
    def export_png(self, path) -> None:
        save_png(self, path)

    def export_csv(self, path) -> None:
        """One row per true class: the counts for each predicted class."""
        counts = np.zeros((0, 0), int) if self.counts is None else self.counts
        header = ["true"] + [f"predicted {p}" for p in range(len(counts))]
        save_csv(header, [[t, *map(int, row)] for t, row in enumerate(counts)], path)


MIN_PX = 7.0         # counts in a font lower than this are left to the hover text


def _fitting(font: QFont, widest: str, cell: float) -> QFont:
    """`font`, made smaller (never larger) so that `widest` fits a cell `cell` px square."""
    fitted = QFont(font)
    metrics = QFontMetricsF(font)
    width, height = metrics.horizontalAdvance(widest), metrics.height()
    scale = min(1.0, 0.85 * cell / max(width, 1e-9), 0.9 * cell / max(height, 1e-9))
    if scale < 1.0 and font.pointSizeF() > 0:
        fitted.setPointSizeF(max(1.0, font.pointSizeF() * scale))
    elif scale < 1.0:                                   # (a font sized in pixels)
        fitted.setPixelSize(max(1, int(font.pixelSize() * scale)))
    return fitted
