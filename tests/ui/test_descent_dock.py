"""The descent explorer inside the real main window: the Descent dock, two toy weights picked
by Ctrl+click in the network view, and the explorer's Apply update drawn as one arrow on the
surface. Expected numbers: the 40/80 → 60 hand-worked example, W¹₁₁ and W¹₁₂ go from 0.5 to
0.5 − 1e-5·4800 = 0.452 and 0.5 − 1e-5·9600 = 0.404."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QTabWidget

try:
    from .explorer_helpers import action
    from .window_helpers import open_window  # noqa: F401
except ImportError:
    from explorer_helpers import action
    from window_helpers import open_window  # noqa: F401


@pytest.fixture
def win(qtbot):
    w = open_window(qtbot, "toy-40-80")
    yield w
    w.close()


def ctrl_click_edge(qtbot, win, l, j, k, along=0.8):
    """Ctrl+click edge wˡⱼₖ (0-based j, k) of the network view, `along` of the way to neuron j."""
    view = win.network_view
    lay = view.layout_
    e = lay.edge_id(l, j, k)
    x = lay.edge_x0[e] + along * (lay.edge_x1[e] - lay.edge_x0[e])
    y = lay.edge_y0[e] + along * (lay.edge_y1[e] - lay.edge_y0[e])
    scene = view.getViewBox().mapViewToScene(pg.Point(x, y))
    pos = view.mapFromScene(scene)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.ControlModifier, QPoint(pos.x(), pos.y()))


def test_descent_dock_opens_from_the_view_menu_as_a_tab_beside_the_loss_curve(win, qtbot):
    dock = win.findChild(QDockWidget, "descent_dock")
    assert dock is not None and dock.isHidden()             # the default layout is unchanged
    toggle = action(win, "descent_dock_toggle")
    assert toggle in win.findChild(pg.QtWidgets.QMenu, "view_menu").actions()
    toggle.trigger()
    qtbot.waitUntil(lambda: dock.isVisible())
    assert win.tabifiedDockWidgets(dock) == [win.docks.loss_dock]
    # asked for, it is the tab in front
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())
    assert win.docks.loss_dock.visibleRegion().isEmpty()
    assert win.findChild(QLabel, "descent_slice_note").text().startswith("A 2-D slice")


def test_two_toy_weights_picked_then_apply_update_draws_one_arrow(win, qtbot):
    action(win, "descent_dock_toggle").trigger()           # open the Descent dock
    ctrl_click_edge(qtbot, win, 1, 0, 0)                   # W¹₁₁
    ctrl_click_edge(qtbot, win, 1, 0, 1)                   # W¹₁₂
    panel = win.descent.slice
    s = panel.surface
    assert s is not None and [p.key for p in s.params] == ["1:1:1", "1:1:2"]
    n = len(s.a) // 2
    assert s.loss[n, n] == pytest.approx(7200.0)          # C at the current weights
    assert panel.path == [(0.5, 0.5)]

    action(win, "apply_update").trigger()
    (xs, ys), = [item.getData() for item in panel.plot.paths]
    assert np.allclose(xs, [0.5, 0.452], rtol=0, atol=1e-12)
    assert np.allclose(ys, [0.5, 0.404], rtol=0, atol=1e-12)
    heads = panel.plot.heads
    assert len(heads) == 1
    assert np.allclose(heads[0].ends, (0.5, 0.5, 0.452, 0.404), rtol=0, atol=1e-12)
    # the status says C now, not only where the surface was computed: after the update the
    # hand-worked example has ŷ = 140.3136 and C = 3225.137
    status = panel.status.text()
    assert "C = 7200 at (0.5, 0.5), the weights the surface was computed at" in status
    assert "Now C = 3225.137 at (0.452, 0.404)" in status
    # the update moved W² too (all nine weights): 3225.137 is not the slice's colour there
    assert "with other weights moved too" in status


def test_on_a_1366x768_screen_the_controls_go_beside_the_plot(qtbot):
    """The Descent dock along the bottom of a 1366×768 window is a low strip: it opened
    164 px high, and with the controls in rows above it the plot was 70 px high. Now the dock
    takes the room the explorer leaves (more than 30 % of the window) and the controls stand
    in a column beside the plot; on a big window they stay in rows above it."""
    w = open_window(qtbot, "toy-40-80", size=(1366, 768))
    try:
        dock = w.findChild(QDockWidget, "descent_dock")
        action(w, "descent_dock_toggle").trigger()
        qtbot.waitUntil(lambda: dock.isVisible())
        qtbot.wait(20)
        assert dock.height() >= 0.3 * w.height()
        functions = w.descent.view.functions
        assert functions.arrangement.beside
        plot = functions.plots.currentWidget()
        assert plot.height() >= 0.2 * w.height()             # the plot, not only its controls
        step = functions.step_button
        assert step.mapTo(functions, step.rect().topRight()).x() < plot.mapTo(functions, QPoint(0, 0)).x()
        qtbot.mouseClick(step, Qt.LeftButton)              # and the controls still work
        assert functions.t == 1
        w.resize(1500, 1200)
        w.resizeDocks([dock], [650], Qt.Vertical)            # a tall dock: rows above again
        qtbot.waitUntil(lambda: not functions.arrangement.beside, timeout=2000)
        qtbot.wait(20)
        assert step.mapTo(functions, step.rect().bottomLeft()).y() < plot.mapTo(functions, QPoint(0, 0)).y()
    finally:
        w.close()


def test_the_worked_step_beside_the_plot_shows_all_its_lines(qtbot):
    """Beside the plot on a 1366×768 screen, Rosenbrock's third step is two lines at the
    column's width. The layout had kept a stale height of one line for it (the label's first
    layout item, from the rows-above arrangement, was the one told of its changes), so the
    update's result was cut off."""
    w = open_window(qtbot, "toy-40-80", size=(1366, 768))
    try:
        action(w, "descent_dock_toggle").trigger()
        functions = w.descent.view.functions
        qtbot.waitUntil(lambda: functions.arrangement.beside)
        functions.function.setCurrentIndex(functions.function.findData("rosenbrock"))
        for _ in range(3):
            qtbot.mouseClick(functions.step_button, Qt.LeftButton)
        equation = functions.equation
        assert "= (−1.026883, 1.062424)" in equation.text()     # the step's result
        line = equation.fontMetrics().lineSpacing()
        needed = equation.heightForWidth(equation.width())
        assert needed >= 2 * line                                # it does wrap here
        qtbot.waitUntil(lambda: equation.height() >= needed, timeout=2000)
    finally:
        w.close()


def test_the_selection_can_be_picked_from_the_view_menu(win, qtbot):
    win.network_view.select(("edge", 2, 0, 1))            # W²₁₂
    action(win, "descent_pick").trigger()
    win.network_view.select(("edge", 2, 0, 2))            # W²₁₃
    action(win, "descent_pick").trigger()
    assert [p.key for p in win.descent.slice.surface.params] == ["2:1:2", "2:1:3"]
    assert not win.findChild(QDockWidget, "descent_dock").visibleRegion().isEmpty()


def test_an_input_neuron_cannot_be_picked(win):
    win.network_view.select(("neuron", 0, 0))
    action(win, "descent_pick").trigger()
    assert "Pick a weight" in win.statusBar().currentMessage()
    assert win.descent.picked == []


def test_training_draws_the_path_live(qtbot):
    w = open_window(qtbot, "xor")
    try:
        w.descent.pick(("edge", 1, 0, 0))
        w.descent.pick(("edge", 1, 0, 1))
        start = w.descent.slice.path[0]
        w.training.set_speed(200)              # epochs per second: slow enough to watch
        w.training.play()
        qtbot.waitUntil(lambda: len(w.descent.slice.path) >= 3, timeout=10_000)
        w.training.pause()
        net = w.session.network
        assert w.descent.slice.path[0] == start
        assert w.descent.slice.path[-1] == (net.weights[0][0, 0], net.weights[0][0, 1])
    finally:
        w.close()


def test_space_in_the_descent_panel_steps_descent_not_training(win, qtbot):
    win.descent.show_slice()
    functions = win.descent.view.functions
    win.descent.view.tabs.setCurrentWidget(functions)
    functions.setFocus()
    qtbot.keyClick(functions, Qt.Key_Right)
    assert functions.t == 1                                 # the descent took one step …
    assert "walk" not in win.status.text() or win.walk.step.index == 0   # … not the walk
    qtbot.keyClick(functions, Qt.Key_Space)
    assert functions.timer.isActive() and not win.training.running
    qtbot.keyClick(functions, Qt.Key_Space)
    assert not functions.timer.isActive()


def test_the_descent_tabs_stay_on_screen_to_go_back_to_the_textbook_functions(win, qtbot):
    """Hiding the window's stale dock tab bars once hid the descent view's own tab bar too:
    after Ctrl+click had shown the network slice there was no way back."""
    action(win, "descent_dock_toggle").trigger()
    ctrl_click_edge(qtbot, win, 1, 0, 0)
    ctrl_click_edge(qtbot, win, 1, 0, 1)                   # the slice is shown
    qtbot.wait(20)                                         # (the bars are tidied after a 0 ms timer)
    tabs = win.findChild(QTabWidget, "descent_tabs")
    bar = tabs.tabBar()
    assert bar.isVisible() and tabs.currentWidget() is win.descent.slice
    rect = bar.tabRect(0)
    qtbot.mouseClick(bar, Qt.LeftButton, pos=rect.center())
    assert tabs.currentWidget() is win.descent.view.functions


def test_a_surface_computing_for_a_network_that_is_replaced_stops_even_when_hidden(qtbot, monkeypatch):
    from PySide6.QtWidgets import QComboBox

    from bpviz.ui.descent import slice_panel

    monkeypatch.setattr(slice_panel, "THREAD_WORK", 0)      # every surface in the thread
    w = open_window(qtbot, "xor")
    try:
        panel = w.descent.slice
        w.descent.show_slice()
        panel.grid.setValue(701)                             # long enough to be running below
        panel.compute()
        assert panel.busy() and panel.status.text().startswith("Computing")
        w.findChild(QDockWidget, "descent_dock").hide()
        combo = w.findChild(QComboBox, "preset")
        combo.setCurrentText("and")
        combo.activated.emit(combo.currentIndex())           # another network
        assert panel.worker is None and not panel.busy()
        assert not panel.status.text().startswith("Computing") and panel.surface is None
    finally:
        w.close()


def test_a_narrow_floating_dock_keeps_the_controls_above_the_plot(qtbot):
    """520 × 320 is wider than high, but beside the controls the plot had 141 px and a
    sideways scroll bar: the controls go beside only where the plot keeps 20 text lines."""
    w = open_window(qtbot, "toy-40-80")
    try:
        dock = w.findChild(QDockWidget, "descent_dock")
        action(w, "descent_dock_toggle").trigger()
        qtbot.waitUntil(lambda: dock.isVisible())
        dock.setFloating(True)
        dock.resize(520, 320)
        functions = w.descent.view.functions
        qtbot.waitUntil(lambda: not functions.arrangement.beside, timeout=2000)
        dock.resize(1300, 320)                                # wide enough now: beside
        qtbot.waitUntil(lambda: functions.arrangement.beside, timeout=2000)
        plot = functions.plots.currentWidget()
        assert plot.width() >= 20 * functions.fontMetrics().height()
    finally:
        w.close()


def test_over_the_whole_window_and_back_and_after_presentation_mode(qtbot):
    """At 1366×768 in presentation mode the dock's plot was 95 px; Ctrl+Shift+D puts the
    explorer over the whole window and back, and leaving presentation mode gives the dock its
    room again (it had stayed a strip)."""
    from bpviz.ui.lecture.zoom import zoom

    w = open_window(qtbot, "toy-40-80", size=(1366, 768))
    try:
        dock = w.findChild(QDockWidget, "descent_dock")
        action(w, "descent_dock_toggle").trigger()
        action(w, "presentation_mode").trigger()
        qtbot.wait(50)
        enlarge = action(w, "descent_enlarge")
        assert enlarge.shortcut().toString() == "Ctrl+Shift+D"
        enlarge.trigger()
        qtbot.waitUntil(lambda: dock.isFloating())
        assert dock.size() == w.size()
        plot = w.descent.view.functions.plots
        assert plot.height() > 0.5 * w.height()
        enlarge.trigger()                                     # back into the window
        qtbot.waitUntil(lambda: not dock.isFloating())
        assert not enlarge.isChecked()
        enlarge.trigger()                                     # enlarged, then closed by its ×:
        qtbot.waitUntil(lambda: dock.isFloating())
        dock.close()
        qtbot.waitUntil(lambda: not enlarge.isChecked())
        enlarge.trigger()                                     # the next press enlarges it again
        qtbot.waitUntil(lambda: dock.isVisible() and dock.isFloating())
        assert dock.size() == w.size()
        enlarge.trigger()
        qtbot.waitUntil(lambda: not dock.isFloating())
        action(w, "presentation_mode").trigger()              # leaving
        qtbot.waitUntil(lambda: dock.height() >= 0.3 * w.height(), timeout=2000)
    finally:
        w.close()
        zoom().set_factor(1.0)


def test_opened_first_by_ctrl_shift_d_its_network_lists_are_filled(qtbot):
    """Floated over the window it is shown without a visibility change: P and Q had stayed
    empty when Ctrl+Shift+D was how the explorer was first opened."""
    from PySide6.QtWidgets import QComboBox
    w = open_window(qtbot, "toy-40-80", size=(1366, 768))
    try:
        action(w, "descent_enlarge").trigger()
        p = w.findChild(QComboBox, "descent_slice_p")
        qtbot.waitUntil(lambda: p.count() == 9)      # W¹ 3×2, W² 1×3: nine weights, no biases
    finally:
        action(w, "descent_enlarge").trigger()
        w.close()


def test_moving_only_the_sliced_weight_keeps_c_on_the_slice(win, qtbot):
    """Editing W¹₁₁ alone moves the point along the slice: C there is the slice's own, and
    the status does not warn that other weights moved. By hand: W¹₁₁ = 0.6 gives hidden
    neuron 1 z = 0.6·40 + 0.5·80 = 64, ŷ = 64 + 60 + 60 = 184, C = ½(184 − 60)² = 7688."""
    action(win, "descent_dock_toggle").trigger()
    ctrl_click_edge(qtbot, win, 1, 0, 0)
    ctrl_click_edge(qtbot, win, 1, 0, 1)
    panel = win.descent.slice
    win.session.set_weight(1, 0, 0, "0.6")
    qtbot.waitUntil(lambda: "Now C" in panel.status.text())
    status = panel.status.text()
    assert "Now C = 7688 at (0.6, 0.5)" in status and "other weights moved" not in status
