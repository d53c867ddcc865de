"""Presentation mode on a 1366×768 window (mnist, after the Network tab built a network of its
own): the preset box shows "custom network" whole, not "custom netv", and the status line says
its whole message, not cut off with "…"."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QPushButton, QStyle, QStyleOptionComboBox

from bpviz.ui.lecture.zoom import zoom

try:
    from .window_helpers import open_window
except ImportError:
    from window_helpers import open_window


def test_presenting_at_1366x768_cuts_neither_the_preset_nor_the_status_line(qtbot):
    win = open_window(qtbot, "mnist", (1366, 768))
    try:
        win.findChild(QPushButton, "build_network").click()
        preset = win.findChild(QComboBox, "preset")
        qtbot.waitUntil(lambda: preset.currentIndex() == -1, timeout=3000)
        size = preset.font().pointSizeF()
        win.findChild(QAction, "presentation_mode").trigger()
        status = win.statusBar()
        qtbot.waitUntil(lambda: "side panels are hidden" in status.currentMessage(), timeout=2000)

        def room() -> int:                   # the text field of the box, in its zoomed font
            option = QStyleOptionComboBox()
            preset.initStyleOption(option)
            return preset.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                                 QStyle.SubControl.SC_ComboBoxEditField,
                                                 preset).width()

        qtbot.waitUntil(lambda: preset.font().pointSizeF() > size, timeout=2000)  # zoomed
        qtbot.wait(200)                      # (the toolbar laid out in the new font)
        assert preset.fontMetrics().horizontalAdvance(preset.placeholderText()) <= room()
        line = status.findChild(object, "status_message")
        assert line.text() == status.currentMessage()           # not elided
        assert "Ctrl+Shift+N" in line.text()
    finally:
        zoom().set_factor(1.0)
        win.close()
