"""Shared test setup: Qt runs offscreen, and no test may leave a thread running."""

import atexit
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings (window layout) goes to a throw-away folder, never the user's ~/.config.
os.environ["XDG_CONFIG_HOME"] = _config = tempfile.mkdtemp(prefix="bpviz-test-config-")
atexit.register(shutil.rmtree, _config, ignore_errors=True)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


@pytest.fixture(autouse=True)
def no_leaked_threads():
    """Fail any test that leaves a Python thread or a bpviz QThread running."""
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    qthreads = []
    worker = sys.modules.get("bpviz.ui.training.worker")
    if worker is not None and hasattr(worker, "live_threads"):
        qthreads = worker.live_threads()
    assert not leaked, f"test leaked Python threads: {leaked}"
    assert not qthreads, f"test leaked running QThreads: {qthreads}"
