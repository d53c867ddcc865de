"""File → Download full MNIST in the window: progress relayed from the download thread, a failure
is one line in a dialog, cancel stops the download and leaves the data in use alone."""

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bpviz.core.errors import BpvizError
from bpviz.core.mnist_download import DownloadCancelled
from bpviz.ui.mnist import data_actions

try:
    from .window_helpers import open_window, record_warnings  # noqa: F401
except ImportError:
    from window_helpers import open_window, record_warnings  # noqa: F401


def test_download_failure_is_one_line_and_the_data_stays(qtbot, monkeypatch):
    seen = []

    def fake_download(progress=None, cancel=None):
        seen.append(threading.current_thread() is not threading.main_thread())
        progress(500, 1000, "train-images-idx3-ubyte.gz")
        raise BpvizError("train-images-idx3-ubyte.gz: SHA-256 mismatch")

    monkeypatch.setattr(data_actions, "download_mnist", fake_download)
    warnings = record_warnings(monkeypatch)
    win = open_window(qtbot, "mnist")
    before = win.session.dataset
    win.mnist.data.download.trigger()
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert seen == [True]                                 # it ran off the GUI thread
    assert warnings == ["train-images-idx3-ubyte.gz: SHA-256 mismatch"]
    assert win.session.dataset is before and win.mnist.data.dialog is None
    win.close()


def test_cancel_stops_the_download(qtbot, monkeypatch):
    started = threading.Event()

    def fake_download(progress=None, cancel=None):
        started.set()
        while not cancel.is_set():
            cancel.wait(0.01)
        raise DownloadCancelled("download cancelled; the MNIST data in use is unchanged")

    monkeypatch.setattr(data_actions, "download_mnist", fake_download)
    warnings = record_warnings(monkeypatch)
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

    from bpviz.core import mnist

    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))
    mnist.cache_file().parent.mkdir(parents=True)
    mnist.cache_file().write_bytes(b"PK\x03\x04 not really a zip file")
    warnings = record_warnings(monkeypatch)
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


def test_offline_the_dialog_names_the_windows_ways_out_not_the_clis(qtbot, monkeypatch, tmp_path):
    """The window had told a teacher to "try --url MIRROR, or --from PATH"."""
    from bpviz.core import mnist_download

    try:
        from tests.core.mnist_fakes import refused_port
    except ImportError:          # pytest run from inside tests/
        from mnist_fakes import refused_port
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))
    real = mnist_download.download_mnist
    warnings = record_warnings(monkeypatch)
    with refused_port() as port:
        monkeypatch.setattr(data_actions, "download_mnist", lambda progress=None, cancel=None: real(
            f"http://127.0.0.1:{port}/", progress=progress, cancel=cancel))
        win = open_window(qtbot, "mnist")
        before = win.session.dataset
        win.mnist.data.download.trigger()
        qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert f"127.0.0.1:{port}" in warnings[0] and "offline" in warnings[0]
    assert "File → Import MNIST files…" in warnings[0] and "--" not in warnings[0]
    assert win.session.dataset is before
    win.close()


def test_import_takes_the_pickle_itself_or_any_idx_file_of_the_folder(qtbot, monkeypatch, tmp_path):
    """The import chooser picked folders only, while its title named mnist.pkl.gz."""
    from PySide6.QtWidgets import QFileDialog

    from bpviz.core.mnist import load_mnist

    try:
        from tests.core.mnist_fakes import idx_files, nielsen_pickle, write_folder
    except ImportError:
        from mnist_fakes import idx_files, nielsen_pickle, write_folder
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_folder(tmp_path / "idx", idx_files(n_train=12, n_test=5))
    pkl = nielsen_pickle(tmp_path / "elsewhere.pkl.gz")
    win = open_window(qtbot, "xor")
    chosen = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(chosen[-1]), ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")   # (cancelled)
    chosen.append(folder / "t10k-labels-idx1-ubyte.gz")       # one of the four: its folder
    win.mnist.data.import_.trigger()
    data = load_mnist()
    assert (data.source, len(data.test_labels)) == ("full", 5)
    chosen.append(pkl)                                         # the pickle, under any name
    win.mnist.data.import_.trigger()
    data = load_mnist()
    assert data.source == "full" and len(data.test_labels) == 4
    win.close()
