"""The loss curve: a million points, log y, the crosshair read-out, exports, the divergence
marker; and the decision boundary drawn from the Session's weights."""

from types import SimpleNamespace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from bpviz.app import create_main_window
from bpviz.ui.training.loss_plot import LossPlot


def snapshot(first, losses, accuracy=None, test_loss=None):
    return SimpleNamespace(first_epoch=first, losses=np.asarray(losses, dtype=float),
                           epoch=first + len(losses) - 1, accuracy=accuracy,
                           test_loss=test_loss, test_accuracy=None)


def test_a_million_points_go_into_the_same_downsampled_clipped_curves(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(1200, 300)
    plot.show()
    curves = [plot.train_curve, plot.test_curve, plot.acc_curve, plot.test_acc_curve]
    n = 0
    while n < 1_000_000:
        chunk = np.exp(-np.arange(n, n + 100_000) / 2e5) + 0.01
        plot.add(snapshot(n + 1, chunk, accuracy=0.5))
        n += 100_000
    assert plot.train.n == 1_000_000
    # items are created once and updated: the loss axes hold the same two loss curves
    # (training, test) and the accuracy box the same two accuracy curves
    assert plot.plot.getPlotItem().listDataItems() == curves[:2]
    assert plot.acc_box.addedItems == curves[2:]
    x, y = plot.train_curve.getOriginalDataset()
    assert len(x) == 1_000_000 and x[0] == 1 and x[-1] == 1_000_000
    assert np.allclose(y, np.exp(-np.arange(1_000_000) / 2e5) + 0.01)
    for curve in curves:
        assert curve.opts["autoDownsample"] and curve.opts["downsampleMethod"] == "peak"
        assert curve.opts["clipToView"]
    # one more frame: the point is added, and what is drawn is the downsampled curve …
    plot.add(snapshot(n + 1, [0.01], accuracy=0.5))
    plot.plot.viewport().repaint()
    assert plot.train.n == 1_000_001
    shown, _ = plot.train_curve.getData()
    assert 0 < len(shown) < 50_000
    # … and, zoomed in, only the part in view
    plot.plot.getPlotItem().vb.setRange(xRange=(1000, 2000), padding=0)
    shown, _ = plot.train_curve.getData()
    assert 0 < len(shown) < 5_000 and shown.min() >= 900 and shown.max() <= 2100


def test_log_y_readout_export_and_divergence_marker(qtbot, tmp_path):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.show()
    plot.add(snapshot(1, [1.0, 0.1, 0.01], accuracy=0.75, test_loss=0.5))
    plot.log_y.setChecked(True)
    assert plot.plot.getPlotItem().ctrl.logYCheck.isChecked()
    assert plot.describe(2) == "epoch 2 · loss 0.1"
    text = plot.describe(3)
    assert "loss 0.01" in text and "test loss 0.5" in text and "accuracy 75.0 %" in text
    plot.export_csv(tmp_path / "loss.csv")
    lines = (tmp_path / "loss.csv").read_text().splitlines()
    assert lines[0].startswith("epoch,train_loss")
    assert lines[3] == "3,0.01,0.5,0.75,"
    plot.export_png(tmp_path / "loss.png")
    assert (tmp_path / "loss.png").stat().st_size > 1000
    plot.mark_divergence(4)
    assert plot.marker.isVisible() and plot.marker.value() == 4


def test_decision_boundary_follows_the_weights(qtbot):
    w = create_main_window("xor")
    qtbot.addWidget(w)
    view = w.boundary
    assert view.usable
    before = view.image.image.copy()
    w.session.set_weight(2, 0, 0, "3")
    assert not np.array_equal(view.image.image, before)
    view.show_neuron((1, 2))
    assert "neuron 3 of layer 1" in view.title.text()
    view.show_neuron(None)
    assert "output 1" in view.title.text()


def test_hovering_a_neuron_in_the_network_view_shows_its_map(qtbot):
    w = create_main_window("xor")
    qtbot.addWidget(w)
    w.network_view.neuron_hovered.emit((1, 0))
    assert "neuron 1 of layer 1" in w.boundary.title.text()
    w.network_view.neuron_hovered.emit(None)
    assert "output 1" in w.boundary.title.text()


def test_hovering_a_small_map_enlarges_it(qtbot):
    from PySide6.QtCore import QPointF
    w = create_main_window("xor")
    qtbot.addWidget(w)
    view = w.boundary
    tile = view._tile
    view._tiles_hover(view.tiles_box.mapViewToScene(QPointF(tile * 1.5 + 3, tile / 2)))
    assert view.hovered == (1, 1)
    assert "neuron 2 of layer 1" in view.title.text()
    view._tiles_hover(view.tiles_box.mapViewToScene(QPointF(-50, -50)))
    assert view.hovered is None


def test_three_inputs_have_no_boundary_but_train(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    w = create_main_window("xor")
    qtbot.addWidget(w)
    path = tmp_path / "three.csv"
    path.write_text("a,b,c,y\n0,0,1,0\n0,1,1,1\n1,0,1,1\n1,1,1,0\n")
    assert w.data_panel.load_csv_file(path, "")
    assert w.session.network.sizes == [3, 4, 1]
    assert not w.boundary.usable and "2 inputs" in w.boundary.note.text()
    assert w.training.step_epoch()
    qtbot.waitUntil(lambda: w.training.state == "paused", timeout=10_000)
    assert w.training.epoch == 1


def test_one_sample_shows_the_note_without_a_stray_title(qtbot):
    """The 40/80 → 60 example is one sample: the dock explains itself with the note alone;
    a 2-input data set brings the plot and its title back."""
    w = create_main_window("toy-40-80")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    view = w.boundary
    assert view.note.isVisible() and "single sample" in view.note.text()
    assert not view.title.isVisible() and not view.plot.isVisible()
    w.load_preset("xor")
    qtbot.waitUntil(lambda: view.plot.isVisible())
    assert view.title.isVisible() and not view.note.isVisible()


def test_a_network_too_large_for_the_boundary_grid_gets_a_note_not_a_stall(qtbot):
    from bpviz.core.network import Network

    w = create_main_window("xor")
    qtbot.addWidget(w)
    assert w.boundary.usable
    # 2-5000-1: the 60 × 60 grid's activations alone would be 3600 × 5000 numbers per redraw
    w.session.set_network(Network.create([2, 5000, 1], "tanh", "mse", seed=0))
    assert not w.boundary.usable
    note = w.boundary.note.text().replace("\N{NO-BREAK SPACE}", " ")
    assert "up to 2 048 neurons" in note and not w.boundary.plot.isVisibleTo(w)
    # 2-200-200-1 has 40 800 weights: still drawn; 2-300-300-1 (90 900): not
    w.session.set_network(Network.create([2, 200, 200, 1], "tanh", "mse", seed=0))
    assert w.boundary.usable
    w.session.set_network(Network.create([2, 300, 300, 1], "tanh", "mse", seed=0))
    assert not w.boundary.usable and "50\N{NO-BREAK SPACE}000 weights" in w.boundary.note.text()


def test_the_crosshair_reads_trained_epochs_only_and_leaves_with_the_mouse(qtbot, tmp_path):
    """A one-epoch MNIST-like run: test numbers at epoch 0 and 1, training loss at 1. Pointing
    past epoch 1 had read "epoch 8" with epoch 1's values; leaving the plot, or clearing it
    for a new network, had left the lines and an old run's numbers; the read-out had rounded
    0.69875 up to 69.9 % where the toolbar floors it to 69.8 %."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtWidgets import QApplication

    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(900, 300)
    plot.show()
    qtbot.waitExposed(plot)
    hint = plot.readout.text()
    first = SimpleNamespace(first_epoch=0, losses=np.array([]), epoch=0, accuracy=0.1,
                            test_loss=0.9, test_accuracy=0.1)
    plot.add(first)
    plot.add(SimpleNamespace(first_epoch=1, losses=np.array([0.2]), epoch=1, accuracy=0.69875,
                             test_loss=0.1, test_accuracy=0.685))
    vb = plot.plot.getPlotItem().vb

    def point_at(epoch):
        scene = vb.mapViewToScene(QPointF(epoch, 0.5 if not plot.log_y.isChecked() else -0.3))
        qtbot.mouseMove(plot.plot.viewport(), plot.plot.mapFromScene(scene))

    point_at(8)
    qtbot.waitUntil(lambda: plot.readout.text() != hint)
    assert plot.readout.text() == ("epoch 1 · loss 0.2 · test loss 0.1 · training accuracy 69.8 % · "
                                   "test accuracy 68.5 %")
    assert plot.crosshair.v.isVisible()
    QApplication.sendEvent(plot.plot, QEvent(QEvent.Type.Leave))        # the mouse leaves
    assert plot.readout.text() == hint and not plot.crosshair.v.isVisible()
    point_at(0)
    qtbot.waitUntil(lambda: plot.readout.text() != hint)
    assert plot.readout.text() == "epoch 0 · test loss 0.9 · training accuracy 10.0 % · test accuracy 10.0 %"
    plot.export_png(tmp_path / "loss.png")       # the mouse's lines are not exported
    assert not plot.crosshair.v.isVisible()
    plot.export_csv(tmp_path / "loss.csv")       # epoch 0 has its row, without a training loss
    assert (tmp_path / "loss.csv").read_text().splitlines() == [
        "epoch,train_loss,test_loss,train_accuracy,test_accuracy", "0,,0.9,0.1,0.1",
        "1,0.2,0.1,0.69875,0.685"]
    point_at(1)
    qtbot.waitUntil(lambda: plot.readout.text() != hint)
    plot.clear()                                 # a new network: nothing of the old run stays
    assert plot.readout.text() == hint and not plot.crosshair.v.isVisible()
    names = [label.text for _, label in plot.legend.items]
    assert "training accuracy" in names


def test_the_legend_fits_the_plot_and_shrinks_back_after_presentation_mode(qtbot):
    """Four names (test data on) in a 1366×768 window: they stand inside the plot, in two
    columns where one does not fit; after presentation mode the rows are as before (they had
    kept the larger font's height, and the fourth name was cut)."""
    from PySide6.QtGui import QAction

    from bpviz.ui.lecture.zoom import zoom

    try:
        from .window_helpers import open_window
    except ImportError:
        from window_helpers import open_window
    win = open_window(qtbot, "mnist", (1366, 768))
    try:
        plot = win.findChild(LossPlot)
        plot.add(SimpleNamespace(first_epoch=0, losses=np.array([]), epoch=0, accuracy=0.1,
                                 test_loss=0.9, test_accuracy=0.1))
        legend, vb = plot.legend, plot.plot.getPlotItem().vb
        qtbot.waitUntil(lambda: len(legend.items) == 4)

        def inside():
            box = legend.mapRectToScene(legend.boundingRect())
            return vb.sceneBoundingRect().contains(box)

        qtbot.waitUntil(lambda: legend.isVisible() and inside(), timeout=2000)
        height = legend.boundingRect().height()
        presentation = win.findChild(QAction, "presentation_mode")
        presentation.trigger()
        qtbot.wait(50)
        qtbot.waitUntil(lambda: not legend.isVisible() or inside(), timeout=2000)
        presentation.trigger()
        qtbot.waitUntil(lambda: legend.isVisible() and inside(), timeout=2000)
        assert legend.boundingRect().height() == height
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDockWidget
        dock = win.findChild(QDockWidget, "loss_dock")
        line = plot.fontMetrics().height()
        win.resizeDocks([dock], [dock.height() - plot.plot.height() + 9 * line], Qt.Vertical)
        # lower (the plot area ~ 6 lines): two columns
        qtbot.waitUntil(lambda: legend.columnCount == 2 and legend.isVisible() and inside(),
                        timeout=2000)
    finally:
        zoom().set_factor(1.0)
        win.close()


def test_a_kept_run_stays_in_grey_through_the_next_run_until_forgotten(qtbot):
    """Keep run: the run's loss and accuracy stay on the plot, named by its initialiser, η,
    epochs and accuracy, while the next run draws over them; the right-click menu forgets them."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QPushButton

    w = create_main_window("xor")
    qtbot.addWidget(w)
    plot = w.findChild(LossPlot)
    keep = w.findChild(QPushButton, "loss_keep")
    keep.click()                                          # nothing trained yet
    assert "Nothing new to keep" in plot.readout.text() and plot.kept.runs == []
    assert w.training.step_epoch()
    qtbot.waitUntil(lambda: w.training.state == "paused" and plot.train.n == 1, timeout=10_000)
    losses, accuracy = plot.train.y.copy(), plot.acc.y[-1]
    preset = w.session.preset
    w.session.set_eta(0.05)           # changed after the run: the name is the run's own η
    keep.click()
    (run,) = plot.kept.runs
    assert run["name"] == (f"{preset.init} init, η = {preset.eta:g}: 1 epochs, "
                           f"accuracy {accuracy * 100:.1f} %")
    assert run["name"] in [label.text for _, label in plot.legend.items]
    assert plot.readout.text() == f"Kept in grey: {run['name']}"
    keep.click()                      # the same run again: not a second copy
    assert len(plot.kept.runs) == 1 and "Nothing new" in plot.readout.text()
    w.may_discard = lambda *a, **k: True                 # (no dialog about the trained weights)
    w.findChild(QAction, "training_reset_action").trigger()   # a new run clears its curves …
    qtbot.waitUntil(lambda: plot.train.n == 0)
    x, y = run["loss"].getOriginalDataset()               # … not the kept one
    np.testing.assert_array_equal(y, losses)
    assert run["loss"] in plot.plot.getPlotItem().listDataItems()
    forget = w.findChild(QAction, "loss_forget_kept")
    assert forget.isEnabled()
    forget.trigger()
    assert plot.kept.runs == [] and run["loss"] not in plot.plot.getPlotItem().listDataItems()
    assert run["name"] not in [label.text for _, label in plot.legend.items]
    # other data (another preset) forgets them: they compared networks on xor
    assert w.training.step_epoch()
    qtbot.waitUntil(lambda: w.training.state == "paused" and plot.train.n == 1, timeout=10_000)
    keep.click()
    assert len(plot.kept.runs) == 1
    w.session.load_preset("circle")
    assert plot.kept.runs == [] and not forget.isEnabled()


def test_the_readout_names_only_what_was_measured_at_that_epoch(qtbot):
    """At full speed one snapshot covers epochs 1 and 2 and measures accuracy at 2 only: the
    read-out at epoch 1 had shown epoch 0's 10 % (the untrained network) as epoch 1's."""
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.add(SimpleNamespace(first_epoch=0, losses=np.array([]), epoch=0, accuracy=0.1,
                             test_loss=1.0, test_accuracy=0.1))
    plot.add(SimpleNamespace(first_epoch=1, losses=np.array([0.2, 0.1]), epoch=2, accuracy=0.9,
                             test_loss=0.08, test_accuracy=0.88))
    assert plot.describe(1) == "epoch 1 · loss 0.2"
    assert plot.describe(2) == ("epoch 2 · loss 0.1 · test loss 0.08 · training accuracy 90.0 % · "
                                "test accuracy 88.0 %")


def test_where_the_plot_has_no_room_for_its_legend_the_line_under_it_is_the_colour_key(qtbot):
    """In presentation mode at 1920×1080 the loss plot is too short for its legend, which is
    hidden: nothing had said which line was the loss and which the accuracy."""
    try:
        from .window_helpers import open_window
    except ImportError:
        from window_helpers import open_window
    from PySide6.QtGui import QAction

    from bpviz.ui.lecture.zoom import zoom

    win = open_window(qtbot, "xor", (1920, 1080))
    try:
        win.findChild(QAction, "presentation_mode").trigger()
        panel = win.loss_panel
        qtbot.waitUntil(lambda: not panel.legend.isVisible(), timeout=2000)
        key = panel.readout.text()
        assert "training loss (epoch mean)" in key and "training accuracy" in key
        assert "#2166ac" in key and "#4dac26" in key               # in the curves' colours
        zoom().set_factor(1.0)
        qtbot.waitUntil(lambda: panel.legend.isVisible(), timeout=2000)
        assert panel.readout.text() == "move the mouse over the plot to read values"
    finally:
        zoom().set_factor(1.0)
        win.close()


def test_a_long_colour_key_never_widens_the_window(qtbot):
    """The key under the plot (kept runs join it) had been as wide as its text: with three
    kept runs in presentation mode the window's minimum width had reached 2 595 pixels."""
    try:
        from .window_helpers import open_window
    except ImportError:
        from window_helpers import open_window
    from PySide6.QtGui import QAction

    from bpviz.ui.lecture.zoom import zoom

    win = open_window(qtbot, "xor", (1920, 1080))
    try:
        panel = win.loss_panel
        for i in range(3):
            panel.legend.addItem(pg.PlotDataItem(pen="#999"), f"kept run {i}: xavier init, η = 0.2, "
                                 "1 000 epochs, accuracy 100.0 % — a long name")
        win.findChild(QAction, "presentation_mode").trigger()
        qtbot.waitUntil(lambda: not panel.legend.isVisible(), timeout=2000)
        panel._fit_legend()
        qtbot.wait(100)
        assert "a long name" in panel.readout.text()
        assert panel.minimumSizeHint().width() < 1000, panel.minimumSizeHint()
        assert win.minimumSizeHint().width() <= 1920 and win.width() <= 1920
    finally:
        zoom().set_factor(1.0)
        win.close()


def _crossings(plot, curve_box_pairs):
    """How many of the drawn curves' points, taken every few pixels along each segment, lie
    inside the legend's box (all in scene pixels)."""
    box = plot.legend.mapRectToScene(plot.legend.boundingRect())
    count = 0
    for box_vb, curve in curve_box_pairs:
        x, y = curve.getData()
        pts = [box_vb.mapViewToScene(pg.Point(float(a), float(b))) for a, b in zip(x, y)]
        for p, q in zip(pts, pts[1:]):
            for t in np.linspace(0, 1, 40):
                if box.contains(p * (1 - t) + q * t):
                    count += 1
    return count


def test_the_legend_moves_to_where_no_curve_runs_under_it_and_stays_if_dragged(qtbot):
    """A trained XOR in presentation mode at 1366×768 had its loss line running through the
    legend's names in the top-right corner. Here the accuracy runs along the top and the loss
    falls from the top left to the bottom right: the legend goes to the bottom left."""
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(900, 260)
    plot.show()
    qtbot.waitExposed(plot)
    vb = plot.plot.getPlotItem().vb
    pairs = [(vb, plot.train_curve), (plot.acc_box, plot.acc_curve)]
    for epoch in range(1, 101):
        plot.add(snapshot(epoch, [10.0 ** (-epoch / 20)], accuracy=1.0))
    qtbot.wait(20)
    assert _crossings(plot, pairs) == 0
    box = plot.legend.mapRectToScene(plot.legend.boundingRect())
    area = vb.sceneBoundingRect()
    assert box.left() - area.left() < area.right() - box.right()      # the left half
    assert box.top() - area.top() > area.bottom() - box.bottom()      # the lower half
    # a legend the user dragged (with the left button, the drag that moves it) stays where it
    # was put; a right-button drag (the view's zoom) does not pin it; Fit the view unpins it
    class Drag:
        def __init__(self, button):
            self._button = button

        def button(self):
            return self._button

        def pos(self):
            return pg.Point(0, 0)

        lastPos = pos

        def accept(self):
            pass

    plot.legend.mouseDragEvent(Drag(Qt.MouseButton.RightButton))
    assert not getattr(plot.legend, "user_placed", False)
    plot.legend.mouseDragEvent(Drag(Qt.MouseButton.LeftButton))
    assert plot.legend.user_placed
    before = plot.legend.pos()
    plot.clear()
    for epoch in range(1, 101):
        plot.add(snapshot(epoch, [1.0], accuracy=0.0))
    assert plot.legend.pos() == before
    plot.fit_view()
    assert not plot.legend.user_placed


def test_the_four_curves_have_four_colours_and_the_held_out_ones_are_dashed(qtbot):
    """Training and test accuracy had been one green, told apart only by dashes, which a
    teacher could not tell apart on a projector."""
    plot = LossPlot()
    qtbot.addWidget(plot)
    curves = (plot.train_curve, plot.test_curve, plot.acc_curve, plot.test_acc_curve)
    pens = [pg.mkPen(c.opts["pen"]) for c in curves]
    assert len({p.color().name() for p in pens}) == 4
    assert [p.style() == Qt.DashLine for p in pens] == [False, True, False, True]
