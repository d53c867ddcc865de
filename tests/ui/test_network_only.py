"""View → Network view only (Ctrl+Shift+N): the view takes the window for a projector, and the
same key brings back exactly what it hid."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

try:
    from .window_helpers import open_active
except ImportError:
    from window_helpers import open_active


def shown_docks(win):
    return {d.objectName() for d in win.findChildren(QDockWidget) if d.isVisible()}


def test_ctrl_shift_n_gives_the_network_view_the_window_and_takes_it_back(qtbot):
    win = open_active(qtbot, "mnist", (1366, 768))
    try:
        view = win.network_view
        before = shown_docks(win)
        assert before and win.inspector.isVisible()
        width, height = view.width(), view.height()
        qtbot.keyClick(win, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
        qtbot.waitUntil(lambda: not win.inspector.isVisible())
        assert shown_docks(win) == set()
        qtbot.waitUntil(lambda: view.width() >= 0.95 * win.width())
        assert view.height() > 1.3 * height and view.width() > 1.5 * width
        assert win.findChild(QAction, "network_only").isChecked()
        assert "Ctrl+Shift+N" in win.statusBar().currentMessage()
        qtbot.keyClick(win, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
        qtbot.waitUntil(lambda: win.inspector.isVisible())
        assert shown_docks(win) == before
        assert not win.findChild(QAction, "network_only").isChecked()
        # View → Reset layout while the view has the window: the inspector comes back too
        qtbot.keyClick(win, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
        qtbot.waitUntil(lambda: not win.inspector.isVisible())
        win.findChild(QAction, "reset_layout").trigger()
        assert win.inspector.isVisible() and not win.findChild(QAction, "network_only").isChecked()
    finally:
        win.close()
