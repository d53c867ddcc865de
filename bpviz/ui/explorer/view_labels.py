"""The text items of the network view: a label beside each neuron and a label on each edge
of a small weight matrix, sized and placed so that none covers another (label_fit.py).

`show(step, …)` writes the record's values (value_text.py); `refit()` runs when the zoom or
the window size changes and picks each layer's label mode again.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGraphicsItem

from ...core.notation import count
from ..widgets.label_fit import (
    FONT_PT,
    GAP,
    MARGIN,
    WIDEST,
    WIDEST_OUTPUT,
    choose_mode,
    fits_high,
    lines_of,
    text_size,
    widest,
)
from .value_text import edge_label_text, neuron_label_html
from .view_edge_labels import EdgeLabels, _set_visible, _set_z


def scene_pixel_size(viewbox) -> tuple[float, float]:
    """View units per pixel of the scene, where labels and markers are measured. The
    presentation zoom magnifies the whole scene, so one scene pixel is `factor()` screen
    pixels (ViewBox.viewPixelSize counts screen pixels, and may be cached from before)."""
    rect, w, h = viewbox.viewRect(), viewbox.width(), viewbox.height()
    if w <= 0 or h <= 0:
        return 0.0, 0.0
    return rect.width() / w, rect.height() / h

def cached(item: pg.TextItem) -> pg.TextItem:
    """Keep a label's rendered text between repaints (laying out and drawing the glyphs is
    the costly part, and the text changes far less often than the view is painted); Qt
    renders it again when the text changes. The fill behind it is drawn each time."""
    item.textItem.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
    return item


LABEL_FILL = pg.mkBrush(255, 255, 255, 235)
EDGE_FILL = pg.mkBrush(252, 252, 252, 225)


class ViewLabels(EdgeLabels):
    def __init__(self, view: pg.PlotWidget, layout, has_biases: bool, skip=()):
        self.view, self.lay, self.has_biases = view, layout, has_biases
        self.modes = {}                  # layer → "full" | "two" | "short" | "none"
        self.neuron = {}                 # (l, j) → TextItem
        self.edge = {}                   # (l, j, k) → TextItem
        self._html = {}
        self._args = None
        self._fits = {}                  # layer → (spacing, room, values, input layer), by refit
        self.diameters = layout.node_sizes()      # marker sizes in pixels, set by refit
        lay = layout
        for l, n in enumerate(lay.sizes):
            if lay.label_kind(l) == "none" or l in skip:     # (skip: another part labels it)
                continue
            self.modes[l] = "full" if lay.label_kind(l) == "full" else "short"
            for j in range(n):
                self.neuron[(l, j)] = self._item((0, 0.5), LABEL_FILL, (20, 20, 20), 5)
        for l in range(1, lay.L + 1):
            if not lay.edge_labels(l):
                continue
            for e in range(lay.edge_offsets[l - 1], lay.edge_offsets[l]):
                key = (l, int(lay.edge_j[e]), int(lay.edge_k[e]))
                self.edge[key] = self._item((0.5, 0.5), EDGE_FILL, (50, 50, 50), 3)
        # how many weights went unlabelled (view_edge_labels.note_missing)
        self.missing = self._item((0, 1), None, (110, 110, 110), 3) if self.edge else None
        if self.missing is not None:
            self.missing.setVisible(False)
        self.avoid = []                  # other items the note keeps clear of (the result)

    def _item(self, anchor, fill, colour, z) -> pg.TextItem:
        item = cached(pg.TextItem(anchor=anchor, fill=fill, color=colour))
        item.textItem.document().setDocumentMargin(MARGIN)
        item.setZValue(z)
        self.view.addItem(item)
        return item

    def _set_html(self, item, html: str) -> None:
        """Set a label's text only when it changed: most labels stay the same per step."""
        if self._html.get(id(item)) != html:
            self._html[id(item)] = html
            item.textItem.setHtml(html)      # (TextItem.setHtml would serialise the old text
            item.updateTextPos()             # to compare it first: ~20 µs a label)

    def side_room(self) -> tuple[float, float]:
        """Pixels the view keeps left of the input column (its neurons' radius and a margin)
        and right of the output column (its neurons' radius, and their labels at the widest
        a value of theirs can be written), so that the columns share what is left."""
        lay, d = self.lay, self.lay.node_sizes()
        left = d[0] / 2 + 2 * GAP
        right = d[-1] / 2 + 2 * GAP
        if lay.L in self.modes:
            kind = lay.label_kind(lay.L)
            line = (WIDEST["full"] if self.has_biases else WIDEST_OUTPUT) if kind == "full" \
                else WIDEST["short"]
            right += GAP + text_size(line, FONT_PT[kind])[0]
        return left, right

    def label_heights(self) -> dict:
        """Layer → the height in pixels its neurons' labels may take at this zoom: the richest
        mode that fits between two of its neurons (a step's values change the width a mode
        needs, not its lines), 0 for a layer without labels. Steady from step to step, so
        the room kept under the network does not follow the values shown."""
        heights = {}
        for l, (spacing, _room, values, input_layer) in self._fits.items():
            high = [m for m in ("full", "two", "short")
                    if fits_high(m, spacing, values, input_layer) and not (input_layer and m == "two")]
            if self.modes.get(l, "none") == "none" or not high:
                heights[l] = 0.0
            else:
                heights[l] = text_size("", FONT_PT[high[0]], lines_of(high[0], values, input_layer))[1]
        return heights

    # -- the zoom ----------------------------------------------------------------------------
    def _pixels(self):
        px, py = scene_pixel_size(self.view.getViewBox())
        return (px, py) if px > 0 and py > 0 and math.isfinite(px * py) else (None, None)

    def refit(self) -> None:
        """Choose each layer's label mode for the current zoom, then redraw the labels."""
        px, py = self._pixels()
        if px is None:
            return
        lay = self.lay
        radius = self.diameters = self._diameters(px, py)
        for l in self.modes:
            n = lay.sizes[l]
            spacing = abs(lay.y[l][0] - lay.y[l][1]) / py if n > 1 else math.inf
            r_here = radius[lay.node_id(l, 0)] / 2
            if l < lay.L:
                r_next = radius[lay.node_id(l + 1, 0)] / 2
                room = 1.0 / px - r_here - r_next - 3 * GAP
            else:                        # the output's labels end at the view's right edge
                room = (self.view.getViewBox().viewRect().right() - lay.x[l][0]) / px - r_here - 2 * GAP
            self._fits[l] = (spacing, room, 1 if l == 0 else 3 + self.has_biases, l == 0)
            for j in range(n):
                item = self.neuron[(l, j)]
                item.setPos(lay.x[l][j] + (r_here + GAP) * px, lay.y[l][j])
        if self._args is not None:
            self.show(*self._args)
        else:
            self._choose_modes(None)

    def _choose_modes(self, step) -> None:
        """Each layer's richest mode that fits, for the widest line the step's labels have
        (the toy's "z = 60" fits where "b new = -0.01576" would not)."""
        for l, (spacing, room, values, input_layer) in self._fits.items():
            lines = None
            high = [m for m in ("full", "two", "short") if fits_high(m, spacing, values, input_layer)]
            if step is not None and high and choose_mode(spacing, room, values, input_layer) != high[0]:
                # the widest value any label could have does not fit: measure the ones it has
                lines = {}
                for mode in ("full", "two", "short"):
                    if mode in high:
                        texts = [_plain(neuron_label_html(step, l, j, mode))
                                 for j in range(self.lay.sizes[l])]
                        lines[mode] = widest([t for text in texts for t in text.split("\n")],
                                             FONT_PT[mode])
                    else:
                        lines[mode] = WIDEST["two"]      # too high anyway: any width
            self.modes[l] = choose_mode(spacing, room, values, input_layer, lines)

    def _diameters(self, px: float, py: float) -> np.ndarray:
        """Marker diameters in pixels: the layer's usual size, smaller where the neurons of
        a column sit closer than that (a 2-neuron input beside a 16-neuron layer), or where
        the columns do (ten layers in a narrow window: the circles had covered each other)."""
        lay = self.lay
        d = lay.node_sizes().copy()
        across = 0.6 / px if len(lay.sizes) > 1 else math.inf     # columns are 1 apart
        for l, n in enumerate(lay.sizes):
            part = slice(int(lay.offsets[l]), int(lay.offsets[l + 1]))
            if n > 1:
                spacing = abs(lay.y[l][0] - lay.y[l][1]) / py
                d[part] = np.minimum(d[part], max(3.0, 0.8 * spacing))
            d[part] = np.minimum(d[part], max(3.0, across))
        return d

    # -- the values ----------------------------------------------------------------------------
    def show(self, step, gradient: bool, selection, hovered) -> None:
        """Write `step`'s values; the selected neuron always gets a full label on top."""
        self._args = (step, gradient, selection, hovered)
        self._choose_modes(step)
        picked = selection[1:] if selection is not None and selection[0] == "neuron" else None
        for (l, j), item in self.neuron.items():
            mode = self.modes[l]
            if (l, j) == picked:
                mode = "full"
            _set_visible(item, mode != "none")
            _set_z(item, 8 if (l, j) == picked else 5)
            if mode != "none":
                self._set_html(item, f'<div style="font-size:{FONT_PT[mode]}pt">'
                               + neuron_label_html(step, l, j, mode) + "</div>")
        texts = {key: edge_label_text(step, *key, gradient) for key in self.edge}
        compact = {key: edge_label_text(step, *key, gradient, compact=True) for key in self.edge}
        spots = self._write_edges(texts, selection, hovered,
                                  None if compact == texts else compact)
        self.place_edges(selection, hovered, spots)


def labels_note(lay, digits: bool, hidden_edges: int = 0) -> str:
    """The legend's sentence on what the neuron labels show for this network."""
    def tr(text):
        return QCoreApplication.translate("NetworkView", text)
    parts = []
    if any(lay.label_kind(l) != "full" for l in range(len(lay.sizes))):
        parts.append(tr(" Labels: every value beside small layers; big layers show the latest "
                        "value where it fits — hover over or select a neuron for all of them."))
    if digits:
        parts.append(tr(" The input is the sample's 28×28 image (each pixel one input); "
                        "outputs are labelled by digit, ◀ ŷ marks the predicted one."))
    if hidden_edges:
        parts.append(tr(" Big weight matrices show their strongest edges by |value| only "
                        "({n} left out; MNIST dock: edges shown).").format(n=count(hidden_edges)))
    return "".join(parts)


def _plain(html: str) -> str:
    """A label's text without its markup, one line per line."""
    return re.sub(r"<[^>]+>", "", html.replace("<br>", "\n")).replace("&nbsp;", " ")
