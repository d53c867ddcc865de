"""The network's own cost over two of its parameters (core.surface), drawn as a contour map
with the current point and the path the two parameters took. Large grids are computed in a
QThread (the window stays responsive, progress shows); the thread is always joined."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QWidget,
)

from ...core.descent import num
from ...core.errors import BpvizError
from ...core.notation import count
from ...core.surface import MAX_CELLS, Surface, all_params, check_span, loss_surface
from .arrange import SideOrAbove
from .controls import button, labelled
from .plots import ContourPlot

THREAD_WORK = 2_000_000      # grid points × samples × widest layer above which a thread computes


class SurfaceWorker(QThread):
    """Computes one surface on a copy of the network; stops early when interrupted."""

    progressed = Signal(int, int)
    computed = Signal(object)
    failed = Signal(str)

    def __init__(self, network, x, y, p, q, span, grid, samples, parent=None):
        super().__init__(parent)
        self.job = (network.copy(), x, y, p, q, span, grid, samples)

    def run(self):
        network, x, y, p, q, span, grid, samples = self.job
        try:
            s = loss_surface(network, x, y, p, q, span=span, grid=grid, samples=samples,
                             progress=self.progressed.emit, should_stop=self.isInterruptionRequested)
        except BpvizError as e:
            self.failed.emit(str(e))
            return
        if s is not None:
            self.computed.emit(s)


class SlicePanel(QWidget):
    """Pick two parameters; see C over them, all others fixed. Feed it path points with
    `add_path_point(p, q)` (e.g. after each training step)."""

    surface_ready = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("descent_slice")
        self.network = self.x = self.y = None
        self.surface: Surface | None = None
        self.worker: SurfaceWorker | None = None
        self.path: list[tuple[float, float]] = []

        self.p = QComboBox(self)
        self.p.setObjectName("descent_slice_p")
        self.q = QComboBox(self)
        self.q.setObjectName("descent_slice_q")
        self.span = QLineEdit(self)
        self.span.setObjectName("descent_slice_span")
        self.span.setPlaceholderText(self.tr("1 + |w|"))
        self.span.setToolTip(self.tr("Half-width of the grid on each axis (empty: 1 + |value|)"))
        self.span.setMaximumWidth(self.fontMetrics().horizontalAdvance("0.00000") * 2)
        self.grid = QSpinBox(self)
        self.grid.setObjectName("descent_slice_grid")
        self.grid.setRange(3, int(MAX_CELLS ** 0.5) - 1)
        self.grid.setSingleStep(2)
        self.grid.setValue(61)
        self.samples = QSpinBox(self)
        self.samples.setObjectName("descent_slice_samples")
        self.samples.setRange(1, 1_000_000)
        self.samples.setToolTip(self.tr("Use the first M training samples"))
        self.compute_button = button(self, "descent_slice_compute", self.tr("Compute"), self.compute)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("descent_slice_progress")
        self.progress.hide()
        self.plot = ContourPlot("P", "Q", self)
        self.plot.setObjectName("descent_slice_plot")
        self.note = QLabel(self.tr("A 2-D slice: every other parameter is held at its current "
                                   "value; when training moves them, the path leaves this slice."), self)
        self.note.setObjectName("descent_slice_note")
        self.note.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("descent_slice_status")
        self.status.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("descent_slice_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        app = QCoreApplication.instance()
        if app is not None:                       # a safety net; the window calls shutdown()
            app.aboutToQuit.connect(self.shutdown)

        controls = [labelled(self, text, w) for text, w in (
            (self.tr("P"), self.p), (self.tr("Q"), self.q), (self.tr("Span ±"), self.span),
            (self.tr("Grid"), self.grid), (self.tr("Samples"), self.samples))]
        controls += [self.compute_button, self.progress]
        self.arrangement = SideOrAbove(self, [(controls, 2)], [self.error],
                                       [self.status, self.note], self.plot)

    # -- API for the window ---------------------------------------------------------------
    def set_network(self, network, x, y) -> None:
        """The network and its training data; fills the parameter lists (no computing yet)."""
        self.shutdown()
        self.network, self.x, self.y = network, np.asarray(x, float), np.asarray(y, float)
        params = all_params(network)
        for combo, default in ((self.p, 0), (self.q, 1)):
            combo.blockSignals(True)
            combo.clear()
            for prm in params:
                combo.addItem(f"{prm.label}  ({prm.key})", prm)
            combo.setCurrentIndex(min(default, len(params) - 1))
            combo.blockSignals(False)
        self.samples.setMaximum(max(1, len(self.x)))
        self.samples.setValue(min(len(self.x), 1000))
        self.forget()

    def forget(self) -> None:
        """The network has gone (another preset, a new architecture, other data): stop a
        computation for it, and take its surface and path off the plot."""
        self.shutdown()
        self.surface = None
        self.path.clear()
        self.plot.clear_surface()
        self.plot.clear_paths()
        self.status.setText(self.tr("Choose P and Q (or Ctrl+click two edges in the network view) "
                                    "and press Compute"))

    def set_params(self, p_key: str, q_key: str) -> None:
        for combo, key in ((self.p, p_key), (self.q, q_key)):
            for i in range(combo.count()):
                if combo.itemData(i).key == key:
                    combo.setCurrentIndex(i)

    def add_path_point(self, p: float, q: float) -> None:
        """One more point of the path (w_a, w_b), e.g. after a training step."""
        self.path.append((float(p), float(q)))
        self._draw_path()

    def clear_path(self) -> None:
        self.path.clear()
        self._draw_path()

    def busy(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def shutdown(self) -> None:
        """Stop and join a running computation (call before the window closes)."""
        if self.worker is not None:
            self.worker.requestInterruption()
            self.worker.wait()
            self.worker.deleteLater()
            self.worker = None
        self.progress.hide()
        self.compute_button.setEnabled(True)

    # -- computing --------------------------------------------------------------------------
    def compute(self) -> None:
        if self.network is None:
            return
        self.shutdown()
        p, q = self.p.currentData(), self.q.currentData()
        try:
            span = check_span(self.span.text().replace("−", "-")) if self.span.text().strip() else None
            if p == q:
                raise BpvizError(self.tr("P and Q are the same parameter; pick two different ones"))
        except BpvizError as e:
            return self._failed(str(e))
        grid = self.grid.value() | 1                  # odd, so the centre is a grid point
        samples = self.samples.value()
        args = (self.network, self.x, self.y, p, q, span, grid, samples)
        self._base = self.network.params.copy()       # the other weights the slice holds
        self.error.hide()
        if grid * grid * min(samples, len(self.x)) * max(self.network.sizes) <= THREAD_WORK:
            try:
                self._computed(loss_surface(*args[:5], span=span, grid=grid, samples=samples))
            except BpvizError as e:
                self._failed(str(e))
            return
        self.worker = SurfaceWorker(*args, parent=self)
        self.worker.progressed.connect(self._progressed)
        self.worker.computed.connect(self._computed)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._finished)
        self.progress.setRange(0, grid * grid)
        self.progress.setValue(0)
        self.progress.show()
        self.compute_button.setEnabled(False)
        self.status.setText(self.tr("Computing {0} × {0} points on {1} samples…")
                            .format(grid, count(samples)))
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setValue(done)

    def _finished(self) -> None:
        self.progress.hide()
        self.compute_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _computed(self, s: Surface) -> None:
        self.surface = s
        p, q = s.params
        self.plot.setLabel("bottom", f"{p.label} ({p.key})")
        self.plot.setLabel("left", f"{q.label} ({q.key})")
        width_a, width_b = s.a[-1] - s.a[0], s.b[-1] - s.b[0]
        # equal spans: equal scales, so the gradient is drawn at right angles to the contours
        self.plot.setAspectLocked(bool(np.isclose(width_a, width_b)))
        self.plot.set_surface(s.a, s.b, s.loss)
        self._draw_path()
        self.surface_ready.emit(s)

    def _show_status(self) -> None:
        """C where the surface was computed and its lowest point on the grid; once the
        weights have moved (an update, training), C at the weights as they are now too."""
        s = self.surface
        n = len(s.a) // 2
        i, j = divmod(int(np.nanargmin(s.loss)), len(s.b))
        text = self.tr("C = {0} at ({1}, {2}), the weights the surface was computed at; lowest "
                       "on the grid {3} at ({4}, {5})").format(*(num(v, 7) for v in (
                           s.loss[n, n], s.centre[0], s.centre[1], s.loss[i, j], s.a[i], s.b[j])))
        if self.path and self.path[-1] != tuple(s.centre) and self.network is not None:
            with np.errstate(all="ignore"):
                now = self.network.cost(self.x[:s.samples], self.y[:s.samples])
            p, q = self.path[-1]
            text += self.tr(". Now C = {0} at ({1}, {2})").format(num(now, 7), num(p, 7), num(q, 7))
            if self._others_moved(p, q):
                text += self.tr(", with other weights moved too: the colours under the point "
                                "are the old slice's, not this C")
        self.status.setText(text)

    def _others_moved(self, p: float, q: float) -> bool:
        """Whether weights other than P and Q differ from those the surface was computed
        with (an update moves them all; the surface holds them fixed)."""
        base = getattr(self, "_base", None)
        if base is None or base.shape != self.network.params.shape:
            return False
        changed = int(np.count_nonzero(self.network.params != base))
        centre = self.surface.centre
        return changed > int(p != centre[0]) + int(q != centre[1])

    def _draw_path(self) -> None:
        self.plot.clear_paths()
        if self.surface is None:
            return
        if self.path:
            xs, ys = np.array(self.path).T
            self.plot.add_path(xs, ys, "#d62728", self.tr("path"))
            self.plot.set_current(xs[-1], ys[-1])
        else:
            self.plot.set_current(*self.surface.centre)
        self._show_status()

    def csv_rows(self):
        s = self.surface
        if s is None:
            return ["P", "Q", "loss"], []
        return ([s.params[0].key, s.params[1].key, "loss"],
                [[a, b, s.loss[i, j]] for i, a in enumerate(s.a) for j, b in enumerate(s.b)])
