"""The output layer of a digit network: the view labels the outputs 0–9, the inspector numbers
them 1–10 as the equations do, and says which digit each row is."""

from PySide6.QtCore import Qt

try:
    from .window_helpers import fresh_settings, open_window  # noqa: F401
except ImportError:
    from window_helpers import fresh_settings, open_window  # noqa: F401


def test_the_output_tables_rows_name_their_digit_and_the_equations_say_how(qtbot):
    win = open_window(qtbot, "mnist")
    while not (win.walk.step.phase == "forward" and win.walk.step.layer == 2):
        qtbot.keyClick(win.network_view, Qt.Key_Right)
    table = next(t for t in win.inspector.tables if t.isVisible()
                 and t.title.text().startswith("<b>Layer 2"))
    rows = [table.table.verticalHeaderItem(r).text() for r in range(table.table.rowCount())]
    assert rows == [f"{j + 1} · digit {j}" for j in range(10)]
    assert "the view's outputs from 0: a²₁ is output 0 (digit 0)" in win.inspector.equations.toPlainText()
    qtbot.keyClick(win.network_view, Qt.Key_Right)              # the loss: still said
    assert win.walk.step.phase == "loss"
    assert "the view's outputs from 0" in win.inspector.equations.toPlainText()
    while not (win.walk.step.phase == "backward" and win.walk.step.layer == 1):
        qtbot.keyClick(win.network_view, Qt.Key_Right)
    assert "the view's outputs from 0" not in win.inspector.equations.toPlainText()   # hidden layer
    hidden = next(t for t in win.inspector.tables if t.isVisible()
                  and t.title.text().startswith("<b>Layer 1"))
    assert hidden.table.verticalHeaderItem(0).text() == "1"
    win.close()


def test_the_xor_output_rows_keep_plain_numbers(qtbot):
    win = open_window(qtbot, "xor")
    while not (win.walk.step.phase == "forward" and win.walk.step.layer == 2):
        qtbot.keyClick(win.network_view, Qt.Key_Right)
    table = next(t for t in win.inspector.tables if t.isVisible()
                 and t.title.text().startswith("<b>Layer 2"))
    assert table.table.verticalHeaderItem(0).text() == "1"
    assert "digit" not in win.inspector.equations.toPlainText()
    win.close()
