"""MNIST files too large to hold, in the window: one line in a dialog naming the file and what
to do, and the data in use stays. Both paths had caught only BpvizError, so the MemoryError of a
sparse 100 GB mnist.pkl.gz (File → Import MNIST files…) or of a cache whose header claims
10⁹ digits (choosing the mnist preset) escaped as a traceback."""

from PySide6.QtWidgets import QFileDialog

from bpviz.core import mnist
from bpviz.ui.mnist import data_actions

try:
    from tests.core.mnist_fakes import lying_cache
except ImportError:
    from mnist_fakes import lying_cache

try:
    from .window_helpers import open_window, record_warnings
except ImportError:
    from window_helpers import open_window, record_warnings


def dialogs(monkeypatch) -> list:
    return record_warnings(monkeypatch)


def test_importing_a_100_gb_pickle_is_one_line_and_the_data_stays(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "mnist.pkl.gz"
    with open(path, "wb") as f:                    # sparse: no disk space taken
        f.truncate(100 << 30)
    shown = dialogs(monkeypatch)
    win = open_window(qtbot, "mnist")
    before = win.session.dataset
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    win.mnist.data.import_.trigger()
    assert len(shown) == 1 and "\n" not in shown[0]
    assert shown[0].startswith(str(path)) and "larger than any MNIST file" in shown[0]
    assert win.session.dataset is before and not mnist.has_full()
    win.close()


def test_running_out_of_memory_while_importing_is_one_line_too(qtbot, monkeypatch, tmp_path):
    def import_mnist(source):
        raise MemoryError

    path = tmp_path / "mnist.pkl.gz"
    monkeypatch.setattr(data_actions, "import_mnist", import_mnist)
    shown = dialogs(monkeypatch)
    win = open_window(qtbot, "mnist")
    before = win.session.dataset
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    win.mnist.data.import_.trigger()
    assert shown == [f"{path}: not enough memory to import it; the MNIST data in use is unchanged"]
    assert win.session.dataset is before
    win.close()


def test_choosing_mnist_with_a_cache_claiming_a_billion_digits(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))
    path = lying_cache(mnist.cache_file())
    shown = dialogs(monkeypatch)
    win = open_window(qtbot, "xor")
    before = win.session.dataset
    combo = win.settings_bar.preset
    combo.setCurrentIndex(combo.findText("mnist"))
    combo.activated.emit(combo.currentIndex())           # as a pick from the list sends it
    assert len(shown) == 1 and "\n" not in shown[0] and shown[0].startswith(str(path))
    assert "delete the file to use the bundled subset" in shown[0]
    assert win.session.preset.name == "xor" and combo.currentText() == "xor"
    assert win.session.dataset is before
    win.close()


def test_running_out_of_memory_choosing_a_preset_keeps_the_one_in_use(qtbot, monkeypatch):
    from bpviz.core import presets

    real = presets.get_preset

    def get_preset(name):
        if name == "mnist":
            raise MemoryError
        return real(name)

    monkeypatch.setattr("bpviz.model.explorer.get_preset", get_preset)
    shown = dialogs(monkeypatch)
    win = open_window(qtbot, "xor")
    combo = win.settings_bar.preset
    combo.setCurrentIndex(combo.findText("mnist"))
    combo.activated.emit(combo.currentIndex())
    assert shown == ["mnist: not enough memory for its network or data; xor stays in use"]
    assert win.session.preset.name == "xor" and combo.currentText() == "xor"
    win.close()
