"""`bpviz bench view`: how long one step of the walk takes to show in the real window.

Each sample triggers `step_forward` (or `step_back` once a walk has reached its end, so the
walk is stepped through complete, back and forth) and takes two times from the same start:

- `step_ms_*`, changed parts painted: one `processEvents` after the step, which lays out and
  paints what the step changed, as a window on screen does (a few layout requests the step
  leaves behind are handled in the next sample's `processEvents`). This is what the earlier
  redraw script timed.
- `redraw_ms_*`, whole window repainted: that, then `grab()`, which paints every pixel of the
  window again, the unchanged toolbars, docks and plots included. The stricter of the two.

The JSON fields are listed in docs/ARCHITECTURE.md.
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
    stepped, repainted, direction = [], [], forward
    for _ in range(steps):
        if not direction.isEnabled():
            direction = back if direction is forward else forward
        start = time.perf_counter()
        direction.trigger()
        app.processEvents()
        handled = time.perf_counter()
        window.grab()
        stepped.append((handled - start) * 1000)
        repainted.append((time.perf_counter() - start) * 1000)
    return {"preset": preset, **_percentiles("redraw", repainted),
            **_percentiles("step", stepped), "steps": steps}


def _percentiles(name: str, times: list[float]) -> dict:
    times = sorted(times)
    return {f"{name}_ms_p50": round(statistics.median(times), 2),
            f"{name}_ms_p95": round(times[int(0.95 * (len(times) - 1))], 2)}


if __name__ == "__main__":          # python -m bpviz.ui.bench_view [preset]
    import json
    import sys

    print(json.dumps(run_view_bench(sys.argv[1] if len(sys.argv) > 1 else "toy-40-80")))
