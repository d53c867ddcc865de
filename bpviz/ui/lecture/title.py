"""The window title says what is open, as desktop programs do: "bpviz — xor" for a preset,
"bpviz — model.json" for a network read from or saved to a model file, and Qt's modified
mark (a "*" after the name, or the platform's own sign) while trained weights no file holds
would be lost (the same test as the Save / Discard / Cancel question, closing.py)."""

from __future__ import annotations

import numpy as np
import shiboken6
from PySide6.QtCore import QCoreApplication

from ...model.rules import CUSTOM

WATCHED = frozenset({"network", "weights", "preset"})


def tr(text: str) -> str:
    return QCoreApplication.translate("Lecture", text)


class WindowTitle:
    def __init__(self, window, guard):
        self.window, self.guard = window, guard
        window.session.changed.connect(lambda names: names & WATCHED and self.refresh())
        guard.controller.state_changed.connect(lambda _state: self.refresh())
        self.refresh()

    def name(self) -> str:
        """What is open: the model file the network and its starting weights came from or
        went to, else the preset. Once ⟲ Reset has put back starting weights the file does
        not hold (trained weights were saved, then reset), the weights are the preset's again."""
        w = self.window
        files, session = w.files, w.session
        if files.file_name and files.file_start is session.initial_params:
            saved = files.saved_params
            reset_away = (saved is not None and not session.weights_trained()
                          and not np.array_equal(saved, session.initial_params))
            if not reset_away:
                return files.file_name
        preset = w.session.preset.name
        return tr("custom network") if preset == CUSTOM else preset

    def refresh(self) -> None:
        w = self.window
        if not shiboken6.isValid(w):          # the training controller outlives the window
            return
        title = tr("bpviz — {0}").format(self.name()) + "[*]"
        if w.windowTitle() != title:
            w.setWindowTitle(title)
        w.setWindowModified(self.guard.controller.running or self.guard.unsaved())
