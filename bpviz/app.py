"""The application entry points: `main()` (what `python main.py` runs) and
`create_main_window()` (what tests and scripts use to drive the real window)."""

from __future__ import annotations

import sys


def create_main_window(preset: str = "toy-40-80"):
    """The shown-ready main window on `preset`. A QApplication must already exist."""
    from .ui.main_window import MainWindow

    return MainWindow(preset=preset)


def main(argv=None) -> int:
    import signal

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv if argv is None else argv)
    app.setApplicationName("bpviz")
    app.setOrganizationName("bpviz")
    window = create_main_window()
    window.show()
    signal.signal(signal.SIGINT, lambda *_: window.close())   # Ctrl+C in the terminal closes
    code = app.exec()
    sys.exit(code)
