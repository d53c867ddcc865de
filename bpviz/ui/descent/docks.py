"""The descent explorer's place in the main window, built and held by it: a "Descent" dock
(hidden at first; View → Descent explorer shows it as a tab beside the loss curve) holding a
DescentView, fed the current network and its training data on every model change.

Two parameters are picked for the network slice by Ctrl+clicking two edges (weights) or
neurons (biases) in the network view, by "Pick for the surface" on the selection, or from the
slice's own lists. Every later change of the weights — a training snapshot, an applied update
— adds the two parameters' new values to the path drawn on the surface.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QScrollArea

from ...core.surface import Param
from ..widgets.dock import make_room, view_entry
from ..widgets.scroll_wheel import wheel_needs_focus
from .enlarge import Enlarge
from .view import DescentView

PATH_LIMIT = 2000          # points of the live path kept; beyond, every other one is dropped


def param_of(sel, has_biases: bool) -> Param | None:
    """The network view's selection as a parameter: ("edge", l, j, k) is Wˡⱼₖ and
    ("neuron", l, j) is bˡⱼ (j, k 0-based there, 1-based here); None for anything else."""
    if sel is None:
        return None
    if sel[0] == "edge":
        return Param(sel[1], sel[2] + 1, sel[3] + 1)
    if sel[0] == "neuron" and sel[1] > 0 and has_biases:
        return Param(sel[1], sel[2] + 1, None)
    return None


class DescentDocks:
    def __init__(self, window: QMainWindow):
        self.window = window
        self.session = session = window.session
        self.view = DescentView()
        self.slice = self.view.slice
        tr = window.tr
        self.dock = dock = QDockWidget(tr("Descent"), window)
        dock.setObjectName("descent_dock")
        # in a scroll area: the view's controls must not set the bottom dock area's minimum
        # size, which the loss curve shares
        scroll = QScrollArea()
        scroll.setObjectName("descent_scroll")
        scroll.setWidget(self.view)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        wheel_needs_focus(self.view)
        dock.setWidget(scroll)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                         | QDockWidget.DockWidgetClosable)
        loss_dock = window.docks.loss_dock
        window.addDockWidget(Qt.BottomDockWidgetArea, dock)
        window.tabifyDockWidget(loss_dock, dock)
        loss_dock.raise_()
        dock.hide()             # until asked for: the default layout stays as it was; shown
        #                         again, it is a tab next to the loss curve
        self.toggle = view_entry(window, dock)      # in front when chosen (beside the loss curve)
        self.toggle.setObjectName("descent_dock_toggle")
        self.toggle.setText(tr("Descent explorer"))
        self.toggle.triggered.connect(lambda on: on and self.make_room())
        self.pick_action = QAction(tr("Pick for the surface"), window)
        self.pick_action.setObjectName("descent_pick")
        self.pick_action.setToolTip(tr("Use the selected weight or bias as a parameter of the "
                                       "descent explorer's surface (or Ctrl+click it)"))
        self.pick_action.triggered.connect(self.pick_selection)
        self.enlarge = Enlarge(window, dock, self.make_room)
        # floated over the window it is shown without a visibility change: fill it (its P
        # and Q lists had stayed empty when Ctrl+Shift+D was the way it was first opened)
        self.enlarge.action.triggered.connect(lambda on: on and self.refresh())
        self.view.add_corner_action(self.enlarge.action, "⤢")
        view_menu = window.findChild(QMenu, "view_menu")
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addAction(self.toggle)
            view_menu.addAction(self.enlarge.action)
            view_menu.addAction(self.pick_action)

        self.picked: list[Param] = []          # the last two picks, oldest first
        self._stale = True                     # the view has not seen the current network
        session.changed.connect(self._model_changed)
        window.network_view.selected.connect(self._selected)
        self.slice.surface_ready.connect(self._surface_ready)
        dock.visibilityChanged.connect(self._visibility_changed)

    # -- feeding the view ---------------------------------------------------------------------
    def _model_changed(self, names) -> None:
        if names & {"network", "dataset"}:
            self._stale = True
            self.slice.forget()             # a surface of the old network is computed no more,
            self.refresh()                  # even while the dock is hidden
        elif "weights" in names:
            self._weights_moved()

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.refresh()

    def refresh(self) -> None:
        """Give the view the current network and data (only while it is shown: a big
        network's parameter lists take a moment to fill)."""
        if not (self._stale and self.dock.isVisible()):
            return
        self._stale = False
        s = self.session
        self.view.set_network(s.network, s.dataset.x, s.dataset.y)
        keys = {p.key for p in _keys_of(self.slice)}
        self.picked = [p for p in self.picked if p.key in keys]
        if len(self.picked) == 2:
            self.slice.set_params(self.picked[0].key, self.picked[1].key)

    def _weights_moved(self) -> None:
        surface = self.slice.surface
        if surface is None or self.slice.network is not self.session.network:
            return
        p, q = surface.params
        net = self.session.network
        point = (p.value(net), q.value(net))
        path = self.slice.path
        if path and path[-1] == point:
            return
        if len(path) >= PATH_LIMIT:            # keep the start, thin the rest
            path[1:] = path[2::2]
        self.slice.add_path_point(*point)

    def _surface_ready(self, surface) -> None:
        """A new surface: its path starts at the weights it is centred on."""
        self.slice.path.clear()
        self.slice.add_path_point(*surface.centre)

    # -- picking ------------------------------------------------------------------------------
    def _selected(self, sel) -> None:
        clicked = self.window.network_view.click_modifiers
        if (clicked | QApplication.keyboardModifiers()) & Qt.ControlModifier:
            self.window.network_view.click_modifiers = Qt.NoModifier
            self.pick(sel)

    def pick_selection(self) -> None:
        self.pick(self.window.network_view.selection)

    def pick(self, sel) -> None:
        """Make the selected weight or bias one of the surface's two parameters; with two
        picked, show the Descent dock on the network slice and compute the surface."""
        param = param_of(sel, self.session.network.has_biases)
        status = self.window.statusBar()
        if param is None:
            status.showMessage(self.window.tr("Pick a weight (an edge) or a bias (a neuron "
                                              "after the input layer) for the surface"), 6000)
            return
        self.picked = [p for p in self.picked if p != param][-1:] + [param]
        if len(self.picked) < 2:
            status.showMessage(self.window.tr("{0} picked for the surface: pick one more "
                                              "(Ctrl+click)").format(param.label), 6000)
            return
        self.show_slice()
        self.slice.set_params(self.picked[0].key, self.picked[1].key)
        self.slice.compute()
        status.showMessage(self.window.tr("The surface over {0} and {1}").format(
            self.picked[0].label, self.picked[1].label), 6000)

    def show_slice(self) -> None:
        """Show the Descent dock with the network slice in front."""
        self.dock.show()
        self.dock.raise_()
        self.make_room()
        self.view.tabs.setCurrentWidget(self.slice)
        self.refresh()

    def make_room(self) -> None:
        """The plots need room: half the window's height, where the dock (sharing the loss
        curve's strip) has less than 40 % of it. At 1366×768 it had opened 160 pixels high,
        its plot 60."""
        make_room(self.window, self.dock, 0.4, 0.5)

    def shutdown(self) -> None:
        """Join the surface's worker thread (the window calls this when it closes)."""
        self.view.shutdown()


def _keys_of(slice_panel) -> list[Param]:
    combo = slice_panel.p
    return [combo.itemData(i) for i in range(combo.count())]
