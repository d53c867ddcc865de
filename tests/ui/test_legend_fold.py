"""The legend's sentence under the network takes two lines at most: MNIST's four (the labels
explained) had taken the network's room at 1366×768; the rest is in its tooltip."""

from PySide6.QtWidgets import QLabel

from bpviz.ui.widgets.folded_label import folded

try:
    from .window_helpers import open_window
except ImportError:
    from window_helpers import open_window


def test_mnists_legend_folds_to_two_lines_with_the_rest_in_its_tooltip(qtbot):
    win = open_window(qtbot, "mnist", (1366, 768))
    try:
        label = win.findChild(QLabel, "legend_text")
        qtbot.wait(50)
        full = label.full
        assert "Big weight matrices" in full and full.startswith("Edges: colour = sign of w")
        assert label.text().endswith("…") and label.text() != full
        assert label.toolTip() == full and win.panel.legend.bar.toolTip() == full
        line = label.fontMetrics().lineSpacing()
        assert label.height() <= 2 * line + line // 2             # two lines, not four
        view = win.network_view
        before = view.height()
        label.lines = 4                                           # as it was: the view shrinks
        label.setText(full)
        qtbot.wait(50)
        assert view.height() < before
    finally:
        win.close()


def test_the_toys_legend_is_whole(qtbot):
    win = open_window(qtbot, "toy-40-80", (1366, 768))
    try:
        label = win.findChild(QLabel, "legend_text")
        assert label.text() == label.full and label.toolTip() == ""
        assert "full at 1" in label.text()
    finally:
        win.close()


def test_folded_keeps_text_that_fits_and_ends_a_cut_with_an_ellipsis(qtbot):
    from PySide6.QtGui import QFont, QFontMetricsF

    font = QFont()
    words = " ".join(f"word{i}" for i in range(60))
    width = QFontMetricsF(font).horizontalAdvance("word00 " * 8)
    assert folded("short", font, width, 2) == "short"
    cut = folded(words, font, width, 2)
    assert cut.endswith("…") and words.startswith(cut[:-1].rstrip())
    assert folded(words, font, 0, 2) == words                      # no width yet: all of it
