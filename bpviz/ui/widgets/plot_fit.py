"""One way to fit every plot of the window after a zoom or a pan.

pyqtgraph shows a small "A" (auto-range) button in a plot's corner while the mouse is over it
and the view was moved; nothing says what it is. Every plot hides it (`fit_by_menu`), and the
plot's right-click menu starts with "Fit the view: show everything" instead of pyqtgraph's
"View All". By default that entry does what the button did (the view follows all the data
again); a plot with its own idea of everything (the loss curve's rounded axes, the decision
boundary's grid) passes it as `fit`. The network view, whose clicks select and whose
double-clicks edit, keeps its Fit action (toolbar, View menu, F) and only loses the button.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("PlotFit", text)


def fit_text() -> str:
    """The menu entry's text."""
    return tr("Fit the view: show everything")


def plot_item(plot) -> pg.PlotItem:
    return plot.getPlotItem() if hasattr(plot, "getPlotItem") else plot


def hide_auto_button(plot) -> None:
    """Hide pyqtgraph's "A" button of a PlotWidget or PlotItem."""
    plot_item(plot).hideButtons()


def fit_by_menu(plot, fit: Callable[[], None] | None = None) -> None:
    """Hide the "A" button of `plot` (a PlotWidget or PlotItem) and make its right-click
    menu's first entry fit the view: `fit()`, or by default the view follows all its items
    again (what the button did). Call again after `setMenuEnabled`, which builds a new menu."""
    item = plot_item(plot)
    item.hideButtons()
    vb = item.getViewBox()
    if vb.menu is None:
        vb.setMenuEnabled(True)
    action = vb.menu.viewAll
    action.setText(fit_text())
    action.setObjectName("fit_view_menu")
    action.triggered.disconnect()
    if fit is None:
        def fit(*_):
            vb.autoRange()                # at once, then follows the data as before the zoom
            vb.enableAutoRange()
    action.triggered.connect(fit)
    item.fit_view = fit                   # for scripts and tests


def fit_action(plot):
    """The menu entry `fit_by_menu` set up (a QAction), or None."""
    menu = plot_item(plot).getViewBox().menu
    return None if menu is None else menu.viewAll


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 × 10ⁿ that is ≥ value (value > 0): a fitted axis's end."""
    decade = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * decade >= value:
            return step * decade
    return 10 * decade


def fit_titles(plot_item: pg.PlotItem, legend, height: int, line: int, lines: int = 5) -> None:
    """A plot lower than `lines` text lines (`line` pixels each) shows its curves, ticks and
    numbers only: its legend and axis titles would sit on the axes (a 1024×600 window leaves
    the loss curve about 40 pixels). They come back when the plot is higher again."""
    roomy = height >= lines * line
    if legend is not None and legend.isVisible() != roomy:
        legend.setVisible(roomy)
    for side in ("left", "bottom", "right"):
        axis = plot_item.getAxis(side)
        if axis.isVisible() and axis.label.isVisible() != roomy and axis.labelText:
            axis.showLabel(roomy)


def fit_legend(legend, room: float, offset: float = 8) -> None:
    """A legend in as many columns (one or two) as it needs to stand in `room` pixels of the
    plot's height, `offset` pixels from its top; hidden where two columns do not fit either.
    In presentation mode on a 1366×768 screen, four names in one column had run past the
    loss curve's bottom."""
    if legend is None or not legend.items:
        return
    for columns in (1, 2):
        legend.setColumnCount(columns)
        legend.updateSize()
        if legend.boundingRect().height() + offset <= room:
            legend.setVisible(True)
            return
    legend.setVisible(False)


def mark_lone_point(curve, lone: bool, line: float) -> None:
    """One point (one MNIST epoch) makes no line: a dot a third of a text line (`line`
    pixels) across."""
    if lone != (curve.opts["symbol"] is not None):
        color = curve.opts["pen"].color()
        curve.setSymbolPen(pg.mkPen(color))
        curve.setSymbolBrush(pg.mkBrush(color))
        curve.setSymbolSize(max(5, round(line / 3)))
        curve.setSymbol("o" if lone else None)
