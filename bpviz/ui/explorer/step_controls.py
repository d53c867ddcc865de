"""The controls of the walk: step actions (toolbar, Step menu, shortcuts) and the fields that
set what is walked (preset, sample, input and target, η, seed).

Each field refuses a bad value with a one-line message next to it and keeps the old value.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
                               QSpinBox, QWidget)

from ...core.equations import num
from ...core.errors import BpvizError
from ...core.presets import PRESETS

MAIN_PRESETS = ("toy-40-80", "xor", "not-gate", "and", "or")


def make_action(parent, name: str, text: str, accessible: str, shortcut: str | None,
                slot: Callable, tip: str) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        tip = f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.setWhatsThis(accessible)
    action.setProperty("accessibleName", accessible)
    action.triggered.connect(slot)
    return action


class CheckedField(QWidget):
    """A QLineEdit whose text goes through `apply(text)`; a BpvizError puts its message
    beside the field and restores the previous text."""

    def __init__(self, name: str, label: str, accessible: str, apply: Callable[[str], object],
                 width: int = 90, tip: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName(f"{name}_field")
        self.apply = apply
        self.edit = QLineEdit(self)
        self.edit.setObjectName(name)
        self.edit.setAccessibleName(accessible)
        self.edit.setToolTip(tip or accessible)
        self.edit.setFixedWidth(width)
        self.error = QLabel(self)
        self.error.setObjectName(f"{name}_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setMaximumWidth(330)
        self.error.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(4)
        row.addWidget(QLabel(label, self))
        row.addWidget(self.edit)
        row.addWidget(self.error)
        self.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Preferred)
        self.shown = ""
        self.edit.editingFinished.connect(self.commit)

    def set_text(self, text: str) -> None:
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

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setToolTip(message)
        self.error.setVisible(bool(message))


class SettingsBar:
    """Builds the settings widgets for the settings toolbar and keeps them in step with the
    session."""

    def __init__(self, window, session):
        self.session = session
        self.preset = QComboBox(window)
        self.preset.setObjectName("preset")
        self.preset.setAccessibleName("Preset network and data")
        self.preset.setToolTip("Choose a preset: network, data and learning rate")
        self.preset.setPlaceholderText("custom network")
        names = list(MAIN_PRESETS) + [n for n in PRESETS if n not in MAIN_PRESETS]
        for n in names:
            self.preset.addItem(n)
            self.preset.setItemData(self.preset.count() - 1, PRESETS[n].description,
                                    Qt.ToolTipRole)
        self.sample = QComboBox(window)
        self.sample.setObjectName("sample")
        self.sample.setAccessibleName("Sample to walk through the network")
        self.sample.setToolTip("The training sample that the walk takes through the network")
        self.sample.setMinimumWidth(170)
        self.inputs = CheckedField("input_values", "x =", "Input values of the sample",
                                   self._set_input, 110,
                                   "The sample's inputs, comma-separated (Enter to use them)")
        self.targets = CheckedField("target_values", "y =", "Target values of the sample",
                                    self._set_target, 70,
                                    "The sample's targets, comma-separated (Enter to use them)")
        self.eta = CheckedField("learning_rate", "η =", "Learning rate eta",
                                session.set_eta, 70, "Learning rate η for the update step")
        self.seed = QSpinBox(window)
        self.seed.setObjectName("seed")
        self.seed.setAccessibleName("Seed for new random weights")
        self.seed.setToolTip("Seed for 'New random weights'")
        self.seed.setRange(0, 2**31 - 1)
        self.sample.activated.connect(self._sample_chosen)

    def _set_input(self, text: str) -> None:
        self.session.set_sample_values(text, self.targets.edit.text())

    def _set_target(self, text: str) -> None:
        self.session.set_sample_values(self.inputs.edit.text(), text)

    def _sample_chosen(self, index: int) -> None:
        try:
            self.session.set_sample(index)
        except BpvizError:
            pass

    def refresh(self) -> None:
        """Show the session's preset, samples, sample values, η and seed."""
        s = self.session
        i = self.preset.findText(s.preset.name)     # -1 ("custom network") for "custom"
        if self.preset.currentIndex() != i:
            self.preset.setCurrentIndex(i)
        data = s.dataset
        labels = []
        for m in range(min(len(data), 500)):
            x = ", ".join(num(v, 3) for v in data.x[m][:3]) + (" …" if data.n_inputs > 3 else "")
            y = ", ".join(num(v, 3) for v in data.y[m][:2]) + (" …" if data.n_targets > 2 else "")
            labels.append(f"{m + 1}: ({x}) → ({y})")
        if [self.sample.itemText(i) for i in range(self.sample.count())] != labels:
            self.sample.clear()
            self.sample.addItems(labels)
        self.sample.setCurrentIndex(min(s.sample, self.sample.count() - 1))
        self.sample.setEnabled(len(data) > 1 and not s.busy)
        small = data.n_inputs <= 16
        self.inputs.set_text(", ".join(num(v) for v in data.x[s.sample]) if small else "")
        self.targets.set_text(", ".join(num(v) for v in data.y[s.sample])
                              if data.n_targets <= 16 else "")
        self.inputs.edit.setEnabled(small and not s.busy)
        self.targets.edit.setEnabled(data.n_targets <= 16 and not s.busy)
        self.eta.set_text(num(s.eta))      # stays editable while training: η may change live
        self.seed.setValue(int(s.seed) if s.seed is not None else 0)
        self.preset.setEnabled(not s.busy)
