"""A headed table of numbers for the inspector: a layer's vectors side by side (one row per
neuron) or one matrix. Every header carries the shape, e.g. `δ² (1×1)`, `W¹ (3×2)`.
Big layers show their first rows and columns and say so."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence
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

from ...core.notation import full, num, shown, shown_number
from ...core.summary import shown_columns, summarise
from ..mnist.array_picture import picture, shows_as_picture

MAX_ROWS = 40
MAX_COLS = 12
COLUMN_WIDTH = 104
MIN_COLUMN = 84          # narrower columns when the inspector is narrow, down to this
GREY = QColor(150, 150, 150)
INK = QColor(20, 20, 20)
# looked up once: PySide resolves a short enum name like Qt.UserRole slowly (~3 µs a time),
# and a step writes hundreds of cells
VALUE_ROLE = Qt.ItemDataRole.UserRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ValueTable(QWidget):
    value_picked = Signal(str)      # "header, row = value in full" of the selected cell

    def __init__(self, parent=None):
        super().__init__(parent)
        self._shown_headers = None
        self.shown_title = None             # the title of what the table shows
        self._texts = []                    # the cells' texts by row, as _cell wrote them
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.RichText)
        # wrapped, as the summary under it: MNIST's "∂C/∂W¹ (30×784) — first 12 rows, the 12
        # columns of largest |·| …" held the tables 528 px wide, the summaries cut at the edge
        self.title.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setTabKeyNavigation(False)   # Tab leaves the table (arrows move in it)
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
        self.summary = QLabel(self)          # a big array in a few words, and its picture
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.summary.hide()
        self.picture = QLabel(self)
        self.picture.hide()
        box.addWidget(self.title)
        box.addWidget(self.summary)
        box.addWidget(self.picture)
        box.addWidget(self.table)
        copy = QAction(QCoreApplication.translate("ValueTable", "Copy table as text"), self.table)
        copy.setObjectName("copy_table")
        copy.setShortcut(QKeySequence.Copy)
        copy.setShortcutContext(Qt.WidgetShortcut)
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(self.as_text()))
        self.table.addAction(copy)
        self.table.setContextMenuPolicy(Qt.ActionsContextMenu)
        self.table.currentCellChanged.connect(self._picked)

    def _picked(self, row: int, col: int, *_) -> None:
        item = self.table.item(row, col)
        value = None if item is None else item.data(VALUE_ROLE)
        if value is None:
            return
        head = self.table.horizontalHeaderItem(col)
        side = self.table.verticalHeaderItem(row)
        name = f"{head.text() if head else col + 1}, {side.text() if side else row + 1}"
        self.value_picked.emit(f"{name} = {shown(full(value))}")

    def as_text(self) -> str:
        """The title, then the table tab-separated with every number in full."""
        tab = self.table
        heads = [tab.horizontalHeaderItem(c).text() if tab.horizontalHeaderItem(c) else ""
                 for c in range(tab.columnCount())]
        lines = [self.title.text().replace("<b>", "").replace("</b>", ""),
                 "\t".join([""] + heads)]
        for r in range(tab.rowCount()):
            side = tab.verticalHeaderItem(r)
            cells = []
            for c in range(tab.columnCount()):
                item = tab.item(r, c)
                value = None if item is None else item.data(VALUE_ROLE)
                cells.append("?" if value is None else full(value))
            lines.append("\t".join([side.text() if side else str(r + 1)] + cells))
        return "\n".join(lines) + "\n"

    def show_vectors(self, title: str, headers: list[str], columns: list, n: int,
                     side: list[str] | None = None) -> None:
        """`columns[i]` is a 1-D array of n values, or None (not yet computed: shown '?');
        `side`: the rows' names (default 1 … n)."""
        if self._same(("vectors", title, tuple(headers), n, tuple(side or ())), columns):
            return
        rows = min(n, MAX_ROWS)
        note = self.tr(" — first {0} of {1} neurons").format(rows, n) if n > rows else ""
        self.title.setText(f"<b>{title}</b>{note}")
        self._summarise([(h, c) for h, c in zip(headers, columns)] if n > rows else [])
        self._resize(rows, len(headers))
        self._headers(headers, list(side[:rows]) if side else [str(j + 1) for j in range(rows)])
        grid = np.zeros((rows, len(headers)))
        known = np.zeros(grid.shape, dtype=bool)
        for c, col in enumerate(columns):
            if col is not None:
                grid[:, c] = np.asarray(col, dtype=float).ravel()[:rows]
                known[:, c] = True
        self._fill(grid, known)
        self._fit_if_changed()
        self._fit_height(rows)

    def show_matrix(self, title: str, m) -> None:
        if self._same(("matrix", title), [m]):
            return
        m = np.asarray(m)
        rows, cols = min(m.shape[0], MAX_COLS), min(m.shape[1], MAX_COLS)
        note = (self.tr(" — first {0}×{1} entries").format(rows, cols) if (rows, cols) != m.shape else "")
        columns = shown_columns(m, rows, cols)      # (MNIST's ∂C/∂W¹: not the blank corner)
        if columns[-1] >= cols:
            note = self.tr(" — first {0} rows, the {1} columns of largest |·| (the first "
                           "ones are all 0)").format(rows, cols)
        self.title.setText(f"<b>{title}</b>{note}")
        self._summarise([(title.split(" (")[0], m)] if (rows, cols) != m.shape else [])
        self._resize(rows, cols)
        self._headers([f"k={k + 1}" for k in columns], [f"j={j + 1}" for j in range(rows)])
        grid = np.asarray(m[:rows][:, columns], dtype=float)
        self._fill(grid, np.ones(grid.shape, dtype=bool))
        self._fit_if_changed()
        self._fit_height(rows)

    def _fit_if_changed(self) -> None:
        """Measure the columns again only when a cell's text or a header changed."""
        if getattr(self, "_texts_changed", True):
            self._texts_changed = False
            self._fit_columns()

    def _same(self, what: tuple, arrays) -> bool:
        """True when this table already shows these arrays (same objects, same contents):
        a walk step leaves most tables as they were, and refilling one costs ~500 cells."""
        self.shown_title = what[1]
        with np.errstate(over="ignore", invalid="ignore"):   # a diverged walk's: inf or nan
            key = what + tuple(None if a is None else (id(a), float(np.sum(a))) for a in arrays)
        same = key == getattr(self, "_shown_key", None) and self.isVisible()
        self._shown_key = key
        return same

    def _summarise(self, arrays) -> None:
        """Shape, min / max / mean and the largest entries of each big array; the image of a
        784-vector or of an n×784 matrix (one 28×28 image per row)."""
        arrays = [(name, a) for name, a in arrays if a is not None]
        key = tuple((name, id(a)) for name, a in arrays)
        if key == getattr(self, "_summary_key", None):
            return
        self._summary_key = key
        self.summary.setVisible(bool(arrays))
        self.summary.setText("<br>".join(f"<b>{name.split(' ')[0]}</b>: {shown(summarise(a).text())}"
                                         for name, a in arrays))
        pictures = [a for _, a in arrays if shows_as_picture(a)]
        self.picture.setVisible(bool(pictures))
        if pictures:
            em = self.fontMetrics().height()
            self.picture.setPixmap(picture(pictures[0], 6 * em))
            self.picture.setToolTip(self.tr("{name} as an image: orange −, white 0, blue +")
                                    .format(name=arrays[0][0]))

    def _headers(self, top: list[str], side: list[str]) -> None:
        if (top, side) != self._shown_headers:
            self._texts_changed = True
            self._shown_headers = (top, side)
            self.table.setHorizontalHeaderLabels(top)
            self.table.setVerticalHeaderLabels(side)

    def _fill(self, grid: np.ndarray, known: np.ndarray) -> None:
        """Write the cells whose number differs (bit for bit) from the one they show, or
        that change between known and '?': consecutive steps share most of their numbers,
        and a cell costs a dozen Qt calls."""
        grid = np.where(known, grid, 0.0)
        shown = getattr(self, "_grid", None)
        if shown is None or shown[0].shape != grid.shape:
            changed = np.ones(grid.shape, dtype=bool)
            self._texts = [[None] * grid.shape[1] for _ in range(grid.shape[0])]
        else:
            changed = (grid.view(np.int64) != shown[0].view(np.int64)) | (known != shown[1])
        self._grid = (grid, known)
        if not changed.any():
            return
        self.table.setUpdatesEnabled(False)     # one repaint afterwards, not one per cell
        try:
            values, knowns = grid.tolist(), known.tolist()      # (Python floats: faster)
            for r, c in zip(*(i.tolist() for i in np.nonzero(changed))):
                self._cell(r, c, values[r][c] if knowns[r][c] else None)
        finally:
            self.table.setUpdatesEnabled(True)

    def _resize(self, rows: int, cols: int) -> None:
        if (self.table.rowCount(), self.table.columnCount()) != (rows, cols):
            self._texts_changed = True
            self._grid = None               # new rows or columns: every cell is written
        if self.table.rowCount() != rows:
            self.table.setRowCount(rows)
        if self.table.columnCount() != cols:
            self.table.setColumnCount(cols)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns(measure=False)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        self._needs = None                  # a new font (the zoom): measure again
        if event.type() == QEvent.FontChange:   # (a header could keep the zoom's old font)
            for header in (self.table.horizontalHeader(), self.table.verticalHeader()):
                if header.font() != self.table.font():
                    header.setFont(self.table.font())

    def _fit_columns(self, measure: bool = True) -> None:
        """Columns as wide as COLUMN_WIDTH, narrower (to MIN_COLUMN) if that avoids a
        horizontal scroll bar, but never narrower than their widest number or header: a
        clipped number is worse than a scroll bar. The texts are measured again only when
        they changed (`measure`), not when the table is merely resized."""
        tab = self.table
        cols = tab.columnCount()
        if not cols:
            return
        room = self.width() - tab.verticalHeader().width() - 2 * tab.frameWidth() - 2
        share = int(max(MIN_COLUMN, min(COLUMN_WIDTH, room / cols)))
        needs = getattr(self, "_needs", None)
        if measure or needs is None or len(needs) != cols:
            needs = self._needs = [self._need(c) for c in range(cols)]
        header = tab.horizontalHeader()
        for c in range(cols):
            width = max(share, needs[c])
            if header.sectionSize(c) != width:
                header.resizeSection(c, width)

    def _need(self, c: int) -> int:
        """Pixels column c needs for its header and its widest number."""
        tab = self.table
        need = 0
        head = tab.horizontalHeaderItem(c)
        if head is not None:
            need = tab.horizontalHeader().fontMetrics().horizontalAdvance(head.text()) + 14
        texts = [row[c] for row in self._texts if c < len(row) and row[c] is not None]
        if texts:            # measure the longest few only: one font call per column, not per cell
            longest = sorted(texts, key=len)[-3:]
            need = max(need, max(tab.fontMetrics().horizontalAdvance(t) for t in longest) + 12)
        return need

    def _cell(self, r: int, c: int, value) -> None:
        item = self.table.item(r, c)
        if item is None:
            item = QTableWidgetItem()
            item.setTextAlignment(RIGHT)
            self.table.setItem(r, c, item)
        old = self._texts[r][c]         # (None: unknown since a new shape); grey is "?"
        text = self._texts[r][c] = "?" if value is None else shown_number(num(value))
        item.setData(VALUE_ROLE, value)
        if value is not None:
            item.setToolTip(shown_number(full(value)))
        if (item.text() if old is None else old) == text:
            return
        self._texts_changed = True
        if value is None:
            item.setText("?")
            item.setForeground(GREY)
            item.setToolTip(self.tr("not computed yet at this step"))
        else:
            item.setText(text)
            if old is None or old == "?":
                item.setForeground(INK)

    def _fit_height(self, rows: int) -> None:
        header = max(self.table.horizontalHeader().sizeHint().height(), 24)
        tab = self.table
        wide = (tab.horizontalHeader().length() + tab.verticalHeader().width()
                + 2 * tab.frameWidth() > tab.width())
        scroll = max(18, tab.horizontalScrollBar().sizeHint().height()) if (
            wide or tab.columnCount() > 8) else 0
        row = max(22, self.table.fontMetrics().height() + 6)       # follows the zoomed font
        if self.table.verticalHeader().defaultSectionSize() != row:
            self.table.verticalHeader().setDefaultSectionSize(row)
        for r in range(rows):
            if self.table.rowHeight(r) != row:
                self.table.setRowHeight(r, row)
        height = header + row * rows + 6 + scroll
        if height != self.table.height() or height != self.table.minimumHeight():
            self.table.setFixedHeight(height)
