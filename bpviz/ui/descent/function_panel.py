"""Gradient descent on a textbook function: the controls, the run being played and the runs
kept for comparison. The maths is core.descent; this file only asks it and draws."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from ...core.descent import FUNCTIONS, MAX_STEPS, DescentRun, num, run_descent
from ...core.errors import BpvizError
from ..widgets.field import error_label
from ..widgets.grouped_spin import GroupedSpinBox
from .arrange import SideOrAbove
from .controls import EtaControl, button, labelled
from .function_drawing import OPTIMIZER_NAMES, FunctionDrawing
from .plots import COLOURS, ContourPlot, CurvePlot

STEP_KEYS = (Qt.Key_Space, Qt.Key_Right)


class FunctionPanel(FunctionDrawing, QWidget):
    """Pick a function, a start, η, steps and an optimiser; Step/Play walks the path."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("descent_functions")
        self.setFocusPolicy(Qt.StrongFocus)
        self.walk: DescentRun | None = None
        self.t = 0
        self.kept: list[tuple[DescentRun, str]] = []
        self.surface_key = None
        self.view3d = None

        self.function = QComboBox(self)
        self.function.setObjectName("descent_function")
        names = {"bowl": self.tr("bowl"), "ravine": self.tr("ravine"),
                 "rosenbrock": self.tr("Rosenbrock"), "saddle": self.tr("saddle")}
        for f in FUNCTIONS.values():      # the name a lesson calls it by, then its formula
            name = names.get(f.name)
            self.function.addItem(f"{name}: {f.formula}" if name else f.formula, f.name)
        self.start = QLineEdit(self)
        self.start.setObjectName("descent_start")
        self.start.setToolTip(self.tr("Start point: x, or x, y (double-click the plot to move it)"))
        self.start.setMinimumWidth(self.fontMetrics().horizontalAdvance("−0.000, −0.000"))
        self.eta = EtaControl(self)
        self.steps = GroupedSpinBox(self)
        self.steps.setObjectName("descent_steps")
        self.steps.setRange(1, MAX_STEPS)
        self.steps.setValue(50)
        self.optimizer = QComboBox(self)
        self.optimizer.setObjectName("descent_optimizer")
        for key, name in OPTIMIZER_NAMES.items():
            self.optimizer.addItem(name, key)
        self.mode = QComboBox(self)
        self.mode.setObjectName("descent_mode")
        self.mode.addItem(self.tr("Contour map"), "contour")
        self.mode.addItem(self.tr("3-D surface"), "3d")

        self.play = button(self, "descent_play", self.tr("Play"), self.toggle_play,
                           self.tr("Play or pause the walk (Space)"))
        self.play.setCheckable(True)
        self.step_button = button(self, "descent_step", self.tr("Step →"), self.step,
                                  self.tr("One step (→)"))
        self.reset = button(self, "descent_reset", self.tr("Back to start"), self.back_to_start)
        self.keep = button(self, "descent_keep_run", self.tr("Keep run"), self.keep_run,
                           self.tr("Keep this run on the plot to compare it with the next"))
        self.clear = button(self, "descent_clear_runs", self.tr("Clear runs"), self.clear_runs)
        self.speed = QSlider(Qt.Horizontal, self)
        self.speed.setObjectName("descent_speed")
        self.speed.setRange(1, 60)
        self.speed.setValue(8)
        self.speed.setToolTip(self.tr("Steps per second while playing"))
        self.speed.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 10)

        self.curve_plot = CurvePlot("x", "f(x)", self)
        self.curve_plot.setObjectName("descent_curve_plot")
        self.contour = ContourPlot("x", "y", self)
        self.contour.setObjectName("descent_contour_plot")
        self.contour.setAspectLocked(True)           # x and y in the same units: circles stay round
        self.contour.getViewBox().sigResized.connect(self.contour_resized)
        self.plots = QStackedWidget(self)
        self.plots.setObjectName("descent_plots")
        self.plots.addWidget(self.curve_plot)
        self.plots.addWidget(self.contour)
        self.handles = {}
        for plot in (self.curve_plot, self.contour):
            plot.scene().sigMouseClicked.connect(self._plot_clicked)
            # the start point: drag it (or double-click anywhere) to start from there
            handle = pg.TargetItem(size=16, symbol="o", pen=pg.mkPen("#000000", width=2),
                                   brush=pg.mkBrush(255, 255, 255, 120), movable=True)
            handle.setZValue(20)
            handle.setToolTip(self.tr("Start point: drag to move"))
            handle.sigPositionChangeFinished.connect(self._handle_dropped)
            plot.addItem(handle)
            self.handles[plot] = handle

        self.equation = QLabel(self)
        self.equation.setObjectName("descent_equation")
        self.equation.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self._size_equation()
        self.equation.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("descent_status")
        self.status.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setObjectName("descent_note")
        self.note.hide()
        self.error = error_label("descent_error", self)     # a refused start or η, in words
        self.error.hide()
        self.eta.message.connect(self._say)

        controls = [labelled(self, text, w) for text, w in (
            (self.tr("Function"), self.function), (self.tr("Start"), self.start),
            (self.tr("η"), self.eta), (self.tr("Steps"), self.steps),
            (self.tr("Optimiser"), self.optimizer), (self.tr("View"), self.mode))]
        buttons = [self.play, self.step_button, self.reset,
                   labelled(self, self.tr("Speed"), self.speed), self.keep, self.clear]
        self.arrangement = SideOrAbove(self, [(controls, 2), (buttons, 3)], [self.error],
                                       [self.equation, self.status, self.note], self.plots)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self.step)
        self.speed.valueChanged.connect(self._speed_changed)
        self.function.currentIndexChanged.connect(self._function_changed)
        self.start.editingFinished.connect(self.recompute)
        self.eta.changed.connect(self.recompute)
        self.steps.valueChanged.connect(self.recompute)
        self.optimizer.currentIndexChanged.connect(self.recompute)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._function_changed()

    # -- inputs ---------------------------------------------------------------------------
    @property
    def current_function(self):
        return FUNCTIONS[self.function.currentData()]

    def _function_changed(self, *_):
        f = self.current_function
        self.start.setText(", ".join(num(v) for v in f.start))
        self.eta.blockSignals(True)           # (recomputed once, below)
        self.eta.set_value(f.eta)             # each function's own η: Rosenbrock's is 0.001
        self.eta.blockSignals(False)
        self.error.hide()
        self.kept.clear()
        self.surface_key = None
        self.plots.setCurrentWidget(self.curve_plot if f.dims == 1 else self.contour)
        self.mode.setEnabled(f.dims == 2)
        self._mode_changed()
        self.recompute()

    def set_start(self, point) -> None:
        self.start.setText(", ".join(num(v, 4) for v in point))
        self.recompute()

    def _plot_clicked(self, event):
        if not event.double():
            return
        plot = self.plots.currentWidget()
        if not hasattr(plot, "getViewBox"):
            return
        p = plot.getViewBox().mapSceneToView(event.scenePos())
        self.set_start([p.x()] if self.current_function.dims == 1 else [p.x(), p.y()])

    def _handle_dropped(self, handle) -> None:
        p = handle.pos()
        self.set_start([p.x()] if self.current_function.dims == 1 else [p.x(), p.y()])

    def place_handles(self) -> None:
        if self.walk is None:
            return
        start, f0 = self.walk.points[0], self.walk.f[0]
        for handle in self.handles.values():
            handle.blockSignals(True)
            handle.setPos(start[0], f0 if start.size == 1 else start[1])
            handle.blockSignals(False)

    def _say(self, text: str) -> None:
        """A refused start or η in words under the controls; "" hides it."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def recompute(self, *_) -> None:
        """Run the whole walk now (it is cheap); Step and Play then reveal it."""
        self.stop()
        try:
            parts = [p for p in self.start.text().replace(";", ",").split(",") if p.strip()]
            try:
                start = [float(p.replace("−", "-")) for p in parts]
            except ValueError:
                raise BpvizError(self.tr("start: expected numbers such as 1.5, 1.5")) from None
            walk = run_descent(self.current_function, start, self.eta.value(), self.steps.value(),
                               self.optimizer.currentData())
        except BpvizError as e:
            self.error.setText(str(e))
            self.error.show()
            return
        self.error.hide()
        self.walk, self.t = walk, 0
        self.place_handles()
        self.redraw()

    # -- playing ----------------------------------------------------------------------------
    def step(self) -> None:
        if self.walk is None:
            return
        if self.t < len(self.walk.points) - 1:
            self.t += 1
            self.redraw()
        if self.t >= len(self.walk.points) - 1:
            self.stop()

    def toggle_play(self, *_) -> None:
        if self.timer.isActive():
            self.stop()
            return
        if self.walk is not None and self.t >= len(self.walk.points) - 1:
            self.t = 0
        self._speed_changed()
        self.timer.start()
        self.play.setChecked(True)
        self.play.setText(self.tr("Pause"))

    def stop(self) -> None:
        self.timer.stop()
        self.play.setChecked(False)
        self.play.setText(self.tr("Play"))

    def _speed_changed(self, *_):
        self.timer.setInterval(max(1, int(1000 / self.speed.value())))

    def back_to_start(self) -> None:
        self.stop()
        self.t = 0
        self.redraw()

    def keep_run(self) -> None:
        if self.walk is not None:
            self.kept.append((self.walk, COLOURS[(len(self.kept) + 1) % len(COLOURS)]))
            self.redraw()

    def clear_runs(self) -> None:
        self.kept.clear()
        self.redraw()

    def _size_equation(self) -> None:
        """The worked step a quarter larger than the panel's text, whatever the zoom (a font
        set once had stayed at 1× in presentation mode, smaller than the text under it)."""
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.equation.setFont(font)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._size_equation()

    def event(self, e):
        # Space and → belong to this panel while it has focus, not to the window's actions.
        if e.type() == QEvent.ShortcutOverride and e.key() in STEP_KEYS \
                and not isinstance(self.focusWidget(), (QLineEdit, QSpinBox)):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e):
        if e.key() == Qt.Key_Space:
            self.toggle_play()
        elif e.key() == Qt.Key_Right:
            self.step()
        else:
            super().keyPressEvent(e)
