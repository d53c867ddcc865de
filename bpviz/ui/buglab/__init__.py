"""The Bug lab panel (`BugLab`, objectName `bug_lab`) and its dock."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

from ..training.docks import add_to_panels_menu, window_dock
from .panel import BugLab

__all__ = ["BugLab", "add_bug_lab"]


def add_bug_lab(window: QMainWindow, session, beside: QDockWidget | None = None) -> QDockWidget:
    """A dock holding the Bug lab, tabbed with `beside` when given."""
    lab = BugLab(session)
    dock = window_dock(window, window.tr("Bug lab"), "bug_lab_dock", lab, Qt.RightDockWidgetArea,
                       scroll=True)
    add_to_panels_menu(window, [dock])
    if beside is not None:
        window.tabifyDockWidget(beside, dock)
        beside.raise_()
    dock.lab = lab
    dock.visibilityChanged.connect(lambda shown: _shown(window, dock, shown))
    return dock


def _shown(window: QMainWindow, dock: QDockWidget, shown: bool) -> None:
    """Brought to the front by a click on its tab: make room, once the tab switch has been
    laid out (the sizes before it would mislead). Not when a layout is restored (at launch,
    leaving presentation mode): the sizes the user chose stay."""
    if shown and QApplication.mouseButtons() & Qt.MouseButton.LeftButton:
        QTimer.singleShot(0, dock, lambda: _make_room(window, dock))


def _make_room(window: QMainWindow, dock: QDockWidget) -> None:
    """The lab, brought to the front by its tab, takes as much of its column as the docks above and
    below it can give (down to their minimum) where it has less than 45 % of the window's
    middle: at 1366×768 it had 150 pixels under the decision boundary, and its tick boxes,
    check table and two loss curves all had to be scrolled to."""
    if dock.isFloating() or not dock.isVisible():
        return
    middle = window.centralWidget().height()
    if dock.height() >= 0.45 * middle:
        return
    area = window.dockWidgetArea(dock)
    group = set(window.tabifiedDockWidgets(dock)) | {dock}
    others = [d for d in window.findChildren(QDockWidget) if d not in group and d.isVisible()
              and not d.isFloating() and window.dockWidgetArea(d) == area]
    window.resizeDocks(others + [dock], [1] * len(others) + [middle], Qt.Vertical)
