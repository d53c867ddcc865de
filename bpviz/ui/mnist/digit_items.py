"""The network view's items for a digit network (784 inputs, 10 outputs): the input layer drawn
as the 28×28 greyscale image of the current sample, and the output neurons labelled 0–9 with
their activations and the predicted digit marked.

Drawn from the walk record only (no maths): the image is the record's input x, the labels its
output activations aᴸ once the forward pass has reached them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsTextItem

from ...core.digit_stats import is_digit_network
from ...core.notation import num, shown
from .weight_strip import WeightStrip, has_strip

PREDICTED = "#5e3c99"
LABEL_FILL = pg.mkBrush(255, 255, 255, 225)
IMAGE_HEIGHT = 8.0       # view units (the column is at most 12 tall)
IMAGE_MAX_WIDTH = 1.0    # view units: the image stays left of the first hidden layer
LABEL_MARGIN = 4.0       # pixels around a digit label's text (pyqtgraph's own)
TIGHT_MARGIN = 1.0       # the same where ten labels barely fit the column


def _line_height(font: QFont, size: float) -> float:
    """A label's line as its text item lays it out (which may round it up from the font's
    own height), without the document's margin."""
    font = QFont(font)
    font.setPointSizeF(size)
    probe = QGraphicsTextItem()
    probe.setFont(font)
    probe.document().setDocumentMargin(0)
    probe.setHtml("<b>0</b> a = 0.5")
    return max(QFontMetricsF(font).height(), probe.boundingRect().height())


def tr(text: str) -> str:
    return QCoreApplication.translate("DigitItems", text)


class DigitItems:
    """Owns the input image and (for 10 outputs) the digit labels of one network view."""

    def __init__(self, view: pg.PlotWidget, layout):
        self.view, self.lay = view, layout
        self.side = layout.image_side
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setObjectName("input_image")
        self.image.setLevels((0.0, 1.0))
        self.image.setLookupTable(_grey_lut())
        self.image.setZValue(-5)              # above the edges: they leave from its pixels
        view.addItem(self.image)
        self.frame = pg.QtWidgets.QGraphicsRectItem()
        self.frame.setPen(pg.mkPen(120, 120, 120, width=1))
        self.frame.setZValue(-4)
        view.addItem(self.frame)
        self.pixels = None                    # the 28×28 array on show (for scripts and tests)
        self.digits = []
        if is_digit_network(layout.sizes, classes=True):
            for _ in range(10):
                item = pg.TextItem(anchor=(0, 0.5), fill=LABEL_FILL, color=(20, 20, 20))
                item.setZValue(6)
                view.addItem(item)
                self.digits.append(item)
        self.predicted = None
        self._html = [None] * len(self.digits)
        self._label_pt = None                 # the labels' font size once fitted to their spacing
        self._label_margin = LABEL_MARGIN
        self._label_font = QFont(self.digits[0].textItem.font()) if self.digits else None
        self._px = None                       # view units per screen pixel, once placed
        self._step = None                     # the step the labels show
        self._probe = QGraphicsTextItem()     # measures a label's text before it is set
        self._widths = {}                     # (html, font key, margin) → width in pixels
        # the first hidden layer's incoming weights as images beside it (weight_strip.py)
        self.strip = WeightStrip(view, layout) if has_strip(layout.sizes) else None
        self.place(1.0, 1.0)

    # -- where ---------------------------------------------------------------------------------
    def place(self, px: float, py: float) -> bool:
        """Size the image square on screen (px, py: view units per pixel); True if it moved."""
        h = IMAGE_HEIGHT
        w = h * px / py if py > 0 else IMAGE_MAX_WIDTH
        if w > IMAGE_MAX_WIDTH:
            w, h = IMAGE_MAX_WIDTH, IMAGE_MAX_WIDTH * py / px
        rect = (0.1 - w, -h / 2, w, h)
        old = self.lay.image_rect
        if old is not None and np.allclose(old, rect, rtol=0.01, atol=1e-9) and self.image.width():
            return False
        self.lay.set_image_rect(*rect)
        self.image.setRect(QRectF(*rect))
        self.frame.setRect(QRectF(*rect))
        return True

    def place_labels(self, px: float, py: float, diameters) -> None:
        """The digit labels right of the outputs and the weight strip left of the first
        hidden layer (diameters: each neuron's marker in pixels)."""
        L = self.lay.L
        self._px = px
        radius_px = float(diameters[-1]) / 2
        for j, item in enumerate(self.digits):
            item.setPos(self.lay.x[L][j] + (radius_px + 6) * px, self.lay.y[L][j])
        if len(self.digits) > 1 and py > 0:   # a smaller font where the lines would overlap
            room = abs(self.lay.y[L][0] - self.lay.y[L][1]) / py
            base = QFont(self._label_font)        # the scene's own font: the presentation
            line = QFontMetricsF(base).height()   # zoom magnifies the scene as a whole
            # where the lines are close the fill behind them hugs the text
            margin = LABEL_MARGIN if room >= line + 2 * LABEL_MARGIN else TIGHT_MARGIN
            room -= 2 * margin
            size = base.pointSizeF() * min(1.0, room / line) if line > 0 else base.pointSizeF()
            size = max(5.0, round(2 * size) / 2)
            while size > 5.0 and _line_height(base, size) > room:    # fonts do not scale evenly
                size -= 0.5
            if (size, margin) != (self._label_pt, self._label_margin):
                self._label_pt, self._label_margin = size, margin
                for item in self.digits:
                    item.textItem.document().setDocumentMargin(margin)
                base.setPointSizeF(size)
                for item in self.digits:
                    item.setFont(base)
        if self.strip is not None:
            self.strip.place(px, py, float(diameters[self.lay.offsets[1]]) / 2)
        if self._step is not None and self.digits:      # δ in or out for the new room
            self.show(self._step)

    # -- what ----------------------------------------------------------------------------------
    def show(self, step) -> None:
        x = np.asarray(step.walk.x, dtype=float)
        pixels = x.reshape(self.side, self.side)
        if self.pixels is None or not np.array_equal(pixels, self.pixels):
            self.pixels = pixels.copy()
            self.image.setImage(pixels[::-1], levels=(0.0, 1.0), autoLevels=False)
            if self.lay.image_rect is not None:     # (a rect set before there was an image
                self.image.setRect(QRectF(*self.lay.image_rect))      # scaled 1 pixel to it)
        if self.strip is not None:            # after the update step: the new W¹
            weights = step.new_weights if step.new_weights is not None else step.walk.weights
            self.strip.show(weights[0])
        if not self.digits:
            return
        a = step.a[self.lay.L]
        delta = step.delta[self.lay.L - 1] if len(step.delta) >= self.lay.L else None
        self.predicted = None if a is None else int(np.argmax(a))
        self._step = step
        # δᴸ once the backward pass has it (the walk's backward steps had shown nothing new at
        # the outputs, and the inspector may be hidden: Network view only), where it fits
        htmls = self._label_htmls(a, delta)
        if delta is not None and not self._labels_fit(htmls):
            htmls = self._label_htmls(a, None)
        for j, (item, html) in enumerate(zip(self.digits, htmls)):
            if html != self._html[j]:
                self._html[j] = html
                item.textItem.setHtml(html)      # (TextItem.setHtml would serialise the old
                item.updateTextPos()             # text to compare it first)

    def _label_htmls(self, a, delta) -> list[str]:
        htmls = []
        for j in range(len(self.digits)):
            d = "" if delta is None else f"&nbsp; δ = {shown(num(float(delta[j]), 2))}"
            if a is None:
                html = f"<b>{j}</b>&nbsp; a = ?"
            elif j == self.predicted:
                html = (f'<b style="color:{PREDICTED}">{j}</b>&nbsp; a = {num(float(a[j]), 3)}{d}'
                        f'&nbsp;<b style="color:{PREDICTED}">◀ {tr("ŷ")}</b>')
            else:
                html = f"<b>{j}</b>&nbsp; a = {num(float(a[j]), 3)}{d}"
            htmls.append(html)
        return htmls

    def _labels_fit(self, htmls) -> bool:
        """Every label would end inside the view with these texts (a label is drawn in screen
        pixels). Measured before a label is set: setting the ten labels with δ and again
        without it had cost twenty layouts at each backward step that δ did not fit."""
        if not self._px:
            return True
        right = self.view.getViewBox().viewRange()[0][1]
        return all(item.pos().x() + self._width(item, html) * self._px <= right
                   for item, html in zip(self.digits, htmls))

    def _width(self, item, html: str) -> float:
        """The width in pixels of `item` showing `html`: laid out on a probe off the scene in
        the item's font and margin, remembered for that text, font and margin (δᴸ stays the
        same from the first backward step to the update)."""
        text = item.textItem
        margin = text.document().documentMargin()
        key = (html, text.font().key(), margin)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > 100:
                self._widths.clear()
            probe = self._probe
            probe.setFont(text.font())
            probe.document().setDocumentMargin(margin)
            probe.setHtml(html)
            width = self._widths[key] = probe.boundingRect().width()
        return width

    def label_text(self, j: int) -> str:
        return self.digits[j].textItem.toPlainText()


def _grey_lut() -> np.ndarray:
    """Ink dark on paper white, as the digit was written (0 → white, 1 → black)."""
    g = np.linspace(255, 0, 256).astype(np.uint8)
    return np.stack([g, g, g], axis=1)
