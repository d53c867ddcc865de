"""What keeps the window responsive while it trains: one BLAS thread for the process while the
worker runs (a second one spins after every product and takes the GUI thread's core)."""

import numpy as np
import pytest

from bpviz.app import create_main_window
from bpviz.ui.training import worker

try:
    from .window_helpers import open_window
except ImportError:
    from window_helpers import open_window

TIMEOUT = 20_000      # ms: generous, the machine may be busy


def blas_thread_counts() -> list[int]:
    threadpoolctl = pytest.importorskip("threadpoolctl")
    return [lib["num_threads"] for lib in threadpoolctl.threadpool_info()
            if lib["user_api"] == "blas"]


@pytest.fixture
def window(qtbot):
    return open_window(qtbot, "xor", (1400, 900))


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


def test_accuracy_at_every_epoch_end_and_in_between_only_when_the_pacer_allows(qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    from bpviz.core.presets import get_preset
    from bpviz.training.trainer import Trainer

    # measuring between epoch ends is never due again once it has been done (the run's start)
    monkeypatch.setattr(worker, "STATS_SHARE", 1e-12)
    # a snapshot at every look at the controls: each epoch end gets its own, and there are
    # snapshots in between however fast the machine trains
    monkeypatch.setattr(worker, "SNAPSHOT_INTERVAL", 0.0)
    preset = get_preset("mnist")
    data = preset.dataset()
    trainer = Trainer(preset.network(seed=0), data.x, data.y, eta=3.0, batch_size=10,
                      x_test=data.x_test, y_test=data.y_test)
    w = worker.TrainingWorker(trainer, trainer.steps(), run=1, until_epoch=2)
    snaps = []

    def took(snap):                     # what the controller does with each snapshot
        snaps.append(snap)
        w.consumed = snap.seq
        w.gate.open()

    w.snapshot.connect(took, Qt.DirectConnection)
    thread = worker.start_thread(w)
    assert thread.wait(60_000)
    thread.deleteLater()
    first, *middle, final = snaps
    assert final.final and final.error is None and final.epoch == 2
    assert first.accuracy is not None and first.test_accuracy is not None
    ends = [s for s in middle if len(s.losses)]
    assert [s.epoch for s in ends] == [1]       # epoch 2's loss comes with the final one
    for snap in ends + [final]:
        assert 0 <= snap.accuracy <= 1 and 0 <= snap.test_accuracy <= 1
        assert snap.test_loss is not None
    between = [s for s in middle if not len(s.losses)]
    assert between, "a snapshot at every look at the controls: some between the epoch ends"
    assert all(s.accuracy is None and s.test_accuracy is None and s.test_loss is None
               for s in between)


def test_the_accuracy_label_keeps_its_value_on_a_snapshot_without_one(window):
    from bpviz.ui.training.worker import Snapshot

    panel = window.training_panel
    params = window.session.network.params.copy()
    measured = Snapshot(1, 1, params, 3, 12, 3, np.array([0.2]), 0.75, 0.3, 0.5)
    panel.show_snapshot(measured)
    assert panel.accuracy_label.text() == "train 75.0 %"          # (beside a test accuracy)
    assert panel.test_label.text() == "test 50.0 %"
    between = Snapshot(1, 2, params, 3, 14, 4, np.array([]))
    panel.show_snapshot(between)
    assert panel.epoch_label.text() == "epoch 3 of 1\u00a0000"
    assert panel.accuracy_label.text() == "train 75.0 %"
    assert panel.test_label.text() == "test 50.0 %"


def test_the_views_take_a_snapshot_first_and_its_curves_follow_in_order(window, qtbot):
    """A snapshot the views take is applied in two slices (the redraw, then after a turn of the
    event loop the curves and labels); one that comes meanwhile waits for the first's rest."""
    from bpviz.ui.training.worker import Snapshot

    controller, session = window.training, window.session
    applied = []
    controller.snapshot_applied.connect(lambda s: applied.append(s.seq))
    start = session.network.params.copy()
    run = controller.run_id

    first = Snapshot(run, 1, start + 0.5, 1, 4, 1, np.array([0.3]))
    controller._on_snapshot(first)              # the worker's queued call
    assert np.array_equal(session.network.params, start + 0.5)     # the views have it now
    assert applied == []                        # its curves and labels after the event loop's turn
    qtbot.waitUntil(lambda: applied == [1], timeout=TIMEOUT)
    assert list(window.loss_panel.train.x) == [1]

    controller._next_view = 0.0                 # the views are due again
    second = Snapshot(run, 2, start + 0.7, 2, 8, 2, np.array([0.2]))
    controller._on_snapshot(second)
    assert applied == [1]
    final = Snapshot(run, 3, start + 0.9, 2, 8, 3, np.array([]), final=True)
    controller._on_snapshot(final)              # at once, after the second's rest
    assert applied == [1, 2, 3]
    assert list(window.loss_panel.train.x) == [1, 2]
    assert np.array_equal(session.network.params, start + 0.9)
    qtbot.wait(20)
    assert applied == [1, 2, 3]                 # nothing applied twice


def view_pixels(view) -> np.ndarray:
    view.viewport().repaint()
    image = view.grab().toImage()
    return np.array(image.constBits()).reshape(image.height(), image.bytesPerLine()).astype(int)


def test_mnist_edges_drawn_directly_while_training_and_they_look_the_same(qtbot):
    from PySide6.QtWidgets import QGraphicsItem

    w = create_main_window("mnist")
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    view, session = w.network_view, w.session
    lines = [view.edges.picture]                # every edge, drawn by one item
    assert all(item.cacheMode() == QGraphicsItem.DeviceCoordinateCache for item in lines)
    cached = view_pixels(view)
    session.set_busy(True)                      # what play does
    assert all(item.cacheMode() == QGraphicsItem.NoCache for item in lines)
    direct = view_pixels(view)
    # the same picture: a pixmap composed onto the view rounds a colour channel by at most 2
    assert cached.shape == direct.shape and np.abs(cached - direct).max() <= 2
    session.set_busy(False)
    assert all(item.cacheMode() == QGraphicsItem.DeviceCoordinateCache for item in lines)
