"""Where a descent panel puts its controls: above its plot, in rows, when the panel is tall
enough; beside it, in a column, when the panel is a wide, low strip — the Descent dock along the
bottom of a 1366×768 screen, where the rows above left the plot 70 pixels high.

The panel gives its controls as groups (one row each above the plot; two or three to a row
in the column beside it), the texts that say what the plot shows (under the plot, or under
the controls in the column), and the plot."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QScrollArea, QVBoxLayout, QWidget

WIDE = 2.4          # beside the plot once the panel is this many times wider than high …
TALL = 2.0          # … and above it again below this (between the two: as it is)
LOW_LINES = 26      # … and only while the panel is lower than this many text lines,
PLOT_LINES = 20     # … and the plot keeps this many text lines of width beside the controls


class SideOrAbove(QObject):
    def __init__(self, panel: QWidget, groups: list[tuple[list[QWidget], int]],
                 side_texts: list[QWidget], texts: list[QWidget], plot: QWidget):
        """`groups`: (widgets, how many to a row beside the plot); `side_texts` stay with the
        controls (an error message); `texts` go under the plot or under the controls. The
        panel's resizes and font changes (the zoom) choose again."""
        super().__init__(panel)
        self.panel, self.groups, self.side_texts, self.texts = panel, groups, side_texts, texts
        self.grids = [QGridLayout() for _ in groups]
        self.side = QVBoxLayout()
        self.below = QVBoxLayout()
        self.outer = QBoxLayout(QBoxLayout.TopToBottom, panel)
        self.outer.addLayout(self.side)
        self.outer.addWidget(plot, 1)
        self.outer.addLayout(self.below)
        self.beside = None
        self._due = False
        self.arrange(False)
        panel.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # (chosen after the event: rearranging the layouts inside a resize that is still
        # being handled crashed a plot that was being resized)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange) and not self._due:
            self._due = True
            QTimer.singleShot(0, self, self._fit_now)
        return False

    def _fit_now(self) -> None:
        self._due = False
        self.fit()

    def fit(self) -> None:
        """After a resize or a new font: beside or above, whichever the panel's shape now
        asks for, and beside only where the plot keeps 20 text lines of width next to the
        controls (a narrow floating dock had kept them beside, the plot squeezed)."""
        w, h = self._visible_size()
        line = self.panel.fontMetrics().height()
        low = h < LOW_LINES * line
        room = w - self._side_width() >= PLOT_LINES * line
        if not self.beside and low and room and w > WIDE * h:
            self.arrange(True)
        elif self.beside and (not low or not room or w < TALL * h):
            self.arrange(False)

    def _visible_size(self) -> tuple[int, int]:
        """The panel's size as far as it is seen: a dock's scroll area shows less of it when
        the panel's minimum is wider than the dock (then it scrolls sideways)."""
        w, h = self.panel.width(), self.panel.height()
        parent = self.panel.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            w = min(w, parent.viewport().width())
            h = min(h, parent.viewport().height())
        return w, h

    def _side_width(self) -> int:
        """The controls' column's least width beside the plot: its widest row of controls."""
        spacing = self.side.spacing() if self.side.spacing() >= 0 else 6
        widest = 0
        for widgets, per_row in self.groups:
            for start in range(0, len(widgets), per_row):
                row = widgets[start:start + per_row]
                widest = max(widest, sum(w.minimumSizeHint().width() for w in row)
                             + spacing * (len(row) - 1))
        return widest + 2 * spacing

    def arrange(self, beside: bool) -> None:
        if beside == self.beside:
            return
        self.beside = beside
        for layout in (*self.grids, self.side, self.below):
            while layout.count():
                item = layout.takeAt(0)   # (the widgets stay the panel's)
                if item.layout() is None:
                    # a widget's item goes: Qt keeps only the first item made for a widget
                    # told of its size changes, and a stale one had cut the worked step
                    # beside the plot to one line of two
                    shiboken6.delete(item)
        for grid, (widgets, per_row) in zip(self.grids, self.groups):
            columns = per_row if beside else len(widgets)
            for i, w in enumerate(widgets):
                grid.addWidget(w, i // columns, i % columns)
            for c in range(len(widgets) + 1):
                grid.setColumnStretch(c, 0)
            if not beside:                # one row, packed to the left
                grid.setColumnStretch(len(widgets), 1)
            self.side.addLayout(grid)
        for w in self.side_texts:
            self.side.addWidget(w)
        for w in self.texts:
            (self.side if beside else self.below).addWidget(w)
        if beside:
            self.side.addStretch(1)
        self.outer.setDirection(QBoxLayout.LeftToRight if beside else QBoxLayout.TopToBottom)
