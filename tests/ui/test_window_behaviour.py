"""What a teacher met trying the window cold, driven through the real widgets: drawing a digit
starts its walk afresh, the Sample box says what is walked, a field's error goes once it no
longer applies, the View menu brings a dock that is behind to the front, and small things
(the status bar after Reset, the edges-shown count, whole-epoch ticks, the speed's unit, Esc
closes the help)."""

import re

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSlider,
    QWidget,
)

try:
    from .explorer_helpers import action, type_into_field, widget
    from .test_digits import draw
    from .window_helpers import open_window, opened
except ImportError:
    from explorer_helpers import action, type_into_field, widget
    from test_digits import draw
    from window_helpers import open_window, opened  # noqa: F401  (autouse fixture)

SEVEN = [(0.25, 0.2), (0.75, 0.2), (0.55, 0.5), (0.45, 0.85)]       # a stroke like a 7


@pytest.fixture
def mnist(qtbot):
    yield from opened(qtbot, "mnist")


@pytest.fixture
def xor(qtbot):
    yield from opened(qtbot, "xor")


def status(win) -> str:
    return win.findChild(QLabel, "status_step").text()


def step_number(win) -> int:
    return int(re.match(r"step (\d+) of", status(win)).group(1))


def shown(combo: QComboBox) -> str:
    """The text a combo box shows: its item's, or its placeholder's when no item is chosen."""
    return combo.placeholderText() if combo.currentIndex() == -1 else combo.currentText()


def plain(text: str) -> str:
    return re.sub(r"\s", " ", text)


# -- 1. drawing a digit starts its walk afresh, at the end of its forward pass --------------------
def test_each_drawn_digit_is_walked_from_the_start_to_its_loss(mnist, qtbot):
    win = mnist
    win.digits.draw_dock.raise_()
    qtbot.wait(20)
    canvas = win.findChild(QWidget, "draw_canvas")
    # a fresh walk run to the end of its forward pass stops at the loss: step 4 of 7 here
    action(win, "run_pass").trigger()
    loss_step = step_number(win)
    assert "Loss" in status(win) and loss_step == 4
    for steps_before in (0, 1, 3, 5):          # from steps 1, 2, 4 and 6 (the backward pass)
        action(win, "reset").trigger()
        assert step_number(win) == 1
        for _ in range(steps_before):
            action(win, "step_forward").trigger()
        assert step_number(win) == 1 + steps_before
        draw(qtbot, canvas, SEVEN)
        assert step_number(win) == loss_step and "Loss" in status(win), steps_before
        assert np.allclose(win.walk.step.walk.x, win.digits.draw.x)
        assert not win.walk.history               # a fresh walk: nothing to go back across


def test_each_test_digit_is_walked_from_the_start_to_its_loss(mnist, qtbot):
    win = mnist
    win.mnist.dock.raise_()
    qtbot.wait(20)
    index, walk = widget(win, "mnist_test_index"), widget(win, "mnist_walk_test", QPushButton)
    for digit, steps_before in ((3, 0), (8, 1), (12, 5)):
        action(win, "reset").trigger()
        for _ in range(steps_before):
            action(win, "step_forward").trigger()
        index.setValue(digit)
        qtbot.mouseClick(walk, Qt.LeftButton)
        assert step_number(win) == 4 and "Loss" in status(win), steps_before
        assert np.array_equal(win.walk.step.walk.x, win.session.dataset.x_test[digit - 1])
        assert not win.walk.history


# -- 2. the Sample box says what is walked ---------------------------------------------------------
def test_sample_box_follows_test_digits_drawings_and_training_samples(mnist, qtbot):
    win = mnist
    sample = widget(win, "sample", QComboBox)
    assert shown(sample) == "1: digit 6"              # the bundled subset's first digit
    win.mnist.dock.raise_()
    qtbot.wait(20)
    qtbot.mouseClick(widget(win, "mnist_next_misclassified", QPushButton), Qt.LeftButton)
    n = widget(win, "mnist_test_index").value()
    label = int(np.argmax(win.session.dataset.y_test[n - 1]))
    assert shown(sample) == f"test digit {n}: digit {label}"
    # drawing: the drawn digit, with the target its walk uses (as predicted)
    win.digits.draw_dock.raise_()
    qtbot.wait(20)
    draw(qtbot, win.findChild(QWidget, "draw_canvas"), SEVEN)
    predicted = win.findChild(QLabel, "prediction_label").text()
    assert shown(sample) == f"drawn digit, target {predicted}"
    # back to a training sample through the box itself: walked, and the box says so
    sample.setFocus()
    qtbot.keyClick(sample, Qt.Key_Down)
    assert win.session.probe is None
    index = win.session.sample
    digit = int(np.argmax(win.session.dataset.y[index]))
    assert shown(sample) == f"{index + 1}: digit {digit}"
    assert np.array_equal(win.walk.step.walk.x, win.session.dataset.x[index])


def test_sample_box_writes_a_negative_value_with_a_true_minus(xor, qtbot):
    win = xor
    type_into_field(qtbot, win, "input_values", "-0.5, 1")
    item = widget(win, "sample", QComboBox).itemText(win.session.sample)
    assert item.startswith(f"{win.session.sample + 1}: (\u22120.5, 1) → (")
    assert "-" not in item


# -- 3. a field's red error goes once it no longer applies ---------------------------------------
def test_field_errors_clear_on_typing_stepping_a_new_sample_and_a_new_preset(xor, qtbot):
    win = xor
    error = win.findChild(QLabel, "input_values_error")
    before = widget(win, "input_values", QLineEdit).text()
    field = type_into_field(qtbot, win, "input_values", "1, 2, 3")
    assert error.isVisible() and error.text() == "input: expected 2 values, found 3"
    assert field.text() == before                        # the old value is back
    qtbot.keyClick(field, Qt.Key_Backspace)               # typing again: the message goes
    assert not error.isVisible()
    type_into_field(qtbot, win, "input_values", "1, 2, 3")
    assert error.isVisible()
    action(win, "step_forward").trigger()                # stepping on: the message goes
    assert not error.isVisible()
    type_into_field(qtbot, win, "input_values", "1, 2, 3")
    sample = widget(win, "sample", QComboBox)
    sample.setCurrentIndex(2)
    sample.activated.emit(2)                             # another sample
    assert not error.isVisible()
    type_into_field(qtbot, win, "input_values", "1, 2, 3")
    type_into_field(qtbot, win, "learning_rate", "-1")
    eta_error = win.findChild(QLabel, "learning_rate_error")
    assert error.isVisible() and eta_error.isVisible()
    preset = widget(win, "preset", QComboBox)
    for name in ("mnist", "toy-40-80"):
        preset.setCurrentText(name)
        preset.activated.emit(preset.currentIndex())
        assert win.session.preset.name == name
        assert not error.isVisible() and not eta_error.isVisible()
        type_into_field(qtbot, win, "learning_rate", "-1")
        assert eta_error.isVisible()


def test_a_valid_value_typed_after_an_error_clears_it(xor, qtbot):
    win = xor
    error = win.findChild(QLabel, "input_values_error")
    type_into_field(qtbot, win, "input_values", "1, 2, 3")
    assert error.isVisible()
    type_into_field(qtbot, win, "input_values", "1, 0.5")
    assert not error.isVisible()
    assert list(win.session.dataset.x[win.session.sample]) == [1.0, 0.5]


def test_a_refused_eta_stays_said_while_training_runs(xor, qtbot):
    win = xor
    eta_error = win.findChild(QLabel, "learning_rate_error")
    widget(win, "play", QAbstractButton).click()
    assert win.session.busy
    type_into_field(qtbot, win, "learning_rate", "0")
    assert eta_error.isVisible() and "must be > 0" in eta_error.text()
    frames = win.training.frames
    qtbot.waitUntil(lambda: win.training.frames >= frames + 3, timeout=20_000)  # snapshots shown
    assert eta_error.isVisible() and "must be > 0" in eta_error.text()
    widget(win, "pause", QAbstractButton).click()        # the run is over: a new walk, it goes
    assert not eta_error.isVisible()


# -- 4. the View menu brings a dock that is behind another to the front ---------------------------
def menu_action(win, path):
    menu = win.findChild(QMenu, "view_menu")
    for title in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.menu() and a.menu().title() == title)
    return next(a for a in menu.actions() if a.text() == path[-1])


def in_front(dock) -> bool:
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def test_view_menu_brings_a_dock_behind_to_the_front(mnist, qtbot):
    win = mnist
    dock = win.digits.draw_dock
    win.mnist.dock.raise_()                              # the MNIST dock in front of its tabs
    qtbot.wait(20)
    assert not dock.isHidden() and not in_front(dock)
    entry = menu_action(win, ["Digits", "Draw a digit"])
    assert not entry.isChecked()                         # not on screen: no tick
    entry.trigger()
    qtbot.wait(20)
    assert in_front(dock) and entry.isChecked()
    assert win.findChild(QWidget, "draw_canvas").isVisible()
    entry.trigger()                                      # in front and ticked: closes, as before
    qtbot.wait(20)
    assert dock.isHidden() and not entry.isChecked()
    entry.trigger()                                      # and opens again, in front
    qtbot.wait(20)
    assert in_front(dock) and entry.isChecked()
    mnist_entry = menu_action(win, ["MNIST"])
    assert not mnist_entry.isChecked()
    mnist_entry.trigger()
    qtbot.wait(20)
    assert in_front(win.mnist.dock) and not in_front(dock)


# -- 5. small things -------------------------------------------------------------------------------
def test_reset_clears_the_update_message(qtbot, discard):
    win = open_window(qtbot, "toy-40-80")
    action(win, "apply_update").trigger()
    assert win.statusBar().currentMessage().startswith("Update applied")
    qtbot.keyClick(win, Qt.Key_R, Qt.ControlModifier)
    assert win.statusBar().currentMessage() == ""
    win.close()


def test_edges_shown_slider_says_its_count(mnist, qtbot):
    slider = widget(mnist, "edges_top_k", QSlider)
    value = widget(mnist, "edges_top_k_value", QLabel)
    assert plain(value.text()) == "1 500"
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key_PageUp)                # one page: 1 000 more edges
    assert plain(value.text()) == "2 500"


def test_loss_plot_ticks_whole_epochs(qtbot):
    win = open_window(qtbot, "toy-40-80")
    axis = win.loss_panel.plot.getPlotItem().getAxis("bottom")
    lo, hi = axis.range
    assert hi >= 10                                      # an empty plot spans 10 epochs
    shown = [v for _, values in axis.tickValues(lo, hi, axis.width()) for v in values]
    assert shown and all(v == int(v) for v in shown)
    assert {0, 1, 2, 5} <= set(shown)
    win.close()


def test_speed_label_says_epochs_per_second(qtbot):
    win = open_window(qtbot, "xor")
    slider = widget(win, "speed", QSlider)
    speed = win.training_panel.speed_label
    slider.setValue(6)
    assert speed.text().strip() == "100 epochs/s"
    assert "epochs per second" in speed.toolTip()
    slider.setValue(slider.maximum())
    assert speed.text().strip() == "max"
    win.close()


def test_help_closes_on_escape(qtbot):
    win = open_window(qtbot, "toy-40-80")
    help_action = action(win, "help_how_to_read")
    help_action.trigger()
    dialog = win.findChild(QDialog, "help")
    qtbot.waitExposed(dialog)
    assert dialog.isVisible()
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key_Escape)
    assert not dialog.isVisible()
    # F1 while the help is open behind the main window: the same dialog, given the keyboard
    help_action.trigger()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    help_action.trigger()
    assert win.findChildren(QDialog, "help") == [dialog]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    assert not dialog.isVisible()
    win.close()


def test_view_panels_brings_a_tab_behind_to_the_front(qtbot):
    win = open_window(qtbot, "toy-40-80")
    data, training = win.findChild(QDockWidget, "data_dock"), win.findChild(QDockWidget, "training_dock")
    assert in_front(training) and not data.isHidden() and not in_front(data)    # Data: a tab behind
    entry = menu_action(win, ["Panels", "Data"])
    assert not entry.isChecked()
    entry.trigger()
    qtbot.wait(20)
    assert in_front(data) and entry.isChecked() and not in_front(training)
    win.close()
