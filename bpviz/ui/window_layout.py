"""Where the main window's docks go: the layout remembered between sessions (QSettings) and
the first launch's sizes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer

LOSS_MIN = 160           # pixels: the loss dock never starts smaller than this
LOSS_ZOOMED_MAX = 0.25   # of the window height: the loss dock at most, zoomed (the network keeps room)


def tr(text: str) -> str:
    return QCoreApplication.translate("WindowLayout", text)


def restore_layout(window) -> None:
    """The first time the window shows: the saved layout, if any, then the docks sized.

    A saved layout that cannot be used is set aside for the first launch's: one Qt refuses, or
    one whose panels need more room than the screen has (a layout saved by an earlier version,
    before some docks existed, comes back with the new docks stacked in a column instead of
    tabbed, and the window then asks to be taller than the screen)."""
    state = QSettings("bpviz", "bpviz").value("window/state")
    first = window.minimumSizeHint()            # the first launch's layout, before the restore
    restored = state is not None and window.restoreState(state)
    if restored:
        # the saved layout may come from another network: docks that depend on it
        window.mnist.restored()
        window.digits.restored()
        if not fits_screen(window, first):
            restored = False
            window.lecture.restore_layout()
            window.statusBar().showMessage(tr(
                "The panels' saved arrangement needs more room than this screen has: they are "
                "back where they start (View → Reset layout does the same)."), 15000)
    lay_out_docks(window, first_launch=not restored)
    window.mnist.bring_forward()
    # again once the window has its final size (and its tab bars are on screen)
    QTimer.singleShot(0, window, lambda: (lay_out_docks(window, first_launch=not restored),
                                          window.mnist.bring_forward()))


def fits_screen(window, first) -> bool:
    """Does the window's smallest size fit the screen it is on, or at least need no more room
    than the first launch's layout (`first`) would? (On a screen smaller than even that, a
    saved layout is no worse, and setting it aside at every start would lose it.)"""
    screen = window.screen()
    if screen is None:
        return True
    room, least = screen.availableGeometry().size(), window.minimumSizeHint()
    return ((least.width() <= room.width() or least.width() <= first.width())
            and (least.height() <= room.height() or least.height() <= first.height()))


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
        window.resizeDocks([d.loss_dock], [loss_height(window.height())], Qt.Vertical)


def size_loss_dock(window, factor: float) -> None:
    """The loss curve's band after a change of the presentation zoom: its first-launch
    height times the zoom (its text lines grew by that much), but at most LOSS_ZOOMED_MAX of
    the window (never less than at 1, which is exactly the first-launch height)."""
    try:
        loss = window.docks.loss_dock
        height = window.height()
    except RuntimeError:                 # the window is gone
        return
    if loss.isFloating() or (loss.isVisible() and loss.visibleRegion().isEmpty()):
        return          # floating, or behind another tab (the descent explorer's band)
    base = loss_height(height)
    want = base * factor if factor < 1 else max(base, min(height * LOSS_ZOOMED_MAX, base * factor))
    window.resizeDocks([loss], [int(want)], Qt.Vertical)


def loss_height(height: int) -> int:
    """The loss dock's first-launch height in a window `height` pixels tall."""
    return int(max(LOSS_MIN + 30, min(280, height * 0.23)))


def save_layout(window) -> None:
    settings = QSettings("bpviz", "bpviz")
    settings.setValue("window/geometry", window.saveGeometry())
    lecture = getattr(window, "lecture", None)   # (presenting, or the view alone: from before)
    settings.setValue("window/state", lecture.layout_state() if lecture else window.saveState())


TAB_ORDER = ("preset", "sample", "input_values", "target_values", "learning_rate", "seed",
             "network_view", "scale_mode", "equations", "copy_tables")


def set_tab_order(window) -> None:
    """Tab goes through the window as it reads: the walk's settings in the toolbar, the
    network, its legend's scale, then the inspector's equations and tables, then the docks.
    (Qt's order follows the widgets' creation: the view, the inspector, the toolbar, back to
    the inspector's tables.) The inspector's tables follow its Copy button."""
    from PySide6.QtWidgets import QScrollArea, QWidget

    chain = [window.findChild(QWidget, name) for name in TAB_ORDER]
    tables = next((a for a in window.inspector.findChildren(QScrollArea)), None)
    chain = [w for w in chain + [tables] if w is not None]
    for first, second in zip(chain, chain[1:]):
        QWidget.setTabOrder(first, second)
