"""Watches the main window for the training controller: stops the worker when the window
closes, when it is destroyed without closing and when the application quits, and tells the
controller when the window repaints (see `GuiGate` in worker.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from .controller import TrainingController


class WindowWatcher(QObject):
    """Watches the window for the training: stops the worker when the window closes, when
    it is destroyed without closing, and when the application quits (whichever comes
    first), and tells the controller when the window repaints (see `GuiGate`)."""

    def __init__(self, window, controller: TrainingController):
        super().__init__(window)
        self.controller = controller
        self.window = window
        window.installEventFilter(self)
        window.destroyed.connect(lambda *_: _release(controller))
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(controller.shutdown)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.UpdateRequest:
            self.controller.painting()
        elif kind in (QEvent.Type.Close, QEvent.Type.DeferredDelete):
            self.controller.shutdown()
        return False


def _release(controller: TrainingController) -> None:
    """The window is gone: stop the thread, then delete the controller, whose signal
    connections would otherwise keep the window's Python side (plots, data) alive."""
    try:
        controller.shutdown(quiet=True)
        controller.deleteLater()
    except RuntimeError:        # Qt already deleted it (the application is exiting)
        pass
