"""Each export button's save dialog suggests a file name that says what it holds, with the
format's extension (a teacher's PNG/CSV dialogs had opened on an empty name, and the confusion
matrix had suggested the output bars' digits.png)."""

import pytest
from PySide6.QtWidgets import QFileDialog, QPushButton

try:
    from .window_helpers import open_window
except ImportError:
    from window_helpers import open_window


@pytest.mark.parametrize("button, name", [
    ("loss_export_png", "loss.png"), ("loss_export_csv", "loss.csv"),
    ("bug_export_png", "bug-lab.png"), ("bug_export_csv", "bug-lab.csv"),
    ("descent_export_png", "descent.png"), ("descent_export_csv", "descent.csv"),
    ("confusion_png", "confusion.png"), ("confusion_csv", "confusion.csv")])
def test_the_export_dialog_suggests_a_name(qtbot, monkeypatch, button, name):
    asked = []

    def dialog(parent, title, where, *a, **k):
        asked.append(where)
        return "", ""                                   # cancelled: nothing written

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    win = open_window(qtbot, "mnist" if button.startswith("confusion") else "xor")
    try:
        win.findChild(QPushButton, button).click()
        assert len(asked) == 1 and asked[0].endswith("/" + name)
    finally:
        win.close()
