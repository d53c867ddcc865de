"""A closed window frees what it built: its widgets (menus, docks, pyqtgraph's context menus)
and its training thread; and every file the window exports is written atomically."""

import gc
import os

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from bpviz.app import create_main_window
from bpviz.ui.training.plot_series import Series

try:
    from .explorer_helpers import action
    from .window_helpers import record_warnings
except ImportError:
    from explorer_helpers import action
    from window_helpers import record_warnings


def _flush():
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        QApplication.processEvents()
    gc.collect()


def _open_and_close(qtbot, preset="xor", train=False):
    win = create_main_window(preset)
    win.show()
    qtbot.waitExposed(win)
    if train:
        training = win.training
        training.play()
        qtbot.waitUntil(lambda: training.epoch > 0, timeout=5000)
    win.close()
    del win
    _flush()


def test_closed_windows_return_top_level_widgets_to_baseline(qtbot):
    _open_and_close(qtbot)                       # first use: pyqtgraph's one-off objects
    baseline = len(QApplication.topLevelWidgets())
    for i in range(5):
        _open_and_close(qtbot, train=i % 2 == 0)  # also closed while training runs
    assert len(QApplication.topLevelWidgets()) == baseline


def test_closing_twice_does_nothing(qtbot):
    win = create_main_window("toy-40-80")
    win.show()
    assert win.close()
    _flush()
    assert win.close()                            # already deleted: no error


def test_closing_a_window_never_shown_twice_does_nothing(qtbot):
    """A script's window, never shown: the second close ran the teardown again and crashed
    the process (its parts were already freed)."""
    win = create_main_window("xor")
    assert win.close()
    QCoreApplication.processEvents()              # (no deferred delete at this level)
    assert win.close()
    _flush()


def test_loss_history_of_the_plot_is_bounded():
    s = Series(budget=1000)
    x = np.arange(1, 100_001, dtype=float)
    for chunk in np.split(x, 100):
        s.append(chunk, 1.0 / chunk)
    assert 500 <= s.n <= 1000
    assert np.all(np.diff(s.x) > 0) and s.x[0] == 1
    assert s.x[-1] > 99_000                       # it still reaches the end of the run
    assert np.allclose(s.y, 1.0 / s.x)            # points thinned, never mixed up
    s.clear()
    s.append([1.0, 2.0], [3.0, 4.0])
    assert s.n == 2 and s.stride == 1


def _choose(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def test_exports_write_through_a_symlink_and_leave_no_temporary(window, monkeypatch, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    os.symlink(real, link)
    _choose(monkeypatch, link)
    action(window, "export_json").trigger()
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_failed_png_keeps_the_old_file(window, monkeypatch, tmp_path):
    path = tmp_path / "view.png"
    path.write_bytes(b"old picture")
    shown = record_warnings(monkeypatch)
    monkeypatch.setattr(QImage, "save", lambda *a, **k: False)
    monkeypatch.setattr("PySide6.QtGui.QPixmap.save", lambda *a, **k: False)
    _choose(monkeypatch, path)
    action(window, "save_png").trigger()
    assert path.read_bytes() == b"old picture"
    assert len(shown) == 1 and "view.png" in shown[0]
    assert [p.name for p in tmp_path.iterdir()] == ["view.png"]


def test_loss_exports_are_atomic(window, tmp_path):
    plot = window.loss_panel
    stale = tmp_path / ".loss.csv.999999999-abc_1234.tmp"      # left by a save that was killed
    stale.write_text("half", encoding="utf-8")
    os.utime(stale, (0, 0))
    plot.export_csv(tmp_path / "loss.csv")
    plot.export_png(tmp_path / "loss.png")
    assert (tmp_path / "loss.csv").read_text(encoding="utf-8").startswith("epoch,train_loss")
    assert not QImage(str(tmp_path / "loss.png")).isNull()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loss.csv", "loss.png"]


def test_a_first_launch_fits_a_small_screen_and_keeps_its_size_on_a_large_one():
    from PySide6.QtCore import QRect

    from bpviz.ui.main_window import first_size

    class Screen:
        def __init__(self, w, h):
            self.rect = QRect(0, 0, w, h)

        def availableGeometry(self):
            return self.rect

    small = first_size(Screen(1366, 728))                 # a 1366×768 projector, a task bar
    assert (small.width(), small.height()) == (1366, 728)
    large = first_size(Screen(2560, 1400))
    assert (large.width(), large.height()) == (1500, 950)
    assert (first_size(None).width(), first_size(None).height()) == (1500, 950)
