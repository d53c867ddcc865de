"""The training docks refuse bad input with a one-line message and lose nothing: data
chooser and CSV import, hyper-parameters, the architecture editor."""

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox

from bpviz.app import create_main_window
from bpviz.core.errors import BpvizError


@pytest.fixture
def window(qtbot):
    w = create_main_window("xor")
    qtbot.addWidget(w)
    w.show()
    return w


def type_into(window, name, text):
    field = window.findChild(QLineEdit, name)
    field.setText(text)
    field.editingFinished.emit()
    return window.findChild(QLabel, f"{name}_error")


def test_bad_hyper_parameters_are_refused(window):
    session = window.session
    for text in ("0", "-1", "abc"):
        with pytest.raises(BpvizError):
            session.set_eta(text)
    assert session.eta == 0.2
    error = type_into(window, "batch_size", "0")
    assert "between 1 and 4" in error.text() and not error.isHidden()
    assert session.batch_size is None
    error = type_into(window, "batch_size", "5")
    assert "between 1 and 4" in error.text()
    error = type_into(window, "batch_size", "two")
    assert "whole number" in error.text()
    error = type_into(window, "batch_size", "2")
    assert error.isHidden() and session.batch_size == 2
    error = type_into(window, "l2", "-0.1")
    assert "≥ 0" in error.text() and session.l2 == 0.0


def test_good_csv_with_header_and_named_target(window, tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("x1,label,x2\n0,0,0\n0,1,1\n1,1,0\n1,0,1\n")
    panel = window.data_panel
    assert panel.load_csv_file(path, "label")
    data = window.session.dataset
    assert data.input_names == ("x1", "x2") and data.target_names == ("label",)
    assert np.array_equal(data.y[:, 0], [0, 1, 1, 0])
    assert panel.error.text() == ""


def test_csv_without_header_last_column_is_the_target(window, tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    assert window.data_panel.load_csv_file(path, "")
    assert window.session.dataset.n_inputs == 2


@pytest.mark.parametrize("text, words", [
    ("", "empty"),
    ("a,b,y\n1,2,0\n3,4\n", "line 3"),
    ("a,b,y\n1,2,0\n3,x,1\n", "line 3, column 2"),
])
def test_bad_csv_files_are_refused_and_nothing_is_lost(window, tmp_path, text, words):
    before = window.session.dataset
    path = tmp_path / "bad.csv"
    path.write_text(text)
    assert not window.data_panel.load_csv_file(path, "")
    message = window.findChild(QLabel, "data_error").text()
    assert words in message and "\n" not in message
    assert window.session.dataset is before


def test_targets_the_loss_cannot_take_are_refused(qtbot, tmp_path):
    w = create_main_window("and")                           # sigmoid + binary cross-entropy
    qtbot.addWidget(w)
    path = tmp_path / "three.csv"
    path.write_text("0,0,0\n0,1,3\n1,0,0\n1,1,1\n")
    before = w.session.dataset
    assert not w.data_panel.load_csv_file(path, "")
    assert "binary_cross_entropy" in w.data_panel.error.text()
    assert w.session.dataset is before


def test_generated_problems_fit_the_network(window):
    panel = window.data_panel
    for name in ("circle", "spirals", "gaussians"):
        assert panel.use_problem(name), panel.error.text()
        data = window.session.dataset
        assert data.name == name and len(data) == 160 and len(data.x_test) == 40
    assert window.boundary.usable


def test_not_gate_data_rebuilds_the_output_layer(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    assert window.data_panel.use_problem("not-gate")
    assert window.session.network.sizes == [2, 4, 2]


def test_architecture_editor_builds_and_refuses_zero_neurons(window, monkeypatch):
    editor = window.architecture
    editor.add_layer(3, "relu")
    assert editor.build()
    assert window.session.network.sizes == [2, 4, 3, 1]
    assert window.session.network.activation_names == ["tanh", "relu", "linear"]
    editor.rows[0][0].setValue(0)
    assert not editor.build()
    assert "at least 1" in editor.error.text()
    assert window.session.network.sizes == [2, 4, 3, 1]


def test_architecture_asks_before_discarding_trained_weights(window, qtbot, monkeypatch):
    window.training.play()
    qtbot.waitUntil(lambda: window.training.epoch > 20, timeout=20_000)
    window.training.pause()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(1) or QMessageBox.No)
    trained = window.session.network.params.copy()
    window.architecture.rows[0][0].setValue(6)
    assert not window.architecture.build()
    assert asked and np.array_equal(window.session.network.params, trained)


def test_the_problem_chooser_shows_the_problem_in_use_or_asks_for_one(qtbot):
    """The toy's and a CSV file's data are none of the listed problems: the chooser says
    "choose a problem" (it had gone on showing the last problem, or xor, under an "in use"
    line that said otherwise) and Use this data waits for a choice."""
    from PySide6.QtWidgets import QComboBox, QPushButton

    win = create_main_window("toy-40-80")
    qtbot.addWidget(win)
    try:
        box, use = win.findChild(QComboBox, "data_problem"), win.findChild(QPushButton, "data_apply")
        assert box.currentIndex() == -1 and box.placeholderText() == "choose a problem"
        assert not use.isEnabled()
        box.setCurrentText("spirals")
        assert use.isEnabled()
        preset = win.findChild(QComboBox, "preset")
        preset.setCurrentText("xor")
        preset.activated.emit(preset.currentIndex())
        assert box.currentText() == "xor"                  # xor's data is the xor problem
        use.click()
        box.setCurrentText("spirals")
        use.click()
        assert win.session.dataset.name == "spirals" and box.currentText() == "spirals"
        preset.setCurrentText("toy-40-80")
        preset.activated.emit(preset.currentIndex())
        assert box.currentIndex() == -1 and not use.isEnabled()
    finally:
        win.close()


def test_the_initialisers_whole_name_is_its_tooltip(qtbot):
    """A narrow Network tab cut the name to "scaled-normal — N(0, 1)/√n as i…"."""
    from PySide6.QtWidgets import QComboBox

    from bpviz.app import create_main_window
    w = create_main_window("mnist")
    qtbot.addWidget(w)
    combo = w.findChild(QComboBox, "initializer")
    assert combo.toolTip() == "scaled-normal — N(0, 1)/√n as in network2.py"
    combo.setCurrentIndex(combo.findText("normal — N(0, 1) as in network.py"))
    assert combo.toolTip() == "normal — N(0, 1) as in network.py"
