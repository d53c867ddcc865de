"""The descent view driven through its widgets: Step, keys, η, runs, the 3-D fallback, export
and the network slice (in the GUI thread and in its worker thread)."""

import csv

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QSlider

from bpviz.core.network import Network
from bpviz.core.presets import get_preset
from bpviz.ui.descent import DescentView, slice_panel, surface3d


@pytest.fixture
def view(qtbot):
    v = DescentView()
    qtbot.addWidget(v)
    v.resize(1000, 750)
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.shutdown()


def child(view, cls, name):
    w = view.findChild(cls, name)
    assert w is not None, name
    return w


def type_into(qtbot, field: QLineEdit, text: str):
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key_Return)


def equation(view) -> str:
    return child(view, QLabel, "descent_equation").text()


def test_step_button_writes_the_step(view, qtbot):
    assert "x₀ = 5" in equation(view)
    qtbot.mouseClick(child(view, QPushButton, "descent_step"), Qt.LeftButton)
    assert equation(view) == "x₁ = x₀ − η·f′(x₀) = 5 − 0.1·10 = 4"
    panel = view.functions
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key_Right)
    assert equation(view) == "x₂ = x₁ − η·f′(x₁) = 4 − 0.1·8 = 3.2"
    assert "Step 2 of 50" in child(view, QLabel, "descent_status").text()


def test_space_plays_and_pauses(view, qtbot):
    panel = view.functions
    qtbot.keyClick(panel, Qt.Key_Space)
    assert panel.timer.isActive()
    assert child(view, QPushButton, "descent_play").text() == "Pause"
    qtbot.waitUntil(lambda: panel.t >= 2, timeout=5000)
    qtbot.keyClick(panel, Qt.Key_Space)
    assert not panel.timer.isActive()


def test_typed_start_and_eta(view, qtbot):
    type_into(qtbot, child(view, QLineEdit, "descent_start"), "3")
    type_into(qtbot, child(view, QLineEdit, "descent_eta"), "0.25")
    qtbot.mouseClick(child(view, QPushButton, "descent_step"), Qt.LeftButton)
    assert equation(view) == "x₁ = x₀ − η·f′(x₀) = 3 − 0.25·6 = 1.5"


def test_eta_slider_is_logarithmic(view):
    slider, field = child(view, QSlider, "descent_eta_slider"), child(view, QLineEdit, "descent_eta")
    assert slider.value() == -100                      # η = 0.1 = 10⁻¹
    slider.setValue(-200)
    assert field.text() == "0.01" and view.functions.eta.value() == 0.01
    slider.setValue(0)
    assert field.text() == "1"


def test_bad_start_shows_an_inline_error(view, qtbot):
    type_into(qtbot, child(view, QLineEdit, "descent_start"), "5, 1")
    error = child(view, QLabel, "descent_error")
    assert error.isVisible() and "start" in error.text()
    type_into(qtbot, child(view, QLineEdit, "descent_start"), "4")
    assert not error.isVisible()


def test_a_refused_eta_says_why_beside_the_field_until_a_good_one_is_typed(view, qtbot):
    field = child(view, QLineEdit, "descent_eta")
    error = child(view, QLabel, "descent_error")
    assert not error.isVisible()
    for bad, words in (("-1", "must be > 0"), ("0", "must be > 0"), ("abc", "expected a number")):
        type_into(qtbot, field, bad)
        assert field.text() == "0.1"                   # the value in force is back …
        assert error.isVisible() and words in error.text()      # … and the reason is shown
    type_into(qtbot, field, "0.2")
    assert not error.isVisible() and view.functions.eta.value() == 0.2


def test_choosing_a_function_takes_its_own_start_and_eta(view, qtbot):
    from PySide6.QtWidgets import QComboBox

    combo = child(view, QComboBox, "descent_function")
    combo.setCurrentIndex(combo.findData("rosenbrock"))
    assert combo.currentText().startswith("Rosenbrock: f(x, y) = ")     # named as in class
    assert child(view, QLineEdit, "descent_eta").text() == "0.001"
    assert child(view, QLineEdit, "descent_start").text() == "−1.2, 1"
    qtbot.mouseClick(child(view, QPushButton, "descent_step"), Qt.LeftButton)
    assert "(−0.9844, 1.088)" in equation(view)           # 0.001·∇f(−1.2, 1) = (−0.2156, −0.088)
    combo.setCurrentIndex(combo.findData("x2"))
    assert child(view, QLineEdit, "descent_eta").text() == "0.1"


def test_a_huge_eta_on_a_2d_function_diverges_without_a_numpy_warning(view, qtbot):
    import warnings

    from PySide6.QtWidgets import QComboBox

    combo = child(view, QComboBox, "descent_function")
    combo.setCurrentIndex(combo.findData("bowl"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # the step arrow's η·∇f overflowed: a warning
        type_into(qtbot, child(view, QLineEdit, "descent_eta"), "1e308")
        qtbot.mouseClick(child(view, QPushButton, "descent_step"), Qt.LeftButton)
    assert view.functions.walk.diverged is not None


def test_divergence_stops_with_the_path_so_far(view, qtbot):
    type_into(qtbot, child(view, QLineEdit, "descent_eta"), "1.5")
    step = child(view, QPushButton, "descent_step")
    for _ in range(30):
        qtbot.mouseClick(step, Qt.LeftButton)
    status = child(view, QLabel, "descent_status").text()
    assert "Step 17 of 17" in status and "diverged" in status
    assert equation(view).endswith("= −655360")     # 5·(−2)¹⁷


def test_bowl_runs_overlay_with_a_legend(view, qtbot):
    panel = view.functions
    panel.function.setCurrentIndex(panel.function.findData("bowl"))
    qtbot.mouseClick(child(view, QPushButton, "descent_step"), Qt.LeftButton)
    assert equation(view).endswith("= (1.5, 1.5) − 0.1·(3, 3) = (1.2, 1.2)")
    qtbot.mouseClick(child(view, QPushButton, "descent_keep_run"), Qt.LeftButton)
    panel.optimizer.setCurrentIndex(panel.optimizer.findData("momentum"))
    assert len(panel.contour.paths) == 2 and len(panel.contour.legend.items) == 2
    qtbot.mouseClick(child(view, QPushButton, "descent_clear_runs"), Qt.LeftButton)
    assert len(panel.contour.paths) == 1


def test_3d_falls_back_to_the_contour_with_a_note(view, monkeypatch):
    monkeypatch.setattr(surface3d, "FORCE_OFF", True)
    panel = view.functions
    panel.function.setCurrentIndex(panel.function.findData("saddle"))
    panel.mode.setCurrentIndex(panel.mode.findData("3d"))
    note = child(view, QLabel, "descent_note")
    assert note.isVisible() and "contour" in note.text()
    assert panel.plots.currentWidget() is panel.contour


def test_export_png_and_csv(view, qtbot, tmp_path):
    view.export_png(tmp_path / "curve.png")
    assert (tmp_path / "curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    view.export_csv(tmp_path / "path.csv")
    with open(tmp_path / "path.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 51
    for row in rows:
        assert float(row["x"]) == pytest.approx(0.8 ** int(row["step"]) * 5, abs=1e-10)


def toy_slice(view, qtbot):
    preset = get_preset("toy-40-80")
    net, data = preset.network(), preset.dataset()
    view.set_network(net, data.x, data.y)
    view.tabs.setCurrentWidget(view.slice)
    return net, data


def test_slice_of_the_toy_network(view, qtbot, tmp_path):
    toy_slice(view, qtbot)
    type_into(qtbot, child(view, QLineEdit, "descent_slice_span"), "0.2")
    qtbot.mouseClick(child(view, QPushButton, "descent_slice_compute"), Qt.LeftButton)
    s = view.slice.surface
    n = len(s.a) // 2
    assert s.loss[n, n] == 7200.0                 # ½(180 − 60)² at the current weights
    assert "C = 7200" in child(view, QLabel, "descent_slice_status").text()
    assert "slice" in child(view, QLabel, "descent_slice_note").text()
    view.add_path_point(0.5, 0.5)
    view.add_path_point(0.452, 0.404)             # the hand-worked update, η = 1e-5
    assert len(view.slice.plot.paths) == 1
    assert view.slice.plot.marker.data["x"][0] == 0.452
    view.export_csv(tmp_path / "slice.csv")
    with open(tmp_path / "slice.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["1:1:1", "1:1:2", "loss"] and len(rows) == 1 + 61 * 61


def test_a_span_too_wide_or_too_narrow_is_refused_in_words_and_the_surface_stays(view, qtbot):
    toy_slice(view, qtbot)
    span = child(view, QLineEdit, "descent_slice_span")
    compute = child(view, QPushButton, "descent_slice_compute")
    type_into(qtbot, span, "0.2")
    qtbot.mouseClick(compute, Qt.LeftButton)
    before = view.slice.surface
    for text in ("1e308", "1e-320"):          # had overflowed the plot's range: tracebacks
        type_into(qtbot, span, text)
        qtbot.mouseClick(compute, Qt.LeftButton)
        error = child(view, QLabel, "descent_slice_error")
        assert error.isVisible() and "from 1e-09 to 1e+06" in error.text()
        assert view.slice.surface is before


def test_slice_refuses_the_same_parameter_twice(view, qtbot):
    toy_slice(view, qtbot)
    view.slice.q.setCurrentIndex(view.slice.p.currentIndex())
    qtbot.mouseClick(child(view, QPushButton, "descent_slice_compute"), Qt.LeftButton)
    assert child(view, QLabel, "descent_slice_error").isVisible()
    assert view.slice.surface is None


def test_slice_in_the_worker_thread(view, qtbot, monkeypatch):
    monkeypatch.setattr(slice_panel, "THREAD_WORK", 0)        # every grid goes to the thread
    net = Network.create([6, 5, 3], ["tanh", "softmax"], "cross_entropy", seed=2)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(40, 6)), np.eye(3)[rng.integers(0, 3, 40)]
    view.set_network(net, x, y)
    view.slice.set_params("1:2:3", "2:1:b")
    with qtbot.waitSignal(view.slice.surface_ready, timeout=20000) as blocker:
        qtbot.mouseClick(child(view, QPushButton, "descent_slice_compute"), Qt.LeftButton)
    s = blocker.args[0]
    assert [p.key for p in s.params] == ["1:2:3", "2:1:b"]
    n = len(s.a) // 2
    assert s.loss[n, n] == pytest.approx(net.cost(x, y), rel=1e-12)
    qtbot.waitUntil(lambda: not view.slice.busy(), timeout=5000)


def test_slice_thread_stops_when_the_view_shuts_down(view, qtbot, monkeypatch):
    monkeypatch.setattr(slice_panel, "THREAD_WORK", 0)
    net = Network.create([30, 20, 10], "sigmoid", seed=1)
    x = np.random.default_rng(0).random((400, 30))
    view.set_network(net, x, np.zeros((400, 10)))
    view.slice.grid.setValue(301)
    view.slice.compute()
    view.shutdown()
    assert view.slice.worker is None and not view.slice.busy()


def test_dragging_the_start_point_restarts_the_walk(view, qtbot):
    panel = view.functions
    handle = panel.handles[panel.curve_plot]
    assert handle.pos().x() == 5.0 and handle.pos().y() == 25.0
    handle.setPos(2.0, 0.0)
    handle.sigPositionChangeFinished.emit(handle)     # what a mouse drag ends with
    assert child(view, QLineEdit, "descent_start").text() == "2"
    assert handle.pos().y() == 4.0                    # back on the curve: f(2) = 4
    qtbot.mouseClick(child(view, QPushButton, "descent_step"), Qt.LeftButton)
    assert equation(view) == "x₁ = x₀ − η·f′(x₀) = 2 − 0.1·4 = 1.6"


def test_the_curves_legend_sits_over_the_valley_not_on_an_arm(view):
    """x² from −6 to 6: the arms reach the top corners, where the legend hid them."""
    plot = view.functions.curve_plot
    box = plot.legend.sceneBoundingRect()
    assert abs(box.center().x() - plot.getViewBox().sceneBoundingRect().center().x()) < box.width()


def test_a_wide_contour_plot_is_filled_with_the_function_not_blank_paper(view, qtbot):
    """x and y keep one scale, so a wide plot shows more of x: the surface is computed that
    wide (Rosenbrock had filled 150 of 850 pixels, the rest blank)."""
    from PySide6.QtWidgets import QComboBox

    view.resize(1400, 420)
    combo = child(view, QComboBox, "descent_function")
    combo.setCurrentIndex(combo.findData("rosenbrock"))
    plot = view.functions.contour
    qtbot.waitUntil(lambda: plot.grid_values is not None
                    and np.ptp(plot.grid_values[0]) > 1.5 * np.ptp(plot.grid_values[1]), timeout=3000)
    box = plot.getViewBox().boundingRect()
    xs, ys, values = plot.grid_values
    assert np.ptp(xs) / np.ptp(ys) == pytest.approx(min(6.0, box.width() / box.height()), rel=0.15)
    # colours and contour levels come from the square around the path, not the far walls
    # (values up to 2e6 there had put every level but three outside the valley)
    square = np.abs(xs - np.mean(xs)) <= np.ptp(ys) / 2 + 1e-9
    assert values.max() == pytest.approx(values[square].max())
    levels = sorted({round(float(iso.level), 9) for iso in plot.isocurves})
    assert len(levels) == len(plot.isocurves)                # every level its own line
