"""The Bug lab panel, driven through its widgets: tick boxes, the gradient check table, the
fixes button and the side-by-side training."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSpinBox, QTableWidget

from bpviz.app import create_main_window

try:
    from .explorer_helpers import widget
    from .window_helpers import record_warnings
except ImportError:
    from explorer_helpers import widget
    from window_helpers import record_warnings


@pytest.fixture
def lab_window(qtbot):
    win = create_main_window("seed-003")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.bug_lab_dock.raise_()
    yield win
    win.close()


def table_rows(win):
    table = widget(win, "bug_gradcheck", QTableWidget)
    return [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]


def test_seed_003_opens_with_its_two_mistakes_and_the_check_fails(lab_window):
    win = lab_window
    assert widget(win, "bug_lab").objectName() == "bug_lab"
    assert widget(win, "bug_sigma_prime_of_a", QCheckBox).isChecked()
    assert widget(win, "bug_mean_over_features", QCheckBox).isChecked()
    rows = table_rows(win)
    assert [r[0] for r in rows] == ["1", "2"]
    assert rows[0][2] == "fails" and "2 × finite differences" in rows[1][2]
    assert widget(win, "bug_gradcheck", QTableWidget).item(0, 0).background().color().red() == 255
    assert "σ′ used in δ¹" in widget(win, "bug_walk_changes", QLabel).text()
    # sigmoid + BCE: leaving σ′ out at the output is impossible here, and says why
    box = widget(win, "bug_missing_sigma_prime_output", QCheckBox)
    assert not box.isEnabled() and "a − y exactly" in box.toolTip()


def test_the_answers_fixes_turn_the_mistakes_off_one_per_click(lab_window, qtbot):
    win = lab_window
    fix = widget(win, "bug_apply_fix", QPushButton)
    qtbot.mouseClick(fix, Qt.LeftButton)
    assert not widget(win, "bug_sigma_prime_of_a", QCheckBox).isChecked()
    rows = table_rows(win)
    assert [r[2] for r in rows] == ["fails (backprop = 2 × finite differences)"] * 2
    qtbot.mouseClick(fix, Qt.LeftButton)
    assert table_rows(win) == [] and not fix.isEnabled()
    box = widget(win, "bug_no_transpose", QCheckBox)
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2))
    assert "shape error" in table_rows(win)[0][2]


def test_side_by_side_training_draws_two_curves_from_the_same_start(lab_window, qtbot):
    win = lab_window
    lab = win.bug_lab.side
    widget(win, "bug_epochs", QSpinBox).setValue(300)
    qtbot.mouseClick(widget(win, "bug_train", QPushButton), Qt.LeftButton)
    lab.wait_for_training()
    correct, buggy = (run["loss"] for run in lab.runs)
    assert len(correct) == len(buggy) == 300
    assert correct[0] == pytest.approx(buggy[0], rel=1e-12)     # the same first forward pass
    assert correct[-1] != buggy[-1]
    assert len(lab.correct_curve.getData()[0]) == 300 and len(lab.buggy_curve.getData()[0]) == 300
    status = widget(win, "bug_train_status", QLabel).text()
    assert "correct: final loss" in status and "with the mistakes: final loss" in status


def test_side_by_side_boundaries_show_both_trained_networks(lab_window, qtbot):
    lab = lab_window.bug_lab.side
    widget(lab_window, "bug_epochs", QSpinBox).setValue(50)
    qtbot.mouseClick(widget(lab_window, "bug_train", QPushButton), Qt.LeftButton)
    lab.wait_for_training()
    assert lab.boundaries.isVisible()
    grid = lab.boundaries.outputs
    corner = [run["trainer"].network.feedforward([[0.0, 0.0]])[0, 0] for run in lab.runs]
    # the grid's first point is the lower-left corner of the data's square, outside (0, 0)
    assert grid[0].shape == grid[1].shape == (48, 48)
    assert not (grid[0] == grid[1]).all() and corner[0] != corner[1]


def test_a_shape_mistake_cannot_train_and_says_why(lab_window, qtbot):
    lab = lab_window.bug_lab
    for name in ("sigma_prime_of_a", "mean_over_features"):
        widget(lab_window, f"bug_{name}", QCheckBox).setChecked(False)
    widget(lab_window, "bug_no_transpose", QCheckBox).setChecked(True)
    widget(lab_window, "bug_epochs", QSpinBox).setValue(5)
    qtbot.mouseClick(widget(lab_window, "bug_train", QPushButton), Qt.LeftButton)
    lab.side.wait_for_training()
    status = widget(lab_window, "bug_train_status", QLabel).text()
    assert "correct: final loss" in status and "does not fit" in status


def test_the_gradient_check_action_checks_the_backprop_with_the_ticked_mistakes(lab_window, qtbot):
    # seed-003 opens with σ′(a) and mean-over-features ticked: the bug lab's table says both
    # layers fail, and Step → Gradient check (Ctrl+G) must not say that backprop agrees
    win = lab_window
    win.findChild(QAction, "gradient_check").trigger()
    text = win.statusBar().currentMessage()
    assert "with the mistakes sigma-prime-of-a, mean-over-features" in text
    assert "layer 1: fails" in text and "backprop disagrees" in text and "backprop agrees" not in text
    # the answer's fixes untick them one by one; with none ticked the plain check agrees
    fix = widget(win, "bug_apply_fix", QPushButton)
    qtbot.mouseClick(fix, Qt.LeftButton)
    qtbot.mouseClick(fix, Qt.LeftButton)
    win.findChild(QAction, "gradient_check").trigger()
    text = win.statusBar().currentMessage()
    assert "mistakes" not in text and text.endswith("backprop agrees")


def test_the_gradient_check_names_the_input_the_walk_is_on(lab_window):
    # a probe (here the held-out sample 1) is checked, and named as the Sample box names it
    win = lab_window
    session = win.session
    session.use_input(session.dataset.x[0], session.dataset.y[0], ("test", 0))
    win.findChild(QAction, "gradient_check").trigger()
    assert "(test sample 1)" in win.statusBar().currentMessage()


@pytest.mark.parametrize("button", ["bug_export_png", "bug_export_csv"])
def test_a_failed_export_is_one_line_in_a_dialog_and_leaves_nothing(lab_window, qtbot, monkeypatch,
                                                                     tmp_path, button):
    from PySide6.QtWidgets import QFileDialog

    warnings = record_warnings(monkeypatch)
    for path in (tmp_path / "no" / "such" / "folder.out", tmp_path / ("x" * 300 + ".out"), tmp_path):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, p=path: (str(p), ""))
        qtbot.mouseClick(widget(lab_window, button, QPushButton), Qt.LeftButton)
    assert len(warnings) == 3 and all("\n" not in w for w in warnings)
    assert list(tmp_path.iterdir()) == []                  # no half file, no temporary
    good = tmp_path / ("out.png" if button.endswith("png") else "out.csv")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(good), ""))
    qtbot.mouseClick(widget(lab_window, button, QPushButton), Qt.LeftButton)
    assert good.stat().st_size > 0 and len(warnings) == 3


def test_each_switch_says_its_mistake_in_words_and_the_tooltip_gives_its_command_line_name(lab_window):
    from bpviz.core.bugs import CATALOGUE

    for bug in CATALOGUE:
        box = widget(lab_window, "bug_" + bug.name.replace("-", "_"), QCheckBox)
        assert box.text() and bug.name not in box.text() and " " in box.text()
        assert box.toolTip().endswith(f"--bug {bug.name}")
    text = widget(lab_window, "bug_explanation", QLabel).text()
    assert text.startswith("σ′ taken at a instead of z (sigma-prime-of-a): The code evaluated")


def _wheel(widget_, modifiers=Qt.NoModifier):
    """One notch of the wheel down over the middle of `widget_`, as the window system sends it."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(widget_.width() / 2, widget_.height() / 2)
    event = QWheelEvent(centre, QPointF(widget_.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -120), Qt.NoButton, modifiers, Qt.NoScrollPhase, False)
    QApplication.sendEvent(widget_, event)


def test_the_wheel_over_the_loss_plot_scrolls_the_lab_and_ctrl_wheel_zooms(lab_window, qtbot):
    from PySide6.QtWidgets import QScrollArea

    win = lab_window
    win.resizeDocks([win.bug_lab_dock], [320], Qt.Horizontal)
    win.resize(1000, 500)                               # the lab is taller than its dock
    qtbot.wait(50)
    plot = widget(win, "bug_side_by_side").plot
    area = next(a for a in win.bug_lab_dock.findChildren(QScrollArea) if a.widget().isAncestorOf(plot))
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    view_before = plot.getViewBox().viewRange()
    _wheel(plot.viewport())
    assert bar.value() > 0                               # the panel scrolled …
    assert plot.getViewBox().viewRange() == view_before  # … and the plot did not zoom
    scrolled = bar.value()
    _wheel(plot.viewport(), Qt.ControlModifier)
    assert bar.value() == scrolled
    assert plot.getViewBox().viewRange() != view_before  # Ctrl+wheel zooms
    assert "Ctrl+wheel zooms" in plot.toolTip()


def test_on_a_1366x768_window_the_lab_takes_the_column_and_wraps_its_choices(qtbot):
    """At 1366×768 the lab had 150 px under the decision boundary and a sideways scroll bar,
    its choices cut off ("… over the inputs, not the sam")."""
    from PySide6.QtWidgets import QScrollArea

    try:
        from .window_helpers import open_window
    except ImportError:
        from window_helpers import open_window
    win = open_window(qtbot, "seed-003", size=(1366, 768))
    try:
        from PySide6.QtWidgets import QTabBar

        dock, boundary = win.bug_lab_dock, win.docks.boundary_dock
        win.docks.training_dock.raise_()                  # another tab in front
        qtbot.wait(50)
        before = dock.height()
        bar = next(b for b in win.findChildren(QTabBar) if b.parent() is win and b.isVisible()
                   and "Bug lab" in [b.tabText(i) for i in range(b.count())])
        tab = [bar.tabText(i) for i in range(bar.count())].index("Bug lab")
        qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(tab).center())   # the user's click
        qtbot.waitUntil(lambda: dock.height() > before and dock.height() > boundary.height(),
                        timeout=2000)
        assert boundary.height() == boundary.minimumSizeHint().height()  # it gave what it could
        area = next(a for a in dock.findChildren(QScrollArea) if a.widget() is win.bug_lab)
        assert not area.horizontalScrollBar().isVisible()
        for box in win.bug_lab.boxes.values():
            assert box.geometry().right() <= area.viewport().width()
            assert box.height() >= box.heightForWidth(box.width())     # every line of its text
        long_box = widget(win, "bug_mean_over_features", QCheckBox)
        assert long_box.height() > 1.5 * long_box.fontMetrics().height()   # wrapped: 2 lines
        # its minimum is one line (the height a width needs comes from heightForWidth): a
        # minimum of one word per line had made the lab's content 1 317 px high, not 841
        assert long_box.minimumSizeHint().height() < 1.5 * long_box.fontMetrics().height()
        text_end = long_box.fontMetrics().horizontalAdvance("gradient averaged")
        qtbot.mouseClick(long_box, Qt.LeftButton, pos=QPoint(text_end, long_box.height() // 2))
        assert not long_box.isChecked()                  # the wrapped text toggles it too
        short = widget(win, "bug_sum_not_mean", QCheckBox)     # "… no 1/m": one short line
        checked = short.isChecked()
        qtbot.mouseClick(short, Qt.LeftButton, pos=QPoint(short.width() - 2, short.height() // 2))
        assert short.isChecked() == checked              # the empty rest of its row does not
    finally:
        win.close()


def test_a_layout_put_back_keeps_the_sizes_the_user_chose_for_the_lab(qtbot):
    """Presentation mode on and off restores the layout from before: the lab must not take
    the column again then (it had undone a boundary the user made taller)."""
    try:
        from .window_helpers import open_window
    except ImportError:
        from window_helpers import open_window
    from bpviz.ui.lecture.zoom import zoom

    win = open_window(qtbot, "seed-003", size=(1366, 768))
    try:
        dock, boundary = win.bug_lab_dock, win.docks.boundary_dock
        dock.raise_()
        qtbot.wait(50)
        win.resizeDocks([boundary, dock], [267, 143], Qt.Vertical)     # the user's choice
        qtbot.wait(50)
        chosen = (boundary.height(), dock.height())
        toggle = win.findChild(QAction, "presentation_mode")
        toggle.trigger()
        qtbot.wait(100)
        toggle.trigger()
        qtbot.waitUntil(lambda: dock.isVisible(), timeout=2000)
        qtbot.wait(100)
        assert (boundary.height(), dock.height()) == chosen
    finally:
        win.close()
        zoom().set_factor(1.0)

