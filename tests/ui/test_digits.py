"""The digit docks, driven through their widgets: drawing with the mouse, the live prediction,
the confusion matrix against `bpviz evaluate`, the gallery and the hidden-unit view."""

import csv
import json

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget

from bpviz import cli
from bpviz.core.modelfile import save_model
from bpviz.core.presets import get_preset
from bpviz.training.trainer import Trainer

try:
    from .window_helpers import open_window
except ImportError:
    from window_helpers import open_window  # noqa: F401  (autouse fixture)


@pytest.fixture(scope="module")
def trained_params():
    """The mnist preset's network after 3 epochs on the bundled subset (seeded)."""
    preset = get_preset("mnist")
    net = preset.network()
    data = preset.dataset()
    Trainer(net, data.x, data.y, eta=3.0, batch_size=10, seed=1).run(3)
    return net.params.copy()


@pytest.fixture
def mnist_window(qtbot):
    win = open_window(qtbot, "mnist")
    win.digits.draw_dock.raise_()
    qtbot.wait(20)
    yield win
    win.close()


def draw(qtbot, canvas, points):
    """One stroke through `points` given as fractions of the canvas's drawing square."""
    side = min(canvas.width(), canvas.height())
    x0, y0 = (canvas.width() - side) // 2, (canvas.height() - side) // 2
    pos = [QPoint(x0 + int(fx * side), y0 + int(fy * side)) for fx, fy in points]
    qtbot.mousePress(canvas, Qt.LeftButton, pos=pos[0])
    for p in pos[1:]:
        qtbot.mouseMove(canvas, p)
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=pos[-1])


def label(win, name) -> str:
    return win.findChild(QLabel, name).text()


def test_a_drawn_stroke_becomes_an_mnist_like_vector(mnist_window, qtbot):
    win = mnist_window
    canvas = win.findChild(QWidget, "draw_canvas")
    assert label(win, "prediction_label") == "–" and "Draw a digit" in label(win, "draw_hint")
    draw(qtbot, canvas, [(0.3, 0.2 + 0.03 * i) for i in range(20)] + [(0.45, 0.6)])
    x = win.digits.draw.x
    assert x is not None and x.shape == (784,) and x.sum() > 0
    image = x.reshape(28, 28)
    idx = np.arange(28)
    r = (image.sum(axis=1) @ idx) / image.sum()
    c = (image.sum(axis=0) @ idx) / image.sum()
    assert abs(r - 14) <= 1 and abs(c - 14) <= 1
    rows, cols = np.flatnonzero(image.any(axis=1)), np.flatnonzero(image.any(axis=0))
    assert rows[-1] - rows[0] + 1 <= 20 and cols[-1] - cols[0] + 1 <= 20
    assert label(win, "prediction_label") in [str(d) for d in range(10)]
    assert label(win, "draw_hint") == ""
    # the pen lifting walked the drawing: the explorer's sample is the drawn digit
    assert np.allclose(win.walk.step.walk.x, x)
    # Ctrl+Z undoes the stroke, back to the hint
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key_Z, Qt.ControlModifier)
    assert canvas.is_empty() and label(win, "prediction_label") == "–"
    draw(qtbot, canvas, [(0.5, 0.2), (0.5, 0.8)])
    qtbot.mouseClick(canvas, Qt.RightButton)            # right-click clears
    assert canvas.is_empty() and "Draw a digit" in label(win, "draw_hint")


def test_a_vertical_stroke_is_a_one(mnist_window, qtbot, trained_params):
    win = mnist_window
    win.session.set_params(trained_params)
    draw(qtbot, win.findChild(QWidget, "draw_canvas"),
         [(0.5, 0.15 + 0.035 * i) for i in range(21)])
    assert label(win, "prediction_label") == "1"
    bars = win.digits.draw.bars.values
    assert int(np.argmax(bars)) == 1
    # walk it with the target chosen by hand
    win.digits.draw.target.setCurrentIndex(1 + 7)            # "as predicted", then 0, 1, …
    qtbot.mouseClick(win.findChild(QWidget, "walk_digit"), Qt.LeftButton)
    assert win.walk.step.walk.y.tolist() == [0.0] * 7 + [1.0] + [0.0] * 2


def test_confusion_matrix_matches_bpviz_evaluate(mnist_window, qtbot, trained_params, tmp_path,
                                                 capsys):
    win = mnist_window
    win.session.set_params(trained_params)
    dock = win.digits.confusion_dock
    dock.raise_()
    qtbot.wait(20)
    matrix = win.findChild(QWidget, "confusion_matrix")
    assert matrix.isVisible()
    counts = matrix.counts
    assert counts.sum() == len(win.session.dataset.x_test) == 1000
    model = tmp_path / "m.json"
    save_model(win.session.network, model, {"training": {"preset": "mnist"}})
    capsys.readouterr()
    assert cli.main(["evaluate", "--model", str(model), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert counts.tolist() == doc["confusion"]
    # hover a cell, click it: the gallery holds that many digits
    t, p = 4, 9 if counts[4, 9] else int(np.argmax(counts[4]))
    qtbot.mouseMove(matrix, matrix.cell_centre(t, p))
    n = int(counts[t, p])
    assert label(win, "confusion_hover") == f"true {t} predicted {p}: {n} digit{'s' * (n != 1)}"
    qtbot.mouseClick(matrix, Qt.LeftButton, pos=matrix.cell_centre(t, p))
    gallery = win.findChild(QWidget, "digit_gallery")
    assert gallery.count() == n > 0
    # clicking a thumbnail makes that held-out digit the explorer's sample
    item = gallery.item(0)
    row = int(item.data(Qt.UserRole + 1))
    rect = gallery.visualItemRect(item)
    qtbot.mouseClick(gallery.viewport(), Qt.LeftButton, pos=rect.center())
    data = win.session.dataset
    assert np.array_equal(win.walk.step.walk.x, data.x_test[row])
    assert np.array_equal(win.walk.step.walk.y, data.y_test[row])
    assert int(np.argmax(data.y_test[row])) == t
    # PNG and CSV exports
    matrix.export_png(tmp_path / "c.png")
    matrix.export_csv(tmp_path / "c.csv")
    assert (tmp_path / "c.png").stat().st_size > 0
    with open(tmp_path / "c.csv") as f:
        table = list(csv.reader(f))
    assert [[int(v) for v in r[1:]] for r in table[1:]] == doc["confusion"]


def test_hidden_unit_extremes(mnist_window, qtbot):
    win = mnist_window
    win.digits.unit_dock.raise_()
    qtbot.wait(20)
    view = win.digits.units
    view.unit.setValue(5)
    qtbot.mouseClick(win.findChild(QWidget, "unit_show"), Qt.LeftButton)
    top, bottom = win.findChild(QWidget, "unit_top"), win.findChild(QWidget, "unit_bottom")
    assert top.count() == 8 and bottom.count() == 8
    # by hand: a¹₅ of every held-out digit
    net, x = win.session.network, win.session.dataset.x_test
    a = 1 / (1 + np.exp(-(x @ net.weights[0][4] + net.biases[0][4])))
    assert int(top.item(0).data(Qt.UserRole + 1)) == int(np.argmax(a))
    assert int(bottom.item(0).data(Qt.UserRole + 1)) == int(np.argmin(a))


def test_a_network_without_784_inputs_turns_the_canvas_off(qtbot):
    win = open_window(qtbot, "xor")
    try:
        assert not win.digits.draw_dock.isVisible()
        canvas = win.findChild(QWidget, "draw_canvas")
        assert not canvas.isEnabled()
        assert "takes 2 inputs" in label(win, "draw_hint")
        win.load_preset("mnist")                           # a digit network: the docks appear
        qtbot.wait(20)
        assert win.digits.draw_dock.isVisible() and canvas.isEnabled()
    finally:
        win.close()


def test_confusion_matrix_follows_training_epoch_by_epoch(mnist_window, qtbot):
    win = mnist_window
    win.digits.confusion_dock.raise_()
    qtbot.wait(20)
    qtbot.mouseClick(win.findChild(QWidget, "step_epoch"), Qt.LeftButton)
    qtbot.waitUntil(lambda: win.training.state != "running" and win.training.epoch == 1,
                    timeout=60000)
    qtbot.wait(20)
    assert "after epoch 1" in label(win, "confusion_status")
    net, data = win.session.network, win.session.dataset
    predicted = net.forward(data.x_test).a[-1].argmax(axis=1)
    expected = np.zeros((10, 10), int)
    np.add.at(expected, (data.y_test.argmax(axis=1), predicted), 1)
    assert win.digits.confusion.matrix.counts.tolist() == expected.tolist()
    # the window trained on batches gathered from the digits' 8-bit pixels (x = pixels / 255)
    assert win.training.trainer._fast.rows.pixels is not None


def test_drawing_while_training_leaves_training_running(mnist_window, qtbot):
    win = mnist_window
    qtbot.mouseClick(win.findChild(QWidget, "play"), Qt.LeftButton)
    qtbot.waitUntil(lambda: win.training.state == "running", timeout=10000)
    before = win.session.network.params.copy()
    draw(qtbot, win.findChild(QWidget, "draw_canvas"), [(0.5, 0.2), (0.5, 0.5), (0.5, 0.8)])
    assert win.training.state == "running"
    assert label(win, "prediction_label") in [str(d) for d in range(10)]
    # the prediction reads the weights the training snapshots bring
    qtbot.waitUntil(lambda: not np.array_equal(win.session.network.params, before), timeout=10000)
    assert np.allclose(win.digits.draw.output,
                       win.session.network.forward(win.digits.draw.x[None]).a[-1][0])
    win.training.pause()
    qtbot.waitUntil(lambda: win.training.state != "running", timeout=10000)


def test_digit_docks_show_after_a_layout_saved_on_another_network(qtbot):
    """A layout saved while xor was open has the digit docks hidden; a window that opens on
    mnist with that layout restored still shows them, with the canvas in front."""
    xor = open_window(qtbot, "xor")
    assert not xor.digits.draw_dock.isVisible()
    xor.close()                                      # saves the layout (docks hidden)
    win = open_window(qtbot, "mnist")
    qtbot.waitUntil(lambda: win.findChild(QWidget, "draw_canvas").isVisible(), timeout=3000)
    assert not win.digits.confusion_dock.isHidden()
    win.close()


def test_the_counts_fit_their_cells_on_a_small_matrix(qtbot, monkeypatch):
    """At 1366×768 the cells were 12 px and "93" ran into its neighbours, the class numbers
    beside the grid over each other."""
    from PySide6.QtGui import QFont, QFontMetricsF

    from bpviz.ui.digits.confusion import ConfusionMatrix, _fitting

    matrix = ConfusionMatrix()
    qtbot.addWidget(matrix)
    matrix.set_counts(np.diag(np.full(10, 93)) + 1)
    matrix.resize(160, 160)
    matrix.show()
    _, _, cell = matrix._grid()
    font = matrix.font()
    assert QFontMetricsF(font).horizontalAdvance("93") > cell          # the case at hand
    fitted = QFontMetricsF(_fitting(font, "93", cell))
    assert fitted.horizontalAdvance("93") <= 0.85 * cell + 0.5
    assert fitted.height() <= 0.9 * cell + 0.5
    # the counts are painted in that font: every font the painter is given for the grid's
    # numbers fits a cell (the widget's own font, for the axis titles, is the exception)
    from PySide6.QtGui import QPainter
    fonts, set_font = [], QPainter.setFont

    def record(painter, f):
        fonts.append(QFont(f))
        set_font(painter, f)
    monkeypatch.setattr(QPainter, "setFont", record)
    assert not matrix.grab().isNull()
    small = [f for f in fonts if f.pointSizeF() < font.pointSizeF()]
    assert len(small) >= 2                                  # the counts' and the digits' fonts
    assert all(QFontMetricsF(f).height() <= 0.9 * cell + 0.5 for f in small)
    roomy = _fitting(font, "93", 200.0)                                 # never larger
    assert roomy.pointSizeF() == font.pointSizeF()
