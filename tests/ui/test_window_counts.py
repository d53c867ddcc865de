"""The window writes counts the way the command line does: 4 000 samples, digits grouped by a
no-break space; the data in use is named as `bpviz train` names it."""

import math

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

try:
    from .window_helpers import open_window  # noqa: F401
except ImportError:
    from window_helpers import open_window  # noqa: F401

NB = "\u00a0"


@pytest.fixture(autouse=True)
def empty_cache(tmp_path, monkeypatch):
    """No full MNIST in the cache: the bundled subset (4 000 + 1 000 digits) is in use."""
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))


def test_mnist_counts_in_the_window(qtbot):
    win = open_window(qtbot, "mnist")
    try:
        current = win.findChild(QLabel, "data_current").text()
        assert current.startswith(f"in use: MNIST: bundled 5{NB}000-digit subset, 4{NB}000 training "
                                  f"samples + 1{NB}000 test")
        mnist_label = win.findChild(QLabel, "mnist_data_label").text()
        assert mnist_label.startswith(f"MNIST: bundled 5{NB}000-digit subset")
        # the split as `bpviz data mnist --status` and the README say it: 60 000 training (of
        # which 10 000 for validation) + 10 000 test = 70 000 (the window had left out the
        # validation digits, and a teacher read the README's 50 000 as a contradiction)
        assert (f"Download full MNIST: 70{NB}000 digits (60{NB}000 training, of which 10{NB}000 "
                f"for validation, + 10{NB}000 test)") in mnist_label
        download = win.findChild(QAction, "mnist_download").toolTip()
        assert (f"70{NB}000 digits, 60{NB}000 training (of which 10{NB}000 for validation) "
                f"+ 10{NB}000 test") in download
        win.session.set_batch_size("")                   # the whole set: the field says how many
        assert win.training_panel.batch.edit.placeholderText() == f"all 4{NB}000"
        # the epoch label stays without separators (scripts read its first number)
        assert win.findChild(QLabel, "epoch_label").text() == "epoch 0 of 30"
    finally:
        win.close()


def test_beside_a_test_accuracy_the_training_one_says_train(qtbot):
    """"accuracy 93.5 %" beside "test 92.9 %" had read as one number named twice."""
    win = open_window(qtbot, "mnist")
    try:
        panel = win.training_panel
        panel.show_accuracy()
        acc, test = win.session.accuracy()
        assert test is not None
        floored = [math.floor(1000 * v + 1e-9) / 10 for v in (acc, test)]   # (floored to 0.1 %)
        assert panel.accuracy_label.text() == f"train {floored[0]:.1f} %"
        assert panel.test_label.text() == f"test {floored[1]:.1f} %"
    finally:
        win.close()
    win = open_window(qtbot, "xor")                  # no test set: "accuracy", as before
    try:
        win.training_panel.show_accuracy()
        assert win.training_panel.accuracy_label.text().startswith("accuracy ")
    finally:
        win.close()
