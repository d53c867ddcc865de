"""Asking before quitting with trained weights that no file holds: Ctrl+Q and the window's
close button (a close the user asked for, not one from a script or a test)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QMessageBox


def tr(text: str) -> str:
    return QCoreApplication.translate("Lecture", text)


class CloseGuard(QObject):
    def __init__(self, window, session, controller):
        super().__init__(window)
        self.window, self.session, self.controller = window, session, controller
        window.installEventFilter(self)

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
        w = self.window
        if self.unsaved():
            answer = QMessageBox.question(
                w, tr("Quit bpviz?"),
                tr("The trained weights are not saved. Save them before quitting?"),
                QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer == QMessageBox.Cancel:
                return False
            if answer == QMessageBox.Save:
                self.controller.pause()
                w.files.save_model()
                return not self.unsaved()
        return True

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Close and event.spontaneous() and not self.may_close():
            event.ignore()
            return True
        return False
