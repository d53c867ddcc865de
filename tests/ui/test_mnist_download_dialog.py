"""File → Download full MNIST in the window: progress relayed from the download thread, a failure
is one line in a dialog, cancel stops the download and leaves the data in use alone."""

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bpviz.core.errors import BpvizError
from bpviz.core.mnist_download import DownloadCancelled
from bpviz.ui.mnist import data_actions

try:
    from .window_helpers import open_window  # noqa: F401
except ImportError:
    from window_helpers import open_window  # noqa: F401


def test_download_failure_is_one_line_and_the_data_stays(qtbot, monkeypatch):
    seen, warnings = [], []

    def fake_download(progress=None, cancel=None):
        seen.append(threading.current_thread() is not threading.main_thread())
        progress(500, 1000, "train-images-idx3-ubyte.gz")
        raise BpvizError("train-images-idx3-ubyte.gz: SHA-256 mismatch")

    monkeypatch.setattr(data_actions, "download_mnist", fake_download)
    monkeypatch.setattr(data_actions.QMessageBox, "warning",
                        lambda parent, title, text: warnings.append(text))
    win = open_window(qtbot, "mnist")
    before = win.session.dataset
    win.mnist.data.download.trigger()
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert seen == [True]                                 # it ran off the GUI thread
    assert warnings == ["train-images-idx3-ubyte.gz: SHA-256 mismatch"]
    assert win.session.dataset is before and win.mnist.data.dialog is None
    win.close()


def test_cancel_stops_the_download(qtbot, monkeypatch):
    warnings, started = [], threading.Event()

    def fake_download(progress=None, cancel=None):
        started.set()
        while not cancel.is_set():
            cancel.wait(0.01)
        raise DownloadCancelled("download cancelled; the MNIST data in use is unchanged")

    monkeypatch.setattr(data_actions, "download_mnist", fake_download)
    monkeypatch.setattr(data_actions.QMessageBox, "warning",
                        lambda parent, title, text: warnings.append(text))
    win = open_window(qtbot, "mnist")
    actions = win.mnist.data
    actions.download.trigger()
    assert started.wait(5)
    button = actions.dialog.findChild(QPushButton)          # the dialog's Cancel button
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: actions.thread is None, timeout=5000)
    assert warnings == []                                 # cancelling is not an error
    win.close()


def test_choosing_mnist_with_a_damaged_cache_is_one_line_in_a_dialog(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from bpviz.core import mnist

    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))
    mnist.cache_file().parent.mkdir(parents=True)
    mnist.cache_file().write_bytes(b"PK\x03\x04 not really a zip file")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    win = open_window(qtbot, "xor")
    combo = win.settings_bar.preset
    combo.setFocus()
    combo.setCurrentIndex(combo.findText("mnist"))
    combo.activated.emit(combo.currentIndex())           # as a pick from the list sends it
    qtbot.waitUntil(lambda: bool(warnings), timeout=3000)
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert warnings[0].startswith(str(mnist.cache_file()))
    assert win.session.preset.name == "xor" and combo.currentText() == "xor"
    win.close()
