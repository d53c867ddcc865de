"""`bpviz bench view`: how long one step of the walk takes to repaint the whole real window.

Each sample triggers `step_forward` (or `step_back` once a walk has reached its end, so the
walk is stepped through complete, back and forth), lets the window handle the change, and
forces a full repaint with `grab()`: the time from the key to every pixel of the window
painted again. The JSON fields are listed in docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import statistics
import time

from .bench import bench_window, quiet_qt_messages


def run_view_bench(preset: str = "toy-40-80", steps: int | None = None) -> dict:
    with quiet_qt_messages():
        return _run(preset, steps)


def _run(preset: str, steps: int | None) -> dict:
    with bench_window(preset, (1500, 950)) as (app, window):
        return _measure(app, window, preset, steps)


def _measure(app, window, preset: str, steps: int | None) -> dict:
    from PySide6.QtGui import QAction

    window.grab()
    forward = window.findChild(QAction, "step_forward")
    back = window.findChild(QAction, "step_back")
    length = max(2, window.walk.stepper.length)
    if steps is None:
        steps = max(60, 3 * length)             # at least three complete walks
    times, direction = [], forward
    for _ in range(steps):
        if not direction.isEnabled():
            direction = back if direction is forward else forward
        start = time.perf_counter()
        direction.trigger()
        app.processEvents()
        window.grab()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"preset": preset, "redraw_ms_p50": round(statistics.median(times), 2),
            "redraw_ms_p95": round(times[int(0.95 * (len(times) - 1))], 2), "steps": steps}


if __name__ == "__main__":          # python -m bpviz.ui.bench_view [preset]
    import json
    import sys

    print(json.dumps(run_view_bench(sys.argv[1] if len(sys.argv) > 1 else "toy-40-80")))
