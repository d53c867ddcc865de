"""Reading the explorer window the way a script would: find controls by objectName and
collect the text a person sees (labels, text views, table cells, the view's node labels)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGraphicsTextItem, QLabel, QLineEdit, QTableWidget, QTextBrowser, QWidget

NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, f"no QAction named {name!r}"
    return found


def widget(window, name: str, cls=QWidget):
    found = window.findChild(cls, name)
    assert found is not None, f"no {cls.__name__} named {name!r}"
    return found


def inspector_text(window) -> str:
    """All visible text of the inspector panel: labels, text views and table cells."""
    panel = widget(window, "inspector")
    parts = []
    for label in panel.findChildren(QLabel):
        if label.isVisible():
            parts.append(label.text())
    for view in panel.findChildren(QTextBrowser):
        if view.isVisible():
            parts.append(view.toPlainText())
    for table in panel.findChildren(QTableWidget):
        if not table.isVisible():
            continue
        for c in range(table.columnCount()):
            parts.append(table.horizontalHeaderItem(c).text())
        for r in range(table.rowCount()):
            parts.append(" | ".join(table.item(r, c).text() for c in range(table.columnCount())))
    return "\n".join(parts)


def node_labels(window) -> list[str]:
    """The text drawn in the network view (neuron labels, edge labels, headers)."""
    view = widget(window, "network_view")
    return [item.toPlainText() for item in view.scene().items()
            if isinstance(item, QGraphicsTextItem) and item.isVisible()]


def numbers(text: str) -> list[float]:
    return [float(m) for m in NUMBER.findall(text)]


def has_number(text: str, value: float, rel: float = 1e-9) -> bool:
    return any(abs(v - value) <= rel * max(1.0, abs(value)) for v in numbers(text))


def type_into_field(qtbot, window, name, text) -> QLineEdit:
    """Replace a toolbar field's text by typing, then press Return, as a user would."""
    field = widget(window, name, QLineEdit)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key_Return)
    return field
