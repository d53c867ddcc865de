"""Interactive training in the main window: `install_training(window)` adds the training
toolbar (play, pause, step one epoch, stop, reset, speed, epoch and accuracy), the
hyper-parameter dock, the loss curve, the decision boundary, the data chooser and the
architecture editor, and makes closing the window stop the worker thread.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QDockWidget, QFormLayout, QLabel, QLineEdit,
                               QScrollArea, QSlider, QToolBar, QToolButton, QVBoxLayout,
                               QWidget)

from ...core.errors import BpvizError
from ...core.optimizers import OPTIMIZERS
from .architecture import ArchitectureEditor
from .boundary import BoundaryView
from .data_panel import DataPanel
from .loss_plot import LossPlot
from .controller import TrainingController, WindowWatcher

SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, None]     # epochs/s; None: no limit
ERROR_STYLE = "color: #b00020;"


def install_training(window) -> None:
    """Add every training control to `window` (a QMainWindow with a `session`)."""
    session = window.session
    controller = TrainingController(session)    # no parent: it outlives the window's C++
    #                                             side long enough to stop its thread
    window.training = controller
    window.training_panel = panel = TrainingPanel(window, controller)
    window.loss_panel = LossPlot()
    window.boundary = BoundaryView(session)
    window.data_panel = DataPanel(session, controller)
    window.architecture = ArchitectureEditor(session, controller)
    window.addToolBarBreak(Qt.TopToolBarArea)           # a row of its own: labels stay visible
    window.addToolBar(Qt.TopToolBarArea, panel.toolbar)

    def dock(title, name, widget, area, scroll=False):
        d = QDockWidget(title, window)
        d.setObjectName(name)
        if scroll:                      # forms scroll rather than push the plots aside
            area_ = QScrollArea()
            area_.setWidget(widget)
            area_.setWidgetResizable(True)
            area_.setFrameShape(QScrollArea.NoFrame)
            widget = area_
        d.setWidget(widget)
        d.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        window.addDockWidget(area, d)
        return d

    right = Qt.RightDockWidgetArea
    boundary = dock("Decision boundary", "boundary_dock", window.boundary, right)
    hyper = dock("Training", "training_dock", panel, right, scroll=True)
    data = dock("Data", "data_dock", window.data_panel, right, scroll=True)
    arch = dock("Network", "architecture_dock", window.architecture, right, scroll=True)
    window.tabifyDockWidget(hyper, data)
    window.tabifyDockWidget(hyper, arch)
    hyper.raise_()
    loss = dock("Loss", "loss_dock", window.loss_panel, Qt.BottomDockWidgetArea)
    window.training_docks = [boundary, hyper, data, arch, loss]

    controller.run_started.connect(window.loss_panel.clear)
    controller.snapshot_applied.connect(window.loss_panel.add)
    controller.diverged.connect(lambda d: window.loss_panel.mark_divergence(d.epoch))
    hook = getattr(getattr(window, "network_view", None), "neuron_hovered", None)
    if hook is not None:                 # the explorer's view reports hovered neurons
        hook.connect(window.boundary.show_neuron)
    window._training_watcher = WindowWatcher(window, controller)


class TrainingPanel(QWidget):
    """The training toolbar and the hyper-parameters that may change while training."""

    def __init__(self, window, controller: TrainingController):
        super().__init__()
        self.window_ = window
        self.controller = controller
        self.session = session = controller.session
        self.toolbar = bar = QToolBar("Training", window)
        bar.setObjectName("training_toolbar")
        self.play = self._button("play", "▶ Play", "Play training", controller.play,
                                 "Train until paused (the worker runs in the background) (Space)")
        self.pause = self._button("pause", "Pause", "Pause training", controller.pause,
                                  "Pause: walk samples through the current weights, then play "
                                  "(Space)")
        self.step_epoch = self._button("step_epoch", "Epoch +1", "Train one epoch",
                                       controller.step_epoch, "Train exactly one epoch (E)",
                                       shortcut="E")
        # Space plays and pauses, like a media player (a text field keeps its own Space).
        toggle = QAction("Play / pause", window)
        toggle.setObjectName("play_pause")
        toggle.setShortcut(QKeySequence(Qt.Key_Space))
        toggle.triggered.connect(lambda: self._run(
            controller.pause if controller.running else controller.play))
        window.addAction(toggle)
        self.stop = self._button("stop", "■ Stop", "Stop training", controller.stop,
                                 "End this run; the weights stay, play starts a new run")
        self.reset = self._button("training_reset", "⟲ Reset", "Reset training",
                                  controller.reset, "End the run and restore the starting weights")
        bar.addSeparator()
        self.speed = QSlider(Qt.Horizontal)
        self.speed.setObjectName("speed")
        self.speed.setAccessibleName("Training speed")
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed.setFixedWidth(120)
        self.speed.setToolTip("From one epoch per second to as fast as possible")
        self.speed_label = QLabel()
        self.speed.valueChanged.connect(self._speed_changed)
        bar.addWidget(QLabel(" speed "))
        bar.addWidget(self.speed)
        bar.addWidget(self.speed_label)
        bar.addSeparator()
        self.epoch_label = self._label("epoch_label", "Epoch", "epoch 0")
        self.accuracy_label = self._label("accuracy_label", "Training accuracy", "accuracy —")
        self.test_label = self._label("test_accuracy_label", "Test accuracy", "")
        self._speed_changed(self.speed.value())

        # the hyper-parameters. η also lives in the explorer's `learning_rate` field; this
        # one stays editable while training runs (both go through Session.set_eta).
        form = QFormLayout(self)
        name = "training_eta" if window.findChild(QLineEdit, "learning_rate") else "learning_rate"
        self.eta_field = self._field(name, "Learning rate η", session.set_eta,
                                     "η > 0, applied at the next batch")
        form.addRow("learning rate η", self._with_error(self.eta_field))
        self.batch = self._field("batch_size", "Batch size", session.set_batch_size,
                                 "1 … number of training samples; empty: the whole set")
        form.addRow("batch size", self._with_error(self.batch))
        self.optimizer = QComboBox()
        self.optimizer.setObjectName("optimizer")
        self.optimizer.setAccessibleName("Optimizer")
        self.optimizer.addItems(list(OPTIMIZERS))
        self.optimizer.currentTextChanged.connect(self._optimizer_chosen)
        form.addRow("optimizer", self.optimizer)
        self.l2 = self._field("l2", "L2 strength", session.set_l2, "λ ≥ 0 (0: none)")
        form.addRow("L2 λ", self._with_error(self.l2))
        self.message = QLabel()
        self.message.setObjectName("training_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        form.addRow(self.message)

        session.settings_changed.connect(self.show_settings)
        session.network_changed.connect(self.show_accuracy)
        session.dataset_changed.connect(self.show_accuracy)
        session.weights_changed.connect(self.show_accuracy)
        controller.snapshot_applied.connect(self.show_snapshot)
        controller.run_started.connect(self._run_started)
        controller.state_changed.connect(self._state_changed)
        controller.diverged.connect(lambda d: self.tell(d.message))
        controller.failed.connect(self.tell)
        self.show_settings()
        self.show_accuracy()
        self._state_changed(controller.state)

    # -- building -----------------------------------------------------------------------
    def _button(self, name, text, accessible, slot, tip, shortcut=None) -> QToolButton:
        action = QAction(text, self.toolbar)
        action.setObjectName(f"{name}_action")
        action.setToolTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda: self._run(slot))
        button = QToolButton()
        button.setDefaultAction(action)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.toolbar.addWidget(button)
        return button

    def _label(self, name, accessible, text) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setMinimumWidth(110)
        label.setStyleSheet("font-weight: bold; padding: 0 6px;")
        self.toolbar.addWidget(label)
        return label

    def _field(self, name, accessible, setter, tip="") -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        field.setToolTip(tip)
        field.setMaximumWidth(110)
        error = QLabel()
        error.setObjectName(f"{name}_error")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        field.error = error

        def commit():
            try:
                setter(field.text())
            except BpvizError as e:
                error.setText(str(e))
                error.show()
                self.show_settings()          # the field shows the value still in force
                return
            error.hide()
        field.editingFinished.connect(commit)
        return field

    @staticmethod
    def _with_error(field) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(field)
        layout.addWidget(field.error)
        return box

    # -- reacting -----------------------------------------------------------------------
    def _run(self, command) -> None:
        self.message.clear()
        command()

    def tell(self, text: str) -> None:
        """A non-blocking notice: the panel's message line and the status bar."""
        self.message.setText(text)
        self.window_.statusBar().showMessage(text, 15000)

    def _speed_changed(self, index: int) -> None:
        rate = SPEEDS[index]
        self.speed_label.setText(" max " if rate is None else f" {rate}/s ")
        self.speed_label.setMinimumWidth(48)
        self.controller.set_speed(rate)

    def _optimizer_chosen(self, name: str) -> None:
        if name and name != self.session.optimizer:
            self.session.set_optimizer(name)

    @Slot()
    def show_settings(self) -> None:
        s = self.session
        if not self.eta_field.hasFocus():
            self.eta_field.setText(f"{s.eta:g}")
        if not self.batch.hasFocus():
            self.batch.setText("" if s.batch_size is None else str(s.batch_size))
        self.batch.setPlaceholderText(f"all {len(s.dataset)}")
        self.optimizer.blockSignals(True)
        self.optimizer.setCurrentText(s.optimizer)
        self.optimizer.blockSignals(False)
        if not self.l2.hasFocus():
            self.l2.setText(f"{s.l2:g}")

    @Slot(object)
    def show_snapshot(self, snap) -> None:
        self.epoch_label.setText(f"epoch {snap.epoch}")
        self._show_accuracy(snap.accuracy, snap.test_accuracy)

    @Slot()
    def show_accuracy(self) -> None:
        """Accuracy of the current weights when not training (after edits and walks)."""
        if self.controller.running or len(self.session.dataset) > 20000:
            return
        self._show_accuracy(*self.session.accuracy())

    def _show_accuracy(self, acc, test) -> None:
        self.accuracy_label.setText("accuracy —" if acc is None else
                                    f"accuracy {_percent(acc)}")
        self.test_label.setText("" if test is None else f"test {_percent(test)}")

    def _run_started(self) -> None:
        self.epoch_label.setText(f"epoch {self.controller.epoch}")

    def _state_changed(self, state: str) -> None:
        running = state == "running"
        self.play.setEnabled(not running)
        self.step_epoch.setEnabled(not running)
        self.pause.setEnabled(running)
        if state != "running":
            self.window_.statusBar().showMessage(
                {"paused": "training paused: walk a sample with the step controls, or play",
                 "idle": ""}[state], 5000)


def _percent(value: float) -> str:
    """100 % only when every sample is right; 99.96 % shows as 99.9 %, not 100 %."""
    pct = 100 * value
    if pct == 100:
        return "100 %"
    return f"{np.floor(pct * 10) / 10:g} %"
