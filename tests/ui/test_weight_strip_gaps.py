"""The gaps of the MNIST hidden-unit weight strip are in ems of the view's font, so they grow
with the presentation zoom like the images and the labels do."""

from PySide6.QtCore import QPointF

from bpviz.ui.lecture.zoom import zoom
from bpviz.ui.mnist.weight_strip import COLUMN_GAP_EM

try:
    from .window_helpers import fresh_settings, open_window, trigger  # noqa: F401
except ImportError:
    from window_helpers import fresh_settings, open_window, trigger  # noqa: F401


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
