"""The descent explorer over the whole window, and back: for a lecture on a small projector,
where the dock along the window's bottom is a strip (in presentation mode at 1366×768 its plot
was 95 pixels high). The dock floats, as large as the window and over it; again, and it goes
back where it was."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from ..explorer.step_controls import make_toggle

KEY = "Ctrl+Shift+D"


def tr(text: str) -> str:
    return QCoreApplication.translate("Descent", text)


class Enlarge:
    def __init__(self, window: QMainWindow, dock: QDockWidget, make_room):
        self.window, self.dock, self.make_room = window, dock, make_room
        self.action = make_toggle(window, "descent_enlarge", tr("Descent explorer over the whole window"),
                                  KEY, self.set_enlarged,
                                  tr("The descent explorer as large as the window, over it; "
                                     "again to put it back"))
        dock.topLevelChanged.connect(lambda floating: floating or self._docked())
        # (looked at after the event: floating, a dock is hidden and shown again at once)
        dock.visibilityChanged.connect(
            lambda shown: shown or QTimer.singleShot(0, dock, self._closed))

    def set_enlarged(self, on: bool) -> None:
        dock, window = self.dock, self.window
        if on:
            dock.show()
            dock.setFloating(True)
            dock.setGeometry(window.geometry())
            dock.raise_()
            dock.activateWindow()
        elif dock.isFloating():
            dock.setFloating(False)

    def _closed(self) -> None:
        """Closed while enlarged (its ×): back into the window, hidden, so the next
        Ctrl+Shift+D enlarges it again (it had only docked the hidden dock)."""
        if self.action.isChecked() and self.dock.isFloating() and self.dock.isHidden():
            self.action.setChecked(False)      # (a tick only: `triggered` is what acts)
            self.dock.setFloating(False)

    def _docked(self) -> None:
        """Back in the window (by the action, or by a double-click on its title)."""
        self.action.setChecked(False)
        self.make_room()
