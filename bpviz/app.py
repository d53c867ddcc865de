"""The application entry points: `main()` (what `python main.py` runs) and
`create_main_window()` (what tests and scripts use to drive the real window)."""

from __future__ import annotations

import sys


def create_main_window(preset: str = "toy-40-80"):
    """The shown-ready main window on `preset`. A QApplication must already exist."""
    from .ui.main_window import MainWindow
    from .ui.qt_workarounds import collect_in_event_loop

    collect_in_event_loop()
    return MainWindow(preset=preset)


NO_DISPLAY = ("bpviz: no display found (DISPLAY and WAYLAND_DISPLAY are unset); run it under "
              "a desktop session, or offscreen with QT_QPA_PLATFORM=offscreen, or with "
              "xvfb-run python main.py")


def display_missing(environ=None) -> bool:
    """On Linux and other X11/Wayland systems: neither a display nor a Qt platform is set,
    so Qt would abort with a misleading message."""
    import os

    env = os.environ if environ is None else environ
    if sys.platform in ("win32", "darwin"):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def main(argv=None) -> int:
    import signal

    if display_missing():                # say so before Qt starts (and aborts)
        print(NO_DISPLAY, file=sys.stderr)
        sys.exit(2)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv if argv is None else argv)
    app.setApplicationName("bpviz")
    app.setOrganizationName("bpviz")
    window = create_main_window()
    window.show()
    signal.signal(signal.SIGINT, lambda *_: window.close())   # Ctrl+C in the terminal closes
    code = app.exec()
    sys.exit(code)
