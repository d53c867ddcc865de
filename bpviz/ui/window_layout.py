"""Where the main window's docks go: the layout remembered between sessions (QSettings) and
the first launch's sizes."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer

LOSS_MIN = 160           # pixels: the loss dock never starts smaller than this


def restore_layout(window) -> None:
    """The first time the window shows: the saved layout, if any, then the docks sized."""
    state = QSettings("bpviz", "bpviz").value("window/state")
    if state is not None:
        window.restoreState(state)
        # the saved layout may come from another network: docks that depend on it
        window.mnist.restored()
        window.digits.restored()
    lay_out_docks(window, first_launch=state is None)
    window.mnist.bring_forward()
    # again once the window has its final size (and its tab bars are on screen)
    QTimer.singleShot(0, window, lambda: (lay_out_docks(window, first_launch=state is None),
                                          window.mnist.bring_forward()))


def lay_out_docks(window, first_launch: bool) -> None:
    """On first launch: the decision boundary a square-ish column on the right (about a
    quarter of the width) above the training settings, the loss curve a band along the
    bottom. A restored layout keeps its sizes unless it squeezed the loss curve."""
    d = window.docks
    if first_launch:
        width = max(300, int(window.width() * 0.24))
        window.resizeDocks([d.boundary_dock], [width], Qt.Horizontal)
        window.resizeDocks([d.boundary_dock, d.training_dock], [width, 220], Qt.Vertical)
    if first_launch or d.loss_dock.height() < LOSS_MIN:
        want = max(LOSS_MIN + 30, min(280, int(window.height() * 0.23)))
        window.resizeDocks([d.loss_dock], [want], Qt.Vertical)


def save_layout(window) -> None:
    settings = QSettings("bpviz", "bpviz")
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
