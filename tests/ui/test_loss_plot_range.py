"""The empty loss plot shows a plausible range, and losses that are not finite never break it."""


import numpy as np

from bpviz.ui.training.loss_plot import LossPlot

try:
    from .window_helpers import open_window, snapshot, trigger
except ImportError:
    from window_helpers import open_window, snapshot, trigger  # noqa: F401


def y_range(plot):
    return plot.plot.getPlotItem().vb.viewRange()[1]


def test_empty_loss_plot_shows_a_plausible_loss_range(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(800, 250)
    plot.show()
    lo, hi = y_range(plot)                      # log y: decades 10⁻³ … 10¹
    assert -3.5 < lo < -2.5 and 0.5 < hi < 1.5
    plot.log_y.setChecked(False)
    lo, hi = y_range(plot)
    assert -1 < lo <= 0 and 5 <= hi <= 11
    plot.log_y.setChecked(True)
    plot.clear()
    lo, hi = y_range(plot)
    assert -3.5 < lo < -2.5 and 0.5 < hi < 1.5


def test_non_finite_losses_never_break_the_range(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.show()
    plot.add(snapshot(1, [np.nan, np.inf, -np.inf]))
    assert all(np.isfinite(y_range(plot)))
    plot.add(snapshot(4, [0.5, np.inf, 0.25, np.nan, 0.0]))
    lo, hi = y_range(plot)
    assert np.isfinite(lo) and np.isfinite(hi) and lo < np.log10(0.25) < hi
    assert np.all(np.isfinite(plot.train.y)) and plot.train.n == 3
    plot.log_y.setChecked(False)
    assert all(np.isfinite(y_range(plot)))


def test_loss_axis_tick_labels_do_not_overlap_in_presentation_mode(qtbot):
    from itertools import combinations

    from PySide6.QtGui import QImage, QPainter

    from bpviz.ui.lecture.zoom import zoom
    win = open_window(qtbot, "xor", (1920, 1080))
    try:
        trigger(win, "presentation_mode")
        assert zoom().factor == 2.0
        plot = win.findChildren(LossPlot)[0]
        plot.add(snapshot(1, [8.0, 2.0, 0.5, 0.1, 0.02, 0.004, 0.002]))
        qtbot.wait(50)
        for side in ("left", "right"):
            axis = plot.plot.getPlotItem().getAxis(side)
            image = QImage(10, 10, QImage.Format_ARGB32)
            painter = QPainter(image)         # its default font is the (zoomed) application font
            try:
                texts = axis.generateDrawSpecs(painter)[2]
            finally:
                painter.end()
            rects = [rect for rect, _flags, text in texts if text]
            assert len(rects) >= 3
            for a, b in combinations(rects, 2):
                overlap = a.intersected(b)
                assert overlap.width() < 1 or overlap.height() < 1, f"{side} ticks overlap"
    finally:
        zoom().set_factor(1.0)
        win.close()


def _blue_pixels_left_half(plot):
    """Pixels of the training curve's colour in the left half of the plot area (the legend,
    which has a sample of that colour, is at the right)."""
    vb = plot.plot.getPlotItem().vb
    rect = plot.plot.mapFromScene(vb.sceneBoundingRect()).boundingRect()
    image = plot.plot.grab().toImage()
    count = 0
    for x in range(rect.left(), rect.left() + rect.width() // 2):
        for y in range(rect.top(), rect.bottom(), 2):
            c = image.pixelColor(x, y)
            count += abs(c.red() - 0x21) + abs(c.green() - 0x66) + abs(c.blue() - 0xAC) < 60
    return count


def test_one_epoch_of_loss_is_drawn_as_a_dot(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(800, 250)
    plot.show()
    assert _blue_pixels_left_half(plot) == 0
    plot.add(snapshot(1, [0.08]))                   # one MNIST epoch: one point, no line
    assert plot.train_curve.opts["symbol"] == "o"
    assert _blue_pixels_left_half(plot) > 0
    plot.add(snapshot(2, [0.05]))                   # two points make a line: no dots
    assert plot.train_curve.opts["symbol"] is None
    assert _blue_pixels_left_half(plot) > 0


def test_a_low_loss_plot_drops_its_legend_and_axis_titles_and_a_higher_one_shows_them(qtbot):
    """A 1024×600 window left the loss curve ~40 px high with its legend over the axis."""
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(800, 70)                    # the plot itself ~45 px: under 5 text lines
    plot.show()
    qtbot.waitExposed(plot)
    item = plot.plot.getPlotItem()
    qtbot.waitUntil(lambda: not plot.legend.isVisible())
    assert not item.getAxis("left").label.isVisible() and not item.getAxis("bottom").label.isVisible()
    plot.resize(800, 400)
    qtbot.waitUntil(lambda: plot.legend.isVisible())
    assert item.getAxis("left").label.isVisible() and item.getAxis("right").label.isVisible()
