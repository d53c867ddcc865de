"""A plot inside a panel that scrolls: the mouse wheel scrolls the panel, as it does over
every other part of it, and Ctrl+wheel zooms the plot. Without this, scrolling down a tall
dock stopped at its plot and zoomed the curves instead.

Likewise a slider, spin box or list box in such a panel takes the wheel only once clicked
(it has focus); before, the wheel scrolls the panel (`wheel_needs_focus`). Scrolling the
MNIST dock had moved its "edges shown" slider from 1 500 to 900 as it passed under the
pointer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QComboBox, QScrollArea, QScrollBar


def tr(text: str) -> str:
    return QCoreApplication.translate("ScrollWheel", text)


def hint() -> str:
    """What the mouse does over such a plot, for its tooltip."""
    return tr("Ctrl+wheel zooms, drag pans; right-click → Fit the view")


class _WheelToPanel(QObject):
    """Sends the wheel on to the scroll area around the watched widget unless `keeps(watched,
    event)`: Ctrl held over a plot (which zooms), or a control that has focus."""

    def __init__(self, parent, keeps):
        super().__init__(parent)
        self.keeps = keeps

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Wheel and not self.keeps(watched, event):
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
    plot.wheel_filter = _WheelToPanel(
        plot, lambda _w, event: bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
    plot.viewport().installEventFilter(plot.wheel_filter)
    plot.setToolTip(hint())


def wheel_needs_focus(root) -> None:
    """The sliders, spin boxes and list boxes under `root` (inside a scroll area) take the
    wheel only while they have focus; they get focus by a click or Tab, not by the wheel."""
    guard = getattr(root, "wheel_guard", None)
    if guard is None:
        guard = root.wheel_guard = _WheelToPanel(root, lambda control, _e: control.hasFocus())
    for kind in (QAbstractSlider, QAbstractSpinBox, QComboBox):
        for control in root.findChildren(kind):
            if isinstance(control, QScrollBar) or getattr(control, "wheel_guarded", False):
                continue
            control.wheel_guarded = True
            if control.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            control.installEventFilter(guard)
