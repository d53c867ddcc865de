"""The main window's commands: apply the walk's update, reset, new random weights, load a
preset, the gradient check, editing a value, help — each asking first where trained weights
no file holds would be lost (lecture/closing.py). A part of `MainWindow` (main_window.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ..core.errors import BpvizError
from .explorer.check_text import check_text
from .explorer.edit_value import edit_dialog
from .widgets.dialogs import HelpDialog


class WindowCommands:
    def apply_update(self) -> None:
        if not self.session.busy:
            if self.walk.apply_update():     # (else it diverged: a dialog said why)
                self.statusBar().showMessage(self.tr(
                    "Update applied: a new walk starts on the new weights (← goes back to the "
                    "previous walk)"), 6000)

    def reset(self) -> None:
        if not self.session.busy and self.may_discard(
                self.tr("Reset to the starting weights?"),
                self.tr("The trained weights are not saved. Save them before going back to the "
                        "starting weights?")):
            self.statusBar().clearMessage()       # "Update applied …" is about weights now gone
            self.training.reset()                 # the run (curves, epochs) goes with them

    def new_weights(self) -> None:
        if not self.session.busy and self.may_discard(
                self.tr("Draw new random weights?"),
                self.tr("The trained weights are not saved. Save them before drawing new random "
                        "weights?")):
            seed = self.session.seed
            self.training.reset(lambda: self.session.new_random_weights(seed))
            self.statusBar().showMessage(self.tr(
                "New random weights from seed {0} (the same seed draws the same weights: change "
                "the seed for others)").format(seed), 8000)

    def may_discard(self, title: str, question: str) -> bool:
        """False when trained weights no file holds would be lost and the user, asked
        `question`, chose Cancel (lecture/closing.py): every action that replaces them asks."""
        return self.lecture.close_guard.may_discard(title, question)

    def unsaved(self) -> bool:
        """Trained (or edited) weights that no file holds."""
        return self.lecture.close_guard.unsaved()

    def load_preset(self, name: str) -> None:
        try:
            self.session.load_preset(name)
        except BpvizError as e:              # (the MNIST data unreadable, …): the old preset stays
            self.settings_bar.refresh()
            QMessageBox.warning(self, self.tr("Cannot load {0}").format(name), str(e))
        except MemoryError:                  # (core refuses data files claiming too much first)
            self.settings_bar.refresh()
            QMessageBox.warning(self, self.tr("Cannot load {0}").format(name), self.tr(
                "{0}: not enough memory for its network or data; {1} stays in use").format(
                    name, self.session.preset.name))

    def gradient_check(self) -> None:
        self.statusBar().showMessage(self.tr("Gradient check running …"))
        text = check_text(self.tr, self.session)
        self.inspector.show_check(text)
        self.statusBar().showMessage(text, 15000)

    def edit(self, sel) -> None:
        """Double-click on a neuron (its bias) or an edge (its weight)."""
        editor = edit_dialog(self, self.session, sel)
        if editor is not None:
            self.editor = editor
            editor.open()

    def show_help(self) -> None:
        """One help dialog, shown again and given the keyboard (so Esc closes it) on F1."""
        if getattr(self, "help_dialog", None) is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()
        self.help_dialog.activateWindow()
