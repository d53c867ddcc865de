"""Data near ±1e308 (as the command line accepts it) in the window: the data is used, the
decision boundaries say they cannot draw such a range instead of raising from pyqtgraph
("Cannot set range [-inf, inf]") out of the Session's `changed` handler."""

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox

try:
    from .explorer_helpers import widget
    from .window_helpers import open_window
except ImportError:
    from explorer_helpers import widget
    from window_helpers import open_window


def huge_csv(tmp_path, targets=("1e308", "0")):
    path = tmp_path / "huge.csv"
    path.write_text(f"1e308,1e308,{targets[0]}\n-1e308,1e308,{targets[1]}\n")
    return path


def test_huge_data_is_used_and_the_boundary_says_it_cannot_draw_it(qtbot, tmp_path):
    win = open_window(qtbot, "xor")
    assert win.data_panel.load_csv_file(huge_csv(tmp_path), "")
    qtbot.wait(20)
    assert win.session.dataset.x[0, 0] == 1e308            # the data is the file's
    view = win.boundary
    note = win.findChild(QLabel, "boundary_note").text()
    assert not view.usable and "too large to draw" in note and "\n" not in note
    assert not view.plot.isVisibleTo(win)
    view.fit_view()                                        # the menu's Fit: nothing to fit
    win.close()


def test_large_but_drawable_data_still_gets_its_boundary(qtbot, tmp_path):
    path = tmp_path / "large.csv"
    path.write_text("1e100,1e100,1\n-1e100,0,0\n0,-1e100,1\n")
    win = open_window(qtbot, "xor")
    assert win.data_panel.load_csv_file(path, "")
    view = win.boundary
    assert view.usable and all(np.isfinite(view.extent))
    win.close()


def test_the_bug_labs_boundaries_hide_for_data_they_cannot_draw(qtbot, tmp_path):
    win = open_window(qtbot, "seed-003")
    win.bug_lab_dock.raise_()
    assert win.data_panel.load_csv_file(huge_csv(tmp_path, ("1", "0")), "")
    lab = win.bug_lab.side
    widget(win, "bug_epochs", QSpinBox).setValue(3)
    qtbot.mouseClick(widget(win, "bug_train", QPushButton), Qt.LeftButton)
    lab.wait_for_training()
    assert not lab.boundaries.isVisible()
    win.close()


def test_extent_and_colour_levels_never_overflow():
    from bpviz.ui.training.boundary import PLANE_LIMIT, grid_extent, to_unit

    assert grid_extent(np.array([[1e308, 1e308], [-1e308, 1e308]])) is None
    assert grid_extent(np.array([[PLANE_LIMIT, 0.0], [-PLANE_LIMIT, 1.0]])) is not None
    unit = to_unit(np.array([-1e308, 0.0, 1e308, np.inf]), (-1e308, 1e308))
    assert np.allclose(unit, [-1, 0, 1, 1])
    assert np.array_equal(to_unit(np.array([1.0, 2.0]), (-np.inf, np.inf)), [0.0, 0.0])
