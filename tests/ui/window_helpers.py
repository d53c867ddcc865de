"""Opening a main window the way a first launch does (no remembered layout), for the tests
of what the window looks like."""

from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtGui import QAction

from bpviz.app import create_main_window


def open_active(qtbot, preset, size=(1500, 950)):
    """The window shown and active: window shortcuts reach only the active window."""
    win = create_main_window(preset)
    qtbot.addWidget(win)
    win.resize(*size)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    return win


def open_window(qtbot, preset, size=(1500, 950)):
    win = create_main_window(preset)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(50)
    return win


def opened(qtbot, preset, size=(1500, 950)):
    """A fixture's body: the window open for the test, closed after it
    (`yield from opened(qtbot, "xor")`)."""
    win = open_window(qtbot, preset, size)
    yield win
    win.close()


class Questions(list):
    """QMessageBox.question answered from `answers`, in order; the list holds each question's
    title and `texts` each question's text."""

    def __init__(self):
        super().__init__()
        self.answers: list = []
        self.texts: list = []

    def __call__(self, parent, title, text, *a, **k):
        self.append(title)
        self.texts.append(text)
        return self.answers.pop(0)


def answer_questions(monkeypatch) -> Questions:
    from PySide6.QtWidgets import QMessageBox

    questions = Questions()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(questions))
    return questions


@pytest.fixture(name="asked")
def asked_fixture(monkeypatch):
    """QMessageBox.question answered from `asked.answers`; the list holds the titles asked,
    `asked.texts` the questions (a test module imports this fixture to use it)."""
    return answer_questions(monkeypatch)


@pytest.fixture(name="xor_win")
def xor_win_fixture(qtbot):
    """An XOR window, closed after the test (a test module imports this fixture to use it)."""
    yield from opened(qtbot, "xor")


def record_warnings(monkeypatch) -> list:
    """QMessageBox.warning recorded instead of shown (a real dialog would block the test):
    the list of each warning's text."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda parent, title, text, *a, **k: shown.append(text)))
    return shown


def click_dock_tab(qtbot, win, title: str) -> None:
    """Click the tab titled `title` on the dock tab bars on screen, as a user does."""
    from PySide6.QtCore import Qt

    from bpviz.ui.widgets.dock import dock_tab_bars

    for bar in dock_tab_bars(win):
        if bar.isVisible():
            for i in range(bar.count()):
                if bar.tabText(i) == title:
                    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(i).center())
                    return
    raise AssertionError(f"no tab {title!r} on screen")


def trigger(win, name, times=1):
    for _ in range(times):
        win.findChild(QAction, name).trigger()


def snapshot(first, losses):
    return SimpleNamespace(first_epoch=first, losses=np.asarray(losses, dtype=float),
                           epoch=first + len(losses) - 1, accuracy=None, test_loss=None,
                           test_accuracy=None)
