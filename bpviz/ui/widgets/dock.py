"""The dock the optional views use (digits, MNIST): movable, floatable and closable, so a
learner can put it away and bring it back from the View menu."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QMainWindow


def closable_dock(window: QMainWindow, title: str, name: str, widget) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                     | QDockWidget.DockWidgetClosable)
    return dock
