"""A toolbar counter keeps the room of its widest text in its current font: it does not jump
as it counts, and a presentation zoom widens it with its text instead of cutting it off."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QFont  # noqa: E402

from bpviz.ui.widgets.steady_label import SteadyLabel  # noqa: E402


def test_the_width_is_the_widest_texts_in_the_current_font(qtbot):
    label = SteadyLabel("epoch 9 of 1\u00a0000", "epoch 1\u00a0000 of 1\u00a0000")
    qtbot.addWidget(label)
    widest = label.fontMetrics().horizontalAdvance("epoch 1\u00a0000 of 1\u00a0000")
    first = label.sizeHint().width()
    assert first >= widest
    label.setText("epoch 10 of 1\u00a0000")                       # one digit more: no jump
    assert label.sizeHint().width() == first == label.minimumSizeHint().width()
    font = QFont(label.font())
    font.setPointSizeF(2 * font.pointSizeF())                   # a presentation zoom
    label.setFont(font)
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(
        "epoch 1\u00a0000 of 1\u00a0000") > 1.8 * widest
    label.setText("epoch 12\u00a0345 of 99\u00a0999")             # longer than planned: its own
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(label.text())
