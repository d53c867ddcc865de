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


def test_a_message_of_several_lines_is_shown_on_one_and_the_bar_keeps_its_height(qtbot):
    """"training stopped: …" can hold a line break: the bar had grown from 22 to 33 px."""
    win = open_window(qtbot, "toy-40-80")
    try:
        bar = win.statusBar()
        message = win.findChild(QLabel, "status_message")
        height = bar.height()
        bar.showMessage("training stopped:\nthe loss is not finite", 5000)
        qtbot.wait(30)
        assert message.text() == "training stopped: the loss is not finite"
        assert bar.height() == height
        assert bar.currentMessage() == "training stopped:\nthe loss is not finite"
    finally:
        win.close()

