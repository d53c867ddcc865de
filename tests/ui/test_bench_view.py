"""`bpviz bench view` steps the real window through complete walks and reports the redraw times;
a bad preset is one line and exit 2 (the timing itself is a benchmark, not a test)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from bpviz.ui.bench_view import run_view_bench

ROOT = Path(__file__).resolve().parents[2]


def test_bench_view_walks_the_window_and_reports_percentiles(qtbot):
    doc = run_view_bench("toy-40-80", steps=14)          # two 7-record walks, back and forth
    assert set(doc) == {"preset", "redraw_ms_p50", "redraw_ms_p95", "step_ms_p50",
                        "step_ms_p95", "steps"}
    assert doc["preset"] == "toy-40-80" and doc["steps"] == 14
    assert 0 < doc["redraw_ms_p50"] <= doc["redraw_ms_p95"]
    assert 0 < doc["step_ms_p50"] <= doc["step_ms_p95"]


class _Clock:
    def __init__(self):
        self.now = 0.0

    def perf_counter(self):
        return self.now

    def spend(self, ms):
        self.now += ms / 1000


class _Action:
    def __init__(self, clock, ms, log, name):
        self.clock, self.ms, self.log, self.name = clock, ms, log, name

    def isEnabled(self):
        # forward is enabled for steps 1-2, then back for 3-4, … (a walk of two steps)
        forwards = sum(1 for n in self.log if n == "step_forward")
        backs = sum(1 for n in self.log if n == "step_back")
        return forwards - backs < 2 if self.name == "step_forward" else forwards - backs > 0

    def trigger(self):
        self.log.append(self.name)
        self.clock.spend(self.ms)


def test_bench_view_times_the_step_to_processevents_and_the_redraw_to_grab(monkeypatch):
    """Each sample: step_ms is trigger + processEvents, redraw_ms adds grab (a fake clock, a fake
    window whose calls take known times, so a misplaced timer would show)."""
    from bpviz.ui import bench_view

    clock, log = _Clock(), []
    events_ms = iter([3, 9, 3, 3, 9, 3])        # two slow processEvents: the p95 sees them
    app = SimpleNamespace(processEvents=lambda: (log.append("events"),
                                                 clock.spend(next(events_ms))))
    grabs = []
    actions = {n: _Action(clock, 2, log, n) for n in ("step_forward", "step_back")}
    window = SimpleNamespace(
        findChild=lambda _type, name: actions[name],
        grab=lambda: (grabs.append(clock.now), clock.spend(5)),
        walk=SimpleNamespace(stepper=SimpleNamespace(length=2)))
    monkeypatch.setattr(bench_view, "time", clock)
    doc = bench_view._measure(app, window, "toy-40-80", steps=6)
    assert log == ["step_forward", "events", "step_forward", "events", "step_back", "events",
                   "step_back", "events", "step_forward", "events", "step_forward", "events"]
    assert len(grabs) == 7                      # one before timing, one per step
    assert doc == {"preset": "toy-40-80", "steps": 6,
                   "step_ms_p50": 5.0, "step_ms_p95": 11.0,     # 2 + 3; 2 + 9 (5th of 6)
                   "redraw_ms_p50": 10.0, "redraw_ms_p95": 16.0}   # the same + 5



def test_bench_view_command_json_and_bad_preset():
    env_cmd = [sys.executable, "-m", "bpviz", "bench", "view"]
    done = subprocess.run(env_cmd + ["--preset", "xor", "--steps", "4", "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["preset"] == "xor" and doc["steps"] == 4
    bad = subprocess.run(env_cmd + ["--preset", "nope"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
