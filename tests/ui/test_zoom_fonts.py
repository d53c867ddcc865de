"""Presentation mode reaches the dock titles and the labels that carry a style sheet."""

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel

from bpviz.ui.lecture.zoom import zoom

try:
    from .window_helpers import fresh_settings, open_window, trigger
except ImportError:
    from window_helpers import fresh_settings, open_window, trigger  # noqa: F401


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
