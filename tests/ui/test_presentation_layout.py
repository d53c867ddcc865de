"""In presentation mode on a 1920 × 1080 window the loss curve keeps a useful share of the
height (the digit docks' tall panels scroll instead of holding the dock column up), and back
at normal size the docks are where a first launch puts them."""

import pyqtgraph as pg
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QScrollArea, QVBoxLayout, QWidget

from bpviz.ui.lecture.zoom import zoom
from bpviz.ui.widgets.dock import MIN_LINES, closable_dock

try:
    from .window_helpers import open_window, trigger  # noqa: F401
except ImportError:
    from window_helpers import open_window, trigger  # noqa: F401


def test_presentation_mode_leaves_the_loss_plot_a_sixth_of_the_window(qtbot):
    for preset in ("xor", "mnist"):
        win = open_window(qtbot, preset, (1920, 1080))
        try:
            plot = win.findChild(pg.PlotWidget, "loss_plot")
            loss = win.findChild(QDockWidget, "loss_dock")
            normal = loss.height()
            assert abs(normal - 0.23 * 1080) <= 2                # the first launch's band
            trigger(win, "presentation_mode")
            qtbot.wait(200)
            assert zoom().factor == 2.0
            assert plot.height() >= 1080 / 6, (preset, plot.height())
            assert loss.height() >= normal
            zoom().set_factor(1.0)
            qtbot.wait(200)
            assert abs(loss.height() - normal) <= 2, preset
        finally:
            zoom().set_factor(1.0)
            win.close()


def test_a_tall_panel_scrolls_in_its_dock_rather_than_squeezing_the_column(qtbot):
    win = open_window(qtbot, "xor", (1200, 800))
    try:
        panel = QWidget()
        rows = QVBoxLayout(panel)
        for i in range(40):                     # forty lines of text: far more than MIN_LINES
            rows.addWidget(QLabel(f"line {i}"))
        dock = closable_dock(win, "tall", "tall_dock", panel)
        scroll = dock.widget()
        assert isinstance(scroll, QScrollArea) and scroll.widget() is panel
        line = scroll.fontMetrics().height()
        assert panel.minimumSizeHint().height() > 30 * line
        assert scroll.minimumSizeHint().height() <= MIN_LINES * line
        assert scroll.minimumSizeHint().width() >= panel.minimumSizeHint().width()
        scroll.resize(300, 10 * line)
        qtbot.wait(20)
        assert panel.height() >= panel.minimumSizeHint().height()      # scrolled, not squeezed
        assert scroll.verticalScrollBar().maximum() > 0
    finally:
        win.close()


def test_training_toolbar_labels_are_shown_whole_or_behind_the_extension_at_2x(qtbot):
    # 1500 px at 2×: the toolbar has less room than its labels; none may be cut off
    from PySide6.QtWidgets import QToolBar

    for preset in ("xor", "mnist"):
        win = open_window(qtbot, preset, (1500, 950))
        try:
            bar = win.findChild(QToolBar, "training_toolbar")
            zoom().set_factor(2.0)         # (presentation mode itself is 1.55× at 1500 × 950)
            qtbot.wait(200)
            assert win.findChild(QAction, "presentation_mode").isChecked()
            checked = 0
            for label in bar.findChildren(QLabel):
                if not label.text().strip() or not label.isVisible():
                    continue
                needed = label.fontMetrics().horizontalAdvance(label.text())
                assert label.width() >= needed, (preset, label.text(), label.width(), needed)
                checked += 1
            assert checked >= 2, preset
            test = win.findChild(QLabel, "test_accuracy_label")
            if preset == "xor":          # no test set: its label takes no room at all
                assert not test.text() and not test.isVisible()
            else:
                assert test.text().startswith("test ")
        finally:
            zoom().set_factor(1.0)
            win.close()


def test_the_bug_lab_in_presentation_mode_at_1366_wraps_rather_than_cutting_its_lines(qtbot):
    """Opened in presentation mode at 1366×768, the bug lab's dock had been squeezed 46 pixels
    under its content's width and scrolled sideways: "gradient check" read "gradient chec".
    And the colour legend's controls, beside its bar at presentation size, had squeezed the
    bar's labels into each other in the narrower network panel."""
    from bpviz.ui.widgets.dock import bring_to_front
    win = open_window(qtbot, "xor", (1366, 768))
    try:
        trigger(win, "presentation_mode")
        dock = win.bug_lab_dock
        dock.show()
        bring_to_front(win, dock)
        qtbot.wait(200)
        viewport = dock.widget().viewport()
        lab = win.bug_lab
        assert lab.width() >= lab.minimumSizeHint().width()
        for box in lab.boxes.values():
            right = box.mapTo(viewport, box.rect().topRight()).x()
            assert right <= viewport.width(), box.text()
        legend = win.panel.legend                    # beside the bar or under it, the bar
        assert legend.bar.width() >= legend.bar.wanted_width()    # keeps its labels' width
    finally:
        zoom().set_factor(1.0)
        win.close()


def test_at_presentation_size_the_legend_controls_sit_beside_the_bar_where_it_has_room(qtbot):
    win = open_window(qtbot, "toy-40-80", (1366, 768))
    try:
        legend = win.panel.legend
        assert legend.controls.geometry().top() > legend.bar.geometry().bottom()    # 1×: under
        trigger(win, "presentation_mode")
        qtbot.wait(200)
        bar, controls = legend.bar.geometry(), legend.controls.geometry()
        assert controls.left() >= bar.right() and controls.top() < bar.bottom()       # beside
        assert bar.width() >= legend.bar.wanted_width()
    finally:
        zoom().set_factor(1.0)
        win.close()
