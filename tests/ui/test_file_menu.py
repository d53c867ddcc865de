"""The File menu ends with Quit, as in every desktop program (groups added later, such as
MNIST's, go before it)."""

import pytest
from PySide6.QtWidgets import QMenu

try:
    from .window_helpers import opened
except ImportError:
    from window_helpers import opened


@pytest.fixture
def win(qtbot):
    yield from opened(qtbot, "xor")


def test_quit_is_the_last_entry_of_the_file_menu(win):
    menu = win.menuBar().findChild(QMenu, "file_menu")
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == ["open_model", "save_model", "export_json", "export_csv", "save_png",
                     "mnist_download", "mnist_import", "quit"]
    entries = menu.actions()
    assert entries[-1].objectName() == "quit" and entries[-2].isSeparator()
    assert not any(a.isSeparator() and b.isSeparator() for a, b in zip(entries, entries[1:]))
