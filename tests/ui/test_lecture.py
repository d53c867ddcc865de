"""The window under a presenter's hands: keys that work whatever has focus, training that
stops at the preset's epochs, presentation zoom, no stale messages, the end of a walk,
exact values, data imports that keep a loaded model, quitting, and the no-display start."""

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
)

from bpviz.core.modelfile import save_model
from bpviz.ui.lecture.zoom import zoom

try:
    from .window_helpers import open_active
except ImportError:
    from window_helpers import open_active

TIMEOUT = 40_000
ROOT = Path(__file__).resolve().parents[2]


def test_enter_in_eta_then_space_pauses(qtbot):
    win = open_active(qtbot, "xor")
    eta = win.findChild(QLineEdit, "learning_rate")
    eta.setFocus()
    eta.selectAll()
    qtbot.keyClicks(eta, "0.3")
    qtbot.keyClick(eta, Qt.Key_Return)
    assert win.session.eta == 0.3
    qtbot.waitUntil(lambda: win.network_view.hasFocus())       # focus is handed back
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)
    qtbot.waitUntil(lambda: win.training.running, timeout=TIMEOUT)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.training.running, timeout=TIMEOUT)
    assert win.training.state == "paused" and win.session.eta == 0.3
    win.close()


def test_right_arrow_works_with_focus_in_any_field(qtbot):
    win = open_active(qtbot, "toy-40-80")
    for name in ("target_values", "input_values", "learning_rate", "batch_size"):
        field = win.findChild(QLineEdit, name)
        field.setFocus()
        qtbot.wait(20)
        assert field.hasFocus(), name
        before = win.walk.step.index
        qtbot.keyClick(field, Qt.Key_Right)
        assert win.walk.step.index == before + 1, name
        assert field.text() == field.parentWidget().shown          # the field is unchanged
    # while typing, the field keeps its keys
    eta = win.findChild(QLineEdit, "learning_rate")
    eta.setFocus()
    qtbot.keyClick(eta, Qt.Key_End)
    qtbot.keyClick(eta, Qt.Key_Backspace)
    assert eta.text() == "1e-"
    before = win.walk.step.index
    qtbot.keyClick(eta, Qt.Key_Left)
    assert win.walk.step.index == before
    qtbot.keyClick(eta, Qt.Key_Escape)                         # Esc puts the value back
    assert eta.text() == "1e-5"
    qtbot.waitUntil(lambda: win.network_view.hasFocus())
    win.close()


@pytest.mark.slow              # the watchable default speed takes ~10 s by design
def test_default_speed_finishes_xor_1000_epochs_and_stops(qtbot):
    win = open_active(qtbot, "xor")
    panel = win.training_panel
    assert panel.speed_label.text().strip() != "max"           # a watchable default
    cont = win.findChild(QToolButton, "continue_training")
    panel.play.click()
    assert not isinstance(QApplication.focusWidget(), QLineEdit)   # Play keeps fields unfocused
    # counting up to "epoch 1 000 of 1 000", the label keeps that room: no jump at epoch 100
    label = panel.epoch_label

    def counting(digits):
        return lambda: re.fullmatch(rf"epoch \d{{{digits}}} of 1\u00a0000", label.text()) is not None

    qtbot.waitUntil(counting(2), timeout=TIMEOUT)
    two_digits = label.sizeHint().width()
    qtbot.waitUntil(counting(3), timeout=TIMEOUT)
    assert label.sizeHint().width() == two_digits
    qtbot.waitUntil(lambda: win.training.state == "paused", timeout=TIMEOUT)
    assert win.training.epoch == 1000
    assert panel.epoch_label.text() in ("epoch 1\u00a0000", "epoch 1\u00a0000 of 1\u00a0000")
    qtbot.waitUntil(cont.isVisible, timeout=TIMEOUT)           # non-modal: continue, or not
    assert "Continue" in win.statusBar().currentMessage()
    win.findChild(type(cont), "speed_max").click()             # max speed: one click
    assert panel.speed_label.text().strip() == "max"
    cont.click()
    qtbot.waitUntil(lambda: win.training.epoch > 1000, timeout=TIMEOUT)
    panel.pause.click()
    win.close()


def test_reset_after_the_preset_epochs_hides_continue(qtbot, monkeypatch, discard):
    win = open_active(qtbot, "xor")
    monkeypatch.setattr(type(win.training), "target", property(lambda self: 3 if self.epoch < 3 else None))
    cont = win.findChild(QToolButton, "continue_training")
    win.findChild(QToolButton, "speed_max").click()
    win.training_panel.play.click()
    qtbot.waitUntil(cont.isVisible, timeout=TIMEOUT)             # 3 epochs: Continue offered
    win.training_panel.reset.click()
    assert win.training.epoch == 0 and "Continue" not in win.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not cont.isVisible(), timeout=2000)   # (the toolbar hides it next)
    win.close()


def test_presentation_mode_doubles_the_inspector_font_on_1920x1080(qtbot):
    win = open_active(qtbot, "toy-40-80")
    win.resize(1920, 1080)
    qtbot.wait(20)
    title = win.inspector.title
    before = title.font().pointSizeF()
    table_font = win.inspector.tables[0].table.font().pointSizeF()
    try:
        win.findChild(QAction, "presentation_mode").trigger()
        qtbot.wait(20)
        assert title.font().pointSizeF() == 2 * before
        assert win.inspector.tables[0].table.font().pointSizeF() == 2 * table_font
        assert "font-size:24pt" in win.inspector.equations.toHtml().replace(" ", "")
        win.findChild(QAction, "zoom_reset").trigger()
        assert title.font().pointSizeF() == before
    finally:
        zoom().set_factor(1.0)
    win.close()


def test_gradcheck_verdict_disappears_after_switching_preset(qtbot):
    win = open_active(qtbot, "toy-40-80")
    check = win.findChild(QLabel, "gradcheck_result")
    win.findChild(QAction, "gradient_check").trigger()
    assert "layer 2" in check.text() and not check.isHidden()
    win.load_preset("xor")
    assert check.isHidden() and check.text() == ""
    win.close()


def test_right_at_the_end_of_a_walk_applies_the_update(qtbot):
    win = open_active(qtbot, "toy-40-80")
    view = win.network_view
    view.setFocus()
    while not win.walk.at_end:
        qtbot.keyClick(view, Qt.Key_Right)
    assert "apply the update" in win.statusBar().currentMessage()
    # the loss after the update, in full (hand calculation: ŷ = 140.3136, (ŷ − 60)² / 2)
    text = win.findChild(QLabel, "exact_value").text()
    full = text.split(" = ")[1].split()[0]
    assert abs(float(full) - (140.3136 - 60) ** 2 / 2) < 1e-9 and len(full) > 12
    win.findChild(QPushButton, "copy_tables").click()
    assert f"C after the update = {full}" in QGuiApplication.clipboard().text()
    shown = []
    win.walk.changed.connect(shown.append)
    qtbot.keyClick(view, Qt.Key_Right)
    assert win.session.network.weights[0][0, 0] == 0.5 - 1e-5 * 4800
    step = win.walk.step
    assert step.phase == "forward" and step.layer == 2             # the new forward pass
    assert abs(step.a[2][0] - 140.3136) < 1e-9
    assert shown == [step]              # drawn once, not first at the walk's start as well


def test_selected_cell_shows_its_value_in_full(qtbot):
    win = open_active(qtbot, "toy-40-80")
    trigger = win.findChild(QAction, "step_forward").trigger
    while not win.walk.at_end:
        trigger()
    assert win.walk.step.phase == "update"
    table = win.inspector.tables[1].table                    # W² after the update
    table.setCurrentCell(0, 0)
    assert win.findChild(QLabel, "exact_value").text().endswith(f"= {1 - 1e-5 * 7200!r}")
    win.inspector.show_step(win.walk.step, ("edge", 1, 0, 1))    # as a click on w¹₁₂ does
    text = win.findChild(QLabel, "exact_value").text()
    assert "∂C/∂w = 9600," in text and f"w new = {0.5 - 1e-5 * 9600!r}" in text
    win.close()


def test_csv_import_onto_a_loaded_model_keeps_its_weights(qtbot, tmp_path):
    from bpviz.core.network import Network

    net = Network.create([2, 2, 2], ["sigmoid", "sigmoid"], "mse", seed=5)
    net.params[...] = np.linspace(-0.5, 0.5, net.params.size)
    save_model(net, tmp_path / "m.json", {"training": {"learning_rate": 0.7, "batch_size": 2}})
    csv = tmp_path / "d.csv"
    csv.write_text("a,b,c,d\n0,0,1,1\n0,1,1,0\n1,0,0,1\n1,1,0,0\n")
    win = open_active(qtbot, "not-gate")
    from PySide6.QtWidgets import QFileDialog
    orig = QFileDialog.getOpenFileName
    QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(tmp_path / "m.json"), ""))
    try:
        win.findChild(QAction, "open_model").trigger()
    finally:
        QFileDialog.getOpenFileName = orig
    assert win.session.eta == 0.7 and win.session.batch_size == 2    # the file's settings
    assert win.data_panel.load_csv_file(csv)
    assert win.session.dataset.n_targets == 2                    # the last nᴸ = 2 columns
    assert np.array_equal(win.session.network.params, np.linspace(-0.5, 0.5, net.params.size))
    win.close()


def test_quitting_after_training_asks(qtbot, monkeypatch):
    win = open_active(qtbot, "xor")
    win.findChild(QAction, "step_epoch_action").trigger()
    qtbot.waitUntil(lambda: win.training.epoch == 1 and not win.training.running,
                    timeout=TIMEOUT)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or QMessageBox.Cancel)
    win.findChild(QAction, "quit").trigger()
    assert asked and win.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    win.findChild(QAction, "quit").trigger()
    assert not win.isVisible()


class _UserClose(QCloseEvent):
    """A close the user asked for (the title bar's button): the window system's events are
    spontaneous; one made in a test is not, so this one says it is."""

    def spontaneous(self):
        return True


def test_the_close_button_asks_too_and_a_scripts_close_does_not(qtbot, monkeypatch):
    win = open_active(qtbot, "xor")
    win.findChild(QAction, "step_epoch_action").trigger()
    qtbot.waitUntil(lambda: win.training.epoch == 1 and not win.training.running,
                    timeout=TIMEOUT)
    guard = win.lecture.close_guard
    answers = [QMessageBox.Cancel, QMessageBox.Discard]
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or answers.pop(0))
    cancelled, discarded = _UserClose(), _UserClose()
    assert guard.eventFilter(win, cancelled) and not cancelled.isAccepted()   # the window stays
    assert not guard.eventFilter(win, discarded) and len(asked) == 2         # it may close
    assert not guard.eventFilter(win, QCloseEvent()) and len(asked) == 2     # a script's: not asked
    win.close()


def test_another_preset_asks_before_it_throws_trained_weights_away(qtbot, monkeypatch):
    win = open_active(qtbot, "xor")
    combo = win.findChild(QComboBox, "preset")

    def choose(name):
        combo.setCurrentText(name)
        combo.activated.emit(combo.currentIndex())
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or answers.pop(0))
    answers = []
    choose("and")                                    # untrained: loaded, nothing asked
    assert win.session.preset.name == "and" and not asked
    choose("xor")
    win.findChild(QAction, "step_epoch_action").trigger()
    qtbot.waitUntil(lambda: win.training.epoch == 1 and not win.training.running, timeout=TIMEOUT)
    trained = win.session.network.params.copy()
    answers[:] = [QMessageBox.Cancel, QMessageBox.Discard]
    choose("and")                                    # Cancel: XOR and its weights stay
    assert asked == ["Load and?"] and win.session.preset.name == "xor"
    assert combo.currentText() == "xor" and np.array_equal(win.session.network.params, trained)
    choose("and")                                    # Discard: loaded
    assert len(asked) == 2 and win.session.preset.name == "and"
    win.close()


def test_reset_layout_after_a_tiny_window(qtbot):
    win = open_active(qtbot, "xor")
    win.resize(200, 150)
    qtbot.wait(30)
    win.resize(1500, 950)
    qtbot.wait(30)
    win.findChild(QAction, "reset_layout").trigger()
    qtbot.wait(30)
    assert win.docks.loss_dock.height() >= 160 and win.docks.boundary_dock.isVisible()
    win.close()


def test_no_display_exits_2_with_one_line():
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "QT_QPA_PLATFORM=offscreen" in lines[0] and "xvfb-run" in lines[0]
