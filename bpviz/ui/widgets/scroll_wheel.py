"""A plot inside a panel that scrolls: the mouse wheel scrolls the panel, as it does over
every other part of it, and Ctrl+wheel zooms the plot. Without this, scrolling down a tall
dock stopped at its plot and zoomed the curves instead."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QScrollArea


def tr(text: str) -> str:
    return QCoreApplication.translate("ScrollWheel", text)


def hint() -> str:
    """What the mouse does over such a plot, for its tooltip."""
    return tr("Ctrl+wheel zooms, drag pans; right-click → Fit the view")


class _WheelScrollsPanel(QObject):
    def eventFilter(self, watched, event) -> bool:
        if (event.type() == QEvent.Type.Wheel
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            area = _scroll_area(watched)
            if area is not None:
                QCoreApplication.sendEvent(area.verticalScrollBar(), event)
                return True
        return False


def _scroll_area(widget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def wheel_scrolls_panel(plot) -> None:
    """Make the wheel over `plot` (a pyqtgraph PlotWidget) scroll the panel it sits in;
    Ctrl+wheel still zooms it."""
    plot.wheel_filter = _WheelScrollsPanel(plot)
    plot.viewport().installEventFilter(plot.wheel_filter)
    plot.setToolTip(hint())
