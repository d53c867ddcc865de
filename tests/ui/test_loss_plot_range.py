"""The empty loss plot shows a plausible range, and losses that are not finite never break it."""


import numpy as np

from bpviz.ui.training.loss_plot import LossPlot

try:
    from .window_helpers import fresh_settings, open_window, snapshot, trigger
except ImportError:
    from window_helpers import fresh_settings, open_window, snapshot, trigger  # noqa: F401


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
