"""The dock the optional views use (digits, MNIST): movable, floatable and closable, so a
learner can put it away and bring it back from the View menu (`view_entry`). Its content scrolls when the
dock is shorter than the content asks (`DockScroll`)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabBar,
)

from .scroll_wheel import wheel_needs_focus

MIN_LINES = 12           # a dock's content never asks for more height than this many text lines


class DockScroll(QScrollArea):
    """A dock's content, scrolled up and down when the dock is shorter than it. Its minimum
    height is at most MIN_LINES lines of text: a tall panel (the confusion matrix, the drawing
    pad), whose minimum grows with the presentation zoom, would otherwise hold the whole dock
    column to that height and squeeze the loss curve below it. Its minimum width is the
    content's (no sideways scrolling). The content fills the dock and is never made shorter
    than it needs at that width (wrapped text included), scrolling instead."""

    def __init__(self, widget, parent=None):
        super().__init__(parent)
        self.setObjectName(f"{widget.objectName() or 'dock'}_scroll")
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setWidget(widget)
        widget.installEventFilter(self)
        wheel_needs_focus(widget)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.widget() and event.type() == QEvent.LayoutRequest:
            self.updateGeometry()            # its minimum changed (a new font): so did ours
            self._fit_content()
        return super().eventFilter(obj, event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_content()

    def _fit_content(self) -> None:
        width = self.viewport().width()
        height = max(self.viewport().height(), needed_height(self.widget(), width))
        if self.widget().size() != QSize(width, height):
            self.widget().resize(width, height)

    def _bar(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        inner = self.widget().minimumSizeHint()
        lines = MIN_LINES * self.fontMetrics().height()
        return QSize(inner.width() + self._bar(), min(inner.height(), lines))

    def sizeHint(self) -> QSize:
        inner = self.widget().sizeHint()
        return QSize(inner.width() + self._bar(), inner.height())


def needed_height(widget, width: int) -> int:
    """The least height `widget` can be laid out in at `width` without overlapping: its
    layout's minimum for that width (a wrapped label needs more lines when narrow), summed
    over the parts of a splitter."""
    if isinstance(widget, QSplitter):
        parts = [widget.widget(i) for i in range(widget.count())]
        shown = [w for w in parts if not w.isHidden()]
        return (sum(needed_height(w, width) for w in shown)
                + widget.handleWidth() * max(0, len(shown) - 1))
    layout = widget.layout()
    if layout is not None and layout.hasHeightForWidth():
        return max(layout.totalMinimumHeightForWidth(width), widget.minimumSizeHint().height())
    return widget.minimumSizeHint().height()


def closable_dock(window: QMainWindow, title: str, name: str, widget) -> QDockWidget:
    """A closable dock holding `widget` (inside a DockScroll)."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(DockScroll(widget))
    dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                     | QDockWidget.DockWidgetClosable)
    return dock


def view_entry(window: QMainWindow, dock: QDockWidget) -> QAction:
    """The dock's View-menu entry: its toggleViewAction (name and text kept), ticked while the
    dock is on screen. Choosing it when unticked shows the dock, or, when the dock is open but
    behind another dock's tab, brings it to the front; choosing it when ticked closes the dock,
    as before. (Qt ticks it whenever the dock is open, so choosing a dock hidden behind a tab
    closed it.)"""
    action = dock.toggleViewAction()
    dock.visibilityChanged.connect(action.setChecked)
    action.triggered.connect(lambda on: on and bring_to_front(window, dock))
    return action


def dock_tab_bars(window: QMainWindow) -> list[QTabBar]:
    """The tab bars of the window's tabbed docks (children of the window itself), not the
    tab bars inside a panel's own QTabWidget."""
    return window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)


def bring_to_front(window: QMainWindow, dock: QDockWidget) -> None:
    """`dock` in front of the docks it shares a tab bar with. `raise_()` alone does it on a
    first launch, but after a restored layout that had the dock hidden (another network's
    session) Qt keeps the dock in a tab group of its own that is not on screen, and raising
    changes nothing: then the tab with its title on the bar that is shown is chosen, as a
    click on it would."""
    dock.raise_()
    if not dock.isVisible() or not dock.visibleRegion().isEmpty() or dock.isFloating():
        return
    title = dock.windowTitle()
    for bar in dock_tab_bars(window):
        if bar.isVisible():
            for i in range(bar.count()):
                if bar.tabText(i) == title:
                    bar.setCurrentIndex(i)
                    return


def docks_in_front(window: QMainWindow) -> list[QDockWidget]:
    """The docks drawn in the window now: a lone dock, or of each tab group the one whose
    tab is chosen (the others are open but behind it)."""
    return [d for d in window.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()
            and not d.visibleRegion().isEmpty()]


def put_in_front(window: QMainWindow, docks: list[QDockWidget]) -> None:
    """Each of `docks` still open back in front of its tab group (as `docks_in_front` found
    them before a mode hid the panels): showing docks again, and the digit docks' own
    `bring_forward`, had chosen other tabs."""
    window.layout().activate()
    for dock in docks:
        if shiboken6.isValid(dock) and dock.isVisible():
            bring_to_front(window, dock)


def hide_stale_tab_bars(window: QMainWindow) -> None:
    """Tabifying onto a group that already has a tab bar can leave an older bar on screen
    (Qt 6): hide every tab bar whose tabs another, bigger bar also holds, or that has fewer
    than two of its docks showing (Qt itself shows no bar for a lone dock)."""
    shown = {d.windowTitle() for d in window.findChildren(QDockWidget) if not d.isHidden()}
    bars = [b for b in dock_tab_bars(window) if not b.isHidden()]
    tabs = {b: {b.tabText(i) for i in range(b.count())} for b in bars}
    for bar in bars:
        if len(tabs[bar] & shown) < 2 or any(
                other is not bar and other.count() > bar.count() and tabs[bar] <= tabs[other]
                for other in bars):
            bar.hide()
        else:           # whole titles, scrolled when they do not fit ("Dra…", "M…" say nothing)
            bar.setElideMode(Qt.ElideNone)
            bar.setUsesScrollButtons(True)


def make_room(window: QMainWindow, dock: QDockWidget, least: float, want: float) -> None:
    """`dock` (shown, in the window) at `want` of the window's height where it has less than
    `least`, taken from the other docks of its side (down to their minimum): a panel brought
    forward on a small screen, the bug lab under the decision boundary or the descent explorer
    along the bottom, had opened a strip whose plots and tick boxes had to be scrolled to."""
    if dock.isFloating() or not dock.isVisible():
        return
    height = window.height()
    if dock.height() >= least * height:
        return
    area = window.dockWidgetArea(dock)
    group = set(window.tabifiedDockWidgets(dock)) | {dock}
    others = [d for d in window.findChildren(QDockWidget) if d not in group and d.isVisible()
              and not d.isFloating() and window.dockWidgetArea(d) == area]
    window.resizeDocks(others + [dock], [1] * len(others) + [int(want * height)], Qt.Vertical)


def room_on_tab_click(window: QMainWindow, dock: QDockWidget, least: float, want: float,
                      scrolled: bool = False) -> None:
    """`make_room` for `dock` each time a click on its tab brings it to the front, once the
    tab switch has been laid out (the sizes before it would mislead); with `scrolled`, also
    whenever its content does not fit it (however much of the window it has). Not when a
    layout is restored (at launch, leaving presentation mode): the sizes the user chose stay."""
    def room() -> None:
        make_room(window, dock, 1.0 if scrolled and content_scrolls(dock) else least, want)

    def shown(visible: bool) -> None:
        if visible and QApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            QTimer.singleShot(0, dock, room)
    dock.visibilityChanged.connect(shown)


def content_scrolls(dock: QDockWidget) -> bool:
    """Is the dock's content (in a DockScroll) taller than the dock shows of it?"""
    scroll = dock.widget()
    return isinstance(scroll, DockScroll) and scroll.widget().height() > scroll.viewport().height()
