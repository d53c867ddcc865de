"""Gradient descent on a textbook function: the controls, the run being played and the runs
kept for comparison. The maths is core.descent; this file only asks it and draws."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSlider,
                               QSpinBox, QStackedWidget, QVBoxLayout, QWidget)

from ...core.descent import FUNCTIONS, MAX_STEPS, DescentRun, num, run_descent
from ...core.errors import BpvizError
from . import surface3d
from .controls import EtaControl, button, labelled
from .plots import COLOURS, ContourPlot, CurvePlot

OPTIMIZER_NAMES = {"sgd": "SGD", "momentum": "Momentum", "adam": "Adam"}
STEP_KEYS = (Qt.Key_Space, Qt.Key_Right)


class FunctionPanel(QWidget):
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
        for f in FUNCTIONS.values():
            self.function.addItem(f.formula, f.name)
        self.start = QLineEdit(self)
        self.start.setObjectName("descent_start")
        self.start.setToolTip(self.tr("Start point: x, or x, y (double-click the plot to move it)"))
        self.start.setMinimumWidth(self.fontMetrics().horizontalAdvance("−0.000, −0.000"))
        self.eta = EtaControl(self)
        self.steps = QSpinBox(self)
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
        self.plots = QStackedWidget(self)
        self.plots.setObjectName("descent_plots")
        self.plots.addWidget(self.curve_plot)
        self.plots.addWidget(self.contour)
        for plot in (self.curve_plot, self.contour):
            plot.scene().sigMouseClicked.connect(self._plot_clicked)

        self.equation = QLabel(self)
        self.equation.setObjectName("descent_equation")
        self.equation.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.equation.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.equation.setFont(font)
        self.equation.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("descent_status")
        self.note = QLabel(self)
        self.note.setObjectName("descent_note")
        self.note.hide()
        self.error = QLabel(self)
        self.error.setObjectName("descent_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        row1 = QHBoxLayout()
        for text, w in ((self.tr("Function"), self.function), (self.tr("Start"), self.start),
                        (self.tr("η"), self.eta), (self.tr("Steps"), self.steps),
                        (self.tr("Optimiser"), self.optimizer), (self.tr("View"), self.mode)):
            row1.addWidget(labelled(self, text, w))
        row1.addStretch(1)
        row2 = QHBoxLayout()
        for w in (self.play, self.step_button, self.reset):
            row2.addWidget(w)
        row2.addWidget(labelled(self, self.tr("Speed"), self.speed))
        for w in (self.keep, self.clear):
            row2.addWidget(w)
        row2.addStretch(1)
        self.export_row = row2
        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.error)
        layout.addWidget(self.plots, 1)
        layout.addWidget(self.equation)
        layout.addWidget(self.status)
        layout.addWidget(self.note)

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

    # -- drawing ----------------------------------------------------------------------------
    def run_name(self, walk: DescentRun) -> str:
        return f"{OPTIMIZER_NAMES[walk.optimizer]}, η = {num(walk.eta)}"

    def _mode_changed(self, *_):
        want_3d = self.mode.currentData() == "3d" and self.current_function.dims == 2
        if not want_3d:
            self.note.hide()
            if self.current_function.dims == 2:
                self.plots.setCurrentWidget(self.contour)
            return
        reason = surface3d.unavailable()
        if reason is not None:
            self.note.setText(self.tr("Showing the contour map: {0}.").format(reason))
            self.note.show()
            self.plots.setCurrentWidget(self.contour)
            return
        if self.view3d is None:
            self.view3d = surface3d.Surface3D(self)
            self.plots.addWidget(self.view3d)
        self.surface_key = None
        self.plots.setCurrentWidget(self.view3d)
        self.note.hide()
        self.redraw()

    def redraw(self) -> None:
        walk, t = self.walk, self.t
        if walk is None:
            return
        f = walk.function
        runs = [(w, c, len(w.points)) for w, c in self.kept] + [(walk, COLOURS[0], t + 1)]
        if f.dims == 1:
            self._draw_1d(runs)
        else:
            self._draw_2d(runs)
        self._write_labels()

    def _write_labels(self) -> None:
        walk, t = self.walk, self.t
        p = walk.points[t]
        point = num(p[0]) if p.size == 1 else "(" + ", ".join(num(v) for v in p) + ")"
        if t == 0:
            x0 = "x₀" if p.size == 1 else "(x₀, y₀)"
            self.equation.setText(self.tr("{0} = {1}, f = {2} — press Step (→) or Play (Space)")
                                  .format(x0, point, num(walk.f[0])))
        else:
            self.equation.setText(walk.texts[t - 1])
        text = self.tr("Step {0} of {1}: f = {2} at {3}").format(
            t, len(walk.points) - 1, num(walk.f[t]), point)
        if walk.diverged and t == len(walk.points) - 1:
            text += "  —  " + self.tr("diverged: {0}").format(walk.diverged["message"])
        self.status.setText(text)

    def _draw_1d(self, runs) -> None:
        plot, f = self.curve_plot, self.current_function
        plot.clear_paths()
        shown = np.concatenate([np.ravel(w.points[:n]) for w, _, n in runs])
        reach = max(f.view, float(np.max(np.abs(shown))) * 1.1)
        xs = np.linspace(-reach, reach, 401)
        plot.set_curve(xs, f.values_on(xs))
        for w, colour, n in runs:
            pts = np.ravel(w.points[:n])
            plot.add_path(pts, np.array(w.f[:n]), colour, self.run_name(w))
        x, fx, g = self.walk.points[self.t][0], self.walk.f[self.t], self.walk.gradients[self.t][0]
        plot.set_tangent(x, fx, g, reach / 4)
        plot.set_current(x, fx)
        plot.setRange(xRange=(-reach, reach), yRange=(min(0.0, float(f.values_on(xs).min())),
                                                       float(f.values_on(xs).max())), padding=0.05)

    def _draw_2d(self, runs) -> None:
        f = self.current_function
        pts = np.vstack([np.array(w.points[:n]) for w, _, n in runs])
        cx, cy = f.centre
        reach = max(f.view, float(np.max(np.abs(pts - f.centre))) * 1.1)
        reach = min(reach, 20 * f.view)                # past that the picture says nothing
        key = (f.name, reach)
        if key != self.surface_key:
            xs = np.linspace(cx - reach, cx + reach, 161)
            ys = np.linspace(cy - reach, cy + reach, 161)
            values = f.values_on(xs, ys)
            self.contour.set_surface(xs, ys, values)
            if self.view3d is not None:
                self.view3d.set_surface(xs, ys, values)
            self.surface_key = key
        self.contour.clear_paths()
        if self.view3d is not None:
            self.view3d.clear_paths()
        for w, colour, n in runs:
            p = np.array(w.points[:n])
            self.contour.add_path(p[:, 0], p[:, 1], colour, self.run_name(w))
            if self.view3d is not None:
                self.view3d.add_path(p[:, 0], p[:, 1], np.array(w.f[:n]), colour)
        p, g = self.walk.points[self.t], self.walk.gradients[self.t]
        step = -self.walk.eta * g                       # the plain gradient step from here
        if not np.all(np.isfinite(step)) or np.linalg.norm(step) > 4 * reach:
            step = None
        self.contour.set_current(p[0], p[1], step)

    # -- export -------------------------------------------------------------------------------
    def csv_rows(self):
        """Every run on the plot: run, optimiser, η, step, coordinates, f, gradient."""
        dims = self.current_function.dims
        header = ["run", "optimizer", "eta", "step"] + (["x", "f", "df_dx"] if dims == 1 else
                                                        ["x", "y", "f", "df_dx", "df_dy"])
        rows = []
        runs = [w for w, _ in self.kept] + ([self.walk] if self.walk else [])
        for r, w in enumerate(runs, start=1):
            for t, (p, fv, g) in enumerate(zip(w.points, w.f, w.gradients)):
                rows.append([r, w.optimizer, w.eta, t, *p, fv, *g])
        return header, rows
