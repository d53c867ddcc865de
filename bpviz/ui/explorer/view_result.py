"""The walk's result under the network — the target, the loss and, once the update is applied,
what the network says now — and the room the view keeps for it, for the layer headers and
for the outer labels (the x range). A part of `NetworkView` (network_view.py), which holds
`result_text` (a TextItem anchored at its bottom right)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsTextItem

from ...core.metrics import one_hot_index
from ...core.notation import num, shown
from ..lecture.zoom import factor
from ..widgets.label_fit import FONT_PT, text_size
from .view_labels import scene_pixel_size

RESULT_PT = 10          # the result's text size (the presentation zoom magnifies the view)


class Result:
    def _x_range(self, width_px: float) -> tuple[float, float]:
        """The view's x range: the columns 1 apart, sharing the view's width but for the
        pixels the outer labels and headers need (`ViewLabels.side_room`), or `Layout.bounds`'
        margins in view units where those leave the columns wider. The margins in units alone
        had grown with the columns: in presentation mode the output's labels had kept a quarter
        of the width, and the edges between the columns were too short for their labels."""
        lay = self.layout_
        x0, x1 = lay.bounds()[:2]
        if lay.image_side or self.texts is None or width_px <= 0 or lay.L == 0:
            return x0, x1 + 0.5 * (factor() - 1)     # zoomed: room for the output's labels
        left, right = self.texts.side_room()
        if self.headers:                # the outer headers, centred on their columns
            left = max(left, self.headers[0].boundingRect().width() / 2 + 2)
            right = max(right, self.headers[-1].boundingRect().width() / 2 + 2)
        per_px = lay.L / max(width_px - left - right, 1.0)
        if per_px >= (x1 - x0 + 0.5 * (factor() - 1)) / width_px:   # many columns, a narrow
            return x0, x1 + 0.5 * (factor() - 1)     # view: the margins in units leave more
        return -left * per_px, lay.L + right * per_px

    def _result_room(self) -> float:
        """Scene pixels to keep under the lowest neuron: the result's three lines, and half a
        neuron or half the tallest label a layer's mode may write (`ViewLabels.label_heights`),
        which hangs as far below it (the toy's "δ = 120" had covered "target y = 60" at
        1500×950). `show_step` fits the view again when a zoom's modes need more than the last
        fit kept."""
        lines = lines_height(self.result_text.textItem.font().toString(), 3, RESULT_PT)
        lay = self.layout_
        below = lay.node_size() / 2
        py = scene_pixel_size(self.getViewBox())[1]
        if self.texts is not None and py > 0:     # a label is centred on its neuron: how far
            low = float(lay.node_y.min())          # under the lowest neuron does it hang?
            for l, height in self.texts.label_heights().items():
                above = (float(lay.y[l].min()) - low) / py
                below = max(below, height / 2 - above)
        return lines + below + 4          # (a rendered label may be a pixel or two taller)

    def _header_room(self) -> list:
        """Scene pixels each layer's header needs over its floor (`Layout.header_floor`): its
        lines as shown now, one more where it is shown whole (the walk's direction comes and
        goes under it; a header cut to "layer 2" gets no more), and the top neuron's radius and a
        gap (the shaded band around the active layer ends in it)."""
        room = []
        font = self.headers[0].textItem.font().toString()
        for l, item in enumerate(self.headers):
            html = self._html.get(id(item), "")
            lines = html.count("<br>") + 1 if html else 0
            tagged = self._header_body[l] not in (None, self._header_base[l])
            image = l == 0 and self.layout_.image_rect is not None
            if lines > 1 and not tagged and not image:    # (the image's tag shows at step 1
                lines += 1                                # only: its room goes to the digits)
            lay = self.layout_
            mine = self.texts.diameters[lay.offsets[l]:lay.offsets[l + 1]]
            radius = 0.0 if image or not len(mine) else float(max(mine)) / 2 + 5   # (the band: +3)
            room.append(lines_height(font, lines, 10) + radius if lines else 0.0)
        return room

    def labelled_layers(self) -> frozenset:
        """The layers whose neurons carry labels now: small layers always (multi-line
        labels), a middle-sized one where its one-line labels are shown, and MNIST's digit
        outputs. A layer shown without labels at 1× (MNIST's 30 hidden units) is not one the
        zoom can take labels from."""
        lay, texts = self.layout_, self.texts
        if lay is None or texts is None:
            return frozenset()
        digits = self.digit_items is not None and bool(self.digit_items.digits)
        return frozenset(
            l for l in range(len(lay.sizes))
            if not (l == 0 and lay.image_rect is not None)
            and (lay.label_kind(l) == "full"
                 or (lay.label_kind(l) == "short" and texts.modes.get(l, "none") != "none")
                 or (digits and l == lay.L)))

    def room_short(self, layers=None) -> float:
        """Screen pixels the view lacks in height for the network at its labels' least
        room: the headers, the result, and the tallest of `layers` (default: those labelled
        now, `labelled_layers`) with its neurons two label lines apart for a small layer, one
        line for a middle-sized one (0 when it has them). The zoom keys stop there
        (zoom_room.py); at 3× MNIST's ten digit labels had been drawn over each other."""
        lay = self.layout_
        if lay is None or self.texts is None:
            return 0.0
        layers = self.labelled_layers() if layers is None else layers
        span = 0.0
        pitch = {"full": text_size("", FONT_PT["two"], 2)[1] + 2,
                 "short": text_size("", FONT_PT["short"], 1)[1] + 2}
        for l, n in enumerate(lay.sizes):
            kind = lay.label_kind(l)
            if l in layers and kind in pitch:
                span = max(span, (n - 1) * pitch[kind] + float(lay.node_sizes()[lay.offsets[l]]))
        need = max(self._header_room(), default=0.0) + self._result_room() + span
        vb = self.getViewBox()
        scale = self.height() / vb.height() if vb.height() > 0 else 1.0   # screen per scene px
        return max(0.0, (need - vb.height()) * scale)

    def _draw_result(self, step) -> None:
        walk = step.walk
        k = one_hot_index(walk.y)
        digits = self.digit_items is not None and self.digit_items.digits
        if digits and k is not None:
            parts = [self.tr("target: digit {0} (y = 1 at output {0}, 0 at the others)").format(k)]
        elif k is not None and walk.y.size > 4:
            parts = [self.tr("target y = 1 at output {0}, 0 at the others").format(k + 1)]
        else:
            parts = [self.tr("target y = {0}").format(", ".join(num(v, 4) for v in walk.y[:4]))
                     + (" …" if walk.y.size > 4 else "")]
        if step.loss is not None:
            parts.append(self.tr("loss C = {0}").format(num(step.loss)))
        if step.loss_after is not None and digits:
            parts.append(self.tr("after the update: the network says {0}, C = {1}").format(
                int(np.argmax(step.output_after)), num(step.loss_after)))
        elif step.loss_after is not None:
            out = ", ".join(num(v) for v in step.output_after[:3])
            parts.append(self.tr("after the update: ŷ = {0}, C = {1}").format(
                out + (" …" if walk.y.size > 3 else ""), num(step.loss_after)))
        item = self.result_text
        text = "<br>".join(map(shown, parts))
        self._set_html(item, f'<div style="font-size:{RESULT_PT}pt">{text}</div>')
        room = self.getViewBox().sceneBoundingRect().width() - 16       # wrap, never cut off
        if item.textItem.textWidth() > 0 and item.textItem.textWidth() != room:
            item.setTextWidth(-1)
        if room > 50 and item.textItem.boundingRect().width() > room:
            item.setTextWidth(room)


@lru_cache(maxsize=32)
def lines_height(font_text: str, lines: int, points: float) -> float:
    """The height of `lines` text lines at `points` in the font `font_text` (QFont.toString)
    names, as a view's text item lays them out: measured once per font, not at every step."""
    font = QFont()
    font.fromString(font_text)
    probe = QGraphicsTextItem()
    probe.setFont(font)
    probe.setHtml(f'<div style="font-size:{points:g}pt">' + "<br>".join(["|"] * lines) + "</div>")
    return probe.boundingRect().height()
