"""Fixtures shared by the UI tests."""

import pytest

from bpviz.app import create_main_window


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
