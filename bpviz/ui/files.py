"""The File menu: open and save model files, export the walk (JSON like `bpviz trace --json`,
or CSV), save the view as PNG, quit. Every failure is a dialog with a one-line reason;
the current network stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..core.errors import BpvizError
from ..core.modelfile import load_model, save_model
from ..core.settings import check_eta
from ..core.trace_export import trace_csv, trace_document
from .explorer.step_controls import make_action


class FileActions:
    def __init__(self, window):
        self.window = window
        spec = [
            ("open_model", "&Open model…", "Open a model file", "Ctrl+O", self.open_model,
             "Load a network from a bpviz model file (JSON)"),
            ("save_model", "&Save model…", "Save the model", "Ctrl+S", self.save_model,
             "Save the network to a bpviz model file (JSON)"),
            ("export_json", "Export walk as &JSON…", "Export the walk as JSON", "Ctrl+E",
             self.export_json, "The finished walk in the schema of `bpviz trace --json`"),
            ("export_csv", "Export walk as &CSV…", "Export the walk as CSV", None,
             self.export_csv, "Every number of the walk, one row each"),
            ("save_png", "Save view as &PNG…", "Save the network view as PNG", "Ctrl+P",
             self.save_png, "The network view and its legend as an image"),
            ("quit", "&Quit", "Quit", "Ctrl+Q", window.close, "Close bpviz"),
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
        path, _ = QFileDialog.getOpenFileName(self.window, "Open model", "",
                                              "bpviz model (*.json);;All files (*)")
        if not path:
            return
        try:
            network, extra = load_model(path)
        except BpvizError as e:
            self._fail("Cannot open the model", str(e))
            return
        eta = None
        training = extra.get("training") if isinstance(extra, dict) else None
        if isinstance(training, dict) and "learning_rate" in training:
            try:                        # the file's own learning rate, when it has a valid one
                eta = check_eta(training["learning_rate"])
            except BpvizError:
                pass
        self.window.session.set_network(network, extra, eta=eta)      # one change
        self.window.statusBar().showMessage(
            f"Opened {Path(path).name}: a custom network {'-'.join(map(str, network.sizes))} "
            "(Reset returns to the weights in the file)", 8000)

    def save_model(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Save model", "model.json",
                                              "bpviz model (*.json)")
        if not path:
            return
        s = self.window.session
        extra = dict(s.extra)
        extra.setdefault("training", {**s.preset.settings(), "learning_rate": s.eta})
        try:
            save_model(s.network, path, extra)
        except BpvizError as e:
            self._fail("Cannot save the model", str(e))
            return
        self.window.statusBar().showMessage(f"Saved {Path(path).name}", 6000)

    def _write(self, title: str, default: str, filt: str, text_of) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, title, default, filt)
        if not path:
            return
        try:
            text = text_of()
            Path(path).write_text(text, encoding="utf-8")
        except (BpvizError, OSError) as e:
            self._fail(title, str(e) if isinstance(e, BpvizError) else f"{path}: {e.strerror or e}")
            return
        self.window.statusBar().showMessage(f"Wrote {Path(path).name}", 6000)

    def walk_document(self) -> dict:
        return trace_document(self.window.walk.final_step())

    def export_json(self) -> None:
        self._write("Export walk as JSON", "walk.json", "JSON (*.json)",
                    lambda: json.dumps(self.walk_document(), indent=1, allow_nan=False) + "\n")

    def export_csv(self) -> None:
        self._write("Export walk as CSV", "walk.csv", "CSV (*.csv)",
                    lambda: trace_csv(self.walk_document()))

    def save_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Save view as PNG", "network.png",
                                              "PNG image (*.png)")
        if not path:
            return
        if not self.window.panel.grab().save(path, "PNG"):
            self._fail("Save view as PNG", f"{path}: could not write the image")
