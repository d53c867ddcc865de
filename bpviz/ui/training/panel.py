"""The training toolbar (play, pause, step one epoch, stop, reset, speed, epoch and accuracy)
and the hyper-parameters that may change while training runs (batch size, optimiser, L2).
η is the explorer toolbar's `learning_rate` field: one control for the walk and training.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSlider, QToolBar, QToolButton, QWidget

from ...core.notation import count, num, percent
from ...core.settings import OPTIMIZER_NAMES
from ..widgets.field import CheckedField, error_label
from ..widgets.steady_label import SteadyLabel
from .controller import TrainingController
from .epoch_place import counter_suffix, weights_text

SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, None]     # epochs/s; None: no limit


class TrainingPanel(QWidget):
    """The training toolbar and the hyper-parameters that may change while training."""

    def __init__(self, window, controller: TrainingController):
        super().__init__()
        self.window_ = window
        self.controller = controller
        self.session = session = controller.session
        self.toolbar = bar = QToolBar(self.tr("Training"), window)
        bar.setObjectName("training_toolbar")
        self.play = self._button("play", self.tr("▶ Play"), self.tr("Play training"), controller.play,
                                 self.tr("Train until paused (the worker runs in the background) (Space)"))
        self.pause = self._button("pause", self.tr("Pause"), self.tr("Pause training"), controller.pause,
                                  self.tr("Pause: walk samples through the current weights, then play "
                                          "(Space)"))
        self.step_epoch = self._button("step_epoch", self.tr("Epoch +1"), self.tr("Train one epoch"),
                                       controller.step_epoch, self.tr("Train exactly one epoch (E)"),
                                       shortcut="E")
        # Space plays and pauses, like a media player (a text field keeps its own Space).
        toggle = QAction(self.tr("Play / pause"), window)
        toggle.setObjectName("play_pause")
        toggle.setShortcut(QKeySequence(Qt.Key_Space))
        toggle.triggered.connect(lambda: self._run(
            controller.pause if controller.running else controller.play))
        window.addAction(toggle)
        self.stop = self._button("stop", self.tr("■ Stop"), self.tr("Stop training"), controller.stop,
                                 self.tr("End this run; the weights stay, play starts a new run"))
        self.reset = self._button("training_reset", self.tr("⟲ Reset"), self.tr("Reset training"),
                                  self.reset_run, self.tr("End the run and restore the starting weights"))
        bar.addSeparator()
        self.speed = QSlider(Qt.Horizontal)
        self.speed.setObjectName("speed")
        self.speed.setAccessibleName(self.tr("Training speed"))
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed.setFixedWidth(120)
        self.speed.setToolTip(self.tr("From one epoch per second to as fast as possible"))
        self.speed_label = SteadyLabel(widest=self.tr(" {0} epochs/s ").format(
            count(max(r for r in SPEEDS if r is not None))))
        self.speed_label.setObjectName("speed_label")
        self.speed.valueChanged.connect(self._speed_changed)
        bar.addWidget(QLabel(self.tr(" speed ")))
        bar.addWidget(self.speed)
        bar.addWidget(self.speed_label)
        bar.addSeparator()
        self._label_actions: dict[str, QAction] = {}
        self.epoch_label = self._label("epoch_label", self.tr("Epoch"), "", "")
        self.accuracy_label = self._label("accuracy_label", self.tr("Training accuracy"),
                                          self.tr("accuracy —"),
                                          self.tr("accuracy {0}").format(percent(1.0)))
        self.test_label = self._label("test_accuracy_label", self.tr("Test accuracy"), "",
                                      self.tr("test {0}").format(percent(1.0)))
        self._test_shown = self._label_actions["test_accuracy_label"]   # hidden without a test set
        self._test_shown.setVisible(False)
        self._speed_changed(self.speed.value())

        # the hyper-parameters (η is the explorer toolbar's field: there is one η)
        form = QFormLayout(self)
        self.batch = CheckedField("batch_size", self.tr("Batch size"), session.set_batch_size,
                                  width=110, below=True,
                                  tip=self.tr("1 … number of training samples; empty: the whole set"))
        form.addRow(self.tr("batch size"), self.batch)
        self.optimizer = QComboBox()
        self.optimizer.setObjectName("optimizer")
        self.optimizer.setAccessibleName(self.tr("Optimizer"))
        self.optimizer.addItems(list(OPTIMIZER_NAMES))
        self.optimizer.currentTextChanged.connect(self._optimizer_chosen)
        form.addRow(self.tr("optimizer"), self.optimizer)
        self.l2 = CheckedField("l2", self.tr("L2 strength"), session.set_l2, width=110, below=True,
                               tip=self.tr("λ ≥ 0 (0: none)"))
        form.addRow(self.tr("L2 λ"), self.l2)
        self.message = error_label("training_message")
        form.addRow(self.message)

        session.batch_size_changed.connect(self.show_batch_size)
        session.dataset_changed.connect(self.show_batch_size)
        session.optimizer_changed.connect(self.show_optimizer)
        session.l2_changed.connect(self.show_l2)
        session.changed.connect(self._model_changed)
        controller.snapshot_applied.connect(self.show_snapshot)
        controller.run_started.connect(self._run_started)
        controller.state_changed.connect(self._state_changed)
        controller.diverged.connect(lambda d: self.tell(d.message))
        controller.failed.connect(self.tell)
        controller.may_replace = self._may_start_equal
        self.show_settings()
        self.show_accuracy()
        self.show_epoch(controller.epoch)
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

    def _label(self, name, accessible, text, widest) -> SteadyLabel:
        label = SteadyLabel(text, widest)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setStyleSheet("font-weight: bold; padding: 0 6px;")
        self._label_actions[name] = self.toolbar.addWidget(label)   # shows or hides it there
        return label

    # -- reacting -----------------------------------------------------------------------
    def _run(self, command) -> None:
        self.message.clear()
        command()

    def reset_run(self) -> None:
        """⟲ Reset: end the run and put back the starting weights, after asking when trained
        weights no file holds would be lost."""
        if self.window_.may_discard(
                self.tr("Reset training?"),
                self.tr("The trained weights are not saved. Save them before going back to the "
                        "starting weights?")):
            self.controller.reset()

    def _may_start_equal(self) -> bool:
        """The bug lab's symmetric-init starts a run from equal weights: asked first when
        that throws away trained weights no file holds."""
        return self.window_.may_discard(
            self.tr("Start from equal weights?"),
            self.tr("The ticked mistake symmetric-init starts training from equal weights, and "
                    "the trained weights are not saved. Save them first?"))

    def tell(self, text: str) -> None:
        """A non-blocking notice: the panel's message line and the status bar."""
        self.message.setText(text)
        self.window_.statusBar().showMessage(text, 15000)

    def _speed_changed(self, index: int) -> None:
        rate = SPEEDS[index]
        per_second = self.tr(" {0} epochs/s ")
        # as wide as the widest (a SteadyLabel), so the labels after it stay put while the slider moves
        self.speed_label.setText(self.tr(" max ") if rate is None else per_second.format(count(rate)))
        self.speed_label.setToolTip(self.tr("As fast as the computer can") if rate is None else
                                    self.tr("At most {0} epochs per second").format(rate))
        self.controller.set_speed(rate)

    def _optimizer_chosen(self, name: str) -> None:
        if name and name != self.session.optimizer:
            self.session.set_optimizer(name)

    def show_settings(self) -> None:
        self.show_batch_size()
        self.show_optimizer()
        self.show_l2()

    @Slot()
    def show_batch_size(self) -> None:
        s = self.session
        self.batch.set_text("" if s.batch_size is None else str(s.batch_size))
        self.batch.edit.setPlaceholderText(self.tr("all {0}").format(count(len(s.dataset))))

    @Slot()
    def show_optimizer(self) -> None:
        self.optimizer.blockSignals(True)
        self.optimizer.setCurrentText(self.session.optimizer)
        self.optimizer.blockSignals(False)

    @Slot()
    def show_l2(self) -> None:
        self.l2.set_text(num(self.session.l2))

    def _model_changed(self, names) -> None:
        if names & {"network", "dataset", "weights"}:
            self.show_accuracy()
        if "preset" in names:
            self.show_epoch(*self._position())

    def epoch_text(self, epoch: int) -> str:
        """"epoch 62 of 1 000" up to the preset's epoch count, "epoch 1 062" past it: the
        same words whichever button trained (Play, Epoch +1, Continue) and when idle."""
        epochs = getattr(self.session.preset, "epochs", None)
        if epochs and epoch <= epochs:
            return self.tr("epoch {0} of {1}").format(count(epoch), count(epochs))
        return self.tr("epoch {0}").format(count(epoch))

    def show_epoch(self, epoch: int, into: int = 0, per: int = 0) -> None:
        """The completed epochs; stopped inside an epoch, how far into the next it got
        ("epoch 12 of 30 + 149 of 400 steps"): the accuracy beside it is of those weights."""
        epochs = getattr(self.session.preset, "epochs", None) or 0
        self.epoch_label.set_widest(self.epoch_text(epochs))     # no jump as it counts up
        self.epoch_label.setText(self.epoch_text(epoch) + counter_suffix(into, per))

    def _position(self) -> tuple[int, int, int]:
        """Where the weights are, while not training (a running count shows whole epochs)."""
        return (self.controller.epoch, 0, 0) if self.controller.running else self.controller.position

    @Slot(object)
    def show_snapshot(self, snap) -> None:
        if snap.final:
            self.show_epoch(snap.epoch, snap.into_epoch, snap.epoch_steps)
        else:
            self.show_epoch(snap.epoch)
        # a snapshot without a measurement (between epochs on big data) keeps the last one
        if snap.final or snap.accuracy is not None or snap.test_accuracy is not None:
            self._show_accuracy(snap.accuracy, snap.test_accuracy)

    @Slot()
    def show_accuracy(self) -> None:
        """Accuracy of the current weights when not training (after edits and walks)."""
        if self.controller.running or len(self.session.dataset) > 20000:
            return
        self._show_accuracy(*self.session.accuracy())

    def _show_accuracy(self, acc, test) -> None:
        # beside a test accuracy it says which one it is ("accuracy" next to "test" had read
        # as the same thing to a teacher)
        if acc is None:
            text = self.tr("accuracy —")
        elif test is not None:
            text = self.tr("train {0}").format(percent(acc))
        else:
            text = self.tr("accuracy {0}").format(percent(acc))
        self.accuracy_label.setText(text)
        self.test_label.setText("" if test is None else self.tr("test {0}").format(percent(test)))
        self._test_shown.setVisible(test is not None)

    def _run_started(self) -> None:
        self.show_epoch(*self._position())

    def _state_changed(self, state: str) -> None:
        running = state == "running"
        self.play.setEnabled(not running)
        self.step_epoch.setEnabled(not running)
        self.pause.setEnabled(running)
        if state != "running":
            epoch, into, per = self.controller.position
            paused = (self.tr("training paused: walk a sample with the step controls, or play")
                      if not into else
                      self.tr("training paused {0}: the accuracy shown is of these weights; "
                              "Epoch +1 completes epoch {1}").format(weights_text(epoch, into, per),
                                                                     epoch + 1))
            self.window_.statusBar().showMessage({"paused": paused, "idle": ""}[state],
                                                 10000 if into else 5000)

