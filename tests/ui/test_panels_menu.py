"""View → Panels lists the window's docks: a lecturer closes the ones the lesson does not need
(the empty loss curve, the decision boundary of a single sample) and the network gets the room."""

from PySide6.QtWidgets import QDockWidget, QMenu

try:
    from .window_helpers import open_window, trigger
except ImportError:
    from window_helpers import open_window, trigger

DOCKS = {"Decision boundary": "boundary_dock", "Training": "training_dock", "Data": "data_dock",
         "Network": "architecture_dock", "Loss": "loss_dock", "Bug lab": "bug_lab_dock"}


def test_every_dock_is_in_view_panels_and_closing_one_gives_the_network_its_room(qtbot):
    win = open_window(qtbot, "toy-40-80", (1500, 950))
    try:
        panels = win.findChild(QMenu, "panels_menu")
        entries = {a.text().replace("&", ""): a for a in panels.actions()}
        assert set(DOCKS) <= set(entries)
        for title, name in DOCKS.items():
            dock = win.findChild(QDockWidget, name)
            assert dock.features() & QDockWidget.DockWidgetClosable, title
        loss = win.findChild(QDockWidget, "loss_dock")
        view = win.network_view
        before = view.height()
        entries["Loss"].trigger()
        qtbot.waitUntil(lambda: not loss.isVisible())
        qtbot.waitUntil(lambda: view.height() > before + 50)
        assert not entries["Loss"].isChecked()
        entries["Loss"].trigger()                       # and back
        qtbot.waitUntil(lambda: loss.isVisible())
        assert entries["Loss"].isChecked()
        loss.close()                                    # its title bar's close button
        qtbot.waitUntil(lambda: not loss.isVisible())
        trigger(win, "reset_layout")                    # View → Reset layout brings it back
        qtbot.waitUntil(lambda: loss.isVisible())
    finally:
        win.close()


def test_reset_layout_on_mnist_keeps_the_mnist_dock_in_front(qtbot):
    win = open_window(qtbot, "toy-40-80", (1500, 950))    # the layout a first launch saves
    try:
        win.load_preset("mnist")
        qtbot.wait(50)
        mnist = win.findChild(QDockWidget, "mnist_dock")
        assert mnist.isVisible()
        trigger(win, "reset_layout")
        qtbot.wait(50)
        assert mnist.isVisible() and not mnist.visibleRegion().isEmpty()   # shown, in front
    finally:
        win.close()
