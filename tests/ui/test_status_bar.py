"""The status bar's messages end in "…" where the room left of the step label runs out (they
had run under it, cut mid-letter), keep their whole text as tooltip and for
`currentMessage()`, and go after their timeout."""

from PySide6.QtWidgets import QLabel

try:
    from .window_helpers import open_window, trigger
except ImportError:
    from window_helpers import open_window, trigger


LONG = ("The learning rate is too large: the loss grew past 10⁴ × its first value; try a "
        "smaller learning rate, such as a tenth of this one")


def test_a_long_message_ends_in_an_ellipsis_before_the_step_label(qtbot):
    win = open_window(qtbot, "toy-40-80", size=(900, 650))
    try:
        bar = win.statusBar()
        message, step = win.findChild(QLabel, "status_message"), win.findChild(QLabel, "status_step")
        bar.showMessage(LONG, 5000)
        for _ in range(5):                  # the step label grows as the walk goes on
            trigger(win, "step_forward")
            qtbot.wait(10)
            shown = message.text()
            assert shown.endswith("…") and LONG.startswith(shown[:-1])
            assert message.geometry().right() < step.geometry().left()
            assert message.fontMetrics().horizontalAdvance(shown) <= message.contentsRect().width()
        assert message.toolTip() == LONG and bar.currentMessage() == LONG
        bar.showMessage("Saved.", 50)                    # short: whole, no tooltip
        assert message.text() == "Saved." and message.toolTip() == ""
        qtbot.waitUntil(lambda: bar.currentMessage() == "" and message.text() == "", timeout=2000)
    finally:
        win.close()
