"""The window's questions have Alt-key shortcuts on their buttons: the Save / Discard /
Cancel question before trained weights go had none outside a full desktop."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from bpviz.ui.widgets.mnemonics import ask

try:
    from .window_helpers import open_window
except ImportError:
    from window_helpers import open_window


def test_save_discard_cancel_answer_to_alt_s_d_c(qtbot, monkeypatch):
    monkeypatch.undo()                       # the real question, not the tests' stand-in
    win = open_window(qtbot, "toy-40-80")
    try:
        for key, answer in ((Qt.Key_S, QMessageBox.Save), (Qt.Key_D, QMessageBox.Discard),
                            (Qt.Key_C, QMessageBox.Cancel)):
            texts = []

            def press(key=key, answer=answer, texts=texts):
                box = QApplication.activeModalWidget()
                if not isinstance(box, QMessageBox):      # not shown yet
                    QTimer.singleShot(20, press)
                    return
                texts.extend(b.text() for b in box.buttons())
                box.activateWindow()
                qtbot.keyClick(box, key, Qt.AltModifier)
                other = QMessageBox.Discard if answer == QMessageBox.Save else QMessageBox.Save
                # (if the key did nothing: another answer, so that the test fails)
                QTimer.singleShot(1000, box, lambda: box.button(other).click())

            QTimer.singleShot(50, press)
            got = ask(win, "Unsaved weights", "Save them?",
                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
            assert sorted(texts) == ["&Cancel", "&Discard", "&Save"]
            assert got == answer, key
    finally:
        win.close()
