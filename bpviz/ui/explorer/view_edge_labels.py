"""The labels on the edges of a small weight matrix: written at the largest size that lets
them all find a place (never smaller on the screen than at normal size), each put where it
covers nothing (label_fit.place_edge_labels). A part of `ViewLabels` (view_labels.py), which
holds `edge` (key → TextItem), `neuron`, `lay` and `diameters`.
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF

from ..lecture.zoom import factor
from ..widgets.label_fit import EDGE_PT, EDGE_SMALLEST, place_edge_labels

STEP = 0.25          # points between the sizes tried
LABEL_GAP = 3        # pixels kept clear around a neuron's label


class EdgeLabels:
    def _write_edges(self, texts: dict, selection, hovered, compact: dict | None = None
                     ) -> dict | None:
        """`_write_sized`, or, where that leaves labels out and `compact` (key → a shorter
        text) places more, the compact texts: at the update step "0.2739→0.2741" becomes
        "→0.2741" (XOR in presentation mode at 1366×768 had kept 7 of its 12 labels)."""
        spots = self._write_sized(texts, selection, hovered)
        if compact is None or spots is None or len(spots) == len(texts):
            return spots
        shorter = self._write_sized(compact, selection, hovered)
        if len(shorter) > len(spots):
            return shorter
        return self._write_sized(texts, selection, hovered)

    def _write_sized(self, texts: dict, selection, hovered) -> dict | None:
        """Write the edge labels at EDGE_PT, or smaller where that places more of them, but
        never smaller on the screen than EDGE_PT at normal size (the presentation zoom
        magnifies the view: at 1.4× a 6.25 pt label reads as 8.75 pt). In presentation mode
        the toy's edges had grown too short between the neuron labels for 8.5 pt: 6 of its 9
        weights showed at 1366×768, 1 at 1920×1080. Returns the spots found for the labels
        as written (`place_edges` then need not place them again). The largest size that
        places them all is found by halving: a handful of placings, one at 1×."""
        if not texts:
            return None
        if self._pixels()[0] is None:    # (a view of no size yet: no place to measure)
            for key, item in self.edge.items():
                self._set_html(item, f'<div style="font-size:{EDGE_PT:g}pt">{texts[key]}</div>')
            return None
        floor = min(EDGE_PT, max(EDGE_SMALLEST, EDGE_PT / factor()))   # (below 1×: EDGE_PT)
        sizes = [EDGE_PT - STEP * i for i in range(int((EDGE_PT - floor) / STEP + 1e-9) + 1)]

        def trial(i: int) -> dict:
            for key, item in self.edge.items():
                self._set_html(item, f'<div style="font-size:{sizes[i]:g}pt">{texts[key]}</div>')
            return self._spots(self._edge_sizes(), selection, hovered)

        first = trial(0)                  # (at 1× the only size: one placing per step)
        if len(first) == len(texts) or len(sizes) == 1:
            return first
        last = trial(len(sizes) - 1)
        if len(last) < len(texts):        # none places them all: the size that places most
            return last if len(last) > len(first) else trial(0)
        lo, hi, spots = 0, len(sizes) - 1, last      # the largest size that places them all
        written = hi
        while hi - lo > 1:
            mid = written = (lo + hi) // 2
            found = trial(mid)
            if len(found) == len(texts):
                hi, spots = mid, found
            else:
                lo = mid
        return spots if written == hi else trial(hi)

    def _edge_sizes(self) -> dict:
        """Edge key → its label's (width, height) in pixels, as written now."""
        sizes = {}
        for key, item in self.edge.items():
            rect = item.boundingRect()
            sizes[key] = (rect.width(), rect.height())
        return sizes

    def place_edges(self, selection, hovered, spots: dict | None = None) -> None:
        """Put each edge label where it covers nothing; the labels of the hovered or selected
        neuron's edges (and of a hovered or selected edge) always show. `selection` and
        `hovered` are ("neuron", l, j), ("edge", l, j, k) or None; `spots`, where the
        labels were just placed as they are written now."""
        if not self.edge:
            return
        px, py = self._pixels()
        if px is None:
            return
        if spots is None:
            spots = self._spots(self._edge_sizes(), selection, hovered)
        forced = self._forced(selection, hovered)
        for key, item in self.edge.items():
            spot = spots.get(key)
            _set_visible(item, spot is not None)
            if spot is not None:
                pos = (spot[0] * px, -spot[1] * py)
                if (item.pos().x(), item.pos().y()) != pos:
                    item.setPos(*pos)
                _set_z(item, 7 if key in forced else 3)
        self.note_missing()

    def note_missing(self) -> None:
        """Say, in the view's bottom-left corner, how many weights have no label for lack of
        room (a teacher had found two of XOR's twelve gone with nothing to say so); hidden
        where it would cover the result or a neuron's label (`avoid`: other items to keep
        clear of)."""
        note = self.missing
        if note is None:
            return
        px, py = self._pixels()
        hidden = sum(not item.isVisible() for item in self.edge.values())
        if px is None or not hidden:
            _set_visible(note, False)
            return
        # two lines, or four narrower ones where two would run into the result (the NOT
        # gate's update step at 2× had left four of eight weights out with no note)
        texts = [QCoreApplication.translate(
                     "NetworkView", "{0} of {1} weights not written here:\nhover a neuron or an edge"),
                 QCoreApplication.translate(
                     "NetworkView", "{0} of {1} weights\nnot written here:\nhover a neuron\nor an edge")]
        (x0, _), (y0, _) = self.view.getViewBox().viewRange()
        pos = (x0 + 4 * px, y0 + 2 * py)
        if (note.pos().x(), note.pos().y()) != pos:
            note.setPos(*pos)
        others = [item for item in list(self.neuron.values()) + list(self.avoid)
                  if item.isVisible()]
        for text in texts:
            self._set_html(note, '<div style="font-size:8pt">' + html.escape(
                text.format(hidden, len(self.edge))).replace("\n", "<br>") + "</div>")
            box = _pixel_rect(note, px, py)  # (in pixels: a hidden text item's own transform
            clear = not any(box.intersects(_pixel_rect(item, px, py)) for item in others)
            if clear:                        # is stale)
                break
        _set_visible(note, clear)

    def _forced(self, selection, hovered) -> list:
        """The edges whose labels always show: of the hovered or selected neuron, or the
        hovered or selected edge."""
        focus, picked = set(), set()        # neurons (l, j) and edges (l, j, k) in focus
        for sel in (selection, hovered):
            if sel is not None:
                (focus if sel[0] == "neuron" else picked).add(tuple(sel[1:]))
        return [key for key in self.edge if (key[0], key[1]) in focus
                or (key[0] - 1, key[2]) in focus or key in picked]

    def _spots(self, label_sizes: dict, selection, hovered) -> dict:
        """Edge key → the centre of its label in pixels, for labels of `label_sizes` (key →
        width, height in pixels); a label without room is left out."""
        px, py = self._pixels()
        if px is None:
            return {}
        lay = self.lay
        obstacles = []
        sizes = self.diameters
        for i in range(len(lay.node_x)):                       # the neurons themselves
            r = sizes[i] / 2 + 2
            cx, cy = lay.node_x[i] / px, -lay.node_y[i] / py
            obstacles.append(_rect(cx - r, cy - r, 2 * r, 2 * r))
        for item in self.neuron.values():                      # and their labels, with a
            if item.isVisible():                                # gap: XOR's "−0.9181" had
                obstacles.append(_pixel_rect(item, px, py).adjusted(    # touched "x₁ = 0"
                    -LABEL_GAP, -LABEL_GAP, LABEL_GAP, LABEL_GAP))
        ends = {}
        for key in self.edge:
            e = lay.edge_id(*key)
            ends[key] = (lay.edge_x0[e] / px, -lay.edge_y0[e] / py,
                         lay.edge_x1[e] / px, -lay.edge_y1[e] / py)
        return place_edge_labels(ends, label_sizes, obstacles, self._forced(selection, hovered))


def _set_visible(item, visible: bool) -> None:
    """Only real changes: each call on a pyqtgraph item runs its Python itemChange hook."""
    if item.isVisible() != visible:
        item.setVisible(visible)


def _set_z(item, z: float) -> None:
    if item.zValue() != z:
        item.setZValue(z)


def _rect(x, y, w, h) -> QRectF:
    return QRectF(x, y, w, h)


def _pixel_rect(item: pg.TextItem, px: float, py: float):
    """A TextItem's rectangle in the pixel space of `place_edge_labels` (y down)."""
    rect = item.boundingRect()                  # in pixels: text items ignore the zoom
    ax, ay = item.anchor.x(), item.anchor.y()
    x, y = item.pos().x() / px, -item.pos().y() / py
    return _rect(x - ax * rect.width(), y - ay * rect.height(), rect.width(), rect.height())
