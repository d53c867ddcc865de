"""What keeps the window responsive while it trains: one BLAS thread for the process while the
worker runs (a second one spins after every product and takes the GUI thread's core)."""

import pytest

from bpviz.app import create_main_window
from bpviz.ui.training import worker

TIMEOUT = 20_000      # ms: generous, the machine may be busy


def blas_thread_counts() -> list[int]:
    threadpoolctl = pytest.importorskip("threadpoolctl")
    return [lib["num_threads"] for lib in threadpoolctl.threadpool_info()
            if lib["user_api"] == "blas"]


@pytest.fixture
def window(qtbot):
    w = create_main_window("xor")
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    return w


def test_one_blas_thread_while_training_then_the_count_from_before(window, qtbot):
    before = blas_thread_counts()
    if not before:
        pytest.skip("no BLAS library that threadpoolctl knows")
    controller = window.training
    controller.play_on()
    assert controller.running
    assert blas_thread_counts() == [1] * len(before)
    qtbot.waitUntil(lambda: controller.epoch > 5, timeout=TIMEOUT)
    assert blas_thread_counts() == [1] * len(before)
    controller.pause()
    assert not worker.live_threads()
    assert blas_thread_counts() == before
    # a second run, then a stop: the same again
    controller.play_on()
    assert blas_thread_counts() == [1] * len(before)
    controller.stop()
    assert blas_thread_counts() == before


def test_closing_the_window_while_training_gives_the_blas_threads_back(qtbot):
    before = blas_thread_counts()
    if not before:
        pytest.skip("no BLAS library that threadpoolctl knows")
    w = create_main_window("xor")
    qtbot.addWidget(w)
    w.show()
    w.training.play_on()
    assert blas_thread_counts() == [1] * len(before)
    w.close()
    qtbot.waitUntil(lambda: not worker.live_threads(), timeout=TIMEOUT)
    assert blas_thread_counts() == before
