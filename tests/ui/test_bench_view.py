"""`bpviz bench view` steps the real window through complete walks and reports the redraw times;
a bad preset is one line and exit 2 (the timing itself is a benchmark, not a test)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from bpviz.ui.bench_view import run_view_bench

ROOT = Path(__file__).resolve().parents[2]


def test_bench_view_walks_the_window_and_reports_percentiles(qtbot):
    doc = run_view_bench("toy-40-80", steps=14)          # two 7-record walks, back and forth
    assert set(doc) == {"preset", "redraw_ms_p50", "redraw_ms_p95", "step_ms_p50",
                        "step_ms_p95", "steps"}
    assert doc["preset"] == "toy-40-80" and doc["steps"] == 14
    assert 0 < doc["redraw_ms_p50"] <= doc["redraw_ms_p95"]
    assert 0 < doc["step_ms_p50"] <= doc["step_ms_p95"]
    # the same steps from the same start: the full repaint comes after the step is handled
    assert doc["step_ms_p50"] < doc["redraw_ms_p50"] and doc["step_ms_p95"] < doc["redraw_ms_p95"]


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
