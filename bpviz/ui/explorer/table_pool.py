"""The inspector's value tables, one per title.

A walk step shows a few tables (a layer's vectors, ∂C/∂Wˡ, Wˡ …). A table that showed a title
shows it again whenever that title comes back (W¹ moves from the second place to the third
between two steps: its table moves with it and keeps its cells, summary and picture); a new
title takes a new table while there are few, else the one unused longest. Hidden tables keep
what they showed, ready for their title's next turn.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from .value_table import ValueTable

TABLE_POOL = 12     # tables kept: each title of a small network keeps its own


class TablePool:
    def __init__(self, box: QWidget, on_pick):
        self.box, self.on_pick = box, on_pick          # on_pick(text): a cell was selected
        self.layout = QVBoxLayout(box)
        self.layout.setContentsMargins(2, 0, 2, 0)
        self.layout.addStretch(1)
        self.tables: list[ValueTable] = []            # the shown ones first, in order
        self._turn = 0                                 # steps shown (when each was last used)

    def _new(self) -> ValueTable:
        t = ValueTable(self.box)
        t.last_used = 0
        t.value_picked.connect(self.on_pick)
        self.layout.insertWidget(len(self.tables), t)
        self.tables.append(t)
        return t

    def show(self, calls) -> None:
        """Show `calls` [(method, title, *args)] in this order, one table each (the method of
        ValueTable that fills it, and its arguments); unused tables hide."""
        free = list(self.tables)
        chosen = []
        for _, title, *_ in calls:
            same = next((t for t in free if t.shown_title == title), None)
            if same is not None:
                free.remove(same)
            chosen.append(same)
        free.sort(key=lambda t: t.last_used)
        chosen = [t if t is not None else (
            self._new() if len(self.tables) < TABLE_POOL or not free else free.pop(0))
            for t in chosen]
        self._turn += 1
        for t in chosen:
            t.last_used = self._turn
        # the shown tables on top, in order (what others add below them stays below)
        for i, t in enumerate(chosen):
            if self.layout.indexOf(t) != i:
                self.layout.removeWidget(t)
                self.layout.insertWidget(i, t)
        self.tables[:] = chosen + [t for t in self.tables if t not in chosen]
        # showing a table lays the box out at once: the tables are shown and hidden together
        # and the box laid out once, before any is filled (it had been laid out anew for each
        # table shown, some 11 moves and resizes of tables a step)
        unused = [t for t in self.tables[len(chosen):] if not t.isHidden()]
        hidden = [t for t in chosen if t.isHidden()]
        if hidden or unused:
            self.layout.setEnabled(False)
            for t in unused:
                t.hide()
            for t in hidden:
                t.show()
            self.layout.setEnabled(True)
            if hidden:                 # (their width now, before they are filled)
                self.layout.activate()
        for t, (method, *args) in zip(chosen, calls):
            getattr(t, method)(*args)
