"""Above the documented size (core/size_check.py) the window asks before building a network
or reading a model file, and does the work off the GUI thread with a progress dialog. The
limits are lowered here so that small networks stand in for huge ones."""

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bpviz.core import size_check
from bpviz.core.modelfile import save_model
from bpviz.core.network import Network

try:
    from .explorer_helpers import action
    from .window_helpers import asked_fixture, open_window, xor_win_fixture  # noqa: F401
except ImportError:
    from explorer_helpers import action
    from window_helpers import asked_fixture, open_window, xor_win_fixture  # noqa: F401


def hidden_neurons(xor_win, n):
    xor_win.architecture.rows[0][0].setValue(n)


def test_a_large_network_is_asked_about_and_built_off_the_gui_thread(xor_win, monkeypatch, asked):
    editor = xor_win.architecture
    before = xor_win.session.network
    # 2-64-1 needs 8 · (257 · 3 + 3 · 4 · 67) = 12 600 bytes by the documented estimate
    monkeypatch.setattr(size_check, "MEMORY_LIMIT", 10_000)
    hidden_neurons(xor_win, 64)
    asked.answers = [QMessageBox.No]
    assert editor.build() is False
    assert xor_win.session.network is before and "large" in asked.texts[0]

    threads = []
    make = editor.make_network
    monkeypatch.setattr(editor, "make_network",
                        lambda: (threads.append(QThread.currentThread().objectName()), make())[1])
    asked.answers = [QMessageBox.Yes, QMessageBox.Yes]    # large; discard trained weights
    assert editor.build() is True
    assert threads == ["bpviz-heavy"]
    assert xor_win.session.network.sizes == [2, 64, 1]


def test_a_small_network_is_built_without_asking(xor_win, asked):
    hidden_neurons(xor_win, 5)
    asked.answers = [QMessageBox.Yes]                    # only if trained weights exist
    assert xor_win.architecture.build() is True
    assert not any("large" in text for text in asked.texts)


def test_a_huge_model_file_is_asked_about_before_reading(xor_win, monkeypatch, asked, tmp_path):
    path = tmp_path / "big.json"
    save_model(Network.create([2, 7, 1], ["tanh", "sigmoid"], "mse", seed=1), path)
    monkeypatch.setattr(size_check, "FILE_READ_FACTOR", 10**12)     # every file is "huge"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    before = xor_win.session.network
    asked.answers = [QMessageBox.No]
    action(xor_win, "open_model").trigger()
    assert xor_win.session.network is before and "model file" in asked.texts[0]
    asked.answers = [QMessageBox.Yes]
    action(xor_win, "open_model").trigger()
    assert xor_win.session.network.sizes == [2, 7, 1]
