"""The confusion dock as a class reads it at 1366×768 after a few epochs: ten whole rows in the
dock, the counts written in the cells, a single mistake not white, one message per click, and
the clicked cell's digits with room for a row of thumbnails."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QWidget

from bpviz.core.presets import get_preset
from bpviz.training.trainer import Trainer
from bpviz.ui.widgets.dock import dock_tab_bars

try:
    from .window_helpers import open_window
except ImportError:
    from window_helpers import open_window  # noqa: F401


@pytest.fixture(scope="module")
def trained_params():
    preset = get_preset("mnist")
    net, data = preset.network(), preset.dataset()
    Trainer(net, data.x, data.y, eta=3.0, batch_size=10, seed=1).run(3)
    return net.params.copy()


@pytest.fixture
def small_window(qtbot, trained_params):
    """A 1366×768 window on mnist, trained weights, the Confusion tab clicked."""
    win = open_window(qtbot, "mnist", (1366, 768))
    win.session.set_params(trained_params)
    bar, i = next((b, i) for b in dock_tab_bars(win) if b.isVisible()
                  for i in range(b.count()) if b.tabText(i) == "Confusion matrix")
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(i).center())
    qtbot.wait(100)
    yield win
    win.close()


def painted_texts(matrix, monkeypatch) -> list[tuple[QRectF, str]]:
    """What the matrix writes where, when it paints."""
    texts, draw = [], QPainter.drawText

    def record(painter, *args):
        if len(args) >= 3 and isinstance(args[0], QRectF):
            texts.append((painter.transform().mapRect(args[0]), args[2]))
        return draw(painter, *args)
    monkeypatch.setattr(QPainter, "drawText", record)
    matrix.grab()
    monkeypatch.undo()
    return texts


def test_ten_whole_rows_with_their_counts_in_the_dock(small_window, monkeypatch):
    win = small_window
    matrix = win.digits.confusion.matrix
    counts = matrix.counts
    assert counts.sum() == 1000 and (counts - np.diag(np.diag(counts))).sum() > 0
    viewport = win.digits.confusion_dock.widget().viewport()
    em = matrix.fontMetrics().height()
    for t in range(10):                   # every row inside the widget and the dock's view
        rect = matrix.cell_rect(t, 9)
        bottom = matrix.mapTo(viewport, QPoint(int(rect.right()), int(rect.bottom())))
        assert rect.bottom() <= matrix.height() and rect.right() <= matrix.width()
        assert 0 <= bottom.y() <= viewport.height() and bottom.x() <= viewport.width()
    assert matrix.cell_rect(0, 0).width() >= 0.8 * em        # cells as large as fit
    texts = painted_texts(matrix, monkeypatch)
    for t, p in zip(*np.nonzero(counts)):                    # each count written in its cell
        cell = matrix.cell_rect(int(t), int(p))
        assert any(text == str(counts[t, p]) and cell.contains(r.center())
                   for r, text in texts), (t, p)


def test_a_single_mistake_is_not_white(small_window):
    matrix = small_window.digits.confusion.matrix
    off = matrix.counts.copy()
    np.fill_diagonal(off, 0)
    assert (off == 1).any() and off.max() > 1
    image = matrix.grab().toImage()
    ratio = image.width() / matrix.width()
    for t, p in np.argwhere(off == 1)[:3]:
        rect = matrix.cell_rect(int(t), int(p))
        colour = QColor(image.pixel(int((rect.left() + 2) * ratio), int((rect.top() + 2) * ratio)))
        assert min(colour.red(), colour.green(), colour.blue()) < 235, (t, p, colour.name())
    assert "own" in matrix.toolTip() and str(off.max()) in matrix.toolTip()   # the legend says so


def test_a_click_says_the_cell_once_and_its_digits_get_room(small_window, qtbot):
    win = small_window
    panel = win.digits.confusion
    matrix = panel.matrix
    off = matrix.counts.copy()
    np.fill_diagonal(off, 0)
    t, p = map(int, np.unravel_index(np.argmax(off), off.shape))
    said = matrix.hover_text(t, p)
    qtbot.mouseMove(matrix, matrix.cell_centre(t, p))
    assert panel.findChild(QLabel, "confusion_hover").text() == said
    qtbot.mouseClick(matrix, Qt.LeftButton, pos=matrix.cell_centre(t, p))
    qtbot.mouseMove(matrix, matrix.cell_centre(t, p) + QPoint(1, 0))      # still on the cell
    qtbot.wait(50)
    shown = [label.text() for label in panel.findChildren(QLabel)     # (not the tooltip)
             if label.isVisible() and label.windowType() != Qt.ToolTip]
    assert sum(text.count(said) for text in shown) == 1, shown
    gallery = win.findChild(QWidget, "digit_gallery")
    assert gallery.count() == off[t, p]
    viewport = win.digits.confusion_dock.widget().viewport()
    top_left = gallery.mapTo(viewport, QPoint(0, 0))
    assert gallery.viewport().height() >= gallery.gridSize().height()     # a row of thumbnails
    assert gallery.viewport().width() >= gallery.gridSize().width()
    assert top_left.y() + gallery.height() <= viewport.height()           # on screen
    for row in range(10):                 # the matrix keeps its ten rows beside the digits
        rect = matrix.cell_rect(row, 9)
        assert rect.bottom() <= matrix.height() and rect.right() <= matrix.width()


def test_a_matrix_without_mistakes_says_none(qtbot):
    from bpviz.ui.digits.confusion import ConfusionMatrix

    matrix = ConfusionMatrix()
    qtbot.addWidget(matrix)
    matrix.set_counts(np.diag([100] * 10))
    assert matrix._legend_lines() == ["right", "wrong: none"]      # not "wrong: 1 to 1"
    assert "no mistakes now" in matrix.legend_text() and "0 digits" not in matrix.legend_text()
    counts = np.diag([100] * 10)
    counts[3, 5] = 1
    matrix.set_counts(counts)
    assert matrix._legend_lines()[1] == "wrong: 1"


def test_the_clicked_cells_digits_follow_new_weights(small_window, qtbot):
    """The digits shown for a clicked cell are worked out again when the matrix is (each
    epoch while training, Update, other data): they had stayed those of the old weights."""
    win = small_window
    panel = win.digits.confusion
    matrix = panel.matrix
    off = matrix.counts.copy()
    np.fill_diagonal(off, 0)
    off[:, 0] = 0                                   # a mistake predicted as a digit other than 0
    t, p = map(int, np.unravel_index(np.argmax(off), off.shape))
    qtbot.mouseClick(matrix, Qt.LeftButton, pos=matrix.cell_centre(t, p))
    gallery = win.findChild(QWidget, "digit_gallery")
    assert gallery.count() == off[t, p]
    params = win.session.network.params.copy()
    params[:] = 0                                   # every digit now predicted as class 0
    win.session.set_params(params)
    panel.recompute()
    assert gallery.count() == matrix.counts[t, p] == 0      # (p ≠ 0: no digit there now)
    assert panel.findChild(QLabel, "gallery_title").text().startswith(matrix.hover_text(t, p))
