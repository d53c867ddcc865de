"""Where a descent panel puts its controls: above its plot, in rows, when the panel is tall
enough; beside it, in a column, when the panel is a wide, low strip — the Descent dock along the
bottom of a 1366×768 screen, where the rows above left the plot 70 pixels high.

The panel gives its controls as groups (one row each above the plot; two or three to a row
in the column beside it), the texts that say what the plot shows (under the plot, or under
the controls in the column), and the plot."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QGridLayout, QVBoxLayout, QWidget

WIDE = 2.4          # beside the plot once the panel is this many times wider than high …
TALL = 2.0          # … and above it again below this (between the two: as it is)
LOW_LINES = 26      # … and only while the panel is lower than this many text lines


class SideOrAbove:
    def __init__(self, panel: QWidget, groups: list[tuple[list[QWidget], int]],
                 side_texts: list[QWidget], texts: list[QWidget], plot: QWidget):
        """`groups`: (widgets, how many to a row beside the plot); `side_texts` stay with the
        controls (an error message); `texts` go under the plot or under the controls."""
        self.panel, self.groups, self.side_texts, self.texts = panel, groups, side_texts, texts
        self.grids = [QGridLayout() for _ in groups]
        self.side = QVBoxLayout()
        self.below = QVBoxLayout()
        self.outer = QBoxLayout(QBoxLayout.TopToBottom, panel)
        self.outer.addLayout(self.side)
        self.outer.addWidget(plot, 1)
        self.outer.addLayout(self.below)
        self.beside = None
        self.arrange(False)

    def fit(self) -> None:
        """After a resize: beside or above, whichever the panel's shape now asks for."""
        w, h = self.panel.width(), self.panel.height()
        low = h < LOW_LINES * self.panel.fontMetrics().height()
        if not self.beside and low and w > WIDE * h:
            self.arrange(True)
        elif self.beside and (not low or w < TALL * h):
            self.arrange(False)

    def arrange(self, beside: bool) -> None:
        if beside == self.beside:
            return
        self.beside = beside
        for layout in (*self.grids, self.side, self.below):
            while layout.count():
                layout.takeAt(0)          # (the widgets stay the panel's)
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
