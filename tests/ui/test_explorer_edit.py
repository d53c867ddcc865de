"""Editing in the explorer: weights and biases by double-click, the learning rate, the sample;
bad input is refused with a message next to the field and the old value stays.

Hand-computed for seed 004 with w¹₁₁ changed from 0.5 to 1: z¹₁ = 1·40 + 0.5·80 = 80,
z¹₂ = z¹₃ = 60, ŷ = 80 + 60 + 60 = 200, C = ½·140² = 9800.
"""

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit

try:
    from .explorer_helpers import action, inspector_text, node_labels, type_into_field, widget
except ImportError:
    from explorer_helpers import action, inspector_text, node_labels, type_into_field, widget

from bpviz.app import create_main_window

BAD_VALUES = ["abc", "nan", "inf", "-inf", "1e300", ""]


def double_click(qtbot, win, x, y):
    """Double-click the network view at view coordinates (x, y), with the events a real
    mouse sends: press, release, double-click, release. (QTest.mouseDClick adds a second
    press, which pyqtgraph's scene reads as a single click.)"""
    view = widget(win, "network_view")
    scene_pos = view.getViewBox().mapViewToScene(QPointF(x, y))
    point = view.mapFromScene(scene_pos)
    viewport = view.viewport()
    qtbot.mouseClick(viewport, Qt.LeftButton, pos=point)
    local = QPointF(point)
    event = QMouseEvent(QEvent.MouseButtonDblClick, local, viewport.mapToGlobal(local),
                        Qt.LeftButton, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(viewport, event)
    qtbot.mouseRelease(viewport, Qt.LeftButton, pos=point)


def open_editor(qtbot, win, x, y) -> QDialog:
    double_click(qtbot, win, x, y)
    dialog = win.findChild(QDialog, "edit_value")
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_and_ok(qtbot, dialog, text):
    field = dialog.findChild(QLineEdit, "edit_value_field")
    field.setText(text)
    qtbot.keyClick(field, Qt.Key_Return)


def test_double_click_an_edge_edits_the_weight(window, qtbot):
    action(window, "step_forward").trigger()
    # edge w¹₁₁ runs from input neuron 1 (0, 0.5) to hidden neuron 1 (1, 1): 40 % along it
    dialog = open_editor(qtbot, window, 0.4, 0.7)
    assert "w¹₁₁" in dialog.windowTitle()
    type_and_ok(qtbot, dialog, "1")
    assert not dialog.isVisible()
    assert window.session.network.weights[0][0, 0] == 1.0
    assert "Input" in inspector_text(window)          # the walk restarted
    action(window, "step_forward").trigger()
    text = inspector_text(window)
    assert "z¹₁ = 1·40 + 0.5·80 = 80" in text
    assert "z = 80" in "\n".join(node_labels(window))
    action(window, "step_forward").trigger()
    action(window, "step_forward").trigger()
    assert "C = 9800" in inspector_text(window)


@pytest.mark.parametrize("bad", BAD_VALUES)
def test_bad_weight_is_refused_and_kept(window, qtbot, bad):
    dialog = open_editor(qtbot, window, 0.4, 0.7)
    type_and_ok(qtbot, dialog, bad)
    assert dialog.isVisible()                          # still open, with the reason
    error = dialog.findChild(QLabel, "edit_value_error")
    assert error.isVisible() and error.text() and "\n" not in error.text()
    assert window.session.network.weights[0][0, 0] == 0.5
    dialog.reject()


def test_bias_edit_on_a_network_with_biases(qtbot):
    win = create_main_window("xor")
    qtbot.addWidget(win)
    win.resize(1500, 950)
    win.show()
    qtbot.waitExposed(win)
    # the output neuron of xor (2-4-1) sits at (2, 0)
    dialog = open_editor(qtbot, win, 2.0, 0.0)
    assert "b²₁" in dialog.windowTitle()
    type_and_ok(qtbot, dialog, "nan")
    assert dialog.isVisible() and win.session.network.biases[1][0] == 0.0
    type_and_ok(qtbot, dialog, "0.25")
    assert not dialog.isVisible()
    assert win.session.network.biases[1][0] == 0.25
    action(win, "run_pass").trigger()
    assert "b = 0.25" in "\n".join(node_labels(win))
    win.close()


# η has one rule wherever it is typed (core/settings.py): finite and > 0. A huge η is
# allowed, as on the command line: the walk and training show what it does.
@pytest.mark.parametrize("bad", ["abc", "nan", "inf", "0", "-1"])
def test_bad_learning_rate_is_refused(window, qtbot, bad):
    field = type_into_field(qtbot, window, "learning_rate", bad)
    error = widget(window, "learning_rate_error", QLabel)
    assert error.isVisible() and error.text()
    assert field.text() == "1e-5"
    assert window.session.eta == 1e-5


def test_learning_rate_changes_the_update(window, qtbot):
    type_into_field(qtbot, window, "learning_rate", "2e-5")
    assert window.session.eta == 2e-5
    assert not widget(window, "learning_rate_error", QLabel).isVisible()
    action(window, "run_pass").trigger()
    action(window, "run_pass").trigger()
    action(window, "run_pass").trigger()
    # 0.5 − 2e-5·4800 = 0.404, 0.5 − 2e-5·9600 = 0.308, 1 − 2e-5·7200 = 0.856
    text = inspector_text(window)
    assert "0.404 | 0.308" in text and "0.856" in text


@pytest.mark.parametrize("bad", ["abc", "40", "40, nan", "40, 1e300"])
def test_bad_input_values_are_refused(window, qtbot, bad):
    field = type_into_field(qtbot, window, "input_values", bad)
    assert widget(window, "input_values_error", QLabel).isVisible()
    assert field.text() == "40, 80"
    assert list(window.session.dataset.x[0]) == [40.0, 80.0]


def test_typed_sample_is_walked(window, qtbot):
    type_into_field(qtbot, window, "input_values", "10, 20")
    action(window, "step_forward").trigger()
    assert "z¹₁ = 0.5·10 + 0.5·20 = 15" in inspector_text(window)


def test_edit_from_the_inspector(window, qtbot):
    """Click an edge to select it, then the inspector's Edit… button: the same editor."""
    from PySide6.QtWidgets import QPushButton
    edit = window.findChild(QPushButton, "edit_selected")
    assert edit is not None and not edit.isVisible()        # nothing selected yet
    view = widget(window, "network_view")
    point = view.mapFromScene(view.getViewBox().mapViewToScene(QPointF(0.4, 0.7)))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=point)   # select w¹₁₁
    assert "w¹₁₁" in window.findChild(QLabel, "selection_info").text()
    assert edit.isVisible()
    qtbot.mouseClick(edit, Qt.LeftButton)
    dialog = window.findChild(QDialog, "edit_value")
    assert dialog is not None and dialog.isVisible() and "w¹₁₁" in dialog.windowTitle()
    type_and_ok(qtbot, dialog, "1")
    assert window.session.network.weights[0][0, 0] == 1.0
    action(window, "step_forward").trigger()
    assert "z¹₁ = 1·40 + 0.5·80 = 80" in inspector_text(window)   # hand-computed, as above
