"""A headed table of numbers for the inspector: a layer's vectors side by side (one row per
neuron) or one matrix. Every header carries the shape, e.g. `δ² (1×1)`, `W¹ (3×2)`.
Big layers show their first rows and columns and say so."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.notation import num

MAX_ROWS = 40
MAX_COLS = 12
COLUMN_WIDTH = 104
MIN_COLUMN = 84          # narrower columns when the inspector is narrow, down to this
GREY = QColor(150, 150, 150)


class ValueTable(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._shown_headers = None
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.RichText)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.AdjustToContents)
        # fixed column widths: ResizeToContents re-measures every cell on every change
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(COLUMN_WIDTH)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 6, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.title)
        box.addWidget(self.table)

    def show_vectors(self, title: str, headers: list[str], columns: list, n: int) -> None:
        """`columns[i]` is a 1-D array of n values, or None (not yet computed: shown '?')."""
        rows = min(n, MAX_ROWS)
        note = f" — first {rows} of {n} neurons" if n > rows else ""
        self.title.setText(f"<b>{title}</b>{note}")
        self._resize(rows, len(headers))
        self._headers(headers, [str(j + 1) for j in range(rows)])
        for c, col in enumerate(columns):
            for j in range(rows):
                self._cell(j, c, None if col is None else col[j])
        self._fit_columns()
        self._fit_height(rows)

    def show_matrix(self, title: str, m) -> None:
        m = np.asarray(m)
        rows, cols = min(m.shape[0], MAX_COLS), min(m.shape[1], MAX_COLS)
        note = (f" — first {rows}×{cols} entries" if (rows, cols) != m.shape else "")
        self.title.setText(f"<b>{title}</b>{note}")
        self._resize(rows, cols)
        self._headers([f"k={k + 1}" for k in range(cols)], [f"j={j + 1}" for j in range(rows)])
        for j in range(rows):
            for k in range(cols):
                self._cell(j, k, m[j, k])
        self._fit_columns()
        self._fit_height(rows)

    def _headers(self, top: list[str], side: list[str]) -> None:
        if (top, side) != self._shown_headers:
            self._shown_headers = (top, side)
            self.table.setHorizontalHeaderLabels(top)
            self.table.setVerticalHeaderLabels(side)

    def _resize(self, rows: int, cols: int) -> None:
        if self.table.rowCount() != rows:
            self.table.setRowCount(rows)
        if self.table.columnCount() != cols:
            self.table.setColumnCount(cols)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Columns as wide as COLUMN_WIDTH, narrower (to MIN_COLUMN) if that avoids a
        horizontal scroll bar, but never narrower than their widest number or header: a
        clipped number is worse than a scroll bar."""
        tab = self.table
        cols = tab.columnCount()
        if not cols:
            return
        room = self.width() - tab.verticalHeader().width() - 2 * tab.frameWidth() - 2
        share = int(max(MIN_COLUMN, min(COLUMN_WIDTH, room / cols)))
        fm = tab.fontMetrics()
        header = tab.horizontalHeader()
        hfm = header.fontMetrics()
        for c in range(cols):
            need = 0
            head = tab.horizontalHeaderItem(c)
            if head is not None:
                need = hfm.horizontalAdvance(head.text()) + 14
            for r in range(tab.rowCount()):
                item = tab.item(r, c)
                if item is not None:
                    need = max(need, fm.horizontalAdvance(item.text()) + 12)
            width = max(share, need)
            if header.sectionSize(c) != width:
                header.resizeSection(c, width)

    def _cell(self, r: int, c: int, value) -> None:
        item = self.table.item(r, c)
        if item is None:
            item = QTableWidgetItem()
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.table.setItem(r, c, item)
        text = "?" if value is None else num(value)
        if item.text() == text:
            return
        if value is None:
            item.setText("?")
            item.setForeground(GREY)
            item.setToolTip("not computed yet at this step")
        else:
            item.setText(text)
            item.setForeground(QColor(20, 20, 20))
            item.setToolTip("")

    def _fit_height(self, rows: int) -> None:
        header = max(self.table.horizontalHeader().sizeHint().height(), 24)
        scroll = 18 if self.table.columnCount() > 8 else 0
        height = header + 22 * rows + 6 + scroll
        if height != self.table.height() or height != self.table.minimumHeight():
            self.table.setFixedHeight(height)
