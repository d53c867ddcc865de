"""An inspector table's columns are as wide as their texts need: the texts are measured as
the cells were written, and follow every new shape, value and '?'."""

import numpy as np

from bpviz.ui.explorer.value_table import GREY, INK, ValueTable


def need_from_cells(t: ValueTable, c: int) -> int:
    """Column c's need read back from the table's own cells."""
    tab = t.table
    head = tab.horizontalHeaderItem(c)
    need = tab.horizontalHeader().fontMetrics().horizontalAdvance(head.text()) + 14 if head else 0
    texts = [tab.item(r, c).text() for r in range(tab.rowCount())]
    longest = sorted(texts, key=len)[-3:]
    return max(need, max(tab.fontMetrics().horizontalAdvance(s) for s in longest) + 12)


def test_column_widths_follow_the_texts_shown(qtbot):
    t = ValueTable()
    qtbot.addWidget(t)
    t.resize(700, 500)
    t.show()
    rng = np.random.default_rng(2)
    shows = [("m", (3, 4), 1e-9), ("m", (3, 4), 1.0), ("m", (5, 2), 123456.7), ("m", (5, 2), 0.0),
             ("v", 4, 1e5), ("v", 4, 1.0), ("known", 4, 1.0), ("v", 6, 1e-12)]
    for kind, shape, scale in shows + shows[::-1]:
        if kind == "m":
            t.show_matrix("W", rng.standard_normal(shape) * scale)
        else:                   # the last column not computed yet ('?') or known
            last = rng.standard_normal(shape) if kind == "known" else None
            t.show_vectors("layer", ["z", "a", "δ"], [rng.standard_normal(shape) * scale,
                                                      rng.standard_normal(shape), last], shape)
        for c in range(t.table.columnCount()):
            for r in range(t.table.rowCount()):       # the texts kept are the cells' own
                item = t.table.item(r, c)
                assert t._texts[r][c] == item.text()
                assert item.foreground().color() == (GREY if item.text() == "?" else INK)
            assert t._need(c) == need_from_cells(t, c)
            assert t.table.horizontalHeader().sectionSize(c) >= need_from_cells(t, c)
