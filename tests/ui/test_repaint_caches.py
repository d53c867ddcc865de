"""What the window caches to repaint a walk step quickly still shows what it must: the
inspector's tables (reused, only changed cells written) hold the step's numbers at every
step, and cached network-view labels look as they would uncached."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem

from bpviz.core.notation import num

try:
    from .window_helpers import open_window, trigger  # noqa: F401
except ImportError:
    from window_helpers import open_window, trigger  # noqa: F401


def expected_matrix(step, title: str):
    """The array a matrix table with this title must show (None: not a matrix table)."""
    walk, head = step.walk, title.split(" ")[0]
    for l in range(1, walk.L + 1):
        s = f"{'⁰¹²³⁴⁵⁶⁷⁸⁹'[l]}"
        if head == f"W{s}":
            return step.new_weights[l - 1] if "after the update" in title else walk.weights[l - 1]
        if head == f"∂C/∂W{s}":
            return step.grad_w[l - 1]
    return None


def check_tables(win):
    step = win.walk.step
    shown = [t for t in win.inspector.tables if not t.isHidden()]
    assert shown
    matrices = 0
    for t in shown:
        title = t.title.text().replace("<b>", "").replace("</b>", "")
        m = expected_matrix(step, title)
        if m is None:
            continue
        matrices += 1
        tab = t.table
        assert (tab.rowCount(), tab.columnCount()) == m.shape, title
        for r in range(m.shape[0]):
            for c in range(m.shape[1]):
                item = tab.item(r, c)
                assert item.data(Qt.UserRole) == m[r, c], (title, r, c)
                assert item.text() == num(m[r, c]), (title, r, c)
    if step.phase in ("forward", "backward", "update"):
        assert matrices >= 1


def test_tables_hold_each_steps_numbers(qtbot):
    """Two walks forward (the update applied in between), then all the way back: every
    matrix table shows its own matrix, cell for cell, after tables moved between steps."""
    win = open_window(qtbot, "toy-40-80")
    for _ in range(2 * win.walk.stepper.length):
        trigger(win, "step_forward")
        check_tables(win)
    assert len(win.walk.history) >= 1            # the walk went across an applied update
    while win.walk.can_go_back:
        trigger(win, "step_back")
        check_tables(win)
    win.close()


def channels(image) -> np.ndarray:
    """Every other pixel's red, green and blue, as ints."""
    rgb = [[image.pixel(x, y) for x in range(0, image.width(), 2)]
           for y in range(0, image.height(), 2)]
    v = np.array(rgb, dtype=np.int64)
    return np.stack([(v >> s) & 255 for s in (16, 8, 0)], axis=2)


@pytest.mark.parametrize("preset", ["toy-40-80", "mnist"])
def test_cached_items_paint_as_uncached(qtbot, preset):
    """Labels, edges and neurons drawn from their cached pictures look as drawn afresh."""
    win = open_window(qtbot, preset)
    view = win.network_view
    for _ in range(4):
        trigger(win, "step_forward")
        qtbot.wait(10)
        cached = view.grab().toImage()
        items = [i for i in view.scene().items() if i.cacheMode() != QGraphicsItem.NoCache]
        assert any(isinstance(i, QGraphicsTextItem) for i in items)
        assert view.edges.picture in items and view.nodes in items
        for item in items:
            item.setCacheMode(QGraphicsItem.NoCache)
        plain = view.grab().toImage()
        for item in items:
            item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        a, b = channels(cached), channels(plain)
        # half-transparent edges blended into their picture first may round one or two levels
        # apart; text placed at half pixels may move by one: nothing else may differ
        assert (np.abs(a - b).max(axis=2) > 3).mean() < 0.001
    win.close()



def test_shown_tables_stay_in_order_above_what_others_add_under_them(qtbot):
    """The pool moves tables between steps: the shown ones keep the walk's order, on top,
    and the per-sample panel the bug lab adds under the tables stays under them."""
    from PySide6.QtWidgets import QWidget

    win = open_window(qtbot, "toy-40-80")
    layout = win.inspector.tables_layout
    panel = win.findChild(QWidget, "per_sample")
    for _ in range(2 * win.walk.stepper.length):
        trigger(win, "step_forward")
        shown = [t for t in win.inspector.tables if not t.isHidden()]
        places = [layout.indexOf(t) for t in shown]
        assert places == sorted(places) and places[-1] < layout.indexOf(panel)
        titles = [t.shown_title for t in shown]
        assert titles == [t.shown_title for t in win.inspector.tables[:len(shown)]]
    win.close()


def test_the_cached_edge_legend_paints_as_a_fresh_one_after_each_change(qtbot):
    """The legend keeps its picture between paints; after the scale or the quantity
    changes it must show what a legend drawn from scratch in that state shows."""
    from bpviz.ui.widgets.colour_scale import ColourScale, LegendBar

    def picture(bar):
        return bar.grab().toImage()

    scale = ColourScale()
    bar = LegendBar(scale)
    qtbot.addWidget(bar)
    bar.resize(300, 60)
    scale.reference = 1.0
    bar.set_state("w", 8.0)
    first = picture(bar)
    assert picture(bar) == first                        # the kept picture, unchanged
    for change in (lambda: setattr(scale, "reference", 2.5), lambda: bar.set_state("∂C/∂w", 8.0),
                   lambda: bar.resize(240, 60)):
        change()
        fresh = LegendBar(scale)
        qtbot.addWidget(fresh)
        fresh.resize(bar.size())
        fresh.set_state(bar.quantity, bar.max_width)
        assert picture(bar) == picture(fresh)
        assert picture(bar) != first
