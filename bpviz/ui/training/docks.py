"""The training parts of the main window, built and held by it: the training toolbar, the
hyper-parameter dock, the loss curve, the decision boundary, the data chooser and the
architecture editor, with the controller that runs training and the watcher that stops its
thread when the window goes away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QScrollArea

from ...core.notation import amount
from ..widgets.dock import room_on_tab_click, view_entry
from ..widgets.scroll_wheel import wheel_needs_focus
from .architecture import ArchitectureEditor
from .boundary import BoundaryView
from .controller import TrainingController
from .data_panel import DataPanel
from .loss_plot import LossPlot
from .panel import TrainingPanel
from .train_menu import add_train_menu
from .window_watcher import WindowWatcher


class TrainingDocks:
    def __init__(self, window: QMainWindow, session):
        # no Qt parent: the controller outlives the window's C++ side long enough to stop
        # its thread
        self.controller = controller = TrainingController(session)
        self.panel = TrainingPanel(window, controller)
        add_train_menu(window, self.panel)
        self.loss_plot = LossPlot()
        self.loss_plot.run_label = lambda: window.tr("{0} init, η = {1}").format(
            session.preset.init, amount(session.eta))
        # kept runs compare networks on one data set: other data (another preset) forgets them
        # (MNIST's 30-epoch curves had stayed on the toy example's plot)
        session.changed.connect(lambda names: "dataset" in names and self.loss_plot.kept.runs
                                and self.loss_plot.kept.forget())
        self.boundary = BoundaryView(session)
        self.data_panel = DataPanel(session, controller, window)
        self.architecture = ArchitectureEditor(session, controller, window)
        window.addToolBarBreak(Qt.TopToolBarArea)        # a row of its own: labels stay visible
        window.addToolBar(Qt.TopToolBarArea, self.panel.toolbar)

        tr = window.tr
        right = Qt.RightDockWidgetArea
        self.boundary_dock = window_dock(window, tr("Decision boundary"), "boundary_dock",
                                   self.boundary, right)
        self.training_dock = window_dock(window, tr("Training"), "training_dock", self.panel, right,
                                   scroll=True)
        self.data_dock = window_dock(window, tr("Data"), "data_dock", self.data_panel, right,
                               scroll=True)
        self.architecture_dock = window_dock(window, tr("Network"), "architecture_dock",
                                       self.architecture, right, scroll=True)
        window.tabifyDockWidget(self.training_dock, self.data_dock)
        window.tabifyDockWidget(self.training_dock, self.architecture_dock)
        self.training_dock.raise_()
        self.loss_dock = window_dock(window, tr("Loss"), "loss_dock", self.loss_plot,
                               Qt.BottomDockWidgetArea)

        add_to_panels_menu(window, self.docks)
        # the Data and Network tabs brought forward on a small screen: more than a strip (at
        # 1366×768 the Network tab had 149 px under the decision boundary, and scrolled)
        for dock in (self.data_dock, self.architecture_dock):
            room_on_tab_click(window, dock, 0.3, 0.6)

        controller.run_started.connect(self.loss_plot.clear)
        controller.snapshot_applied.connect(self.loss_plot.add)
        controller.diverged.connect(lambda d: self.loss_plot.mark_divergence(d.epoch))
        self.watcher = WindowWatcher(window, controller)

    @property
    def docks(self) -> list[QDockWidget]:
        return [self.boundary_dock, self.training_dock, self.data_dock, self.architecture_dock,
                self.loss_dock]


def window_dock(window: QMainWindow, title: str, name: str, widget, area,
                scroll: bool = False) -> QDockWidget:
    """A dock of the window in `area` (its content scrolling when `scroll`): movable,
    floatable and closable."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    if scroll:                      # forms scroll rather than push the plots aside
        area_ = QScrollArea()
        area_.setWidget(widget)
        area_.setWidgetResizable(True)
        area_.setFrameShape(QScrollArea.NoFrame)
        wheel_needs_focus(widget)
        widget = area_
    dock.setWidget(widget)
    dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                     | QDockWidget.DockWidgetClosable)
    window.addDockWidget(area, dock)
    return dock


def add_to_panels_menu(window: QMainWindow, docks) -> None:
    """View → Panels: one entry per dock, ticked while it is on screen; chosen, a dock behind
    another's tab comes to the front (closing a dock to give the network more room, as in a
    lecture, is undone here or by View → Reset layout)."""
    view = window.findChild(QMenu, "view_menu")
    if view is None:
        return
    panels = view.findChild(QMenu, "panels_menu")
    if panels is None:
        panels = view.addMenu(window.tr("Panels"))
        panels.setObjectName("panels_menu")
    for dock in docks:
        panels.addAction(view_entry(window, dock))
