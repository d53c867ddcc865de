"""A walk at η = 1e308 diverges on purpose: the window shows its inf and nan, and must not
print NumPy's RuntimeWarnings ("overflow encountered in reduce", dozens of them) on stderr
while stepping, applying the updates or checking the gradient."""

import warnings

import pytest
from PySide6.QtWidgets import QLineEdit

try:
    from .window_helpers import open_window, record_warnings, trigger
except ImportError:
    from window_helpers import open_window, record_warnings, trigger


@pytest.mark.parametrize("preset", ["xor", "mnist"])
def test_stepping_a_diverging_walk_prints_no_runtime_warning(qtbot, monkeypatch, preset):
    record_warnings(monkeypatch)                 # (a real dialog would block the test)
    win = open_window(qtbot, preset)
    field = win.findChild(QLineEdit, "learning_rate")
    field.setText("1e308")
    field.editingFinished.emit()
    assert win.session.eta == 1e308
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(3):
            trigger(win, "step_forward", 12)     # forward, loss, backward, update, …
            trigger(win, "apply_update")
        trigger(win, "step_forward", 12)
        trigger(win, "gradient_check")
        qtbot.wait(20)
    runtime = [f"{w.filename}:{w.lineno}: {w.message}" for w in caught
               if issubclass(w.category, RuntimeWarning)]
    assert runtime == []
    win.close()
