"""The confusion matrix of the current weights on the held-out digits, in square cells as large
as the widget allows, with the counts in them when a cell can hold its number. Two colour
scales (see `colour`): the diagonal (right answers) green by the share of its row, the mistakes
red on their own scale, so that one wrong digit is already tinted and not lost next to the
diagonal's hundreds. Hovering a cell says what it counts; clicking it asks for its digits."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...core.notation import count
from ..descent.export import save_csv, save_png

RIGHT = (0.33, 0.55, 0.35)           # the diagonal's full colour (green)
WRONG = (0.80, 0.22, 0.12)           # the mistakes' full colour (red)
LEAST = 0.25                         # the strength of one mistake on the mistakes' scale
MIN_PX = 7.0         # counts in a font lower than this are left to the hover text


class ConfusionMatrix(QWidget):
    hovered = Signal(str)             # the hover text, once per cell entered ("" off the cells)
    cell_clicked = Signal(int, int)   # true class, predicted class

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("confusion_matrix")
        self.setAccessibleName(self.tr("Confusion matrix: rows are the true digit, columns "
                                       "the predicted one"))
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.counts: np.ndarray | None = None
        self._over: tuple[int, int] | None = None

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(20 * em, 20 * em)

    def minimumSizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(9 * em, 9 * em)

    def set_counts(self, counts: np.ndarray | None) -> None:
        self.counts = None if counts is None else np.asarray(counts, dtype=np.int64)
        self.setToolTip(self.legend_text() if self.counts is not None else "")
        self.setAccessibleDescription(self.toolTip())
        self.update()

    def shares(self) -> np.ndarray:
        """Each row divided by its sum (0 for a class with no samples)."""
        c = self.counts.astype(float)
        sums = c.sum(axis=1, keepdims=True)
        return np.divide(c, sums, out=np.zeros_like(c), where=sums > 0)

    def most_wrong(self) -> int:
        """The largest count off the diagonal (0 when every digit is right)."""
        off = self.counts.copy()
        np.fill_diagonal(off, 0)
        return int(off.max(initial=0))

    def strengths(self) -> np.ndarray:
        """0 (white) … 1 (full colour) of every cell: on the diagonal its share of the row;
        off it, LEAST for one mistake rising to 1 for the most frequent mistake."""
        n, top = self.counts, self.most_wrong()
        wrong = np.where(n > 0, LEAST + (1 - LEAST) * (n - 1) / max(top - 1, 1), 0.0)
        diagonal = np.eye(len(n), dtype=bool)
        return np.where(diagonal, self.shares(), wrong)

    @staticmethod
    def colour(strength: float, right: bool) -> QColor:
        hue = RIGHT if right else WRONG
        return QColor.fromRgbF(*(1 - strength * (1 - h) for h in hue))

    def legend_text(self) -> str:
        most = self.most_wrong()
        darkest = (self.tr("{0} digits at the darkest").format(count(most)) if most
                   else self.tr("no mistakes now"))
        return self.tr("Green: right answers, darker the larger the share of the true digit's "
                       "row. Red: mistakes on a scale of their own, so that one is already "
                       "pale red ({0}). Hover over a cell for its count, "
                       "click it to see its digits.").format(darkest)

    # -- geometry -----------------------------------------------------------------------------
    def _parts(self) -> tuple[float, float, float, str]:
        """(left, top, cell size, where the legend goes): the axis labels take 2.2 lines on
        the left and on top; the legend a column beside the grid ("right"), a line below it
        ("line") or two ("lines"), whichever leaves the larger cells; the whole centred."""
        em = self.fontMetrics().height()
        n = 1 if self.counts is None else len(self.counts)
        margin, pad, w, h = 2.2 * em, 0.3 * em, self.width(), self.height()
        column, line = self._legend_widths()
        sides = {"right": min(w - margin - column - em, h - margin - pad),
                 "line": min(w - margin - pad, h - margin - 1.4 * em)
                 if margin + line <= w else -1.0,
                 "lines": min(w - margin - pad, h - margin - 2.6 * em)}
        where = max(sides, key=sides.get)
        grid = max(float(n), sides[where])
        used = margin + (grid + column + em if where == "right"
                         else max(grid, line) if where == "line" else grid)
        left = max(0.0, (w - used) / 2) + margin
        return left, margin, grid / n, where

    def _grid(self) -> tuple[float, float, float]:
        """(left, top, cell size) of the grid."""
        left, top, cell, _ = self._parts()
        return left, top, cell

    def _legend_lines(self) -> list[str]:
        most = self.most_wrong() if self.counts is not None else 0
        wrong = (self.tr("wrong: 1 to {0}").format(count(most)) if most > 1
                 else self.tr("wrong: 1") if most == 1 else self.tr("wrong: none")
                 if self.counts is not None else "")
        return [self.tr("right"), wrong]

    def _legend_widths(self) -> tuple[float, float]:
        """The legend's width stacked in a column, and on one line."""
        fm, em = QFontMetricsF(self.font()), self.fontMetrics().height()
        texts = [fm.horizontalAdvance(s) for s in self._legend_lines()]
        return 1.6 * em + max(texts), 3.2 * em + sum(texts)

    def cell_at(self, pos) -> tuple[int, int] | None:
        if self.counts is None:
            return None
        left, top, cell = self._grid()
        j, i = int((pos.x() - left) // cell), int((pos.y() - top) // cell)
        n = len(self.counts)
        if pos.x() < left or pos.y() < top or not (0 <= i < n and 0 <= j < n):
            return None
        return i, j

    def cell_centre(self, t: int, p: int) -> QPoint:
        left, top, cell = self._grid()
        return QPoint(int(left + (p + 0.5) * cell), int(top + (t + 0.5) * cell))

    def cell_rect(self, t: int, p: int) -> QRectF:
        left, top, cell = self._grid()
        return QRectF(left + p * cell, top + t * cell, cell, cell)

    def hover_text(self, t: int, p: int) -> str:
        n = int(self.counts[t, p])
        return self.tr("true {0} predicted {1}: {2} digits").format(t, p, n) if n != 1 else \
            self.tr("true {0} predicted {1}: 1 digit").format(t, p)

    # -- events -------------------------------------------------------------------------------
    def mouseMoveEvent(self, event) -> None:
        cell = self.cell_at(event.position())
        text = "" if cell is None else self.hover_text(*cell)
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        if cell != self._over:            # said once per cell entered, not at every move
            self._over = cell
            self.hovered.emit(text)

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip and self.counts is not None:   # a cell's count, or
            cell = self.cell_at(event.pos())                             # the legend off them
            text = self.legend_text() if cell is None else self.hover_text(*cell)
            QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

    def leaveEvent(self, event) -> None:
        if self._over is not None:
            self._over = None
            self.hovered.emit("")
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:
        cell = self.cell_at(event.position())
        if cell is not None and event.button() == Qt.LeftButton:
            self._over = cell
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
        left, top, cell, where = self._parts()
        n, em = len(self.counts), self.fontMetrics().height()
        font = p.font()
        # counts (and the class numbers beside the grid) in the widget's font, made smaller
        # where a cell cannot hold it; where even that would be unreadable the cells keep their
        # colour and hovering tells the count
        cell_font = _fitting(font, str(max(10, int(self.counts.max()))), cell)
        digit_font = _fitting(font, "8", cell)
        p.setFont(cell_font)
        readable = QFontMetricsF(cell_font).height() >= MIN_PX
        strengths = self.strengths()                  # (once a paint, not per cell)
        for i in range(n):
            for j in range(n):
                rect = QRectF(left + j * cell, top + i * cell, cell, cell)
                p.fillRect(rect, self.colour(strengths[i, j], i == j))
                p.setPen(pal.mid().color())
                p.drawRect(rect)
                if self.counts[i, j] and readable:
                    p.setPen(Qt.white if strengths[i, j] > 0.6 else Qt.black)
                    p.drawText(rect, Qt.AlignCenter, str(int(self.counts[i, j])))
        p.setPen(pal.text().color())
        p.setFont(digit_font)
        for k in range(n):
            p.drawText(QRectF(left + k * cell, top - 1.1 * em, cell, em), Qt.AlignCenter, str(k))
            p.drawText(QRectF(left - 1.2 * em, top + k * cell, em, cell), Qt.AlignCenter, str(k))
        p.setFont(font)
        p.drawText(QRectF(left, top - 2.2 * em, n * cell, em), Qt.AlignCenter,
                   self.tr("predicted"))
        p.save()
        p.translate(left - 2.2 * em, top + n * cell / 2)
        p.rotate(-90)
        p.drawText(QRectF(-n * cell / 2, 0, n * cell, em), Qt.AlignCenter, self.tr("true"))
        p.restore()
        if where == "right":
            self._paint_legend(p, left + n * cell + em, top, True)
        else:
            self._paint_legend(p, left, top + n * cell + 0.3 * em, where == "lines")
        p.end()

    def _paint_legend(self, p: QPainter, x: float, y: float, column: bool) -> None:
        """A swatch and a word for each scale: in a column beside the grid, or on a line."""
        em = self.fontMetrics().height()
        fm = QFontMetricsF(p.font())
        swatches = [(RIGHT, 1.0), (WRONG, LEAST), (WRONG, 1.0)]
        for k, text in enumerate(self._legend_lines()):
            colours = swatches[:1] if k == 0 else swatches[1:]
            for c, s in colours:
                p.fillRect(QRectF(x, y + 0.15 * em, 0.6 * em, 0.7 * em),
                           QColor.fromRgbF(*(1 - s * (1 - h) for h in c)))
                x += 0.6 * em
            x += 0.3 * em
            p.drawText(QRectF(x, y, fm.horizontalAdvance(text) + 2, em),
                       Qt.AlignLeft | Qt.AlignVCenter, text)
            if column:
                x -= 0.3 * em + 0.6 * em * len(colours)
                y += 1.2 * em
            else:
                x += fm.horizontalAdvance(text) + em

    # -- export -------------------------------------------------------------------------------
    def export_png(self, path) -> None:
        save_png(self, path)

    def export_csv(self, path) -> None:
        """One row per true class: the counts for each predicted class."""
        counts = np.zeros((0, 0), int) if self.counts is None else self.counts
        header = ["true"] + [f"predicted {p}" for p in range(len(counts))]
        save_csv(header, [[t, *map(int, row)] for t, row in enumerate(counts)], path)


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
