"""DescentView: gradient descent on the textbook functions next to the real cost of the
current network over two of its parameters, with PNG/CSV export of whichever plot is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..widgets.export import save_with_dialog, suggested
from .controls import button
from .export import save_csv, save_png
from .function_panel import FunctionPanel
from .slice_panel import SlicePanel


class DescentView(QWidget):
    """Two tabs: textbook functions (`functions`) and the network slice (`slice`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("descent_view")
        self.setAccessibleName(self.tr("Descent explorer: gradient descent on a textbook "
                                       "function or on a slice of your network's cost"))
        self.functions = FunctionPanel(self)
        self.slice = SlicePanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("descent_tabs")
        self.tabs.addTab(self.functions, self.tr("Textbook functions"))
        self.tabs.addTab(self.slice, self.tr("Your network"))
        self.export_png_button = button(self, "descent_export_png", self.tr("Save PNG…"),
                                        self._ask_png, self.tr("Save the plot as a PNG image"))
        self.export_csv_button = button(self, "descent_export_csv", self.tr("Export CSV…"),
                                        self._ask_csv, self.tr("Save the plotted numbers as CSV"))
        # the export buttons beside the tabs, not in a row of their own under the plot: the
        # dock is often a low strip along the window's bottom
        corner = QWidget(self.tabs)
        buttons = QHBoxLayout(corner)
        buttons.setContentsMargins(0, 0, 2, 2)
        buttons.addWidget(self.export_png_button)
        buttons.addWidget(self.export_csv_button)
        self.corner_buttons = buttons
        self.tabs.setCornerWidget(corner, Qt.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)

    def add_corner_action(self, action, text: str) -> None:
        """A button for `action` beside the export buttons, showing `text`."""
        from PySide6.QtWidgets import QToolButton

        button = QToolButton(self.corner_buttons.parentWidget())
        action.setIconText(text)                 # (the menu keeps the action's whole text)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonTextOnly)
        button.setObjectName(f"{action.objectName()}_button")
        self.corner_buttons.addWidget(button)

    # -- API for the window ---------------------------------------------------------------
    def set_network(self, network, x, y) -> None:
        """The network whose cost the slice tab shows, and its training data."""
        self.slice.set_network(network, x, y)

    def add_path_point(self, p: float, q: float) -> None:
        """Feed the slice the two chosen parameters' values after a training or update step."""
        self.slice.add_path_point(p, q)

    def shutdown(self) -> None:
        """Join any computing thread; call when the window closes."""
        self.slice.shutdown()
        self.functions.stop()

    def closeEvent(self, event):
        self.shutdown()
        super().closeEvent(event)

    # -- export -----------------------------------------------------------------------------
    def current_plot(self) -> QWidget:
        if self.tabs.currentWidget() is self.slice:
            return self.slice.plot
        return self.functions.plots.currentWidget()

    def export_png(self, path) -> None:
        save_png(self.current_plot(), path)

    def export_csv(self, path) -> None:
        panel = self.tabs.currentWidget()
        header, rows = panel.csv_rows()
        save_csv(header, rows, path)

    def _ask(self, title: str, filt: str, write) -> None:
        save_with_dialog(self, title, filt, write, suggested("descent", filt))

    def _ask_png(self) -> None:
        self._ask(self.tr("Save PNG"), self.tr("PNG images (*.png)"), self.export_png)

    def _ask_csv(self) -> None:
        self._ask(self.tr("Export CSV"), self.tr("CSV files (*.csv)"), self.export_csv)
