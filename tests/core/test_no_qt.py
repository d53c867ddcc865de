"""The core and the trainer work without Qt: importing them must not import PySide6 or
pyqtgraph (checked in a fresh interpreter, where nothing else has imported them)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


QT = "[m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]"


def run_without_qt(code: str) -> None:
    """Run `code` in a fresh interpreter, then assert it imported neither Qt nor pyqtgraph."""
    done = subprocess.run([sys.executable, "-c", f"import sys; {code}; bad = {QT}; assert not bad, bad"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_core_and_trainer_import_no_qt():
    run_without_qt("import bpviz.core, bpviz.training.trainer")


def test_the_command_line_imports_no_qt_for_headless_commands():
    run_without_qt("from bpviz.cli import main; main(['presets']); "
                   "main(['trace', '--preset', 'xor', '--json'])")
