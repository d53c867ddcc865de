"""`bpviz bench ui`: train XOR as fast as possible inside the real main window and measure
how the window copes (the JSON fields are listed in docs/ARCHITECTURE.md).

- train_steps_per_second: the trainer's steps over the wall-clock seconds of training;
- frames_per_second: snapshot redraws of the window (each snapshot updates the loss curve
  and labels, the network view and boundary at the rate they can afford) per second;
- latency_ms_p50 / p99: how late a 10 ms single-shot QTimer probe on the GUI thread fires.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from contextlib import contextmanager

import numpy as np

PROBE_MS = 10
# Qt's offscreen platform says so whenever a window's size hints change; not our business,
# and `--json` keeps stderr clean.
QUIET = "This plugin does not support propagateSizeHints()"


def run_ui_bench(seconds: float = 5.0, preset: str = "xor") -> dict:
    with quiet_qt_messages():
        return _run(seconds, preset)


@contextmanager
def quiet_qt_messages():
    """Drop the offscreen platform's size-hint chatter while the benchmark runs."""
    from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler

    previous = None

    def handler(kind, context, message):
        if message == QUIET:
            return
        if previous is not None:
            previous(kind, context, message)
        else:                                   # what Qt's own handler prints
            sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


@contextmanager
def bench_window(preset: str, size: tuple[int, int]):
    """The real main window on `preset`, shown offscreen when there is no display, with the
    default layout (a temporary settings folder: the user's saved one is left alone); closed
    and deleted afterwards. Yields (app, window)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    settings_dir = tempfile.TemporaryDirectory(prefix="bpviz-bench-")
    QSettings.setPath(QSettings.NativeFormat, QSettings.UserScope, settings_dir.name)
    from .main_window import MainWindow
    from .qt_workarounds import collect_in_event_loop

    collect_in_event_loop()
    window = MainWindow(preset=preset)
    window.resize(*size)
    window.show()
    app.processEvents()
    try:
        yield app, window
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        settings_dir.cleanup()


def _run(seconds: float, preset: str) -> dict:
    with bench_window(preset, (1600, 1000)) as (app, window):
        return _measure(app, window, seconds)


def _measure(app, window, seconds: float) -> dict:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    panel, controller = window.training_panel, window.training
    panel.speed.setValue(panel.speed.maximum())          # as fast as possible

    lateness: list[float] = []
    clock = QElapsedTimer()
    probe = QTimer()
    probe.setSingleShot(True)
    probe.setTimerType(Qt.PreciseTimer)
    probe.setInterval(PROBE_MS)

    def fired():
        lateness.append(max(0.0, clock.nsecsElapsed() / 1e6 - PROBE_MS))
        clock.restart()
        probe.start()

    probe.timeout.connect(fired)
    loop = QEventLoop()
    frames0, steps0 = controller.frames, 0
    start = time.perf_counter()
    controller.play_on()          # on past the preset's epoch count: training all the time
    clock.start()
    probe.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    probe.stop()
    steps = controller.trainer.step - steps0 if controller.trainer is not None else 0
    frames = controller.frames - frames0
    controller.pause()
    elapsed = time.perf_counter() - start
    late = np.array(lateness) if lateness else np.zeros(1)
    return {
        "train_steps_per_second": round(steps / elapsed, 1),
        "frames_per_second": round(frames / elapsed, 1),
        "latency_ms_p50": round(float(np.percentile(late, 50)), 2),
        "latency_ms_p99": round(float(np.percentile(late, 99)), 2),
        "seconds": round(elapsed, 2),
        "epochs": int(controller.epoch),
    }


if __name__ == "__main__":          # python -m bpviz.ui.bench [seconds]
    import json
    import sys

    print(json.dumps(run_ui_bench(float(sys.argv[1]) if len(sys.argv) > 1 else 5.0)))
