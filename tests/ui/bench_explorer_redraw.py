"""Benchmark (not a test): how long one step of the walk takes to redraw the real window.

    python tests/ui/bench_explorer_redraw.py [steps]

Times `step_forward` (or `step_back` at the end of a walk) → the network view, inspector and
status bar updated and painted (`processEvents`), for toy-40-80, xor and an MNIST-sized
[784, 30, 10] network. Prints median and 95th percentile in milliseconds.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def measure(app, window, steps: int) -> list[float]:
    from PySide6.QtGui import QAction
    forward = window.findChild(QAction, "step_forward")
    back = window.findChild(QAction, "step_back")
    times, direction = [], forward
    for _ in range(steps):
        if not direction.isEnabled():
            direction = back if direction is forward else forward
        start = time.perf_counter()
        direction.trigger()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main(steps: int = 200) -> None:
    from PySide6.QtWidgets import QApplication

    from bpviz.app import create_main_window
    from bpviz.core.network import Network

    app = QApplication.instance() or QApplication([])
    results = {}
    for name in ("toy-40-80", "xor", "mnist-size"):
        window = create_main_window("toy-40-80" if name == "mnist-size" else name)
        window.resize(1500, 950)
        window.show()
        app.processEvents()
        if name == "mnist-size":
            window.session.set_network(Network.create([784, 30, 10], "sigmoid", "mse"))
            app.processEvents()
        n = steps if name != "mnist-size" else max(20, steps // 10)
        times = sorted(measure(app, window, n))
        results[name] = (statistics.median(times), times[int(0.95 * (len(times) - 1))], n)
        window.close()
        app.processEvents()
    for name, (median, p95, n) in results.items():
        print(f"{name:11s} {n:4d} steps: median {median:6.2f} ms, p95 {p95:6.2f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
