"""The draw dock at 1366×768 on mnist: its ten output bars get room to be read. (They had been
squeezed to a strip about 7 pixels high, the digits under them cut in half, while the canvas
and the predicted digit kept their size.)"""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

try:
    from .window_helpers import click_dock_tab as click_tab
    from .window_helpers import open_window
except ImportError:
    from window_helpers import click_dock_tab as click_tab
    from window_helpers import open_window


def draw_seven(qtbot, canvas) -> None:
    side = min(canvas.width(), canvas.height())
    x0, y0 = (canvas.width() - side) // 2, (canvas.height() - side) // 2
    points = [QPoint(x0 + int(fx * side), y0 + int(fy * side))
              for fx, fy in ((0.25, 0.2), (0.75, 0.2), (0.45, 0.85))]
    qtbot.mousePress(canvas, Qt.LeftButton, pos=points[0])
    for p in points[1:]:
        qtbot.mouseMove(canvas, p)
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=points[-1])


def test_the_output_bars_are_readable_at_1366x768(qtbot):
    win = open_window(qtbot, "mnist", (1366, 768))
    try:
        click_tab(qtbot, win, "Draw a digit")
        canvas = win.findChild(QWidget, "draw_canvas")
        qtbot.waitUntil(lambda: not canvas.visibleRegion().isEmpty(), timeout=2000)
        draw_seven(qtbot, canvas)
        qtbot.wait(100)
        assert win.findChild(QWidget, "prediction_label").text() == "7"
        bars = win.findChild(QWidget, "output_bars")
        line = bars.fontMetrics().height()
        # a value line, a digit line and bars at least 2.5 lines tall between them
        assert bars.height() >= 5 * line
        # and on screen whole: not scrolled out of the dock, nothing cut off
        assert bars.visibleRegion().boundingRect() == bars.rect()
    finally:
        win.close()
