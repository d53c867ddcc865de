"""The decision boundary of a 2-input network: its output as a heatmap over the input
plane with the data on top, and a small heatmap per neuron (TF Playground style).

Views compute no training maths: one forward pass of a 60×60 grid through the Session's
network each time the weights change (at most ~30 times a second while training) gives
the output map and every neuron's map at once. Hovering a small map shows it large.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...core.notation import count, num, sub, sup
from ..session import Session
from ..widgets.plot_fit import fit_by_menu
from .boundary_tiles import GAP, GRID, ROW_PITCH, TILE_STEP, BoundaryHover

MAX_NEURONS = 2048        # larger networks get a note instead of the map (`_too_large`),
MAX_WEIGHTS = 50_000      # as do those with more weights: ~0.1 s a redraw
MAX_TILES = 16            # neurons shown per layer in the small maps
LABEL_MARGIN = 28                    # view units left of the rows for their labels
NEGATIVE, POSITIVE = "#e66101", "#2166ac"      # the explorer's colours: orange −, blue +
# the maps are tints of the two colours, so data points in the full colours stand out
CMAP = pg.ColorMap([0.0, 0.5, 1.0], [pg.mkColor("#f4a86e"), pg.mkColor("#f7f7f7"),
                                     pg.mkColor("#7fa9d6")])
POINTS = pg.ColorMap([0.0, 0.5, 1.0], [pg.mkColor(NEGATIVE), pg.mkColor("#bbbbbb"),
                                       pg.mkColor(POSITIVE)])
BOUNDED = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0)}
# the input plane is drawn for data within ±PLANE_LIMIT: beyond it the plane's width, its
# grid or pyqtgraph's range (which raised "Cannot set range [-inf, inf]" for data at ±1e308)
# overflow, and zooming out must stay finite too
PLANE_LIMIT = 1e150


def grid_extent(x: np.ndarray) -> tuple[float, float, float, float] | None:
    """(x0, x1, y0, y1): the data's bounding box with a margin, never empty; None when the
    data reach beyond ±PLANE_LIMIT (or are not finite), where no plane can be drawn."""
    lo, hi = x.min(axis=0), x.max(axis=0)
    if not (np.isfinite(lo).all() and np.isfinite(hi).all()
            and max(np.abs(lo).max(), np.abs(hi).max()) <= PLANE_LIMIT):
        return None
    span = hi - lo
    pad = np.where(span > 0, 0.15 * span, np.maximum(0.5, 0.1 * np.abs(lo)))
    return (float(lo[0] - pad[0]), float(hi[0] + pad[0]),
            float(lo[1] - pad[1]), float(hi[1] + pad[1]))


def to_unit(values: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """Map `levels` onto −1…1 (the colour map's ends), clipping beyond."""
    lo, hi = levels
    half = hi / 2 - lo / 2          # in halves: hi − lo overflows to inf for ±1e308
    if not (hi > lo and np.isfinite(half)):
        return np.zeros_like(values)
    with np.errstate(over="ignore", invalid="ignore"):     # inf and nan values: the ends
        return np.clip(2 * ((values / 2 - lo / 2) / half) - 1, -1, 1)


class BoundaryView(BoundaryHover, QWidget):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.output_index = 0
        self.hovered: tuple[int, int] | None = None      # (l, j) shown instead of the output
        self.extent = None      # (x0, x1, y0, y1) of the plane drawn, set by rebuild
        self.title = QLabel(self)
        self.title.setObjectName("boundary_title")
        self.title.setWordWrap(True)
        self.output_choice = QComboBox(self)
        self.output_choice.setObjectName("boundary_output")
        self.output_choice.setAccessibleName(self.tr("Output neuron shown in the decision boundary"))
        self.output_choice.currentIndexChanged.connect(self._choose_output)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("boundary_note")

        self.plot = pg.PlotWidget(self, background="w")
        self.plot.setObjectName("decision_boundary")
        self.plot.setAccessibleName(self.tr("Decision boundary"))
        self.plot.setAspectLocked(False)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False, enableViewBoxMenu=True)       # only the view's menu
        fit_by_menu(item, self.fit_view)       # no "A" button; right-click → Fit the view
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(CMAP)
        item.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=9, pen=pg.mkPen("w", width=1.2))
        self.test_points = pg.ScatterPlotItem(size=9, symbol="t", pen=pg.mkPen("#222", width=1))
        item.addItem(self.train_points)
        item.addItem(self.test_points)

        self.tiles_widget = pg.GraphicsLayoutWidget(self)
        self.tiles_widget.setBackground("w")
        self.tiles_widget.setObjectName("neuron_maps")
        self.tiles_widget.setAccessibleName(self.tr("Small heatmap of every neuron; hover to enlarge"))
        self.tiles_widget.setToolTip(self.tr("Each neuron's activation over the input plane; "
                                             "hover one to show it large above"))
        self.tiles_box = self.tiles_widget.addViewBox(lockAspect=True, invertY=True,
                                                      enableMouse=False)
        self.tiles = pg.ImageItem(axisOrder="row-major")
        self.tiles.setColorMap(CMAP)
        self.tiles.setLevels((-1, 1))
        self.tiles_box.addItem(self.tiles)
        self.tile_labels: list[pg.TextItem] = []
        self.highlight = pg.QtWidgets.QGraphicsRectItem()
        self.highlight.setPen(pg.mkPen("#111", width=1.5))
        self.highlight.hide()
        self.tiles_box.addItem(self.highlight)
        self.tiles_widget.scene().sigMouseMoved.connect(self._tiles_hover)
        self.tiles_box.sigResized.connect(self.fit_tile_labels)
        self.tiles_box.sigRangeChanged.connect(self.fit_tile_labels)
        self.tiles_widget.leaveEvent = lambda e: self.show_neuron(None)

        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.output_choice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.plot, 3)
        layout.addWidget(self.tiles_widget, 2)

        self._columns: list[tuple[int, int]] = []     # per small-map column: (l, shown)
        session.changed.connect(self._model_changed)
        self.rebuild()

    def _model_changed(self, names) -> None:
        if names & {"network", "dataset"}:
            self.rebuild()
        elif "weights" in names:
            self.refresh()

    def fit_view(self, *_) -> None:
        """The whole input grid again (the right-click menu's Fit the view)."""
        if self.usable:
            x0, x1, y0, y1 = self.extent
            self.plot.getPlotItem().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    # -- structure ------------------------------------------------------------------------
    @property
    def usable(self) -> bool:
        return self._plottable() and self.extent is not None

    def _plottable(self) -> bool:
        """A 2-input network on data of 2 inputs and more than one sample, not too large
        (the plane's extent is checked in `rebuild`)."""
        s = self.session
        return (s.network.sizes[0] == 2 and s.dataset.n_inputs == 2 and len(s.dataset) > 1
                and not self._too_large())

    def _too_large(self) -> bool:
        """The grid's forward pass runs on the window's thread at every redraw and holds each
        layer's activations for every grid point: past MAX_NEURONS neurons or MAX_WEIGHTS
        weights it would stall the window (200 000 neurons took 27 s and gigabytes)."""
        sizes = self.session.network.sizes
        weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
        return sum(sizes[1:]) > MAX_NEURONS or weights > MAX_WEIGHTS

    @Slot()
    def rebuild(self) -> None:
        s = self.session
        n_in = s.network.sizes[0]
        data = s.dataset
        self.extent = None
        if self._plottable():               # (never MNIST's 784 inputs: no copy of them here)
            points = data.x if data.x_test is None else np.vstack([data.x, data.x_test])
            self.extent = grid_extent(points)
        self.plot.setVisible(self.usable)
        self.tiles_widget.setVisible(self.usable)
        self.title.setVisible(self.usable)          # the dock's own title says it otherwise
        self.note.setVisible(not self.usable)
        if n_in == 2 and len(s.dataset) < 2:
            self.note.setText(self.tr(
                "The decision boundary colours the input plane by the network's output, to "
                "show where it separates the classes of a data set. This data is a single "
                "sample, so there is no boundary to draw: choose xor, circle, … in the Data "
                "tab, or walk this example in the network view."))
        elif n_in == 2 and self._too_large():
            self.note.setText(self.tr(
                "The decision boundary is drawn for networks of up to {0} neurons and {1} "
                "weights (its grid is computed while the window waits); this one is larger."
            ).format(count(MAX_NEURONS), count(MAX_WEIGHTS)))
        elif self._plottable():
            self.note.setText(self.tr(
                "The data's range is too large to draw the decision boundary (it is drawn for "
                "inputs within ±{0}): scale the data down to see it.").format(num(PLANE_LIMIT)))
        else:
            self.note.setText(self.tr("The decision boundary needs a network with 2 inputs; "
                                      "this one has {0}.").format(n_in))
        self.output_choice.blockSignals(True)
        self.output_choice.clear()
        self.output_choice.addItems([self.tr("output {0}").format(j + 1) for j in range(s.network.sizes[-1])])
        self.output_index = min(self.output_index, s.network.sizes[-1] - 1)
        self.output_choice.setCurrentIndex(self.output_index)
        self.output_choice.blockSignals(False)
        self.output_choice.setVisible(s.network.sizes[-1] > 1)
        self.hovered = None
        if not self.usable:
            self.title.setText(self.tr("decision boundary"))
            return
        x0, x1, y0, y1 = self.extent
        gx, gy = np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID)
        xx, yy = np.meshgrid(gx, gy)                  # row r is y = gy[r]
        self.grid = np.column_stack([xx.ravel(), yy.ravel()])
        self._rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        ratio = (x1 - x0) / (y1 - y0)
        self.plot.setAspectLocked(1 / 3 < ratio < 3)         # same units: keep it square
        self.plot.getPlotItem().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self._set_points(self.train_points, data.x, data.y)
        if data.x_test is not None:
            self._set_points(self.test_points, data.x_test, data.y_test)
        else:
            self.test_points.clear()
        self._layout_tiles()
        self.refresh()

    def _set_points(self, item, x, y) -> None:
        j = min(self.output_index, y.shape[1] - 1)
        levels = self._target_levels()
        t = (to_unit(y[:, j], levels) + 1) / 2 if levels else np.full(len(y), 0.5)
        brushes = [pg.mkBrush(POINTS.map(float(v), mode="qcolor")) for v in t]
        item.setData(x[:, 0], x[:, 1], brush=brushes)

    def _target_levels(self):
        y = self.session.dataset.y[:, min(self.output_index, self.session.dataset.n_targets - 1)]
        lo, hi = float(y.min()), float(y.max())
        return (lo, hi) if hi > lo else None

    def _layout_tiles(self) -> None:
        """One row of small maps per layer (neurons left to right), labelled on the left."""
        sizes = self.session.network.sizes
        self._columns = [(l, min(n, MAX_TILES)) for l, n in enumerate(sizes[1:], start=1)]
        tile = GRID // TILE_STEP
        width = max(shown for _, shown in self._columns) * (tile + GAP)
        self._tile = tile
        self._mosaic = np.full(((len(self._columns) - 1) * ROW_PITCH + tile, width), np.nan)
        for label in self.tile_labels:
            self.tiles_box.removeItem(label)
        self.tile_labels = []
        for r, (l, shown) in enumerate(self._columns):
            # "layer 1", not "l = 1": in most fonts l = 1 reads as 1 = 1 or I = 1
            name = self.tr("output") if l == len(sizes) - 1 else self.tr("layer {0}").format(l)
            extra = "\n" + self.tr("{0} of {1}").format(shown, sizes[l]) if shown < sizes[l] else ""
            label = pg.TextItem(name + extra, color="#333", anchor=(1, 0.5))
            label.setPos(-2, r * ROW_PITCH + tile / 2)
            self.tiles_box.addItem(label)
            self.tile_labels.append(label)
        # the labels have a size in pixels: a wide mosaic (16 maps) needs more view units
        margin = max(LABEL_MARGIN, 0.13 * width)
        self.tiles_box.setRange(QRectF(-margin, -2, width + margin,
                                       self._mosaic.shape[0] + 4), padding=0.02)
        self.fit_tile_labels()

    # -- values ---------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        if not self.usable:
            return
        net = self.session.network
        with np.errstate(all="ignore"):
            _, activations = net.forward(self.grid)
        maps = [a.reshape(GRID, GRID, -1) for a in activations[1:]]
        self._maps = maps
        self._draw_big()
        tile = self._tile
        for c, (l, shown) in enumerate(self._columns):
            for j in range(shown):
                small = maps[l - 1][::TILE_STEP, ::TILE_STEP, j]
                r0, c0 = c * ROW_PITCH, j * (tile + GAP)
                # invertY: the small maps' rows run downwards, so flip to keep y up
                self._mosaic[r0:r0 + tile, c0:c0 + tile] = self._unit(l, j, small)[::-1]
        self.tiles.setImage(self._mosaic, levels=(-1, 1), autoLevels=False)

    def _unit(self, l: int, j: int, values: np.ndarray) -> np.ndarray:
        net = self.session.network
        if l == net.L:
            levels = self._target_levels()
            if levels is not None:
                return to_unit(values, levels)
        act = net.activation_names[l - 1]
        if act in BOUNDED:
            return to_unit(values, BOUNDED[act])
        m = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
        return to_unit(values, (-m, m)) if m > 0 else np.zeros_like(values)

    def _draw_big(self) -> None:
        net = self.session.network
        l, j = self.hovered if self.hovered is not None else (net.L, self.output_index)
        values = self._maps[l - 1][:, :, j]
        # the rect goes with the image: an ImageItem cannot place a rect before its image
        self.image.setImage(self._unit(l, j, values), levels=(-1, 1), autoLevels=False,
                            rect=self._rect)
        names = self.session.dataset.input_names or ("x₁", "x₂")
        what = (self.tr("output {0}").format(j + 1) if l == net.L
                else self.tr("neuron {0} of layer {1}").format(j + 1, l))
        self.title.setText(self.tr("{0}: {1} over ({2}, {3}) · orange low, blue high").format(
            what, f"a{sup(l)}{sub(j + 1)}", names[0], names[1]))
