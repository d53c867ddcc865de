"""Ten bars: the network's output activations for the drawn digit, the predicted one filled.
Painted directly (no plot library) so a bar update costs well under a millisecond; exports a
PNG or a CSV of the values from its context menu."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QMenu, QSizePolicy, QWidget

from ..descent.export import save_csv, save_png
from ..widgets.export import save_with_dialog
from .images import export_filter

LABEL_LINES = 1.2        # a value above a bar and a digit under it: this many text lines each
BAR_LINES = 2.6          # the bars' own height, at least (a full bar against a short one)


class OutputBars(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("output_bars")
        self.setAccessibleName(self.tr("Output activations, one bar per digit"))
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.values: np.ndarray | None = None
        self.top = 1.0                    # the bars' full height (1 for σ or softmax outputs)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(16 * em, 7 * em)

    def minimumSizeHint(self) -> QSize:
        """Room for the values, the digits under the bars and bars tall enough to compare,
        in the current font (with none, the dock squeezed the chart to a 7-pixel strip)."""
        em = self.fontMetrics().height()
        return QSize(10 * self.fontMetrics().horizontalAdvance("0"),
                     math.ceil((2 * LABEL_LINES + BAR_LINES) * em))

    def set_values(self, values: np.ndarray | None) -> None:
        self.values = None if values is None else np.asarray(values, dtype=float)
        if self.values is not None and self.values.size:
            peak = float(np.nanmax(np.abs(self.values)))
            self.top = 1.0 if peak <= 1.0 else peak
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        fm = self.fontMetrics()
        label_h = fm.height() * LABEL_LINES
        n = 10 if self.values is None else len(self.values)
        slot = self.width() / max(n, 1)
        area_h = self.height() - 2 * label_h
        best = None if self.values is None or not self.values.size else int(np.argmax(self.values))
        for i in range(n):
            x = i * slot
            p.setPen(pal.text().color())
            p.drawText(QRectF(x, self.height() - label_h, slot, label_h), Qt.AlignCenter, str(i))
            if self.values is None:
                continue
            v = float(self.values[i]) if np.isfinite(self.values[i]) else 0.0
            h = max(0.0, v) / self.top * area_h
            bar = QRectF(x + slot * 0.18, label_h + area_h - h, slot * 0.64, h)
            colour = pal.highlight().color() if i == best else pal.mid().color()
            p.fillRect(bar, colour)
            p.drawText(QRectF(x, label_h + area_h - h - label_h, slot, label_h),
                       Qt.AlignCenter, f"{v:.2f}")
        p.end()

    # -- export -------------------------------------------------------------------------------
    def export_png(self, path) -> None:
        save_png(self, path)

    def export_csv(self, path) -> None:
        values = [] if self.values is None else self.values
        save_csv(["digit", "output"], [(i, float(v)) for i, v in enumerate(values)], path)

    def _menu(self, pos) -> None:
        menu = QMenu(self)
        for kind, text in (("png", self.tr("Export PNG…")), ("csv", self.tr("Export CSV…"))):
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, k=kind: self._export(k))
        menu.exec(self.mapToGlobal(pos))

    def _export(self, kind: str) -> None:
        save_with_dialog(self, self.tr("Export the output bars"), export_filter(self, kind),
                         self.export_png if kind == "png" else self.export_csv, name=f"digits.{kind}")
