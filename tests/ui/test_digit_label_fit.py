"""The digit labels' δ is shown where it fits: the fit is decided from widths measured before
the labels are set, and those widths follow the labels' font and margin."""

from PySide6.QtGui import QAction, QFont

try:
    from .window_helpers import open_window  # noqa: F401
except ImportError:
    from window_helpers import open_window  # noqa: F401


def to_backward(win) -> None:
    forward = win.findChild(QAction, "step_forward")
    while win.walk.step.phase != "backward":
        forward.trigger()


def test_the_measured_widths_are_the_labels_own(qtbot):
    win = open_window(qtbot, "mnist")
    to_backward(win)
    items = win.network_view.digit_items
    for j, item in enumerate(items.digits):
        assert items._width(item, items._html[j]) == item.textItem.boundingRect().width()
    # the labels carry δ exactly when all ten would end inside the view
    htmls = items._label_htmls(win.walk.step.a[2], win.walk.step.delta[1])
    assert ("δ" in items._html[0]) == items._labels_fit(htmls)
    win.close()


def test_a_width_is_measured_again_in_a_new_font_and_margin(qtbot):
    win = open_window(qtbot, "mnist")
    to_backward(win)
    items = win.network_view.digit_items
    item, html = items.digits[3], "<b>3</b>&nbsp; a = 0.123&nbsp; δ = 0.05"
    before = items._width(item, html)                       # remembered in the old font
    font = QFont(item.textItem.font())
    font.setPointSizeF(2 * font.pointSizeF())
    item.setFont(font)
    item.textItem.document().setDocumentMargin(1.0)
    item.textItem.setHtml(html)
    assert items._width(item, html) == item.textItem.boundingRect().width() > before
    win.close()
