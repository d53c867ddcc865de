"""The network view with its colour and width legend underneath."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..widgets.colour_scale import ColourScale, LegendPanel
from .network_view import NetworkView


class NetworkPanel(QWidget):
    """The view with its legend underneath; this is what 'Save view as PNG' captures."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scale = ColourScale()
        self.view = NetworkView(self.scale, self)
        self.legend = LegendPanel(self.scale, self)
        self.view.legend = self.legend
        self.legend.on_change = self.view.redraw
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.view, 1)
        box.addWidget(self.legend)
