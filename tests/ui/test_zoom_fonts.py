"""Presentation mode reaches the dock titles and the labels that carry a style sheet."""

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel

from bpviz.ui.lecture.zoom import zoom

try:
    from .window_helpers import open_window, trigger
except ImportError:
    from window_helpers import open_window, trigger  # noqa: F401


def test_dock_titles_and_styled_labels_follow_the_zoom(qtbot):
    win = open_window(qtbot, "xor", (1920, 1080))
    try:
        base = QApplication.font().pointSizeF()
        hint = win.findChild(QLabel, "selection_info")
        before = QFontMetricsF(hint.font()).height()
        trigger(win, "presentation_mode")
        qtbot.wait(20)
        dock = win.findChild(QDockWidget, "loss_dock")
        assert abs(dock.font().pointSizeF() - 2 * base) < 0.01
        # the dock draws its title in its own font only when that is not the class font
        assert dock.font() != QApplication.font("QDockWidget")
        assert QFontMetricsF(hint.font()).height() > 1.6 * before
    finally:
        zoom().set_factor(1.0)
        win.close()


def test_presentation_zoom_fits_a_1920_screen_and_zooms_the_legend(qtbot):
    """At 2× on a 1920 × 1080 screen, after walking into the backward pass (long exact
    values, wide tables), no dock or label asks for more than the screen's width; the loss
    plot's legend labels are twice their 1× size."""
    import pyqtgraph as pg

    for preset in ("xor", "mnist"):
        win = open_window(qtbot, preset, (1920, 1080))
        try:
            legend = win.findChild(pg.PlotWidget, "loss_plot").getPlotItem().legend
            size_1x = legend.items[0][1].item.boundingRect().height()
            trigger(win, "presentation_mode")
            for _ in range(4):
                trigger(win, "step_forward")
                qtbot.wait(50)
            qtbot.wait(200)
            assert win.minimumSizeHint().width() <= 1920, preset
            assert win.width() <= 1920, preset
            assert legend.opts["labelTextSize"] == "18pt"
            assert legend.items[0][1].item.boundingRect().height() > 1.6 * size_1x
        finally:
            zoom().set_factor(1.0)
            win.close()
    assert legend.opts["labelTextSize"] == "9pt"


def test_at_presentation_size_the_mnist_views_labels_neither_overlap_nor_leave_the_view(qtbot):
    from PySide6.QtWidgets import QLabel

    win = open_window(qtbot, "mnist", (1920, 1080))
    try:
        sentence = win.findChild(QLabel, "legend_text")
        assert sentence.isVisible()
        trigger(win, "presentation_mode")
        for _ in range(6):                               # to the end: three lines of result
            trigger(win, "step_forward")
            qtbot.wait(50)
        qtbot.wait(200)
        view = win.network_view
        assert not sentence.isVisible()                  # its room goes to the network
        assert "Edges: colour = sign of" in win.panel.legend.bar.toolTip()
        labels = [item.mapRectToScene(item.boundingRect()) for item in view.digit_items.digits]
        for upper, lower in zip(labels, labels[1:]):     # digit 0 on top
            assert upper.bottom() <= lower.top() + 0.5
        area = view.getViewBox().sceneBoundingRect()
        result = view.result_text.mapRectToScene(view.result_text.boundingRect())
        assert area.left() - 1 <= result.left() and result.right() <= area.right() + 1
        # the result's three lines sit under the network, not over its last neurons
        lowest = view.getViewBox().mapViewToScene(QPointF(0, float(view.layout_.node_y.min()))).y()
        assert result.top() >= lowest and result.bottom() <= area.bottom() + 1
        assert not any(result.intersects(r) for r in labels)
        zoom().set_factor(1.0)
        qtbot.wait(50)
        assert sentence.isVisible()
    finally:
        zoom().set_factor(1.0)
        win.close()


def test_a_fields_message_beside_it_grows_with_the_zoom_and_is_cut_visibly(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QLineEdit

    win = open_window(qtbot, "toy-40-80", (1920, 1080))
    try:
        field = win.findChild(QLineEdit, "learning_rate")
        error = win.findChild(QLabel, "learning_rate_error")
        room = error.maximumWidth()
        trigger(win, "presentation_mode")
        qtbot.wait(50)
        assert abs(error.maximumWidth() - 2 * room) <= 2          # its room follows the font
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, "abc")
        qtbot.keyClick(field, Qt.Key_Return)
        whole = error.toolTip()
        assert whole.startswith("learning rate η: expected a number") and error.isVisible()
        shown = error.text()
        assert shown == whole or (shown.endswith("…") and whole.startswith(shown[:-1]))
        assert error.fontMetrics().horizontalAdvance(shown) <= error.maximumWidth()
    finally:
        zoom().set_factor(1.0)
        win.close()
