"""The presentation zoom: one factor for the whole window, read by any view with `factor()`.

Changing it scales the application font (every widget's text) and every pyqtgraph view in
the window as a whole: the view draws its scene magnified (text, axes, layout), and the
lines and markers, whose widths are in screen pixels, are widened by the same factor each
time a view sets them. Drawing stays vector drawing, so it is crisp at any device pixel
ratio.
"""

from __future__ import annotations

import weakref

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QPen
from PySide6.QtWidgets import QApplication, QDockWidget

STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
PRESENTATION = 2.0
# presentation mode magnifies a window by PRESENTATION when the window keeps at least this much
# room at that size (a 1920-pixel-wide screen, the window maximised: 1010 pixels or so tall),
# less on a smaller one, but never less than SMALLEST
ROOM = (960, 500)
SMALLEST = 1.25


def presentation_factor(width: int, height: int) -> float:
    """Presentation mode's factor for a window `width` × `height` pixels: 2× on a maximised
    1920×1080 screen and larger, less on a smaller window (1.4× on 1366×768), so that what is
    drawn still has the room of a 960×500 window; at least 1.25×. In steps of 0.05."""
    fit = min(width / ROOM[0], height / ROOM[1])
    return max(SMALLEST, min(PRESENTATION, int(fit * 20 + 1e-9) / 20))


class Zoom(QObject):
    changed = Signal(float)

    def __init__(self):
        super().__init__()
        self.factor = 1.0
        self.base_font: QFont | None = None
        self.views = weakref.WeakSet()      # the watched pyqtgraph views (windows come and go)

    def set_factor(self, factor: float) -> None:
        factor = float(min(STEPS[-1], max(STEPS[0], factor)))
        if factor == self.factor:
            return
        app = QApplication.instance()
        if self.base_font is None:
            self.base_font = QFont(app.font())
        font = QFont(self.base_font)
        if font.pointSizeF() > 0:
            font.setPointSizeF(self.base_font.pointSizeF() * factor)
        else:
            font.setPixelSize(round(self.base_font.pixelSize() * factor))
        self.factor = factor
        app.setFont(font)
        # a dock whose font is the application's draws its title in the platform's fixed
        # title font: give the docks the zoomed font in a form that differs (same look)
        dock_font = QFont(font)
        dock_font.setStyleStrategy(QFont.PreferAntialias)
        for widget in app.allWidgets():
            if isinstance(widget, QDockWidget):
                widget.setFont(dock_font if factor != 1.0 else font)
        for widget in app.allWidgets():
            sheet = widget.styleSheet()
            if sheet:                       # a style sheet froze the widget's font: resolve it again
                widget.setStyleSheet("")
                widget.setStyleSheet(sheet)
        for view in list(self.views):
            try:
                self._fit(view)
            except RuntimeError:           # the view is gone
                self.views.discard(view)
        self.changed.emit(factor)

    def step(self, direction: int) -> None:
        """One step larger (+1) or smaller (−1)."""
        if direction > 0:
            bigger = [s for s in STEPS if s > self.factor + 1e-9]
            self.set_factor(bigger[0] if bigger else STEPS[-1])
        else:
            smaller = [s for s in STEPS if s < self.factor - 1e-9]
            self.set_factor(smaller[-1] if smaller else STEPS[0])

    def pt(self, size: float) -> float:
        """A font size in points, zoomed."""
        return size * self.factor

    # -- pyqtgraph views ---------------------------------------------------------------------
    def watch(self, view: pg.GraphicsView) -> None:
        """Zoom `view` with the window: its scene keeps the unzoomed font (the magnification
        enlarges it), its resize keeps the magnification, its items are restyled."""
        if view in self.views:
            return
        self.views.add(view)
        base = QFont(self.base_font or QApplication.instance().font())
        view.setFont(base)
        view.scene().setFont(base)
        plain_resize = type(view).resizeEvent

        def resize(event, view=view):
            if not view.autoPixelRange:
                view.range = QRectF(0, 0, view.width() / self.factor,
                                    view.height() / self.factor)
            plain_resize(view, event)

        view.resizeEvent = resize
        view.scene().changed.connect(lambda *_, v=view: self.factor != 1.0 and self._restyle(v))
        self._fit(view)

    def _fit(self, view) -> None:
        f = self.factor
        if f == 1.0:
            view.autoPixelRange = True
            view.range = QRectF(0, 0, view.width(), view.height())
            pg.GraphicsView.setRange(view, view.range, padding=0, disableAutoPixel=False)
            view.resetTransform()
        else:
            view.autoPixelRange = False
            view.range = QRectF(0, 0, view.width() / f, view.height() / f)
            pg.GraphicsView.setRange(view, view.range, padding=0, disableAutoPixel=True)
        self._restyle(view)

    def _restyle(self, view) -> None:
        """Widen every line and marker drawn in screen pixels by the factor; a pen or size a
        view set since the last pass is taken as the new unzoomed one."""
        try:
            items = view.scene().items()
        except RuntimeError:
            return
        f = self.factor
        for item in items:
            if isinstance(item, (pg.PlotCurveItem, pg.InfiniteLine)):
                pen = item.opts["pen"] if isinstance(item, pg.PlotCurveItem) else item.pen
                if not isinstance(pen, QPen):
                    continue
                width = pen.widthF()
                if getattr(item, "_zoom_set", None) != width:
                    item._zoom_base = width or 1.0
                want = item._zoom_base * f
                if width != want:
                    pen = QPen(pen)
                    pen.setWidthF(want)
                    item._zoom_set = want
                    item.setPen(pen)
            elif isinstance(item, pg.ScatterPlotItem) and item.opts.get("pxMode", True):
                self._restyle_scatter(item, f)
            elif isinstance(item, pg.LegendItem):
                self._restyle_legend(item, f)
            elif isinstance(item, pg.AxisItem) and item.style.get("tickFont") is None:
                # without a font the ticks take the (zoomed) application font, and the
                # magnification would enlarge them a second time
                item.setStyle(tickFont=QFont(self.base_font or QApplication.instance().font()))

    @staticmethod
    def _restyle_legend(item, f: float) -> None:
        """A legend's labels have a size of their own (pyqtgraph's 9 pt unless a view set
        another), which the magnification leaves alone: zoom it like the fonts."""
        size = item.opts.get("labelTextSize", "9pt")
        if getattr(item, "_zoom_set", None) != size:
            item._zoom_base = float(str(size).rstrip("ptx") or 9)
        want = f"{item._zoom_base * f:g}pt"
        if size != want:
            item._zoom_set = want
            item.setLabelTextSize(want)
            for _, label in item.items:
                label.setText(label.text)           # the size applies when the text is set
                # and the rows take the new text's height: the legend sums its rows' present
                # heights, so a zoom back down had kept the larger rows and cut the last one
                label.resize(label.effectiveSizeHint(Qt.SizeHint.PreferredSize))
            item.updateSize()

    @staticmethod
    def _restyle_scatter(item, f: float) -> None:
        sizes = item.data["size"]
        if len(sizes) == 0:
            return
        ours = getattr(item, "_zoom_set", None)
        if ours is None or len(ours) != len(sizes) or not np.array_equal(ours, sizes):
            base = np.where(sizes < 0, item.opts["size"], sizes).astype(float)
            item._zoom_base = base
        want = item._zoom_base * f
        if not np.array_equal(want, sizes):
            item.setSize(want)
            item._zoom_set = item.data["size"].copy()


_zoom: Zoom | None = None


def zoom() -> Zoom:
    """The application's one zoom."""
    global _zoom
    if _zoom is None:
        _zoom = Zoom()
    return _zoom


def factor() -> float:
    """The presentation zoom factor (1: normal size)."""
    return zoom().factor
