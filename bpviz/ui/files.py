"""The File menu: open and save model files, export the walk (JSON like `bpviz trace --json`,
or CSV), save the view as PNG, quit. Every failure is a dialog with a one-line reason;
the current network stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..core.errors import BpvizError
from ..core.modelfile import load_model, save_model
from ..core.presets import recorded_preset
from ..core.settings import RUN_DEFAULTS, check_epochs, check_eta, check_seed
from ..core.size_check import check_model_file
from ..core.trace_export import trace_csv, trace_document
from ..model.rules import CUSTOM, fits, preset_data
from .explorer.step_controls import make_action
from .training.architecture import too_large
from .widgets.export import folder, remember, save_png, save_text, save_with_dialog
from .widgets.heavy import ask_large, run_off_gui_thread


def tr(text: str) -> str:
    return QCoreApplication.translate("FileActions", text)


class FileActions:
    def __init__(self, window):
        self.window = window
        self.saved_params = None            # the parameters last written to or read from a model file
        self.file_name = None               # that file's name, and the starting weights (the
        self.file_start = None              # session's array) it was for
        spec = [
            ("open_model", tr("&Open model…"), tr("Open a model file"), "Ctrl+O", self.open_model,
             tr("Load a network from a bpviz model file (JSON)")),
            ("save_model", tr("&Save model…"), tr("Save the model"), "Ctrl+S", self.save_model,
             tr("Save the network to a bpviz model file (JSON)")),
            ("export_json", tr("Export walk as &JSON…"), tr("Export the walk as JSON"), "Ctrl+E",
             self.export_json, tr("The finished walk in the schema of `bpviz trace --json`")),
            ("export_csv", tr("Export walk as &CSV…"), tr("Export the walk as CSV"), None,
             self.export_csv, tr("Every number of the walk, one row each")),
            ("save_png", tr("Save view as &PNG…"), tr("Save the network view as PNG"), "Ctrl+P",
             self.save_png, tr("The network view and its legend as an image")),
            ("quit", tr("&Quit"), tr("Quit"), "Ctrl+Q", window.close, tr("Close bpviz")),
        ]
        self.by_name = {}
        for name, text, acc, key, slot, tip in spec:
            self.by_name[name] = make_action(window, name, text, acc, key, slot, tip)
        a = self.by_name
        self.actions = [a["open_model"], a["save_model"], None, a["export_json"],
                        a["export_csv"], a["save_png"], None, a["quit"]]

    def set_busy(self, busy: bool) -> None:
        self.by_name["open_model"].setEnabled(not busy)

    def _fail(self, title: str, message: str) -> None:
        QMessageBox.warning(self.window, title, message)

    def open_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open model"), folder(),
                                              tr("bpviz model") + " (*.json);;" + tr("All files") + " (*)")
        if not path:
            return
        w = self.window
        try:
            try:
                check_model_file(path)
                big = False
            except BpvizError as e:            # a huge file: ask, then read it off the GUI thread
                if not ask_large(w, tr("A large model file"), str(e).split("; add --force")[0]):
                    return
                big = True
            if big:
                network, extra = run_off_gui_thread(w, w.tr("Reading the model file …"),
                                                    lambda: load_model(path))
            else:
                network, extra = load_model(path)
            big = too_large(network.sizes, w.session)
            if big and not ask_large(w, tr("A large network"), big):
                return
        except BpvizError as e:
            self._fail(tr("Cannot open the model"), str(e))
            return
        if not w.may_discard(tr("Open {0}?").format(Path(path).name),
                             tr("The trained weights are not saved. Save them before opening "
                                "{0}?").format(Path(path).name)):
            return
        training = extra.get("training") if isinstance(extra, dict) else None
        training = training if isinstance(training, dict) else {}

        def valid(key, check):                  # the file's own setting, where valid
            try:
                return check(training[key]) if key in training else None
            except BpvizError:
                return None

        # (a file that does not say: the command line's defaults, as `bpviz train --model`)
        epochs = valid("epochs", check_epochs) or RUN_DEFAULTS["epochs"]
        seed = valid("seed", check_seed)
        recorded, unread = self._recorded_data(Path(path).name, network, extra)
        self.window.session.set_network(            # one change
            network, extra, eta=valid("learning_rate", check_eta),
            seed=RUN_DEFAULTS["seed"] if seed is None else seed, file={"epochs": epochs},
            recorded=recorded)
        if training:                            # the file's other settings, where valid
            s = self.window.session
            for key, setter in (("batch_size", s.set_batch_size), ("optimizer", s.set_optimizer),
                                ("l2", s.set_l2)):
                if key in training:
                    try:
                        setter(training[key])
                    except BpvizError:
                        pass
        self._in_file(Path(path).name)
        remember(path)
        self.window.statusBar().showMessage(
            tr("Opened {0}: a custom network {1} (Reset returns to the weights in the file)").format(
                Path(path).name, "-".join(map(str, network.sizes))), 8000)
        self._check_recorded_preset(Path(path).name, network, extra, training, unread)

    def _recorded_data(self, name: str, network, extra) -> tuple:
        """(the data of the preset the file records and its starting sample, or None; why
        that data could not be used, or None), asked only when the data in use does not fit
        the network: an MNIST model saved by `train --preset mnist --save` opens on MNIST's
        digits, not on one sample. Data the user chose that fits stays."""
        if fits(network, self.window.session.dataset):
            return None, None
        try:
            return preset_data(network, extra, name), None
        except BpvizError as e:
            return None, str(e)
        except MemoryError:
            return None, tr("{0}: not enough memory for the data of the preset it records").format(name)

    def _check_recorded_preset(self, name: str, network, extra, training: dict,
                               unread: str | None = None) -> None:
        """The command line's rule for the preset a file records (core `recorded_preset`): one
        it refuses (no preset, or data that does not fit the network, as a 2-4-1 network
        recording mnist) had opened without a word. The window opens the network as any
        other (the data in use if it fits, else the file's sample) and says so in a dialog,
        as it does when the recorded preset's data could not be read (`unread`)."""
        try:
            recorded_preset(network, extra, name)
            problem = unread
        except BpvizError as e:
            problem = str(e)
        if problem is None:
            return
        if self.window.session.dataset.name != "model file":
            where = tr("the data in use")
        elif "input" in training and "target" in training:
            where = tr("the file's own sample")
        else:
            where = tr("a sample of zeros (the file holds none)")
        self._fail(tr("Opened {0}").format(name),
                   tr("{0}; the network is open on {1} instead").format(problem, where))

    def save_model(self) -> None:
        s = self.window.session
        extra = dict(s.extra)
        # the settings in use, over what the file it came from stored (its preset's name …)
        stored = extra.get("training") if isinstance(extra.get("training"), dict) else None
        base = dict(stored) if stored else s.preset.settings()
        base.pop("interrupted", None)           # (this save holds weights trained since)
        if base.get("preset") == CUSTOM or not self._records_a_fitting_preset(s.network, base):
            base.pop("preset", None)            # not a preset `bpviz evaluate` could load
        extra["training"] = {**base, "learning_rate": s.eta, "epochs": s.preset.epochs,
                             "batch_size": s.batch_size, "optimizer": s.optimizer,
                             "seed": s.seed, **({"l2": s.l2} if s.l2 else {})}
        path = save_with_dialog(self.window, tr("Save model"), tr("bpviz model") + " (*.json)",
                                lambda p: save_model(s.network, p, extra), "model.json",
                                failed=tr("Cannot save the model"))
        if path:
            self._in_file(Path(path).name)
            self.window.statusBar().showMessage(tr("Saved {0}").format(Path(path).name), 6000)

    @staticmethod
    def _records_a_fitting_preset(network, training: dict) -> bool:
        """Whether `training`'s preset (if any) is one whose data fit `network`: the command
        line refuses a file recording another (Open model said why)."""
        try:
            recorded_preset(network, {"training": training}, "")
            return True
        except BpvizError:
            return False

    def _in_file(self, name: str) -> None:
        """The network in use and its weights are now those of the model file `name` (until
        another network or New random weights gives the session other starting weights)."""
        session = self.window.session
        self.saved_params = session.network.params.copy()
        self.file_name, self.file_start = name, session.initial_params
        title = getattr(getattr(self.window, "lecture", None), "title", None)
        if title is not None:
            title.refresh()

    def _write(self, title: str, default: str, filt: str, text_of) -> None:
        def write(path):
            try:
                text = text_of()
            except ValueError:                  # JSON has no nan or inf
                raise BpvizError(tr("The walk holds values that are not finite (nan or inf), "
                                    "which JSON cannot hold: export it as CSV, or walk with a "
                                    "smaller η")) from None
            save_text(path, text)

        path = save_with_dialog(self.window, title, filt, write, default)
        if path:
            self.window.statusBar().showMessage(tr("Wrote {0}").format(Path(path).name), 6000)

    def walk_document(self) -> dict:
        return trace_document(self.window.walk.final_step())

    def export_json(self) -> None:
        self._write(tr("Export walk as JSON"), "walk.json", "JSON (*.json)",
                    lambda: json.dumps(self.walk_document(), indent=1, allow_nan=False) + "\n")

    def export_csv(self) -> None:
        self._write(tr("Export walk as CSV"), "walk.csv", "CSV (*.csv)",
                    lambda: trace_csv(self.walk_document()))

    def save_png(self) -> None:
        path = save_with_dialog(self.window, tr("Save view as PNG"), tr("PNG image") + " (*.png)",
                                lambda p: save_png(self.window.panel, p), "network.png")
        if path:
            self.window.statusBar().showMessage(tr("Saved {0}").format(Path(path).name), 6000)
