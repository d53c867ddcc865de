"""The core and the trainer work without Qt: importing them must not import PySide6 or
pyqtgraph (checked in a fresh interpreter, where nothing else has imported them)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_and_trainer_import_no_qt():
    code = ("import bpviz.core, bpviz.training.trainer, sys; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]; "
            "assert not bad, bad")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_command_line_imports_no_qt_for_headless_commands():
    code = ("import sys; from bpviz.cli import main; main(['presets']); "
            "main(['trace', '--preset', 'xor', '--json']); "
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
