"""The one place where a value becomes a colour and a line width, and the legend that says so.

Colour is by sign on a colour-blind-safe diverging pair (blue = positive, orange =
negative, grey near zero); width and colour strength grow with |value| on one of three
scales: auto (relative to the largest |value| shown), fixed (relative to a chosen
maximum; larger values saturate) or log (four decades below the largest value).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from ...core.notation import num
from ..lecture.zoom import factor, zoom
from .field import error_label
from .folded_label import FoldedLabel

POSITIVE = np.array([33, 102, 172])     # blue  #2166ac
NEGATIVE = np.array([230, 97, 1])       # orange #e66101
NEUTRAL = np.array([205, 205, 205])     # light grey: (almost) zero
FAINT = np.array([238, 238, 238])       # … for dense nets
MODES = ("auto", "fixed", "log")
LOG_DECADES = 4.0
N_BINS = 16                              # width/colour steps for batched edges


class ColourScale:
    """Maps values to strength t ∈ [0, 1], colours and pixel widths."""

    def __init__(self, mode: str = "auto", fixed_max: float = 1.0):
        self.mode = mode
        self.fixed_max = fixed_max
        self.reference = 1.0     # the |value| that gets full strength, set by `fit`
        self.saturated = 0       # how many values exceed a fixed maximum

    def fit(self, values: np.ndarray) -> None:
        """Choose the reference magnitude for the values about to be drawn."""
        mags = np.abs(np.asarray(values, dtype=float))
        mags = mags[np.isfinite(mags)]
        largest = float(mags.max()) if mags.size else 0.0
        if self.mode == "fixed":
            self.reference = self.fixed_max
            self.saturated = int(np.count_nonzero(mags > self.fixed_max))
        else:
            self.reference = largest if largest > 0 else 1.0
            self.saturated = 0

    def strength(self, values: np.ndarray) -> np.ndarray:
        mags = np.abs(np.nan_to_num(np.asarray(values, dtype=float), posinf=1e300, neginf=1e300))
        if self.mode == "log":
            with np.errstate(divide="ignore"):
                decades = np.log10(np.maximum(mags, 1e-300) / self.reference)
            return np.clip(1.0 + decades / LOG_DECADES, 0.0, 1.0)
        return np.clip(mags / self.reference, 0.0, 1.0)

    def bins(self, values: np.ndarray) -> np.ndarray:
        """Bin index per value: 0..N_BINS-1 for negative, N_BINS..2N_BINS-1 for positive."""
        t = self.strength(values)
        level = np.minimum((t * N_BINS).astype(int), N_BINS - 1)
        return level + N_BINS * (np.asarray(values) >= 0)

    @staticmethod
    def bin_strength(b: int) -> float:
        return ((b % N_BINS) + 0.5) / N_BINS

    @staticmethod
    def bin_sign(b: int) -> int:
        return 1 if b >= N_BINS else -1

    @staticmethod
    def colour(sign: int, t: float, faint: bool = False) -> QColor:
        """Opaque (blending thousands of translucent lines is slow); `faint` starts weak
        values nearer the background so a dense net is not a solid block."""
        end = POSITIVE if sign >= 0 else NEGATIVE
        start = FAINT if faint else NEUTRAL
        rgb = start + (end - start) * min(1.0, (0.1 if faint else 0.25) + 0.75 * t)
        return QColor(int(rgb[0]), int(rgb[1]), int(rgb[2]))

    @staticmethod
    def width(t: float, max_width: float) -> float:
        return 0.6 + t * (max_width - 0.6)

    def describe(self, quantity: str) -> str:
        """One line for the legend: what full width means on this scale."""
        ref = num(self.reference, 4)
        tr = QCoreApplication.translate
        if self.mode == "fixed":
            extra = (tr("ColourScale", "; {0} above it drawn at full width").format(self.saturated)
                     if self.saturated else "")
            return tr("ColourScale", "fixed scale: full width at |{0}| ≥ {1}{2}").format(
                quantity, ref, extra)
        if self.mode == "log":
            low = num(self.reference / 10 ** LOG_DECADES, 2)
            return tr("ColourScale", "log scale: width ∝ log|{0}|, full at {1} (largest shown), "
                      "thinnest at ≤ {2}").format(quantity, ref, low)
        return tr("ColourScale", "auto scale: width ∝ |{0}|, full at {1} (largest shown)").format(
            quantity, ref)


class LegendBar(QWidget):
    """A gradient bar −max … 0 … +max with line-width samples, painted from ColourScale."""

    def __init__(self, scale: ColourScale, parent=None):
        super().__init__(parent)
        self.scale = scale
        self.quantity = "w"
        self.max_width = 8.0
        self.setObjectName("legend")
        self.setAccessibleName(self.tr("Colour and width legend"))
        self._picture: tuple | None = None      # (what it shows, the pixmap drawn for it)

    def minimumSizeHint(self) -> QSize:
        f = factor()                     # drawn in units that the presentation zoom scales
        return QSize(round(180 * f), round(44 * f))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:           # the zoom changed the font
            self.updateGeometry()

    def wanted_width(self) -> float:
        """The width its three labels need, each in its third of the bar, in pixels, for a
        usual width ("−0.9999  (w < 0)"; wider ones are drawn smaller): a width that followed
        the values shown had moved the controls between rows, and the network's height,
        mid-walk."""
        f = factor()
        fm = QFontMetricsF(zoom().base_font or self.font())
        widest = fm.horizontalAdvance("−0.9999  (w < 0)")
        return (3 * (widest + 8) + 16) * f

    def set_state(self, quantity: str, max_width: float) -> None:
        self.quantity, self.max_width = quantity, max_width
        self.setToolTip(self.scale.describe(quantity))
        self.update()

    def paintEvent(self, event):
        """The legend is drawn once per state into a pixmap, then copied: the window paints
        it on every walk step, and drawing it (gradient, text, lines) took ~0.5 ms."""
        s = self.scale
        key = (self.width(), self.height(), self.devicePixelRatioF(), factor(), self.quantity,
               self.max_width, s.mode, s.reference, self.font().key())
        if self._picture is None or self._picture[0] != key:
            pixmap = QPixmap(self.size() * self.devicePixelRatioF())
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            pixmap.fill(Qt.transparent)
            painter = QPainter(pixmap)
            self._draw(painter)
            painter.end()
            self._picture = (key, pixmap)
        p = QPainter(self)
        p.drawPixmap(0, 0, self._picture[1])
        p.end()

    def _draw(self, p: QPainter) -> None:
        p.setRenderHint(QPainter.Antialiasing)
        f = factor()
        p.scale(f, f)
        p.setFont(zoom().base_font or self.font())      # the scaling enlarges it
        w = self.width() / f
        bar = QRectF(8, 4, w - 16, 12)
        grad = QLinearGradient(bar.topLeft(), bar.topRight())
        for i in range(11):
            t = abs(i - 5) / 5
            grad.setColorAt(i / 10, self.scale.colour(1 if i >= 5 else -1, t))
        p.fillRect(bar, grad)
        p.setPen(QPen(QColor(90, 90, 90), 1))
        p.drawRect(bar)
        ref = num(self.scale.reference, 4)
        p.setPen(QColor(40, 40, 40))
        q = self.quantity
        font = QFont(p.font())             # smaller where a label would run into the next
        widest = max(QFontMetricsF(font).horizontalAdvance(t)
                     for t in (f"−{ref}  ({q} < 0)", f"({q} > 0)  +{ref}"))
        if widest > w / 3 - 8 and font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * max(0.6, (w / 3 - 8) / widest))
            p.setFont(font)
        p.drawText(QRectF(8, 18, w / 3, 14), Qt.AlignLeft, f"−{ref}  ({q} < 0)")
        # on the log scale the middle of the bar is "this small or smaller", not zero
        middle = ("0" if self.scale.mode != "log" else
                  f"|{q}| ≤ {num(self.scale.reference / 10 ** LOG_DECADES, 2)}")
        p.drawText(QRectF(w / 3, 18, w / 3, 14), Qt.AlignHCenter, middle)
        p.drawText(QRectF(2 * w / 3 - 8, 18, w / 3, 14), Qt.AlignRight, f"({q} > 0)  +{ref}")
        # width samples at 25 %, 50 %, 100 % of the reference
        y = 38.0
        for i, t in enumerate((0.25, 0.5, 1.0)):
            x0 = 8 + i * (w - 16) / 3
            pen = QPen(self.scale.colour(1, t), self.scale.width(t, self.max_width))
            p.setPen(pen)
            p.drawLine(QPointF(x0, y), QPointF(x0 + 28, y))
            p.setPen(QColor(40, 40, 40))
            value = (t * self.scale.reference if self.scale.mode != "log"
                     else self.scale.reference * 10 ** (LOG_DECADES * (t - 1)))
            label = num(value, 4)          # as on the edge labels: 1800, not 1.8e03
            p.drawText(QRectF(x0 + 34, y - 8, (w - 16) / 3 - 40, 16), Qt.AlignVCenter, label)


class LegendPanel(QWidget):
    """The legend row under the network: the bar, the sentence stating the scale, and the
    scale's controls (mode, fixed maximum); calls `on_change` when the user changes the scale."""

    def __init__(self, scale: ColourScale, parent=None):
        from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit
        super().__init__(parent)
        self.scale = scale
        self.bar = LegendBar(scale, self)
        self.text = FoldedLabel(self)    # two lines at most: the rest in its tooltip
        self.text.setObjectName("legend_text")
        self.labels_note = ""            # what the network view's labels show (set by the view)
        self.mode = QComboBox(self)
        self.mode.addItem(self.tr("auto"), "auto")        # the item's data is the mode
        self.mode.addItem(self.tr("fixed"), "fixed")
        self.mode.addItem(self.tr("log"), "log")
        self.mode.setObjectName("scale_mode")
        self.mode.setAccessibleName(self.tr("Edge scale mode"))
        self.mode.setToolTip(self.tr("auto: relative to the largest value shown · fixed: relative to the "
                                     "maximum you type · log: four decades below the largest value"))
        self.fixed = QLineEdit(f"{scale.fixed_max:g}", self)
        self.fixed.setObjectName("scale_max")
        self.fixed.setAccessibleName(self.tr("Fixed scale maximum"))
        self.fixed.setToolTip(self.tr("The |value| drawn at full width on the fixed scale"))
        self.fixed.setMaximumWidth(80)
        self.error = error_label("scale_max_error", self, wrap=False)
        self.error.hide()
        # the bar, its sentence, then the scale's controls: one row for all of them would
        # set the network view's minimum width (at presentation zoom, past the screen's); at
        # presentation zoom the sentence goes and the controls sit beside the bar (`_zoomed`)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(6, 2, 6, 2)
        self.grid.addWidget(self.bar, 0, 0)
        self.grid.addWidget(self.text, 1, 0, 1, 2)
        self.grid.setColumnStretch(0, 1)
        self.controls = QWidget(self)
        self.controls.setObjectName("scale_controls")
        self._beside = None              # the controls beside the bar (else under it)
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("scale"), self.controls))
        row.addWidget(self.mode)
        row.addWidget(QLabel(self.tr("max"), self.controls))
        row.addWidget(self.fixed)
        row.addWidget(self.error)
        row.addStretch(1)
        self.mode.currentIndexChanged.connect(lambda _: self._mode_changed(self.mode.currentData()))
        self.fixed.editingFinished.connect(self._fixed_changed)
        self.fixed.setEnabled(False)
        self.on_change = lambda: None     # set by the network view
        from ..lecture.zoom import factor, zoom
        zoom().changed.connect(self._zoomed)
        self._zoomed(factor())

    def _zoomed(self, factor: float) -> None:
        """At presentation size (1.25× and more: presentation mode's smallest) the sentence
        gives its room to the network (the bar's tooltip still says it) and the controls move
        up beside the bar where it has the room: at 1366×768 the row under it had cost the
        network the height its toy labels needed."""
        self.text.setVisible(factor < 1.25)
        self._arrange()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """The controls beside the bar at presentation size where the bar keeps the width its
        labels need (the network panel beside the bug lab at 1366×768 is too narrow), under it
        otherwise."""
        room = self.width() - self.controls.sizeHint().width() - 24
        beside = factor() >= 1.25 and room >= self.bar.wanted_width()
        if beside == self._beside:
            return
        self._beside = beside
        self.grid.removeWidget(self.controls)
        if beside:
            self.grid.addWidget(self.controls, 0, 1, Qt.AlignVCenter)
        else:
            self.grid.addWidget(self.controls, 2, 0, 1, 2)

    def refresh(self, quantity: str, max_width: float) -> None:
        self.bar.set_state(quantity, max_width)
        self.text.setText(self.tr("Edges: colour = sign of {0} (blue +, orange −), {1}.").format(
                          quantity, self.scale.describe(quantity)) + self.labels_note)
        self.bar.setToolTip(self.text.full)

    def _mode_changed(self, mode: str) -> None:
        self.scale.mode = mode
        self.fixed.setEnabled(mode == "fixed")
        self.on_change()

    def _fixed_changed(self) -> None:
        from ...core.errors import BpvizError
        from ..session import parse_value
        try:
            self.scale.fixed_max = parse_value(self.fixed.text(), self.tr("fixed maximum"), positive=True)
        except BpvizError as e:
            self.error.setText(str(e))
            self.error.show()
            self.fixed.setText(f"{self.scale.fixed_max:g}")
            return
        self.error.hide()
        self.on_change()
