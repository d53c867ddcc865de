"""The dock the optional views use (digits, MNIST): movable, floatable and closable, so a
learner can put it away and bring it back from the View menu."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar


def closable_dock(window: QMainWindow, title: str, name: str, widget) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                     | QDockWidget.DockWidgetClosable)
    return dock


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
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for i in range(bar.count()):
                if bar.tabText(i) == title:
                    bar.setCurrentIndex(i)
                    return
