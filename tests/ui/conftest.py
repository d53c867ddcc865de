"""Fixtures shared by the UI tests."""

import pytest

from bpviz.app import create_main_window


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path_factory):
    """Every test starts as a first launch: no window layout remembered by an earlier test
    (one left by another test had made an MNIST view test depend on the order tests ran in)."""
    from PySide6.QtCore import QSettings

    # (a folder of its own: tests list their tmp_path and find only the files they wrote)
    QSettings.setPath(QSettings.NativeFormat, QSettings.UserScope,
                      str(tmp_path_factory.mktemp("settings")))


@pytest.fixture
def window(qtbot):
    """The main window on the seed-004 example (toy-40-80), shown and exposed, closed after
    the test. (Training test modules that want XOR define their own `window`.)"""
    win = create_main_window("toy-40-80")
    qtbot.addWidget(win)
    win.resize(1500, 950)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture(autouse=True)
def no_unexpected_question(monkeypatch):
    """A modal question no test answers would wait forever offscreen: it fails the test
    instead, naming the question. A test expecting one patches QMessageBox.question itself."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(parent, title, text, *a, **k):
        raise AssertionError(f"unexpected question: {title} — {text}")

    monkeypatch.setattr(QMessageBox, "question", staticmethod(unexpected))


@pytest.fixture
def discard(monkeypatch):
    """Every Save / Discard / Cancel question answered Discard (trained weights may go); the
    titles asked are kept in the list returned."""
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, *a, **k: asked.append(title) or QMessageBox.Discard))
    return asked
