"""Edge labels sit where the fewest other edges run under them: the geometry on made-up
segments (counts worked out by hand), and the XOR view, where labels used to sit on
crossings."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QRectF  # noqa: E402

from bpviz.ui.widgets.label_fit import EDGE_STOPS, crossings, place_edge_labels  # noqa: E402

try:
    from .window_helpers import open_window  # noqa: F401,E402
except ImportError:
    from window_helpers import open_window  # noqa: F401,E402


def test_crossings_counts_segments_through_each_rectangle():
    rects = np.array([[0, 0, 10, 10],          # the unit box
                      [20, 20, 30, 30]], float)
    segments = np.array([[-5, 5, 15, 5],      # horizontal, through the box
                         [5, -5, 5, 15],      # vertical, through the box
                         [-5, -5, -1, 20],    # left of the box, through neither
                         [2, 2, 3, 3],        # inside the box entirely
                         [-10, 0, 40, 50],    # diagonal y = x + 10: misses the box
                                              # (touches (0, 10)) and crosses the second
                         [25, 0, 25, 100]], float)   # vertical through the second only
    assert list(crossings(rects, segments)) == [4, 2]


def test_a_label_moves_off_a_crossing_edge_when_another_stop_is_clear():
    # edge A runs left to right; edge B crosses it exactly at A's first stop (0.72)
    a = (0.0, 100.0, 100.0, 100.0)
    x = 100 * EDGE_STOPS[0]
    b = (x, 0.0, x, 200.0)
    spots = place_edge_labels({"a": a, "b": b}, {"a": (20.0, 10.0), "b": (20.0, 10.0)}, [])
    assert spots["a"] != (x, 100.0)                           # not on B
    t = (spots["a"][0] - a[0]) / 100
    assert t == EDGE_STOPS[1]                                 # the next stop, clear of B
    # with nothing in the way the first stop is kept, as before
    alone = place_edge_labels({"a": a}, {"a": (20.0, 10.0)}, [])
    assert alone["a"] == (x, 100.0)


def test_obstacles_still_come_first():
    a = (0.0, 0.0, 100.0, 0.0)
    x = 100 * EDGE_STOPS[0]
    blocked = [QRectF(100 * t - 1, -1, 2, 2) for t in EDGE_STOPS]   # every stop covered
    assert place_edge_labels({"a": a}, {"a": (10.0, 10.0)}, blocked) == {}
    assert place_edge_labels({"a": a}, {"a": (10.0, 10.0)}, blocked, forced=["a"]) == {"a": (x, 0.0)}


def under_other_edges(win) -> int:
    """Shown edge labels that another edge of the view runs under (the layout's coordinates)."""
    texts = win.network_view.texts
    lay = texts.lay
    segments = np.array([(lay.edge_x0[e], lay.edge_y0[e], lay.edge_x1[e], lay.edge_y1[e])
                         for e in range(len(lay.edge_x0))])
    count = 0
    for item in texts.edge.values():
        if not item.isVisible():
            continue
        r = item.mapRectToView(item.boundingRect())        # in the layout's coordinates
        rect = np.array([[r.left(), min(r.top(), r.bottom()), r.right(), max(r.top(), r.bottom())]])
        count += int(crossings(rect, segments)[0]) - 1
    return count


def test_xor_labels_sit_on_fewer_other_edges(qtbot, monkeypatch):
    import bpviz.ui.widgets.label_fit as fit

    win = open_window(qtbot, "xor", (1366, 768))
    try:
        now = under_other_edges(win)
        first_free = fit.place_edge_labels

        def old_rule(edges, sizes, obstacles, forced=()):     # the first free stop, as before
            taken, spots = list(obstacles), {}
            for key in [k for k in forced if k in edges] + [k for k in edges if k not in forced]:
                x0, y0, x1, y1 = edges[key]
                w, h = sizes[key]
                for t in EDGE_STOPS:
                    rect = QRectF(x0 + t * (x1 - x0) - w / 2, y0 + t * (y1 - y0) - h / 2, w, h)
                    if not any(rect.intersects(r) for r in taken):
                        taken.append(rect)
                        spots[key] = (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
                        break
            return spots

        monkeypatch.setattr("bpviz.ui.explorer.view_edge_labels.place_edge_labels", old_rule)
        win.network_view.texts.place_edges(None, None)
        before = under_other_edges(win)
        monkeypatch.setattr("bpviz.ui.explorer.view_edge_labels.place_edge_labels", first_free)
        win.network_view.texts.place_edges(None, None)
        assert under_other_edges(win) == now
        assert now < before, (now, before)
    finally:
        win.close()


def test_a_label_that_took_the_only_free_spot_of_another_moves_over():
    """Placed greedily, the first label took the one stop the second had free and the second
    went unshown, though the first had others (two of the toy's three converging W² labels
    had shown in presentation mode)."""
    edges = {"a": (0.0, 0.0, 100.0, 0.0), "b": (0.0, 10.0, 100.0, 10.0)}
    sizes = {"a": (2.0, 12.0), "b": (2.0, 12.0)}
    blocked = [QRectF(100 * t - 1, 9, 2, 2) for t in EDGE_STOPS[1:]]   # b: only the first stop
    spots = place_edge_labels(edges, sizes, blocked)
    assert set(spots) == {"a", "b"}
    assert spots["b"][0] == pytest.approx(100 * EDGE_STOPS[0])
    assert spots["a"][0] != pytest.approx(100 * EDGE_STOPS[0])
