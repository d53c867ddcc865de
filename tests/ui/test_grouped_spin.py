"""Counts in spin boxes are written as the window writes them elsewhere (60 000), and typed
with or without the spaces."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox

from bpviz.ui.widgets.grouped_spin import GroupedSpinBox

try:
    from .window_helpers import open_window
except ImportError:
    from window_helpers import open_window

NBSP = "\u00a0"


def test_a_count_is_shown_in_groups_of_three_and_typed_either_way(qtbot):
    spin = GroupedSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(1, 1_000_000)
    spin.setValue(60000)
    assert spin.lineEdit().text() == f"60{NBSP}000"
    for typed, value in (("25000", 25000), ("125 000", 125000), ("7", 7)):
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin, typed)
        qtbot.keyClick(spin, Qt.Key_Return)
        assert spin.value() == value
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "2000000")             # over the maximum: the last digit is refused
    qtbot.keyClick(spin, Qt.Key_Return)
    assert spin.value() == 200000
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "12x")                  # a letter is refused
    qtbot.keyClick(spin, Qt.Key_Return)
    assert spin.value() == 12
    for key in ("²", "³"):          # AltGr+2 on a German keyboard: a digit to isdigit(), not
        spin.lineEdit().selectAll()  # to int(); it had crashed the window (inside validate)
        qtbot.keyClicks(spin, key)
        qtbot.keyClick(spin, Qt.Key_Return)
        assert spin.value() == 12
    for text in ("①", "\uff11"):   # (QTest types Latin-1 only: put in as a paste would)
        spin.lineEdit().selectAll()
        spin.lineEdit().insert(text)
        assert spin.lineEdit().text() == "12"
    qtbot.keyClick(spin, Qt.Key_Up)
    assert spin.lineEdit().text() == "13"


def test_the_bug_labs_epochs_read_as_the_toolbar_writes_them(qtbot):
    w = open_window(qtbot, "xor")
    try:
        epochs = w.findChild(QSpinBox, "bug_epochs")
        epochs.setValue(60000)
        assert epochs.lineEdit().text() == f"60{NBSP}000"
    finally:
        w.close()
