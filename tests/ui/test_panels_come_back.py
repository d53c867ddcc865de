"""Leaving Network view only (Ctrl+Shift+N) or presentation mode (Ctrl+Shift+P) puts back the
dock tabs that were in front, not the ones showing the docks again happens to choose, and the
status line stops saying a mode is on once it is off. (At 1366×768 on mnist the right column
came back with Draw a digit and Data in front instead of MNIST and Training, and the status
bar still said "Network view only: …" after leaving it.)"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from bpviz.ui.lecture.zoom import zoom

try:
    from .window_helpers import click_dock_tab, open_active
except ImportError:
    from window_helpers import click_dock_tab, open_active


def in_front(win) -> set[str]:
    """The titles of the docks drawn in the window (of a tab group, the chosen tab)."""
    return {d.windowTitle() for d in win.findChildren(QDockWidget)
            if d.isVisible() and not d.isFloating() and not d.visibleRegion().isEmpty()}


def click_tab(qtbot, win, title: str) -> None:
    click_dock_tab(qtbot, win, title)
    qtbot.waitUntil(lambda: title in in_front(win), timeout=2000)


def keys(qtbot, win, key) -> None:
    qtbot.keyClick(win, key, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.wait(50)


def test_network_view_only_gives_back_the_tabs_that_were_in_front(qtbot):
    win = open_active(qtbot, "mnist", (1366, 768))
    try:
        for chosen in (("Draw a digit", "Training"), ("MNIST", "Data")):
            for title in chosen:
                click_tab(qtbot, win, title)
            front = in_front(win)
            assert set(chosen) <= front
            for _ in range(2):                         # the first round trip and the next
                keys(qtbot, win, Qt.Key_N)
                qtbot.waitUntil(lambda: not win.inspector.isVisible())
                assert in_front(win) == set()
                assert "Network view only" in win.statusBar().currentMessage()
                keys(qtbot, win, Qt.Key_N)
                qtbot.waitUntil(win.inspector.isVisible)
                qtbot.wait(20)
                assert in_front(win) == front
                assert "Network view only" not in win.statusBar().currentMessage()
    finally:
        win.close()


def test_leaving_presentation_mode_gives_back_the_tabs_that_were_in_front(qtbot):
    win = open_active(qtbot, "mnist", (1366, 768))
    try:
        for title in ("Draw a digit", "Training"):
            click_tab(qtbot, win, title)
        front = in_front(win)
        keys(qtbot, win, Qt.Key_P)
        qtbot.waitUntil(lambda: "Draw a digit" not in in_front(win))
        keys(qtbot, win, Qt.Key_P)
        qtbot.waitUntil(win.inspector.isVisible)
        qtbot.wait(50)
        assert in_front(win) == front
        assert "Presentation mode" not in win.statusBar().currentMessage()
    finally:
        zoom().set_factor(1.0)
        win.close()
