"""The output layer of a digit network: the view labels the outputs 0–9, the inspector numbers
them 1–10 as the equations do, and says which digit each row is."""

from PySide6.QtCore import Qt

try:
    from .window_helpers import open_window  # noqa: F401
except ImportError:
    from window_helpers import open_window  # noqa: F401


def walk_to(qtbot, win, phase, layer):
    while not (win.walk.step.phase == phase and win.walk.step.layer == layer):
        qtbot.keyClick(win.network_view, Qt.Key_Right)


def shown_table(win, title):
    return next(t for t in win.inspector.tables if t.isVisible()
                and t.title.text().startswith(f"<b>{title}"))


def test_the_output_tables_rows_name_their_digit_and_the_equations_say_how(qtbot):
    win = open_window(qtbot, "mnist")
    walk_to(qtbot, win, "forward", 2)
    table = shown_table(win, "Layer 2")
    rows = [table.table.verticalHeaderItem(r).text() for r in range(table.table.rowCount())]
    assert rows == [f"{j + 1} · digit {j}" for j in range(10)]
    assert "the view's outputs from 0: a²₁ is output 0 (digit 0)" in win.inspector.equations.toPlainText()
    qtbot.keyClick(win.network_view, Qt.Key_Right)              # the loss: still said
    assert win.walk.step.phase == "loss"
    assert "the view's outputs from 0" in win.inspector.equations.toPlainText()
    walk_to(qtbot, win, "backward", 1)
    assert "the view's outputs from 0" not in win.inspector.equations.toPlainText()   # hidden layer
    hidden = shown_table(win, "Layer 1")
    assert hidden.table.verticalHeaderItem(0).text() == "1"
    win.close()


def test_the_xor_output_rows_keep_plain_numbers(qtbot):
    win = open_window(qtbot, "xor")
    walk_to(qtbot, win, "forward", 2)
    table = shown_table(win, "Layer 2")
    assert table.table.verticalHeaderItem(0).text() == "1"
    assert "digit" not in win.inspector.equations.toPlainText()
    win.close()
