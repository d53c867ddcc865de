"""The explorer's File menu and gradient check: model files in and out, the walk exported as
JSON (the `bpviz trace --json` schema) and CSV, the view saved as PNG.

The expected toy numbers are seed 004's, worked by hand (see test_explorer_walk.py).
"""

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

try:
    from .explorer_helpers import action, inspector_text
    from .window_helpers import record_warnings
except ImportError:
    from explorer_helpers import action, inspector_text
    from window_helpers import record_warnings


TOY_TRACE = {
    "input": [40.0, 80.0], "target": [60.0], "output": [180.0], "loss": 7200.0,
    "layers": [
        {"layer": 1, "activation": "linear", "z": [60.0] * 3, "a": [60.0] * 3,
         "delta": [120.0] * 3, "grad_w": [[4800.0, 9600.0]] * 3, "grad_b": None,
         "w": [[0.5, 0.5]] * 3, "b": None, "w_new": [[0.452, 0.404]] * 3, "b_new": None},
        {"layer": 2, "activation": "linear", "z": [180.0], "a": [180.0], "delta": [120.0],
         "grad_w": [[7200.0] * 3], "grad_b": None, "w": [[1.0] * 3], "b": None,
         "w_new": [[0.928] * 3], "b_new": None},
    ],
    "learning_rate": 1e-05, "output_after": [140.3136], "loss_after": 3225.13717248,
}


@pytest.fixture
def warnings(monkeypatch):
    """QMessageBox.warning, recorded instead of shown (it would block the test)."""
    return record_warnings(monkeypatch)


def choose_file(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def close_to(actual, expected):
    if isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected)
        for a, e in zip(actual, expected):
            close_to(a, e)
    elif isinstance(expected, dict):
        assert set(actual) == set(expected)
        for key in expected:
            close_to(actual[key], expected[key])
    elif isinstance(expected, float):
        assert actual == pytest.approx(expected, rel=1e-12, abs=1e-12)
    else:
        assert actual == expected


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not valid JSON"),
    ('{"format": "bpviz.model", "version": 1, "sizes": [2], "activations": [], '
     '"loss": "mse", "weights": [], "biases": null}', "sizes"),
    ('{"format": "bpviz.model", "version": 1, "sizes": [2, 1], "activations": ["linear"], '
     '"loss": "mse", "weights": [[[1, NaN]]], "biases": null}', "finite"),
])
def test_malformed_model_file_shows_the_reason_and_keeps_the_network(
        window, monkeypatch, tmp_path, warnings, content, reason):
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    choose_file(monkeypatch, path)
    before = window.session.network.params.copy()
    action(window, "open_model").trigger()
    assert len(warnings) == 1
    assert reason in warnings[0] and "\n" not in warnings[0] and "Traceback" not in warnings[0]
    assert window.session.network.sizes == [2, 3, 1]
    assert (window.session.network.params == before).all()
    action(window, "step_forward").trigger()
    assert "z¹₁ = 0.5·40 + 0.5·80 = 60" in inspector_text(window)


def test_save_then_open_model_round_trip(window, monkeypatch, tmp_path, warnings):
    path = tmp_path / "toy.json"
    choose_file(monkeypatch, path)
    action(window, "save_model").trigger()
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["sizes"] == [2, 3, 1] and doc["weights"][1] == [[1.0, 1.0, 1.0]]
    doc["weights"][1] = [[2.0, 2.0, 2.0]]
    path.write_text(json.dumps(doc), encoding="utf-8")
    action(window, "open_model").trigger()
    assert not warnings
    action(window, "run_pass").trigger()
    # W¹ still 0.5 → z¹ = 60 each; ŷ = 2·60·3 = 360; C = ½(360 − 60)² = 45000
    assert "C = 45000" in inspector_text(window)


def test_export_walk_json_matches_the_hand_worked_trace(window, monkeypatch, tmp_path):
    path = tmp_path / "walk.json"
    choose_file(monkeypatch, path)
    action(window, "step_forward").trigger()            # the cursor position must not matter
    action(window, "export_json").trigger()
    close_to(json.loads(path.read_text(encoding="utf-8")), TOY_TRACE)
    assert "Forward, layer 1" in inspector_text(window)  # still where the learner was


def test_export_walk_csv(window, monkeypatch, tmp_path):
    path = tmp_path / "walk.csv"
    choose_file(monkeypatch, path)
    action(window, "export_csv").trigger()
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    grad = {(r["row"], r["column"]): float(r["value"]) for r in rows
            if r["quantity"] == "grad_w" and r["layer"] == "1"}
    assert grad[("1", "1")] == 4800.0 and grad[("1", "2")] == 9600.0
    after = [float(r["value"]) for r in rows if r["quantity"] == "loss_after"]
    assert after == [pytest.approx(3225.13717248)]


def test_save_view_as_png(window, monkeypatch, tmp_path):
    path = tmp_path / "view.png"
    choose_file(monkeypatch, path)
    action(window, "save_png").trigger()
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 300 and image.height() > 200


def test_gradient_check_reports_a_tiny_error(window):
    action(window, "gradient_check").trigger()
    text = inspector_text(window)
    assert "max relative error" in text
    value = float(text.split("max relative error ")[1].split()[0])
    assert value < 1e-6


@pytest.mark.parametrize("content, message", [
    ("", "broken.json: the file is empty, not a model file"),
    ('{"name": "my data", "rows": 3}',
     'broken.json: not a bpviz model file: it has no "format": "bpviz.model"'),
    # a hand edit that lost a comma: the 26th character is where the comma was expected
    ('{"format": "bpviz.model" "version": 1}',
     "broken.json: not valid JSON at line 1, column 26: a comma was expected there"),
    ('{"format": "bpviz.model", "version": 1, "sizes": [2, 1], "activations": ["linear"], '
     '"loss": "mse", "weights": [[[1]]], "biases": null}',
     "broken.json: weights[0][0]: expected a row of 2 numbers, found 1 entry"),
    ('{"format": "bpviz.model", "version": 1, "sizes": [2, 1], "activations": ["linear"], '
     '"loss": "mse", "weights": [[[1, 1]]], "biases": null, "training": {"preset": null}}',
     "broken.json: training.preset: expected a preset name, found null"),
])
def test_a_malformed_model_file_is_one_plain_line_in_the_dialog(
        window, monkeypatch, tmp_path, warnings, content, message):
    """What a student reads: the file, where, and what is wrong in words — no exception
    names, no Python quoting (None, 'x'), no "Expecting value"."""
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    choose_file(monkeypatch, path)
    action(window, "open_model").trigger()
    assert warnings == [message]


def test_an_update_that_diverges_is_not_applied_and_says_why(window, qtbot, warnings):
    from PySide6.QtCore import Qt

    try:
        from .explorer_helpers import type_into_field
    except ImportError:
        from explorer_helpers import type_into_field
    type_into_field(qtbot, window, "learning_rate", "1")
    for _ in range(6):                                   # to the update (step 7 of 7)
        qtbot.keyClick(window.network_view, Qt.Key_Right)
    assert window.walk.at_end and not warnings
    qtbot.keyClick(window.network_view, Qt.Key_Right)    # → at the end applies the update
    assert len(warnings) == 1 and "\n" not in warnings[0]
    # W¹ ← 0.5 − 4800 or 9600, W² ← 1 − 7200: a² = −7199·3·(0.5·120 − 4800·40 − 9600·80)…
    assert warnings[0].startswith("The update diverged: C went from 7200 to 2.149043e20")
    assert "the weights are unchanged" in warnings[0]
    w1, w2 = window.session.network.weights
    assert (w1 == 0.5).all() and (w2 == 1.0).all()       # the hand-worked example's weights
    assert window.walk.at_end                            # still on the update step
    assert not window.statusBar().currentMessage().startswith("Update applied")
    action(window, "apply_update").trigger()             # U: the same
    assert len(warnings) == 2 and (window.session.network.weights[0] == 0.5).all()
    type_into_field(qtbot, window, "learning_rate", "1e-5")
    action(window, "apply_update").trigger()
    assert len(warnings) == 2
    assert window.session.network.weights[0][0, 0] == pytest.approx(0.452)    # applied


def test_exporting_a_walk_with_infinite_values_as_json_is_one_line(window, qtbot, monkeypatch,
                                                                   tmp_path, warnings):
    try:
        from .explorer_helpers import type_into_field
    except ImportError:
        from explorer_helpers import type_into_field
    type_into_field(qtbot, window, "learning_rate", "1e300")    # the weights after: ±10³⁰⁴ → inf
    path = tmp_path / "walk.json"
    choose_file(monkeypatch, path)
    action(window, "export_json").trigger()
    assert len(warnings) == 1 and "not finite" in warnings[0] and "\n" not in warnings[0]
    assert list(tmp_path.iterdir()) == []


def test_opening_a_model_turns_the_mistakes_off_and_takes_its_epochs_and_seed(qtbot, monkeypatch,
                                                                              tmp_path, warnings):
    from bpviz.app import create_main_window
    from bpviz.core.modelfile import save_model
    from bpviz.core.presets import get_preset

    net = get_preset("xor").network(seed=0)
    path = tmp_path / "xor.json"
    save_model(net, path, {"training": {"learning_rate": 0.2, "epochs": 1000, "seed": 0,
                                        "batch_size": 4}})
    win = create_main_window("seed-003")              # mistakes ticked, 60 000 epochs, seed 2
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    s = win.session
    assert s.bugs and s.preset.epochs != 1000 and s.seed != 0
    choose_file(monkeypatch, path)
    action(win, "open_model").trigger()
    assert not warnings and s.network.sizes == [2, 4, 1]
    assert s.bugs == () and s.preset.bugs == ()        # a file holds no mistakes
    assert s.preset.epochs == 1000 and s.seed == 0 and s.eta == 0.2
    win.close()


def test_the_file_dialogs_open_in_the_folder_of_the_last_file(window, monkeypatch, tmp_path, warnings):
    from PySide6.QtCore import QSettings

    QSettings("bpviz", "bpviz").remove("files/folder")
    asked = []

    def dialog(parent, title, where, *a, **k):
        asked.append(where)
        return str(tmp_path / "models" / "toy.json"), ""

    (tmp_path / "models").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(dialog))
    action(window, "save_model").trigger()
    assert asked[0].startswith(str(Path.home()))          # first: home, not the working folder
    action(window, "open_model").trigger()
    assert not warnings and asked[1] == str(tmp_path / "models")
    action(window, "export_csv").trigger()
    assert asked[2] == str(tmp_path / "models" / "walk.csv")


def test_save_then_open_keeps_the_settings_in_use(qtbot, monkeypatch, tmp_path, warnings):
    from bpviz.app import create_main_window
    from bpviz.core.modelfile import load_model, save_model

    win = create_main_window("xor")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    s = win.session
    s.set_seed(7)
    s.set_batch_size(2)
    s.set_optimizer("adam")
    s.set_l2(0.01)
    s.set_eta(0.3)
    path = tmp_path / "xor.json"
    choose_file(monkeypatch, path)
    action(win, "save_model").trigger()
    training = load_model(path)[1]["training"]
    assert {k: training[k] for k in ("seed", "batch_size", "optimizer", "l2", "learning_rate")} == \
        {"seed": 7, "batch_size": 2, "optimizer": "adam", "l2": 0.01, "learning_rate": 0.3}
    assert training["preset"] == "xor" and training["epochs"] == 1000
    s.set_seed(9)
    s.set_batch_size(None)
    s.set_optimizer("sgd")
    action(win, "open_model").trigger()
    assert not warnings
    assert (s.seed, s.batch_size, s.optimizer, s.l2, s.eta) == (7, 2, "adam", 0.01, 0.3)
    # a file that says nothing about training: the command line's defaults
    save_model(s.network, path, {})
    action(win, "open_model").trigger()
    assert (s.seed, s.preset.epochs) == (0, 100)
    win.close()


def test_every_export_dialog_opens_in_and_remembers_the_last_folder(window, monkeypatch, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QPushButton

    QSettings("bpviz", "bpviz").remove("files/folder")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    asked, answers = [], [tmp_path / "a" / "loss.csv", tmp_path / "b" / "bars.png"]

    def dialog(parent, title, where, *a, **k):
        asked.append(where)
        return str(answers.pop(0)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    window.findChild(QPushButton, "loss_export_csv").click()          # the loss plot's CSV…
    assert asked[0] == str(Path.home() / "loss.csv") and (tmp_path / "a" / "loss.csv").exists()
    window.files.save_png()                                           # then the view's PNG
    assert asked[1] == str(tmp_path / "a" / "network.png")            # opens where the CSV went
    assert (tmp_path / "b" / "bars.png").exists()
