"""pyqtgraph's "A" (auto-range) button is hidden on every plot of the window, and each plot's
right-click menu fits the view again after the wheel zoomed it."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from bpviz.ui.training.loss_plot import LossPlot
from bpviz.ui.widgets.plot_fit import fit_action

try:
    from .window_helpers import open_window, snapshot  # noqa: F401
except ImportError:
    from window_helpers import open_window, snapshot  # noqa: F401


def wheel(view: pg.GraphicsView, notches: int = 3) -> None:
    """Turn the mouse wheel over the middle of the view (zooming in)."""
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def plot_items(win):
    for view in win.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.PlotItem):
                yield view, item


def test_no_plot_shows_the_auto_range_button(qtbot):
    win = open_window(qtbot, "xor")
    try:
        found = list(plot_items(win))
        names = {view.objectName() for view, _ in found}
        assert {"network_view", "loss_plot", "decision_boundary"} <= names
        for view, item in found:
            assert item.buttonsHidden, view.objectName()
            item.mouseHovering = True              # as pyqtgraph sets it under the mouse
            item.vb.disableAutoRange()             # a moved view: where the button would show
            item.updateButtons()
            assert not item.autoBtn.isVisible(), view.objectName()
    finally:
        win.close()


def test_the_loss_plot_menu_fits_the_view_again(qtbot):
    win = open_window(qtbot, "xor")
    try:
        plot = win.findChildren(LossPlot)[0]
        plot.add(snapshot(1, [0.7, 0.5, 0.3, 0.2, 0.1, 0.05, 0.04, 0.03]))
        qtbot.wait(20)
        vb = plot.plot.getPlotItem().vb
        full = np.array(vb.viewRange())
        wheel(plot.plot)
        zoomed = np.array(vb.viewRange())
        assert not plot.follow.isChecked()
        assert zoomed[0, 1] - zoomed[0, 0] < 0.9 * (full[0, 1] - full[0, 0])
        action = fit_action(plot.plot)
        assert action.text() == "Fit the view: show everything"
        assert action in vb.menu.actions() and vb.menu.actions()[0] is action
        action.trigger()
        assert plot.follow.isChecked()
        np.testing.assert_allclose(vb.viewRange(), full)
    finally:
        win.close()


def test_a_plain_plot_menu_follows_all_the_data_again(qtbot):
    from bpviz.ui.descent.plots import PathPlot
    plot = PathPlot("x", "f(x)")
    qtbot.addWidget(plot)
    plot.resize(500, 400)
    plot.show()
    qtbot.waitExposed(plot)
    plot.add_path(np.array([-4.0, -2.0, 0.0, 3.0]), np.array([16.0, 4.0, 0.0, 9.0]), "#1f77b4", None)
    plot.getPlotItem().vb.autoRange(padding=0)
    full = np.array(plot.getViewBox().viewRange())
    assert full[0, 0] <= -4 and full[0, 1] >= 3 and full[1, 0] <= 0 and full[1, 1] >= 16
    wheel(plot)
    (x0, x1), _ = plot.getViewBox().viewRange()
    assert x1 - x0 < 0.9 * (full[0, 1] - full[0, 0])
    fit_action(plot).trigger()
    (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
    assert x0 <= -4 and x1 >= 3 and y0 <= 0 and y1 >= 16           # every point in view again
    assert all(plot.getViewBox().autoRangeEnabled())                # and followed from now on
