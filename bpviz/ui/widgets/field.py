"""The one text field with an inline error, used by every typed setting in the window, and
the one style of an error message.

`CheckedField` hands its text to `apply(text)` when editing finishes; a `BpvizError` puts
its one-line message next to (or under) the field and puts back the text still in force.
The message stays until it no longer applies: the user types in the field again, a value is
taken, the window shows a new value in the field, or its owner calls `clear_error` (the
walk's settings do on a step, a new sample or preset).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from ...core.errors import BpvizError

ERROR_STYLE = "color: #b00020;"


def error_label(name: str, parent=None, wrap: bool = True) -> QLabel:
    """An empty label in the error style named `name` (selectable, so it can be copied)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


ERROR_WIDTH = 330       # pixels beside a toolbar field at the unzoomed font


class CheckedField(QWidget):
    """A QLineEdit named `name` whose text goes through `apply(text)`; its error label is
    `{name}_error`, beside the field (a toolbar) or under it (`below`, a form)."""

    def __init__(self, name: str, accessible: str, apply: Callable[[str], object],
                 label: str = "", width: int | None = None, tip: str = "",
                 below: bool = False, parent=None):
        super().__init__(parent)
        self.setObjectName(f"{name}_field")
        self.apply = apply
        self.edit = QLineEdit(self)
        self.edit.setObjectName(name)
        self.edit.setAccessibleName(accessible)
        self.edit.setToolTip(tip or accessible)
        self._width = width                 # pixels at the unzoomed font
        self._font_height = self.fontMetrics().height()
        if width is not None:
            self.edit.setFixedWidth(width)
        self.error = error_label(f"{name}_error", self, wrap=below)
        self.error.hide()
        row: QBoxLayout = QVBoxLayout(self) if below else QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0) if below else row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(1 if below else 4)
        if label:
            row.addWidget(QLabel(label, self))
        row.addWidget(self.edit)
        row.addWidget(self.error)
        self.below = below
        if not below:
            self.error.setMaximumWidth(ERROR_WIDTH)
            self.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Preferred)
        self.shown = ""
        self.edit.editingFinished.connect(self.commit)
        self.edit.textEdited.connect(self.clear_error)

    def changeEvent(self, event) -> None:
        """The presentation zoom changed the font: the field keeps its width in characters."""
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            scale = self.fontMetrics().height() / self._font_height
            if self._width is not None:
                self.edit.setFixedWidth(round(self._width * scale))
            if not self.below:                  # the message beside keeps its room too
                self.error.setMaximumWidth(round(ERROR_WIDTH * scale))
                self.show_error(self.error.toolTip())

    def set_text(self, text: str) -> None:
        """Show the value in force (not while the user is typing a different one)."""
        if text != self.shown:
            self.clear_error()
        self.shown = text
        if not self.edit.hasFocus() or self.edit.text() == text:
            self.edit.setText(text)
            self.edit.setCursorPosition(0)      # long vectors: show their start

    def commit(self) -> None:
        text = self.edit.text()
        if text == self.shown:
            return
        try:
            self.apply(text)
        except BpvizError as e:
            self.show_error(str(e))
            self.edit.setText(self.shown)
            return
        self.show_error("")

    def clear_error(self, *_) -> None:
        if self.error.text():
            self.show_error("")

    def show_error(self, message: str) -> None:
        """The message under the field in full, or beside it cut to its room with "…" (the
        tooltip holds it whole)."""
        shown = message
        if not self.below and message:
            shown = self.error.fontMetrics().elidedText(message, Qt.ElideRight,
                                                        self.error.maximumWidth())
        self.error.setText(shown)
        self.error.setToolTip(message)
        self.error.setVisible(bool(message))
