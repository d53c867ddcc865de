"""Questions whose standard buttons have Alt-key shortcuts: Alt+S saves, Alt+D discards,
Alt+C cancels, Alt+Y / Alt+N answer yes or no. The button texts come from the platform's
theme, which gives them no mnemonic outside a full desktop (the Save / Discard / Cancel
question before trained weights go had none on a bare X server).

`ask` is `QMessageBox.question` with the mnemonics put on the box once it is shown (a timer
that fires inside its modal loop), so tests that answer `QMessageBox.question` themselves
still do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def tr(text: str) -> str:
    return QCoreApplication.translate("Mnemonics", text)


def texts() -> dict:
    """Standard button → its text with a mnemonic."""
    return {QMessageBox.Save: tr("&Save"), QMessageBox.Discard: tr("&Discard"),
            QMessageBox.Cancel: tr("&Cancel"), QMessageBox.Yes: tr("&Yes"),
            QMessageBox.No: tr("&No")}


def add_mnemonics(box: QMessageBox) -> None:
    """Give `box`'s standard buttons their mnemonic texts, where the theme gave none."""
    for which, text in texts().items():
        button = box.button(which)
        if button is not None and "&" not in button.text():
            button.setText(text)


def _label_the_open_box() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        add_mnemonics(box)


def ask(parent, title: str, text: str, buttons, default=QMessageBox.NoButton):
    """`QMessageBox.question`, its buttons with Alt-key shortcuts."""
    QTimer.singleShot(0, _label_the_open_box)
    return QMessageBox.question(parent, title, text, buttons, default)
