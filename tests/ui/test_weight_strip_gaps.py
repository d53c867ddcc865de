"""The gaps of the MNIST hidden-unit weight strip are in ems of the view's font, so they grow
with the presentation zoom like the images and the labels do."""

import numpy as np
from PySide6.QtCore import QPointF

from bpviz.ui.lecture.zoom import zoom
from bpviz.ui.mnist.weight_strip import COLUMN_GAP_EM

try:
    from .window_helpers import open_window, trigger  # noqa: F401
except ImportError:
    from window_helpers import open_window, trigger  # noqa: F401


def column_gap(view) -> float:
    """Screen pixels between the strip's two columns (odd units right, even units left)."""
    strip = view.digit_items.strip
    vb = view.getViewBox()
    right = vb.mapViewToDevice(QPointF(strip._rects[0].left(), 0)).x()
    left = vb.mapViewToDevice(QPointF(strip._rects[1].right(), 0)).x()
    return right - left


def test_the_strip_gap_is_in_ems_and_grows_with_the_zoom(qtbot):
    win = open_window(qtbot, "mnist", (1920, 1080))
    try:
        view = win.network_view
        em = view.digit_items.strip.em()
        gap_1x = column_gap(view)
        assert abs(gap_1x - COLUMN_GAP_EM * em) < 0.05
        trigger(win, "presentation_mode")
        qtbot.wait(100)
        assert zoom().factor == 2.0
        gap_2x = column_gap(view)
        assert abs(gap_2x - 2 * COLUMN_GAP_EM * em) < 0.2
    finally:
        zoom().set_factor(1.0)
        win.close()


def named(view, name):
    """The view's scene item with object name `name` (as a script finds it)."""
    found = [item for item in view.scene().items()
             if hasattr(item, "objectName") and item.objectName() == name]
    assert len(found) == 1, name
    return found[0]


def image_px(view, strip) -> float:
    """An image's height on screen: its column's rectangle mapped to the device."""
    vb = view.getViewBox()
    r = strip._rects[0]
    top = vb.mapViewToDevice(QPointF(0, r.bottom())).y()
    bottom = vb.mapViewToDevice(QPointF(0, r.top())).y()
    units = len(range(0, strip.n, len(strip.columns)))
    return (bottom - top) / (units * 32 - 4) * 28 * view.transform().m11()


def every_unit_hit_and_drawn(strip, w1):
    k = len(strip.columns)
    for j in range(strip.n):
        r = strip._rects[j % k]
        i = j // k
        # image i of the column, counted from the top; y grows upwards in the view
        y = r.bottom() - (i * 32 + 14) / (len(range(j % k, strip.n, k)) * 32 - 4) * r.height()
        assert strip.unit_at(r.center().x(), y) == j
        mosaic = strip.columns[j % k].image[::-1]
        assert np.array_equal(mosaic[i * 32:i * 32 + 28], w1[j].reshape(28, 28))


def test_the_strip_takes_more_columns_where_two_would_draw_small_images(qtbot):
    win = open_window(qtbot, "mnist", (1920, 1080))
    try:
        view = win.network_view
        strip = view.digit_items.strip
        w1 = np.asarray(win.session.network.weights[0], dtype=float)
        assert len(strip.columns) == 2 and image_px(view, strip) >= 24
        every_unit_hit_and_drawn(strip, w1)
        trigger(win, "presentation_mode")            # 2×: the neurons' spacing shrinks
        qtbot.waitUntil(lambda: len(strip.columns) > 2, timeout=3000)   # (refitted after the zoom)
        k = len(strip.columns)
        assert k > 2 and image_px(view, strip) >= 24
        for c in range(k + 1, 5):                    # the columns not in use are hidden
            assert not named(view, f"hidden_weight_strip_{c}").isVisible()
        every_unit_hit_and_drawn(strip, w1)
        image = view.layout_.image_rect                # still clear of the input image
        assert strip.rect[0] > image[0] + image[2]
        zoom().set_factor(1.0)
        qtbot.waitUntil(lambda: len(strip.columns) == 2, timeout=3000)
        assert not named(view, "hidden_weight_strip_3").isVisible()
        every_unit_hit_and_drawn(strip, w1)
    finally:
        zoom().set_factor(1.0)
        win.close()
