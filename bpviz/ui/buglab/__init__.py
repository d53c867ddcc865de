"""The Bug lab panel (`BugLab`, objectName `bug_lab`) and its dock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from ..training.docks import add_to_panels_menu, window_dock
from ..widgets.dock import room_on_tab_click
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
    # most of its column, down to the decision boundary's minimum: at 1366×768 it had 150 px
    # under it, its tick boxes, check table and loss curves to be scrolled to
    room_on_tab_click(window, dock, 0.3, 0.8)
    return dock
