"""A panel brought forward by a click on its tab gets more than a strip of a small screen."""

from PySide6.QtWidgets import QDockWidget

try:
    from .window_helpers import click_dock_tab as click_tab
    from .window_helpers import open_window
except ImportError:
    from window_helpers import click_dock_tab as click_tab
    from window_helpers import open_window


def test_the_network_and_data_tabs_take_room_when_clicked(qtbot):
    """At 1366×768 with MNIST the Network tab had opened as a 149-px strip under the decision
    boundary and the MNIST panels, its layer rows to be scrolled to; a click on its tab now
    takes the column's height down to the minimum of the docks above it."""
    win = open_window(qtbot, "mnist", (1366, 768))
    try:
        training = win.findChild(QDockWidget, "training_dock")
        strip = training.height()                             # the tab group's share
        assert strip < 0.2 * win.height()
        for name, title in (("architecture_dock", "Network"), ("data_dock", "Data")):
            dock = win.findChild(QDockWidget, name)
            click_tab(qtbot, win, title)
            qtbot.waitUntil(lambda d=dock: d.isVisible() and d.height() >= strip + 40, timeout=2000)
            above = [d for d in win.findChildren(QDockWidget) if d.isVisible()
                     and not d.visibleRegion().isEmpty() and d.y() < dock.y()
                     and win.dockWidgetArea(d) == win.dockWidgetArea(dock)]
            assert above and all(d.height() <= d.minimumSizeHint().height() + 2 for d in above)
    finally:
        win.close()
