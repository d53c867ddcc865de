"""The digit docks of the main window, built and held by it: drawing a digit, the confusion
matrix with its gallery, and what a hidden unit sees. They are shown (as tabs beside the
decision boundary) when the network takes 784 inputs, hidden otherwise; the View menu's
Digits entries bring them back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from ...core.digit_stats import is_digit_network
from ..widgets.dock import (
    bring_to_front,
    closable_dock,
    dock_tab_bars,
    room_on_tab_click,
    view_entry,
)
from .confusion_panel import ConfusionPanel
from .draw_panel import DrawPanel
from .unit_view import UnitView


class DigitsDocks:
    def __init__(self, window: QMainWindow, session, controller, walk):
        self.window, self.session, self.walk = window, session, walk
        self.draw = DrawPanel(session)
        self.confusion = ConfusionPanel(session)
        self.units = UnitView(session)
        tr = window.tr
        self.draw_dock = closable_dock(window, tr("Draw a digit"), "draw_dock", self.draw)
        self.confusion_dock = closable_dock(window, tr("Confusion matrix"), "confusion_dock",
                                    self.confusion)
        self.unit_dock = closable_dock(window, tr("What a unit sees"), "unit_dock", self.units)
        # tabbed beside the decision boundary
        anchor = window.findChild(QDockWidget, "boundary_dock")
        bars = set(dock_tab_bars(window))
        for dock in self.docks:
            window.addDockWidget(Qt.RightDockWidgetArea, dock)
            if anchor is not None:
                window.tabifyDockWidget(anchor, dock)
        _hide_stray_tab_bars(window, bars)
        # the matrix brought forward on a small screen: the column's height, not a strip (at
        # 1366×768 it had 126 px, its 10th row under the dock's edge, the digits scrolled away)
        room_on_tab_click(window, self.confusion_dock, 0.45, 0.7)
        # its tab chosen on a small screen: room for the canvas and the ten bars under it (at
        # 1366×768 the dock had 205 px and the bars were scrolled out of sight)
        room_on_tab_click(window, self.draw_dock, 0.3, 0.6, scrolled=True)
        view = window.findChild(QMenu, "view_menu")
        if view is not None:
            digits = view.addMenu(tr("Digits"))
            for dock in self.docks:
                digits.addAction(view_entry(window, dock))
        for panel in (self.draw, self.confusion, self.units):
            panel.walked.connect(self.walk.fresh_forward_pass)
        controller.snapshot_applied.connect(
            lambda snap: self.confusion.snapshot(snap, controller.weights_at))
        session.network_changed.connect(self.network_changed)
        self._digits = None
        self.network_changed()

    @property
    def docks(self) -> list[QDockWidget]:
        return [self.draw_dock, self.confusion_dock, self.unit_dock]

    def network_changed(self) -> None:
        """Show the docks when the network starts taking digits, hide them when it stops."""
        digits = is_digit_network(self.session.network.sizes)
        if digits == self._digits:
            return
        first, self._digits = self._digits is None, digits
        for dock in self.docks:
            if not (first and digits):       # (showing a dock not yet laid out leaves a stray tab bar)
                dock.setVisible(digits)
        if digits:
            bring_to_front(self.window, self.draw_dock)

    def restored(self) -> None:
        """After the window restored a saved layout (which may come from a session on another
        network, with these docks hidden): show or hide them for the network now in use."""
        for dock in self.docks:
            dock.setVisible(bool(self._digits))
        if self._digits:
            bring_to_front(self.window, self.draw_dock)


def _hide_stray_tab_bars(window: QMainWindow, before: set) -> None:
    """Tabifying a third dock onto a group can leave the group's previous tab bar on screen
    (seen with Qt 6 in a window that already has another tab group): of the tab bars made
    since `before`, keep the one with the most tabs."""
    new = [b for b in dock_tab_bars(window) if b not in before]
    for bar in sorted(new, key=lambda b: b.count())[:-1]:
        bar.hide()
