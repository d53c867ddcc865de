"""The inspector's table titles and summaries stay inside the inspector at 1366×768 on the
mnist walk, wrapped rather than cut. (At the last backward steps the unwrapped title "∂C/∂W¹
(30×784) — first 12 rows, the 12 columns of largest |·| …" held the tables 528 px wide in a
388 px view, and the ∂C/∂W² summary ran past its edge: "… max 0.1107, mean".)"""

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction

try:
    from .window_helpers import open_window
except ImportError:
    from window_helpers import open_window


def test_table_titles_and_summaries_fit_the_inspector_on_every_mnist_step(qtbot):
    win = open_window(qtbot, "mnist", (1366, 768))
    try:
        inspector = win.inspector
        viewport = inspector.tables_box.parentWidget()          # the tables' scroll area's
        step = win.findChild(QAction, "step_forward")
        seen = 0
        for _ in range(6):                                      # steps 2 to 7: to the update
            step.trigger()
            qtbot.wait(30)
            for table in inspector.tables:
                for label in (table.title, table.summary):
                    if label.isHidden() or table.isHidden() or not label.text():
                        continue
                    seen += 1
                    left = label.mapTo(viewport, QPoint(0, 0)).x()
                    right = label.mapTo(viewport, QPoint(label.width(), 0)).x()
                    # inside the view, however it is scrolled: nothing needs scrolling sideways
                    assert left >= 0 and right <= viewport.width(), (win.walk.step.title,
                                                                     label.text())
                    # and tall enough for its wrapped lines
                    assert label.height() >= label.heightForWidth(label.width()), label.text()
        assert seen > 10
    finally:
        win.close()
