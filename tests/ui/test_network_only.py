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


def test_closed_in_network_view_only_the_next_launch_has_the_panels(qtbot):
    """The layout saved at closing had been the one with every panel hidden: the next launch
    showed no docks, and nothing said why."""
    win = open_active(qtbot, "xor", (1366, 768))
    before = shown_docks(win)
    qtbot.keyClick(win, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: not win.inspector.isVisible())
    win.close()
    again = open_active(qtbot, "xor", (1366, 768))
    try:
        qtbot.waitUntil(lambda: shown_docks(again) == before)
        assert again.inspector.isVisible()
    finally:
        again.close()


def test_leaving_presentation_mode_brings_back_everything_network_view_only_hid(qtbot):
    """Presentation mode, then Ctrl+Shift+N, then leaving presentation mode: its layout came
    back (the docks) but the inspector stayed hidden and the mode stayed ticked."""
    from bpviz.ui.lecture.zoom import zoom
    win = open_active(qtbot, "xor", (1366, 768))
    try:
        before = shown_docks(win)
        presentation, only = (win.findChild(QAction, n) for n in ("presentation_mode", "network_only"))
        presentation.trigger()
        qtbot.keyClick(win, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
        qtbot.waitUntil(lambda: not win.inspector.isVisible())
        presentation.trigger()
        qtbot.waitUntil(lambda: win.inspector.isVisible())
        assert shown_docks(win) == before and not only.isChecked()
        # the other order: the view alone first, its key again while presenting
        qtbot.keyClick(win, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
        presentation.trigger()
        qtbot.keyClick(win, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
        presentation.trigger()
        qtbot.waitUntil(lambda: win.inspector.isVisible() and shown_docks(win) == before)
    finally:
        zoom().set_factor(1.0)
        win.close()
