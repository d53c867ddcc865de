"""Drawing for the textbook-function panel: the 1-D curve with its tangent, the contour map
or the 3-D surface with every run's path, the step labels, and the CSV of the runs."""

from __future__ import annotations

import numpy as np

from ...core.descent import DescentRun, num
from . import surface3d
from .plots import COLOURS

OPTIMIZER_NAMES = {"sgd": "SGD", "momentum": "Momentum", "adam": "Adam"}


class FunctionDrawing:
    """Mixed into FunctionPanel: reads its state (walk, t, kept, widgets) and draws it."""

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

    def _plot_aspect(self) -> float:
        """The contour plot's width over its height, in steps of a quarter, 1 to 6 (a tall
        plot shows the square; a very wide one, up to six times its width)."""
        vb = self.contour.getViewBox()
        rect = vb.boundingRect()
        if rect.height() <= 0:
            return 1.0
        return min(6.0, max(1.0, round(rect.width() / rect.height() * 4) / 4))

    def contour_resized(self, *_) -> None:
        """A new shape of the plot: the surface again, as wide as the plot now is."""
        if self.walk is not None and self.walk.function.dims == 2 \
                and self.surface_key is not None and self.surface_key[2] != self._plot_aspect():
            self.redraw()

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
        # x and y keep one scale (circles stay round): a wide plot shows more of x, computed,
        # rather than blank paper beside a square (Rosenbrock had used 150 of 850 pixels)
        wide = self._plot_aspect()
        key = (f.name, reach, wide)
        if key != self.surface_key:
            xs = np.linspace(cx - reach * wide, cx + reach * wide, int(161 * wide))
            ys = np.linspace(cy - reach, cy + reach, 161)
            values = f.values_on(xs, ys)
            # colours and contour levels from the square around the path: the sides, far up
            # Rosenbrock's walls (2e6), had flattened its valley into one band
            square = np.abs(xs - cx) <= reach
            values = np.minimum(values, np.nanmax(values[square]))
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
        with np.errstate(over="ignore", invalid="ignore"):     # (a huge η overflows: no arrow)
            step = -self.walk.eta * g                   # the plain gradient step from here
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
