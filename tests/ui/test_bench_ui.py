"""`bpviz bench ui --json` under the offscreen platform: JSON on stdout, nothing on stderr
(Qt's offscreen "propagateSizeHints()" complaint is silenced, during the benchmark only)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(*args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "QT_MESSAGE_PATTERN"}   # plain lines
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_bench_ui_json_keeps_stderr_clean():
    done = run_python("-m", "bpviz", "bench", "ui", "--seconds", "0.5", "--json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    result = json.loads(done.stdout)
    assert result["frames_per_second"] > 0 and result["train_steps_per_second"] > 0


def test_only_that_message_and_only_during_the_benchmark_is_silenced():
    script = """
from PySide6.QtCore import qWarning
from bpviz.ui import bench

def fake_run(seconds, preset):
    qWarning(bench.QUIET)
    qWarning("another warning")
    return {}

bench._run = fake_run
bench.run_ui_bench(0.1)
qWarning("after: " + bench.QUIET)
"""
    done = run_python("-c", script)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines == ["another warning", "after: This plugin does not support "
                     "propagateSizeHints()"], done.stderr
