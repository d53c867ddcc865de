"""Everything the mouse does to training has a key too (the Train menu), and Tab moves on out
of a table instead of going round its cells for ever."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QSlider

try:
    from .window_helpers import open_active
except ImportError:
    from window_helpers import open_active

TIMEOUT = 20_000


def test_the_train_menu_gives_every_training_control_a_key(qtbot):
    window = open_active(qtbot, "xor")
    try:
        bar = window.menuBar()
        titles = [a.text() for a in bar.actions()]
        assert titles.index("&Train") == titles.index("&Help") - 1
        menu = window.findChild(QMenu, "train_menu")
        keys = [a.shortcut().toString() for a in menu.actions() if not a.isSeparator()]
        assert keys == ["Space", "E", "S", "Ctrl+Shift+R", "[", "]"]
        slider = window.findChild(QSlider, "speed")
        slider.setValue(3)
        window.network_view.setFocus()
        qtbot.keyClick(window.network_view, Qt.Key_BracketRight)
        assert slider.value() == 4
        qtbot.keyClick(window.network_view, Qt.Key_BracketLeft)
        qtbot.keyClick(window.network_view, Qt.Key_BracketLeft)
        assert slider.value() == 2
        controller = window.training
        qtbot.keyClick(window.network_view, Qt.Key_Space)
        qtbot.waitUntil(lambda: controller.running and controller.epoch >= 1, timeout=TIMEOUT)
        qtbot.keyClick(window.network_view, Qt.Key_S)               # Stop: the run ends
        qtbot.waitUntil(lambda: controller.state == "idle", timeout=TIMEOUT)
        assert controller.epoch == 0 and window.session.weights_trained()   # the weights stay
    finally:
        window.close()


def test_tab_leaves_the_inspectors_table(qtbot):
    window = open_active(qtbot, "toy-40-80")
    try:
        table = next(t.table for t in window.inspector.tables if t.isVisible())
        table.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
        qtbot.keyClick(table, Qt.Key_Tab)
        assert QApplication.focusWidget() is not table
    finally:
        window.close()


def test_tab_goes_through_the_window_as_it_reads(qtbot):
    """Toolbar settings, network, legend scale, equations, tables, then the docks (it had gone
    view → inspector → toolbar → back to the inspector's tables)."""
    from PySide6.QtWidgets import QComboBox, QTableWidget

    window = open_active(qtbot, "xor")
    try:
        order, w = [], window.findChild(QComboBox, "preset")
        start = w
        for _ in range(5000):
            w = w.nextInFocusChain()
            if w is start:
                break
            if w.focusPolicy() & Qt.TabFocus and w.isVisible():
                order.append(w)
        names = [w.objectName() for w in order]
        first_table = next(i for i, w in enumerate(order) if isinstance(w, QTableWidget)
                           and window.inspector.isAncestorOf(w))
        wanted = ["sample", "input_values", "target_values", "learning_rate", "seed", "network_view",
                  "scale_mode", "equations", "copy_tables"]
        positions = [names.index(n) for n in wanted]
        assert positions == sorted(positions)
        assert names.index("copy_tables") < first_table < names.index("decision_boundary")
    finally:
        window.close()


def test_a_text_field_keeps_the_keys_that_type_even_its_first_letter(qtbot):
    """Typing "sales" into the CSV target field gave "ales" (S stopped training) and "[y]"
    gave "y]" and slowed training down; → still steps the walk from a field not being typed in."""
    from PySide6.QtWidgets import QLineEdit

    window = open_active(qtbot, "xor")
    try:
        slider = window.findChild(QSlider, "speed")
        speed = slider.value()
        field = window.findChild(QLineEdit, "csv_targets")
        window.findChild(QLineEdit, "learning_rate").setFocus()
        eta = window.findChild(QLineEdit, "learning_rate")
        qtbot.waitUntil(eta.hasFocus)
        before = window.walk.step.index
        qtbot.keyClick(eta, Qt.Key_Right)                    # not typing: the walk steps
        assert window.walk.step.index == before + 1
        from PySide6.QtWidgets import QDockWidget
        window.findChild(QDockWidget, "data_dock").raise_()      # the Data tab in front
        qtbot.waitUntil(field.isVisible)
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        qtbot.keyClicks(field, "sales [y] E U")
        assert field.text() == "sales [y] E U"
        assert slider.value() == speed and window.training.epoch == 0
    finally:
        window.close()


def test_tab_never_stops_in_a_panel_behind_another_tab(qtbot):
    """Data, Network and Bug lab sit behind the Training tab, moved off the window but still
    in Qt's focus chain: Tab had gone through ~38 of their controls, out of sight."""
    from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit, QWidget

    window = open_active(qtbot, "xor")
    try:
        window.findChild(QDockWidget, "training_dock").raise_()
        l2 = window.findChild(QLineEdit, "l2")
        l2.setFocus()
        qtbot.waitUntil(l2.hasFocus)
        hidden = [window.findChild(QDockWidget, n) for n in ("data_dock", "architecture_dock",
                                                             "bug_lab_dock")]
        visited = []
        for _ in range(25):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
            qtbot.wait(5)
            focus = QApplication.focusWidget()
            visited.append(focus)
            assert not any(d.isAncestorOf(focus) for d in hidden), focus.objectName()
        back = []
        for _ in range(10):                                   # and back the other way,
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Backtab)
            qtbot.wait(5)
            focus = QApplication.focusWidget()
            assert not any(d.isAncestorOf(focus) for d in hidden)
            back.append(focus)
        assert len(set(back)) == len(back)          # a new control each time, never stuck
        # Shift+Tab from the loss curve goes back past the hidden docks to the Training tab
        # (it had been sent forward again, back to where it came from)
        loss = window.findChild(QWidget, "loss_plot")
        loss.setFocus()
        qtbot.waitUntil(loss.hasFocus)
        seen = []
        for _ in range(6):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Backtab)
            qtbot.wait(5)
            seen.append(QApplication.focusWidget())
            if seen[-1] is l2:
                break
        assert l2 in seen and len(set(seen)) == len(seen)
    finally:
        window.close()
