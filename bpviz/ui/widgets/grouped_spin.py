"""A spin box for counts (epochs, samples, steps) that writes them as the rest of the window
does: 60 000, not 60000. Typing takes the number with or without the spaces."""

from __future__ import annotations

import re

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox

from ...core.notation import GROUP, count

SPACES = (GROUP, " ", "\u202f", "\u2009", ",", "_")     # what a typed number may be grouped with


_DIGITS = re.compile(r"[0-9]+")


def _plain(text: str) -> str:
    for s in SPACES:
        text = text.replace(s, "")
    return text.strip()


class GroupedSpinBox(QSpinBox):
    def textFromValue(self, value: int) -> str:
        return count(value)

    def valueFromText(self, text: str) -> int:
        plain = _plain(text)
        return int(plain) if _DIGITS.fullmatch(plain) else self.minimum()

    def validate(self, text: str, pos: int):
        plain = _plain(text)
        if not plain:
            return QValidator.State.Intermediate, text, pos
        if not _DIGITS.fullmatch(plain):      # ("²".isdigit() is true, and int("²") fails)
            return QValidator.State.Invalid, text, pos
        value = int(plain)
        if value > self.maximum():
            return QValidator.State.Invalid, text, pos
        if value < self.minimum():
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos
