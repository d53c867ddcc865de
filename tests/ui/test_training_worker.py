"""The training worker on its own: the gate the GUI thread opens and closes while the worker
waits on it, and settings that reach the trainer even when a stop follows at once."""

import threading

from PySide6.QtCore import Qt

from bpviz.core.presets import get_preset
from bpviz.training.trainer import Trainer
from bpviz.ui.training.worker import GuiGate, TrainingWorker, start_thread


def hammer(gate, seconds: float = 1.0) -> list:
    """One thread closes and opens `gate` as fast as it can (the GUI thread does so around
    every snapshot and repaint) while another waits on it with short timeouts (the worker
    stepping aside). Returns the exceptions either thread raised."""
    errors, done = [], threading.Event()

    def gui():
        try:
            while not done.is_set():
                gate.close()
                gate.open()
        except Exception as e:          # noqa: BLE001 - any exception is the failure
            errors.append(e)

    def worker():
        try:
            timeouts = (0.03, 0.001, 0.0)
            i = 0
            while not done.is_set():
                gate.wait(timeouts[i % 3])
                i += 1
        except Exception as e:          # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=gui), threading.Thread(target=worker)]
    for t in threads:
        t.start()
    done.wait(seconds)                  # the hammering runs this long
    done.set()
    for t in threads:
        t.join()
    return errors


def test_gate_opened_and_closed_while_the_worker_waits_never_raises():
    gate = GuiGate()
    errors = hammer(gate, 1.0)
    assert not errors, f"{len(errors)} errors, the first: {errors[0]!r}"
    gate.open()
    assert not gate.busy


def test_gate_blocks_until_opened_and_opens_itself_after_the_timeout():
    gate = GuiGate()
    assert not gate.busy
    gate.wait(30)                       # open: returns at once
    gate.close()
    assert gate.busy
    gate.wait(0.01)                     # nobody opens it: the timeout does
    assert not gate.busy

    gate.close()
    returned = threading.Event()
    waiter = threading.Thread(target=lambda: (gate.wait(30), returned.set()))
    waiter.start()
    try:
        assert not returned.wait(0.05)  # still waiting for the GUI
        gate.open()
        assert returned.wait(10)        # the open released it, long before its timeout
    finally:
        gate.open()
        waiter.join()


def xor_trainer() -> Trainer:
    preset = get_preset("xor")
    data = preset.dataset()
    return Trainer(preset.network(seed=1), data.x, data.y, eta=0.2, optimizer="sgd")


def test_settings_sent_just_before_a_stop_reach_the_trainer(qtbot):
    trainer = xor_trainer()
    worker = TrainingWorker(trainer, trainer.steps(), run=1)
    snaps = []
    worker.snapshot.connect(snaps.append, Qt.DirectConnection)
    # the user changes everything and pauses before the worker took a single step
    worker.change(eta=0.05, batch_size=2, optimizer="momentum")
    worker.change(l2=0.001)
    worker.request_stop()
    thread = start_thread(worker)
    assert thread.wait(20_000)
    thread.deleteLater()
    assert snaps and snaps[-1].final and snaps[-1].error is None
    assert trainer.eta == 0.05
    assert trainer.batch_size == 2
    assert trainer.optimizer.name == "momentum"
    assert trainer.optimizer.l2 == 0.001


def test_settings_sent_while_running_are_applied_before_the_final_snapshot(qtbot):
    trainer = xor_trainer()
    worker = TrainingWorker(trainer, trainer.steps(), run=1)
    finals = []
    worker.snapshot.connect(lambda s: s.final and finals.append(s), Qt.DirectConnection)
    thread = start_thread(worker)
    try:
        qtbot.waitUntil(lambda: trainer.step > 10, timeout=20_000)
        for eta in (0.3, 0.4, 0.05):    # the last one sent wins, even with a stop right after
            worker.change(eta=eta)
        worker.request_stop()
    finally:
        worker.request_stop()
        assert thread.wait(20_000)
        thread.deleteLater()
    assert len(finals) == 1 and finals[0].error is None
    assert trainer.eta == 0.05


def run_worker(trainer, until_epoch: int):
    """Train `trainer()` in the worker thread to `until_epoch`; its snapshots, and the
    accuracies it measured at epoch ends, each checked against the same run done headless."""
    t = trainer()
    worker = TrainingWorker(t, t.steps(), run=1, until_epoch=until_epoch)
    snaps = []
    worker.snapshot.connect(snaps.append, Qt.DirectConnection)
    thread = start_thread(worker)
    assert thread.wait(60_000)
    thread.deleteLater()
    measured = [s for snap in snaps for s in snap.epoch_stats]
    reference = trainer()                           # the same run, headless, epoch by epoch
    steps = reference.steps()
    for epoch, accuracy, _, _ in measured:
        while reference.epoch < epoch:
            next(steps)
        assert accuracy == reference.evaluate()[1]
    return snaps, measured


def test_long_epochs_are_measured_at_each_end_as_headless_training_measures_them(qtbot):
    """At full speed snapshots come now and then and had measured accuracy only then (MNIST at
    'max' had no epoch-1 point). Epochs of 50 steps or more are now measured at their end:
    every epoch once, with the numbers a headless trainer of the same seed gives there."""
    import numpy as np

    from bpviz.core.datasets import circle

    data = circle(n=200, seed=0)

    def trainer():
        return Trainer(get_preset("circle").network(seed=1), data.x, data.y, eta=0.5,
                       batch_size=2, optimizer="sgd", seed=0)        # 100 steps an epoch
    snaps, measured = run_worker(trainer, until_epoch=4)
    assert [e for e, *_ in measured] == [1, 2, 3, 4]
    assert snaps[0].epoch == 0 and snaps[0].accuracy is not None       # the start, untrained
    assert np.isfinite([a for _, a, *_ in measured]).all()


def test_large_data_with_few_steps_an_epoch_is_measured_at_epoch_ends(qtbot):
    """More than 20 000 samples in epochs of 2 to 49 steps (full MNIST at batch 1 200, a large
    CSV): the accuracy must still reach the window while training runs, measured at epoch ends
    and equal to the same run's accuracy there (it had stayed empty until Pause)."""
    import numpy as np

    from bpviz.core.network import Network

    rng = np.random.default_rng(0)
    x = rng.normal(size=(30_000, 2))
    y = (x[:, :1] > 0).astype(float)

    def trainer():
        return Trainer(Network.create([2, 3, 1], "sigmoid", "mse", seed=0), x, y, eta=0.5,
                       batch_size=3_000, seed=0)                    # 10 steps an epoch
    _, measured = run_worker(trainer, until_epoch=6)
    assert measured and all(1 <= e <= 6 for e, *_ in measured)
