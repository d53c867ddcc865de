"""Asking before trained weights that no file holds are thrown away: Ctrl+Q, the window's
close button (a close the user asked for, not one from a script or a test), another preset
chosen in the toolbar, and — through `MainWindow.may_discard` — File → Open model, New random
weights, both Resets, the Network tab's Build and data that rebuilds the network. The same
question each time: Save, Discard or Cancel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QMessageBox

from ..widgets.mnemonics import ask


def tr(text: str) -> str:
    return QCoreApplication.translate("Lecture", text)


class CloseGuard(QObject):
    def __init__(self, window, session, controller):
        super().__init__(window)
        self.window, self.session, self.controller = window, session, controller
        window.installEventFilter(self)
        combo = window.settings_bar.preset
        combo.activated.connect(lambda i: self.preset_chosen(combo.itemText(i)))

    def preset_chosen(self, name: str) -> None:
        """The toolbar's preset box: the preset is loaded, after asking when that would throw
        away unsaved trained weights; on Cancel the box goes back to the preset in use."""
        if self.may_discard(
                tr("Load {0}?").format(name),
                tr("The trained weights are not saved. Save them before loading {0}?").format(name)):
            self.window.load_preset(name)
        else:
            self.window.settings_bar.refresh()

    def unsaved(self) -> bool:
        """Trained (or edited) weights that no file holds."""
        s = self.session
        saved = getattr(self.window.files, "saved_params", None)
        if saved is not None and saved.shape == s.network.params.shape and (
                saved == s.network.params).all():
            return False
        return self.controller.running or s.weights_trained()

    def quit(self) -> None:
        """Ctrl+Q: close, after asking when trained weights are unsaved."""
        if self.may_close():
            self.window.close()

    def may_close(self) -> bool:
        """True unless trained weights are unsaved and the user chose to stay (or to save, and
        then did not)."""
        return self.may_discard(tr("Quit bpviz?"),
                                tr("The trained weights are not saved. Save them before quitting?"))

    def may_discard(self, title: str, question: str) -> bool:
        """True unless trained weights are unsaved and the user chose Cancel when asked
        `question` (or Save, and then did not save). Any answer but Save or Discard (Esc, a
        closed box) is Cancel."""
        w = self.window
        if not self.unsaved():
            return True
        answer = ask(
            w, title, question,
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
        if answer == QMessageBox.Save:
            self.controller.pause()
            w.files.save_model()
            return not self.unsaved()
        return answer == QMessageBox.Discard

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Close and event.spontaneous() and not self.may_close():
            event.ignore()
            return True
        return False
