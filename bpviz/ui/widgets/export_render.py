"""Drawing a widget again for an exported image at `scale` times the screen's resolution,
as it looks on screen, only finer: while it is drawn, the lines of its plots (cosmetic pens,
a fixed number of screen pixels wide) are `scale` times wider, and no item is taken from a
picture cached at screen resolution (the network view's edges and labels are: they came
out blocky). Both are put back afterwards."""

from __future__ import annotations

from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QAbstractGraphicsShapeItem, QGraphicsItem, QGraphicsView, QWidget


def _wider(pen: QPen, scale: float) -> QPen:
    if not pen.isCosmetic():
        return pen
    wide = QPen(pen)
    wide.setWidthF(max(1.0, pen.widthF()) * scale)   # (width 0 is a 1-pixel hairline)
    wide.setCosmetic(True)          # a hairline is cosmetic by its 0 width alone: keep it so
    return wide


def _pen_of(item):
    """(the item's pen, a function that gives it a pen), for the items that draw lines. A
    PlotDataItem's pen is its curve's and its legend sample's: it is widened once, there."""
    if isinstance(item, pg.PlotDataItem):
        pen = item.opts.get("pen")
        return (pen, item.setPen) if isinstance(pen, QPen) else (None, None)
    if isinstance(item, pg.PlotCurveItem):
        if isinstance(item.parentItem(), pg.PlotDataItem):
            return None, None
        return item.opts["pen"], item.setPen
    if isinstance(item, (pg.IsocurveItem, pg.InfiniteLine)):
        return item.pen, item.setPen
    if isinstance(item, pg.AxisItem):
        return item.pen(), item.setPen
    if isinstance(item, QAbstractGraphicsShapeItem):
        return item.pen(), item.setPen
    return None, None


@contextmanager
def drawn_finer(widget: QWidget, scale: float):
    views = ([widget] if isinstance(widget, QGraphicsView) else []) + widget.findChildren(QGraphicsView)
    undo = []
    for view in views:
        if view.scene() is None:
            continue
        for item in view.scene().items():
            mode = item.cacheMode()
            if mode != QGraphicsItem.CacheMode.NoCache:
                item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
                undo.append(lambda item=item, mode=mode: item.setCacheMode(mode))
            bins = getattr(item, "bins", None)       # the network view's edges, by pen
            if isinstance(bins, list) and bins and isinstance(bins[0][0], QPen):
                item.bins = [(_wider(pen, scale), *rest) for pen, *rest in bins]
                undo.append(lambda item=item, bins=bins: setattr(item, "bins", bins))
                continue
            pen, set_pen = _pen_of(item)
            if isinstance(pen, QPen) and pen.isCosmetic():
                set_pen(_wider(pen, scale))
                undo.append(lambda set_pen=set_pen, pen=pen: set_pen(pen))
    try:
        yield
    finally:
        for step in reversed(undo):
            step()
