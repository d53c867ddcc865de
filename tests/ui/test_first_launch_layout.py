"""The first-launch layout gives the loss curve a readable height, and a remembered layout never
squeezes it."""


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

try:
    from .window_helpers import open_window, snapshot, trigger
except ImportError:
    from window_helpers import open_window, snapshot, trigger  # noqa: F401


@pytest.mark.parametrize("size", [(1500, 950), (1280, 800)])
def test_loss_curve_has_a_useful_height(qtbot, size):
    win = open_window(qtbot, "xor", size)
    qtbot.wait(100)
    loss = win.findChild(QDockWidget, "loss_dock")
    assert win.loss_panel.plot.height() >= (160 if size[0] >= 1500 else 140)
    assert loss.height() < size[1] * 0.3
    assert win.network_view.height() >= 300 and win.inspector.width() >= 340
    win.close()


def test_a_remembered_layout_never_squeezes_the_loss_curve(qtbot):
    win = open_window(qtbot, "xor", (1600, 1000))
    loss = win.findChild(QDockWidget, "loss_dock")
    win.resizeDocks([loss], [70], Qt.Vertical)          # the user squeezed it last time
    qtbot.wait(50)
    win.close()
    win = open_window(qtbot, "xor", (1500, 950))
    qtbot.wait(100)
    assert win.findChild(QDockWidget, "loss_dock").height() >= 160
    win.close()


@pytest.mark.parametrize("before", [None, "xor"])
def test_mnist_opens_with_its_dock_in_front_and_docks_come_forward(qtbot, before):
    """On a first launch and after a remembered XOR layout (where the digit docks were
    hidden): the MNIST dock is the tab shown, not the decision boundary (nothing to draw at
    784 inputs), and a dock brought forward is then the one on screen."""
    from bpviz.ui.widgets.dock import bring_to_front

    if before:
        open_window(qtbot, before, (1600, 1000)).close()      # its layout is remembered
    win = open_window(qtbot, "mnist", (1600, 1000))
    try:
        def shown(name):
            return not win.findChild(QDockWidget, name).visibleRegion().isEmpty()

        qtbot.waitUntil(lambda: shown("mnist_dock"))
        assert not shown("boundary_dock")
        for name in ("draw_dock", "confusion_dock", "mnist_dock"):
            bring_to_front(win, win.findChild(QDockWidget, name))
            qtbot.waitUntil(lambda name=name: shown(name))
    finally:
        win.close()
