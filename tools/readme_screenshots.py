"""Regenerate the README's screenshots from the real main window, drawn offscreen.

    QT_QPA_PLATFORM=offscreen python tools/readme_screenshots.py [NAME ...]

Each picture drives the window the way a user would (step, train, draw, tick a mistake) and
saves `window.grab()` under docs/. With no NAME every picture is made.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton, QSpinBox, QWidget  # noqa: E402

from bpviz.ui.widgets.dock import bring_to_front  # noqa: E402

DOCS = Path(__file__).resolve().parent.parent / "docs"


def settle(app, seconds=0.3):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def window(app, preset, size=(1600, 1000)):
    from bpviz.app import create_main_window

    win = create_main_window(preset)
    win.resize(*size)
    win.show()
    settle(app)
    return win


def steps(app, win, n):
    action = win.findChild(QAction, "step_forward")
    for _ in range(n):
        action.trigger()
        settle(app, 0.05)


def train(app, win, seconds):
    """Play at the window's own speed for `seconds`, then pause and let the views catch up."""
    win.training_panel.play.click()
    settle(app, seconds)
    win.training_panel.pause.click()
    deadline = time.monotonic() + 20
    while win.training.state != "paused" and time.monotonic() < deadline:
        settle(app, 0.1)
    settle(app, 0.5)


def save(win, name):
    path = DOCS / f"{name}.png"
    win.grab().save(str(path), "PNG")
    print(path)


def toy_forward(app):
    win = window(app, "toy-40-80")
    steps(app, win, 2)                      # input, layer 1, layer 2: z² = 180
    save(win, "toy-forward")
    win.close()


def toy_backward(app):
    win = window(app, "toy-40-80")
    steps(app, win, 5)                      # … loss, δ², δ¹ with ∂C/∂W¹ = 4800 / 9600
    save(win, "toy-backward")
    win.close()


def xor_training(app):
    win = window(app, "xor")
    train(app, win, 6.0)
    win.walk.restart()                      # (a pause keeps the walk at the loss)
    steps(app, win, 2)                      # the sample's forward pass through the trained net
    save(win, "xor-training")
    win.close()


def digits(app):
    win = window(app, "mnist")
    for _ in range(3):                      # three epochs on the bundled subset
        win.findChild(QAction, "step_epoch_action").trigger()
        deadline = time.monotonic() + 30
        settle(app, 0.5)
        while win.training.state != "paused" and time.monotonic() < deadline:
            settle(app, 0.1)
    bring_to_front(win, win.digits.draw_dock)
    settle(app)
    canvas = win.findChild(QWidget, "draw_canvas")
    w, h = canvas.width(), canvas.height()
    seven = [(0.3, 0.25), (0.7, 0.25), (0.62, 0.45), (0.55, 0.6), (0.5, 0.8)]
    points = [QPoint(int(x * w), int(y * h)) for x, y in seven]
    QTest.mousePress(canvas, Qt.LeftButton, Qt.NoModifier, points[0])
    for a, b in zip(points, points[1:]):
        for t in range(1, 9):
            QTest.mouseMove(canvas, a + (b - a) * (t / 8))
            settle(app, 0.01)
    QTest.mouseRelease(canvas, Qt.LeftButton, Qt.NoModifier, points[-1])
    settle(app, 0.5)
    bring_to_front(win, win.digits.draw_dock)
    settle(app, 0.3)
    save(win, "digits")
    win.close()


def confusion(app):
    """A classroom projector's 1366×768 after three epochs: the Confusion tab clicked, then the
    cell of the most common mistake, its digits beside the matrix."""
    import numpy as np

    from bpviz.ui.widgets.dock import dock_tab_bars

    win = window(app, "mnist", size=(1366, 768))
    for _ in range(3):
        win.findChild(QAction, "step_epoch_action").trigger()
        deadline = time.monotonic() + 30
        settle(app, 0.5)
        while win.training.state != "paused" and time.monotonic() < deadline:
            settle(app, 0.1)
    bar, i = next((b, i) for b in dock_tab_bars(win) if b.isVisible()
                  for i in range(b.count()) if b.tabText(i) == "Confusion matrix")
    QTest.mouseClick(bar, Qt.LeftButton, Qt.NoModifier, bar.tabRect(i).center())
    settle(app, 0.3)
    matrix = win.digits.confusion.matrix
    off = matrix.counts.copy()
    np.fill_diagonal(off, 0)
    t, p = map(int, np.unravel_index(np.argmax(off), off.shape))
    QTest.mouseClick(matrix, Qt.LeftButton, Qt.NoModifier, matrix.cell_centre(t, p))
    settle(app, 0.5)
    save(win, "confusion")
    win.close()


def bug_lab(app):
    win = window(app, "seed-003")
    win.bug_lab_dock.raise_()
    win.findChild(QSpinBox, "bug_epochs").setValue(3000)
    QTest.mouseClick(win.findChild(QPushButton, "bug_train"), Qt.LeftButton)
    win.bug_lab.side.wait_for_training()
    dock = win.bug_lab_dock                 # the lab on its own, large enough to read
    dock.setFloating(True)
    dock.resize(1100, 1400)
    settle(app, 0.5)
    path = DOCS / "bug-lab.png"
    dock.grab().save(str(path), "PNG")
    print(path)
    win.close()


def descent_toy_update(app):
    """The toy's surface over W¹₁₁ and W¹₁₂ (Ctrl+click on both edges) and the one update
    from (0.5, 0.5) to (0.452, 0.404) as an arrow."""
    win = window(app, "toy-40-80", size=(1400, 1000))
    win.descent.pick(("edge", 1, 0, 0))
    win.descent.pick(("edge", 1, 0, 1))
    span = win.descent.slice.span
    span.setText("0.25")
    win.descent.slice.compute()
    settle(app, 0.3)
    win.findChild(QAction, "apply_update").trigger()
    settle(app, 0.5)
    save(win, "descent-toy-update")
    win.close()


def presentation(app):
    win = window(app, "xor", size=(1920, 1080))
    win.findChild(QAction, "presentation_mode").trigger()     # 2×, the side panels hidden
    settle(app, 0.3)
    steps(app, win, 3)
    settle(app, 0.5)
    save(win, "presentation")
    win.close()


def mnist_backward(app):
    win = window(app, "mnist", size=(1500, 950))
    for _ in range(2):                      # two epochs: the units' weights take shapes
        win.findChild(QAction, "step_epoch_action").trigger()
        deadline = time.monotonic() + 30
        settle(app, 0.5)
        while win.training.state != "paused" and time.monotonic() < deadline:
            settle(app, 0.1)
    win.walk.restart()                      # (a pause keeps the walk at the loss)
    steps(app, win, 5)                      # the backward pass at layer 1: δ¹, ∂C/∂W¹
    view = win.network_view
    strip = view.digit_items.strip
    column = strip.columns[7 % len(strip.columns)]      # the column of unit 8 (index 7)
    x = column.mapRectToParent(column.boundingRect()).center().x()
    unit = view.getViewBox().mapViewToScene(QPointF(x, strip.lay.y[1][7]))
    QTest.mouseMove(view.viewport(), view.mapFromScene(unit))     # unit 8 drawn large
    settle(app, 0.3)
    save(win, "mnist-backward")
    win.close()


def network_only(app):
    win = window(app, "mnist", size=(1366, 768))        # a classroom projector
    win.findChild(QAction, "step_epoch_action").trigger()
    deadline = time.monotonic() + 30
    settle(app, 0.5)
    while win.training.state != "paused" and time.monotonic() < deadline:
        settle(app, 0.1)
    win.walk.restart()
    win.findChild(QAction, "presentation_mode").trigger()
    win.findChild(QAction, "network_only").trigger()     # Ctrl+Shift+N: the view takes the window
    win.resize(1366, 768)        # (offscreen there is no 768-px screen to hold the zoomed window)
    settle(app, 0.3)
    steps(app, win, 3)                                  # the loss: the ten outputs against y
    settle(app, 0.5)
    save(win, "network-only")
    win.close()


PICTURES = {f.__name__.replace("_", "-"): f for f in (toy_forward, toy_backward, xor_training,
                                                        digits, confusion, mnist_backward, bug_lab,
                                                        presentation, network_only,
                                                        descent_toy_update)}


def main(names) -> None:
    app = QApplication.instance() or QApplication([])
    settings = tempfile.TemporaryDirectory(prefix="bpviz-shots-")      # a first launch
    QSettings.setPath(QSettings.NativeFormat, QSettings.UserScope, settings.name)
    for name in names or PICTURES:
        PICTURES[name](app)
        settle(app, 0.2)


if __name__ == "__main__":
    main(sys.argv[1:])
