"""The network drawn with pyqtgraph: neurons in columns, edges between them, one walk record
at a time.

Items are created once per network structure (`set_structure`) and updated with setData /
setHtml on every record (`show_step`), only where something changed. The edges are a few
batched curves (edge_layer.py); where things sit is network_layout.py; the words and numbers
on the labels come from value_text.py.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from ...core.digit_stats import is_digit_network
from ..mnist.digit_items import DigitItems
from ..widgets.colour_scale import ColourScale
from ..widgets.plot_fit import hide_auto_button
from .edge_layer import EdgeLayer
from .network_layout import Layout
from .view_labels import ViewLabels, cached, labels_note, scene_pixel_size
from .view_pointing import Pointing
from .view_result import Result

BAND = QColor(94, 60, 153, 38)          # the highlighted layer's background
BAND_EDGE = QColor(94, 60, 153, 160)
DONE_PEN = pg.mkPen(60, 60, 60, width=1.5)
TODO_PEN = pg.mkPen(175, 175, 175, width=1, style=Qt.DashLine)
NOW_PEN = pg.mkPen(94, 60, 153, width=3.5)
DOT_PEN = pg.mkPen(150, 150, 150, width=0.5)      # neurons of a big layer: tiny dots
DONE_BRUSH = pg.mkBrush(255, 255, 255)
TODO_BRUSH = pg.mkBrush(238, 238, 238)
LABEL_FILL = pg.mkBrush(255, 255, 255, 215)


class NetworkView(Pointing, Result, pg.PlotWidget):
    """Emits `selected(sel)` on click and `edit_requested(sel)` on double-click, where sel is
    ("neuron", l, j), ("edge", l, j, k) or None (0-based j, k; 1-based l)."""

    selected = Signal(object)
    edit_requested = Signal(object)
    neuron_hovered = Signal(object)     # (l, j) of a computing neuron under the mouse, or None

    def __init__(self, scale: ColourScale, parent=None):
        super().__init__(parent, background="#fcfcfc")
        self.setObjectName("network_view")
        self.setAccessibleName(self.tr("Network view: neurons, weights and the current step"))
        for axis in ("left", "bottom"):
            self.hideAxis(axis)
        self.setMenuEnabled(False)
        hide_auto_button(self)           # the Fit action (F) fits the network
        self.scale = scale
        self.gradient = False            # draw edges by ∂C/∂w instead of w
        self.layout_: Layout | None = None
        self.step = None
        self.selection = None
        self.click_modifiers = Qt.NoModifier
        self._hovered = None
        self._hover_item = None          # the neuron or edge under the mouse (any layer)
        self.scene().sigMouseMoved.connect(self._hover)
        self.scene().sigMouseClicked.connect(self._click)
        self.texts = None
        self.digit_items = None          # the input image and digit labels of a 784-input net
        # a new zoom or window size: the labels may need another mode or place
        self.getViewBox().sigTransformChanged.connect(self._zoomed)
        self._fitted = None
        self._band_now = None            # the layers the band is drawn around (_draw_band)
        self.getViewBox().sigResized.connect(self._resized)

    # -- building the items once per structure ------------------------------------------------
    def set_structure(self, sizes, activations, has_biases: bool) -> None:
        self.texts = None                # (the old labels go with clear())
        self.clear()
        lay = self.layout_ = Layout(sizes)
        self.step, self.selection = None, None
        self._band_now = None
        self._room_fitted = 0.0
        self._first_step = True          # fit again once the first step is shown
        self._html = {}
        self._node_style = None
        self.band = QGraphicsRectItem()
        self.band.setBrush(QBrush(BAND))
        self.band.setPen(QPen(BAND_EDGE, 0))
        self.band.setZValue(-20)
        self.addItem(self.band)
        self.digit_items = DigitItems(self, lay) if is_digit_network(sizes) else None
        self.edges = EdgeLayer(self, lay, self.scale)
        self.picked_edge = pg.PlotCurveItem(pen=pg.mkPen(0, 0, 0, 200, width=3), connect="pairs")
        self.addItem(self.picked_edge)
        self.nodes = pg.ScatterPlotItem(x=lay.node_x, y=lay.node_y, size=lay.node_sizes(),
                                        pxMode=True, pen=DONE_PEN, brush=DONE_BRUSH)
        self.nodes.setCacheMode(QGraphicsItem.DeviceCoordinateCache)   # restyled per layer only
        self.addItem(self.nodes)
        self.picked_node = pg.ScatterPlotItem(size=14, pxMode=True,
                                              pen=pg.mkPen(0, 0, 0, width=2.5, style=Qt.DashLine),
                                              brush=None)
        self.addItem(self.picked_node)
        self.texts = ViewLabels(self, lay, has_biases,
                                skip={lay.L} if self.digit_items and self.digit_items.digits else ())
        self.labels, self.edge_text = self.texts.neuron, self.texts.edge
        top = lay.bounds()[3]
        self.headers = []
        for l in range(len(lay.sizes)):
            item = pg.TextItem(anchor=(0.5, 0), color=(30, 30, 30))    # hangs from the top
            item.setPos(l if l or self.digit_items is None else lay.image_rect[0] + lay.image_rect[2] / 2,
                        top)
            self.addItem(item)
            self.headers.append(item)
        self._header_base = []
        self._header_body = [None] * len(lay.sizes)
        self._header_fit = [None] * len(lay.sizes)
        for l, n in enumerate(lay.sizes):
            count = (self.tr("{0} neurons") if n > 1 else self.tr("{0} neuron")).format(n)
            if l == 0:
                self._header_base.append(self.tr("<b>input</b> a⁰<br>{0}").format(count))
            else:
                role = self.tr("output") if l == lay.L else self.tr("hidden")
                bias = "" if has_biases else self.tr(", no biases")
                self._header_base.append(self.tr("<b>layer {0}</b> · {1}<br>{2} · {3}{4}").format(
                                         l, role, activations[l - 1], count, bias))
        self.result_text = cached(pg.TextItem(anchor=(1, 1), color=(20, 20, 20), fill=LABEL_FILL))
        self.result_text.setPos(lay.bounds()[1] - 0.02, lay.bounds()[2] + 0.02)
        self.addItem(self.result_text)
        self.texts.avoid = [self.result_text]
        self.fit()
        self._zoomed()          # placed now: the same range as before changes no transform

    def _zoomed(self, *_) -> None:
        placed = None
        if self.digit_items is not None and self.texts is not None:
            px, py = scene_pixel_size(self.getViewBox())
            if px > 0 and py > 0 and np.isfinite(px * py):
                if self.digit_items.place(px, py):       # the image moved: its edges too
                    lay = self.layout_
                    self.nodes.setData(x=lay.node_x, y=lay.node_y, size=self.texts.diameters)
                    self._node_style = None
                    self.redraw()
                placed = px, py
        if self.texts is not None:
            self._fit_headers()
            before = self.texts.diameters
            self.texts.refit()
            if not np.array_equal(before, self.texts.diameters):
                self.nodes.setSize(self.texts.diameters)
                self._draw_selection()
        if placed is not None:      # after refit: beside the markers at their new size
            self.digit_items.place_labels(*placed, self.texts.diameters)
        if self.step is not None and self._band_now is not None:
            self._draw_band(self._band_now)

    def fit(self) -> None:
        if self.layout_ is not None:
            vb = self.getViewBox()
            x0, x1 = self._x_range(vb.width())
            if vb.width() > 0:               # the width decides the headers' lines
                self._fit_headers((x1 - x0) / vb.width())
                again = self._x_range(vb.width())     # … and the headers the outer margins
                if again != (x0, x1):
                    x0, x1 = again
                    self._fit_headers((x1 - x0) / vb.width())
            # room under the network for the result's three lines and over it for the headers'
            # (scene pixels, as the view)
            self._room_fitted = self._result_room()
            _, _, y0, y1 = self.layout_.bounds_with_room(vb.height(), self._room_fitted,
                                                         self._header_room())
            for item in self.headers:        # hanging from the top of the range
                item.setPos(item.pos().x(), y1)
            self.result_text.setPos(x1 - 0.02, y0 + 0.02)    # at the view's right edge
            vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            self._fitted = vb.viewRange()

    def _resized(self, *_) -> None:
        """A new height: fit again, unless the user has moved or zoomed the view."""
        if self.layout_ is not None and self.getViewBox().viewRange() == self._fitted:
            self.fit()

    # -- drawing a record ---------------------------------------------------------------------
    def show_step(self, step) -> None:
        lay = self.layout_
        self.step = step
        self._draw_edges(step)
        now = self._active_layers(step)
        done = tuple(self._computed(step, l) for l in range(len(lay.sizes)))
        if (done, now) != self._node_style:          # restyle only when a layer changes state
            self._node_style = (done, now)
            big = [lay.label_kind(l) == "none" for l in range(len(lay.sizes))]
            pens = [DOT_PEN if big[l] else NOW_PEN if int(l) in now else
                    DONE_PEN if done[l] else TODO_PEN for l in lay.node_layer]
            brushes = [DONE_BRUSH if done[l] else TODO_BRUSH for l in lay.node_layer]
            # the image's 784 pixels never change style: restyle the computing neurons only
            start = int(lay.offsets[1]) if self.digit_items is not None else 0
            part = self.nodes.data[start:]
            self.nodes.setPen(pens[start:], dataSet=part)
            self.nodes.setBrush(brushes[start:], dataSet=part)
        self.texts.show(step, self.gradient, self.selection, self._hover_item)
        if self.digit_items is not None:
            self.digit_items.show(step)
        phase = {"input": self.tr("input"), "forward": self.tr("forward →"), "loss": self.tr("loss"),
                 "backward": self.tr("← backward"), "update": self.tr("update")}[step.phase]
        for l in range(len(self.headers)):
            active = l in now
            tag = f'<br><b style="color:#5e3c99">{phase}</b>' if active else "<br>&nbsp;"
            self._header_body[l] = f'{self._header_base[l]}{tag}'
        self._fit_headers()
        self._draw_band(now)
        self._draw_result(step)
        self.texts.note_missing()            # (after the result: it keeps clear of it)
        self._draw_selection()
        if self._fitted == self.getViewBox().viewRange() and (
                self._first_step or self._result_room() > self._room_fitted + 0.5):
            self._first_step = False        # the headers' text came with the first step; or
            self.fit()                      # its labels hang lower than the last fit kept

    def _fit_headers(self, px: float | None = None) -> None:
        """Each layer's header at 10 pt, smaller where it would be wider than its column (the
        presentation zoom leaves fewer scene pixels per column); px: view units per scene
        pixel across (default: the view's now)."""
        if px is None:
            px = scene_pixel_size(self.getViewBox())[0]
        room = 1.0 / px - 8 if px > 0 else math.inf
        left = self.getViewBox().viewRect().left()
        for l, (item, body) in enumerate(zip(self.headers, self._header_body)):
            key = (body, room, left)
            if body is None or self._header_fit[l] == key:      # (as fitted last time)
                continue
            self._header_fit[l] = key
            item.setTextWidth(-1)
            short = body.split("<br>")[0].split(" · ")[0]      # "layer 2" (hover tells the rest)
            # and in a column narrower than "layer 2" (ten layers in a narrow window), the
            # number alone, as in W² and a²: the headers had run into each other
            for text in (body, short, f"<b>{l}</b>"):
                size = 10.0
                for _ in range(2):
                    self._set_html(item, f'<div style="font-size:{size:g}pt; text-align:center">'
                                         f'{text}</div>')
                    width = item.boundingRect().width()
                    if width <= room or size <= 6:
                        break
                    size = max(6.0, math.floor(2 * size * room / width) / 2)
                if width <= room:
                    break
            if l == 0 and self.digit_items is None:    # keep the input's header inside the view
                item.setPos(max(0.0, left + (width / 2 + 2) * px), item.pos().y())

    def _set_html(self, item, html: str) -> None:
        """Set a label's text only when it changed: most labels stay the same per step."""
        if self._html.get(id(item)) != html:
            self._html[id(item)] = html
            item.textItem.setHtml(html)      # (TextItem.setHtml would serialise the old text
            item.updateTextPos()             # to compare it first: ~20 µs a label)

    @staticmethod
    def _computed(step, l: int) -> bool:
        return l == 0 or step.a[l] is not None

    @staticmethod
    def _active_layers(step) -> set:
        if step.phase == "input":
            return {0}
        if step.phase == "update":
            return set()
        return {step.layer}

    def _draw_band(self, now: set) -> None:
        lay = self.layout_
        self._band_now = now                 # (drawn again after a zoom: its gap is in pixels)
        self.band.setVisible(bool(now))
        if not now:
            return
        lo, hi = min(now), max(now)
        if hi == 0 and lay.image_rect is not None:     # the input drawn as its image: around it
            x0, y0, w, h = lay.image_rect
            self.band.setRect(QRectF(x0 - 0.06 * w, y0 - 0.06 * h, 1.12 * w, 1.12 * h))
            return
        half = lay.height / 2
        # around the neurons, a few pixels clear of them and of the headers over them (it had
        # run up into the walk's direction under a header: "loss" sat on its edge)
        px, py = scene_pixel_size(self.getViewBox())
        active = self.texts.diameters[lay.offsets[lo]:lay.offsets[hi + 1]]
        pad = (float(active.max()) / 2 + 3) * py if py > 0 and len(active) else 0.45
        left, right, top = lo - 0.2, hi + 0.52, half + pad
        for item in self.headers:        # and never over a header (a squeezed view's too)
            rect = item.boundingRect()
            x = item.pos().x() - rect.width() * item.anchor.x() * px
            if px > 0 and x < right and x + rect.width() * px > left:
                top = min(top, item.pos().y() - rect.height() * py - 2 * py)
        top = max(top, half)             # (the neurons stay inside)
        self.band.setRect(QRectF(left, -half - pad, right - left, top + half + pad))

    def _edge_values(self, step):
        if self.gradient:
            return [g for g in step.grad_w]
        if step.new_weights is not None:
            return list(step.new_weights)
        return list(step.walk.weights)

    def _draw_edges(self, step) -> None:
        if self.edges.draw(self._edge_values(step), (self.gradient,)):
            if getattr(self, "legend", None) is not None:
                self.legend.labels_note = labels_note(self.layout_, self.digit_items is not None,
                                                      self.edges.hidden)
                self.legend.refresh("∂C/∂w" if self.gradient else "w", self.edges.max_width)

    def redraw(self) -> None:
        """Redraw after a change of scale or edge quantity."""
        self.edges.invalidate()
        if self.step is not None:
            self.show_step(self.step)
