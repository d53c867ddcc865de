"""The MNIST parts of the main window, built and held by it with one line: the MNIST dock
(the hidden units' incoming weights as images above the data in use and the test-digit
chooser), the File menu's Download / Import entries and the training toolbar's epoch bar. The
dock is tabbed behind the decision boundary, so the default layout is unchanged, and shows only
while the network is a digit network (784 inputs)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QSplitter

from ...core.digit_stats import is_digit_network
from ..widgets.dock import bring_to_front, closable_dock, hide_stale_tab_bars, view_entry
from ..window_bars import add_to_file_menu
from .data_actions import MnistDataActions
from .digits_panel import DigitsPanel
from .epoch_progress import EpochProgress
from .weight_images import WeightImages

WEIGHTS_EVERY = 1.0      # seconds between two redraws of the hidden units' images while training


class MnistDocks(QObject):
    def __init__(self, window: QMainWindow, session):
        super().__init__(window)
        self.window, self.session = window, session
        tr = window.tr
        self.digits = DigitsPanel(session)
        self.weights = WeightImages()
        both = QSplitter(Qt.Vertical)
        both.setObjectName("mnist_splitter")
        both.addWidget(self.weights)
        both.addWidget(self.digits)
        # more room goes to the images (a floated dock made large had left it below the
        # chooser, empty, and the 30 images as small as before)
        both.setStretchFactor(0, 1)
        both.setStretchFactor(1, 0)
        self.dock = _dock(window, tr("MNIST"), "mnist_dock", both)
        behind = window.docks.boundary_dock
        window.tabifyDockWidget(behind, self.dock)
        hide_stale_tab_bars(window)
        behind.raise_()
        self.data = MnistDataActions(window, session, self.digits.refresh)
        self._add_to_menus()
        self.digits.top_k.valueChanged.connect(self._top_k)
        self.digits.walked.connect(window.walk.fresh_forward_pass)    # from its start to its loss
        self.progress = EpochProgress(window.training, session)
        self.progress.place(window.training_panel.toolbar)
        self.dock.visibilityChanged.connect(lambda _: self._show_weights())
        session.changed.connect(self._changed)
        window.installEventFilter(self)
        self._digit_net = None
        self._weights_shown = 0.0
        self._changed(frozenset({"network"}))

    @property
    def docks(self) -> list[QDockWidget]:
        return [self.dock]

    def _add_to_menus(self) -> None:
        for menu in self.window.menuBar().findChildren(QMenu):
            if menu.objectName() == "view_menu":
                menu.addSeparator()
                for dock in self.docks:
                    menu.addAction(view_entry(self.window, dock))
        add_to_file_menu(self.window, (self.data.download, self.data.import_))

    def _changed(self, names) -> None:
        if names & {"network", "dataset", "weights", "sample", "preset"}:
            self.digits.refresh()
        if "busy" in names and not self.session.busy:
            self._show_weights()                 # training stopped: the final weights
        if names & {"network", "weights"}:
            # while training: about once a second (the images are for looking, not animation)
            if not self.session.busy or time.perf_counter() - self._weights_shown > WEIGHTS_EVERY:
                self._show_weights()
        digit_net = self.digits.applies()
        if "network" in names and digit_net != self._digit_net:
            first, self._digit_net = self._digit_net is None, digit_net
            for dock in self.docks:          # only a digit network has digits to show
                if not (first and digit_net):    # (already shown; showing again leaves a stray tab bar)
                    dock.setVisible(digit_net)
            QTimer.singleShot(0, self.window, lambda: hide_stale_tab_bars(self.window))
            if digit_net:                    # what it sees and learned in front
                bring_to_front(self.window, self.dock)
                hide_stale_tab_bars(self.window)
                self.window.statusBar().showMessage(self.digits.data_label.text(), 15000)

    def restored(self) -> None:
        """After the window restored a saved layout: the dock shown only for a digit network."""
        for dock in self.docks:
            dock.setVisible(bool(self._digit_net))
        hide_stale_tab_bars(self.window)

    def bring_forward(self) -> None:
        """When the window first shows a digit network: this dock in front of its tab group
        (not the decision boundary, which has nothing to draw for 784 inputs)."""
        if self._digit_net:
            hide_stale_tab_bars(self.window)
            bring_to_front(self.window, self.dock)

    def _top_k(self, k: int) -> None:
        view = self.window.network_view
        view.edges.set_top_k(k)
        view.redraw()

    def show_neuron(self, neuron) -> None:
        """A first-layer hidden unit under the mouse in the network view: show it large here too."""
        images = self.weights
        if neuron is not None and neuron[0] == 1 and images.weights is not None \
                and neuron[1] < len(images.weights):
            images.show_unit(neuron[1])

    def _show_weights(self) -> None:
        net = self.session.network
        if is_digit_network(net.sizes) and net.L >= 2 and not self.dock.visibleRegion().isEmpty():
            self._weights_shown = time.perf_counter()
            self.weights.show_weights(net.weights[0])

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Close:
            self.data.stop()
        elif obj is self.window and event.type() == QEvent.Show:      # laid out by now
            QTimer.singleShot(0, self.window, lambda: hide_stale_tab_bars(self.window))
        return False


def _dock(window: QMainWindow, title: str, name: str, widget) -> QDockWidget:
    dock = closable_dock(window, title, name, widget)
    window.addDockWidget(Qt.RightDockWidgetArea, dock)
    return dock
