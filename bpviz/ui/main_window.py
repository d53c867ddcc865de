"""The explorer window: the network view (left), the inspector (right), the step and settings
toolbars, menus, status bar, file dialogs and the remembered layout.

A keypress travels: QAction (here) → WalkController (explorer/walk.py) → Stepper record →
NetworkView.show_step (explorer/network_view.py) and Inspector.show_step
(explorer/inspector.py). The training parts are a `TrainingDocks` (training/docks.py) that
the window builds and holds; `lay_out_docks` is the one place that sizes the docks.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter

from .buglab import add_bug_lab
from .buglab.batch_walk import BatchWalk
from .descent.docks import DescentDocks
from .digits.docks import DigitsDocks
from .explorer.inspector import Inspector
from .explorer.network_panel import NetworkPanel
from .explorer.step_controls import SettingsBar, make_action
from .explorer.walk import WalkController
from .files import FileActions
from .lecture.parts import LectureParts
from .mnist.docks import MnistDocks
from .session import Session
from .training.docks import TrainingDocks
from .widgets.dock import DockScroll
from .widgets.status_bar import StatusBar
from .widgets.teardown import drop_python_side_when_destroyed, free_plot_menus
from .window_bars import make_menus, settings_toolbar, step_toolbar
from .window_commands import WindowCommands
from .window_layout import lay_out_docks, restore_layout, save_layout, set_tab_order

# what the settings toolbar shows (weights change many times a second while training)
TOOLBAR_NAMES = frozenset({"network", "dataset", "preset", "eta", "seed", "sample", "busy"})


FIRST_SIZE = (1500, 950)        # a first launch's window, where the screen has the room


def first_size(screen) -> QSize:
    """FIRST_SIZE, or the screen's free area where that is smaller (a 1366×768 projector):
    a window larger than its screen hides its docks' edges."""
    w, h = FIRST_SIZE
    if screen is not None:
        free = screen.availableGeometry()
        if free.width() > 0 and free.height() > 0:
            w, h = min(w, free.width()), min(h, free.height())
    return QSize(w, h)


class MainWindow(WindowCommands, QMainWindow):
    def __init__(self, preset: str = "toy-40-80"):
        super().__init__()
        self.setWindowTitle("bpviz")
        self.setObjectName("main_window")
        # a closed window frees its widgets, docks, plot items and worker (tests and
        # notebooks open many windows)
        self.setAttribute(Qt.WA_DeleteOnClose)
        drop_python_side_when_destroyed(self)
        self.session = Session(preset, self)
        self.panel = NetworkPanel(self)
        self.network_view = self.panel.view
        self.inspector = Inspector(self, self.session)
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.setObjectName("explorer_splitter")
        self.splitter.addWidget(self.panel)
        # scrolled when the window is shorter than the inspector needs (a presentation zoom
        # on a small screen): squeezed, its wrapped lines had been painted over each other
        self.inspector_pane = DockScroll(self.inspector)
        self.splitter.addWidget(self.inspector_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([900, 600])
        self.setCentralWidget(self.splitter)
        self.setStatusBar(StatusBar(self))         # long messages end in "…" before the step
        self.status = QLabel(self)
        self.status.setObjectName("status_step")
        self.statusBar().addPermanentWidget(self.status)
        self._structure = None
        self.files = FileActions(self)
        self._make_actions()
        self._make_toolbars()
        self._make_menus()
        self.walk = WalkController(self.session, self)
        self.walk.changed.connect(self.show_step)
        self.walk.changed.connect(self.settings_bar.walk_moved)      # a step: field errors go
        self.walk.failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.walk.diverged.connect(
            lambda msg: QMessageBox.warning(self, self.tr("The update diverged"), msg))
        self.network_view.selected.connect(self._selection_changed)
        self.network_view.edit_requested.connect(self.edit)
        self.inspector.edit_requested.connect(self.edit)
        self.session.changed.connect(self._model_changed)
        self.session.busy_changed.connect(self._busy_changed)
        self.settings_bar.refresh()
        self.show_step(self.walk.step)
        self.resize(first_size(self.screen()))
        settings = QSettings("bpviz", "bpviz")
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._state_restored = False
        self.docks = TrainingDocks(self, self.session)
        self.bug_lab_dock = add_bug_lab(self, self.session, beside=self.docks.training_dock)
        self.bug_lab = self.bug_lab_dock.lab
        self.batch_walk = BatchWalk(self)        # "All samples": per-sample gradients in the walk
        self.network_view.neuron_hovered.connect(self.docks.boundary.show_neuron)
        self.descent = DescentDocks(self)
        self.digits = DigitsDocks(self, self.session, self.docks.controller, self.walk)
        self.mnist = MnistDocks(self, self.session)
        self.network_view.neuron_hovered.connect(self.mnist.show_neuron)
        self.lecture = LectureParts(self)

    # the training parts, by the names the rest of the program uses
    @property
    def training(self):
        """The TrainingController (play, pause, …)."""
        return self.docks.controller

    @property
    def training_panel(self):
        return self.docks.panel

    @property
    def loss_panel(self):
        return self.docks.loss_plot

    @property
    def boundary(self):
        return self.docks.boundary

    @property
    def data_panel(self):
        return self.docks.data_panel

    @property
    def architecture(self):
        return self.docks.architecture

    # -- building -------------------------------------------------------------------------
    def _make_actions(self) -> None:
        w = self.walk_action = {}
        spec = [
            ("step_forward", self.tr("Step →"), self.tr("Step forward"), "Right",
             lambda: self.lecture.step_forward(),
             self.tr("Next step of the walk: forward layer by layer, loss, backward, update")),
            ("step_back", self.tr("← Back"), self.tr("Step back"), "Left", lambda: self.walk.step_back(),
             self.tr("Back exactly one step (across an applied update, too)")),
            ("run_pass", self.tr("Run pass ⇥"), self.tr("Run to the end of the pass"), "Shift+Right",
             lambda: self.walk.run_pass(), self.tr("Run to the end of the current pass")),
            ("apply_update", self.tr("Apply update"), self.tr("Apply the update"), "U", self.apply_update,
             self.tr("Make the updated weights the network's and start a new walk on them")),
            ("reset", self.tr("Reset"), self.tr("Reset to the initial weights"), "Ctrl+R", self.reset,
             self.tr("Back to the weights this network started with")),
            ("new_weights", self.tr("New random weights"), self.tr("New random weights from the seed"),
             "Ctrl+N",
             self.new_weights, self.tr("Draw new random weights from the seed")),
            ("gradient_check", self.tr("Gradient check"), self.tr("Gradient check"), "Ctrl+G",
             self.gradient_check, self.tr("Compare backprop's gradient with finite differences")),
            ("fit_view", self.tr("Fit"), self.tr("Fit the network to the view"), "F",
             self.network_view.fit, self.tr("Zoom to show the whole network")),
        ]
        for name, text, acc, key, slot, tip in spec:
            action = make_action(self, name, text, acc, key, slot, tip)
            self.addAction(action)
            w[name] = action
        self.gradient_edges = make_action(self, "edges_gradient", self.tr("Edges show ∂C/∂w"),
                                          self.tr("Draw edges by the gradient instead of the weight"),
                                          "D", self._gradient_toggled,
                                          self.tr("Edge width and colour by ∂C/∂w instead of w"))
        self.gradient_edges.setCheckable(True)
        self.addAction(self.gradient_edges)

    def _make_toolbars(self) -> None:
        steps = step_toolbar(self, self.walk_action, self.gradient_edges)
        self.addToolBarBreak()
        bar = self.settings_bar = SettingsBar(self, self.session)
        tools = settings_toolbar(self, bar, self.walk_action["new_weights"])
        # (the preset box's choice goes through lecture/closing.py, which may ask first)
        self.toolbars = [steps, tools]

    def _make_menus(self) -> None:
        make_menus(self, self.files.actions, self.walk_action, self.gradient_edges,
                   self.panel.legend.mode, self.toolbars, self.show_help)

    # -- showing a record ------------------------------------------------------------------
    def show_step(self, step) -> None:
        walk = step.walk
        structure = (walk.sizes, walk.activation_names, walk.has_biases)
        if structure != self._structure:
            self._structure = structure
            self.network_view.set_structure(walk.sizes, walk.activation_names, walk.has_biases)
        self.network_view.show_step(step)
        self.inspector.show_mistakes(getattr(self.walk.stepper, "changes_at", lambda s: ())(step))
        self.inspector.show_step(step, self.network_view.selection)
        self._update_actions()
        back = len(self.walk.history)
        text = (self.tr("step {0} of {1} · {2}").format(step.index + 1, self.walk.stepper.length, step.title)
                + ((self.tr(" · walk {0} (← goes back across {1} updates)") if back > 1 else
                    self.tr(" · walk {0} (← goes back across {1} update)")).format(back + 1, back)
                   if back else "")
                + (self.tr(" · mistakes on: %1").replace("%1", ", ".join(self.session.bugs))
                   if self.session.bugs else ""))
        self.status.setText(text)
        # a temporary message on the left must not squeeze the step's description
        self.status.setMinimumWidth(self.status.fontMetrics().horizontalAdvance(text) + 12)

    def _update_actions(self) -> None:
        free = not self.session.busy
        a, walk = self.walk_action, self.walk
        a["step_forward"].setEnabled(free and (not walk.at_end or self._right_applies()))
        a["step_back"].setEnabled(free and walk.can_go_back)
        a["run_pass"].setEnabled(free and not walk.at_end)
        for name in ("apply_update", "reset", "new_weights", "gradient_check"):
            a[name].setEnabled(free)
        self.settings_bar.seed.setEnabled(free)

    def _right_applies(self) -> bool:
        lecture = getattr(self, "lecture", None)
        return lecture is not None and lecture.right_applies.isChecked()

    def _selection_changed(self, sel) -> None:
        self.inspector.show_step(self.walk.step, sel)

    def _model_changed(self, names) -> None:
        if names & TOOLBAR_NAMES:
            self.settings_bar.refresh()

    def _busy_changed(self, busy: bool) -> None:
        self._update_actions()
        self.network_view.edges.set_cached(not busy)       # training redraws them every time
        self.files.set_busy(busy)

    def _gradient_toggled(self) -> None:
        self.network_view.gradient = self.gradient_edges.isChecked()
        self.network_view.redraw()

    # -- layout memory (ui/window_layout.py) -----------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._state_restored:
            self._state_restored = True
            restore_layout(self)
            set_tab_order(self)
            self.network_view.fit()

    def lay_out_docks(self, first_launch: bool) -> None:
        lay_out_docks(self, first_launch)

    def close(self) -> bool:
        """Close the window; once closed it is deleted, and closing it again does nothing.
        (Until the event loop runs the deferred deletion the window is still valid, and a
        second close would run its teardown again: `closed` tells.)"""
        if not shiboken6.isValid(self) or self.__dict__.get("closed", False):
            return True
        return super().close()

    def deleteLater(self) -> None:
        if shiboken6.isValid(self):
            super().deleteLater()

    def closeEvent(self, event) -> None:
        save_layout(self)
        super().closeEvent(event)
        if event.isAccepted():
            self.closed = True
            self.descent.shutdown()
            free_plot_menus(self)
