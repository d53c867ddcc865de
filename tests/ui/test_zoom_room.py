"""Zooming in stops where the window would no longer fit on its screen (the offscreen
screen here is 800 × 800): the step is taken back and the status bar says why. At 3× on a
1366×768 screen the window had grown to 889 pixels, its status bar below the screen's edge."""

from PySide6.QtGui import QAction

from bpviz.ui.lecture.zoom import zoom

try:
    from .window_helpers import open_window
except ImportError:
    from window_helpers import open_window


def small_window(qtbot):
    """An XOR window that fits the 800 × 800 offscreen screen."""
    return open_window(qtbot, "xor", size=(760, 700))


def zoom_until_refused(qtbot, win, steps=8) -> list:
    """Zoom in step by step, each step checked, until the status bar says no (or `steps`);
    the status bar's message after each step."""
    zoom_in = win.findChild(QAction, "zoom_in")
    messages = []
    for _ in range(steps):
        zoom_in.trigger()
        qtbot.waitUntil(lambda: not getattr(win, "zoom_check_pending", False), timeout=3000)
        messages.append(win.statusBar().currentMessage())
        if messages[-1].startswith("No larger zoom"):
            break
    return messages


def test_zoom_in_stops_where_the_window_would_leave_the_screen(qtbot, monkeypatch):
    from bpviz.ui.explorer.network_view import NetworkView
    # (the screen's rule alone: the network view's own stop is the test below)
    monkeypatch.setattr(NetworkView, "room_short", lambda self, layers=None: 0.0)
    win = small_window(qtbot)
    try:
        room = win.screen().availableGeometry()
        zoom_in = win.findChild(QAction, "zoom_in")
        factors = []
        for _ in range(8):
            zoom_in.trigger()
            qtbot.waitUntil(lambda: not getattr(win, "zoom_check_pending", False), timeout=3000)
            factors.append(zoom().factor)
        assert factors[0] > 1.0 and factors[-1] == factors[-2] < 3.0     # it stopped
        need = win.minimumSizeHint()
        assert need.width() <= room.width() and need.height() <= room.height()
        frame = win.frameGeometry()
        assert frame.width() <= room.width() and frame.height() <= room.height()
        assert win.statusBar().currentMessage().startswith("No larger zoom")
        win.findChild(QAction, "zoom_reset").trigger()
        assert zoom().factor == 1.0
    finally:
        win.close()
        zoom().set_factor(1.0)


def test_a_held_zoom_key_cannot_slip_past_the_check(qtbot):
    """Presses 35 ms apart (a key's auto-repeat) had reached 1.75×, 817 px on an 800 px
    screen: a step waits until the one before has been checked."""
    win = small_window(qtbot)
    try:
        room = win.screen().availableGeometry()
        zoom_in = win.findChild(QAction, "zoom_in")
        for _ in range(30):
            zoom_in.trigger()
            qtbot.wait(35)
        qtbot.wait(600)
        frame = win.frameGeometry()
        need = win.minimumSizeHint() + (frame.size() - win.size())
        assert need.width() <= room.width() and need.height() <= room.height()
        assert frame.width() <= room.width() and frame.height() <= room.height()
    finally:
        win.close()
        zoom().set_factor(1.0)



def test_zoom_in_stops_where_the_network_view_would_be_too_short_for_its_labels(qtbot):
    """At 1.75× on a 1366×768 screen the toy's network view had been squeezed to 176 pixels
    of scene: its weights gone from the edges, the layer headers over the neurons' labels."""
    win = open_window(qtbot, "toy-40-80", size=(790, 780))
    try:
        messages = zoom_until_refused(qtbot, win)
        assert zoom().factor < 3.0
        assert any(m.startswith("No larger zoom: the network would lose its labels") for m in messages)
        assert win.network_view.room_short() < 1
    finally:
        win.close()
        zoom().set_factor(1.0)


def test_mnist_zoom_stops_before_its_digit_labels_run_into_each_other(qtbot):
    """MNIST at 1920×1080 zoomed on to 3×, its ten output labels drawn over each other: the
    check had counted the 30 hidden units, never labelled, at two lines each, found the view
    short at 1× already, and so let every step pass."""
    win = open_window(qtbot, "mnist", size=(790, 780))
    try:
        win.findChild(QAction, "network_only").trigger()    # (room at 1× on this small screen)
        qtbot.wait(100)
        view = win.network_view
        assert view.room_short() < 1                    # at 1× the labels it shows fit
        messages = zoom_until_refused(qtbot, win)
        assert messages[-1].startswith("No larger zoom: the network would lose its labels")
        assert view.room_short() < 1
        digits = view.digit_items.digits
        boxes = [d.mapRectToScene(d.boundingRect()) for d in digits]
        for a, b in zip(boxes, boxes[1:]):
            overlap = a.intersected(b)
            assert overlap.height() < 1 or overlap.width() < 1
    finally:
        win.close()
        zoom().set_factor(1.0)


def test_after_a_zoom_round_trip_the_docks_and_the_network_view_have_their_sizes_back(qtbot):
    """Three zoom steps and Ctrl+0 on MNIST at 1366×768 had left the right-hand column 405
    px wide instead of 327 and the network view 46 px narrower, until Reset layout."""
    from PySide6.QtWidgets import QDockWidget

    win = open_window(qtbot, "mnist", size=(1366, 768))
    try:
        mnist = win.findChild(QDockWidget, "mnist_dock")
        qtbot.wait(100)
        before = (mnist.width(), win.network_view.width(), win.network_view.height())
        zoom_in = win.findChild(QAction, "zoom_in")
        for _ in range(3):
            zoom_in.trigger()
            qtbot.waitUntil(lambda: not getattr(win, "zoom_check_pending", False), timeout=3000)
            qtbot.wait(50)
        assert zoom().factor > 1.0 and mnist.width() > before[0]       # the font widened it
        win.findChild(QAction, "zoom_reset").trigger()
        qtbot.waitUntil(lambda: abs(mnist.width() - before[0]) <= 2, timeout=2000)
        assert abs(win.network_view.width() - before[1]) <= 2
        assert abs(win.network_view.height() - before[2]) <= 8    # (the loss dock keeps lines)
    finally:
        win.close()
        zoom().set_factor(1.0)


def test_reset_layout_while_zoomed_is_not_undone_by_ctrl_0(qtbot):
    """The 1× sizes remembered when the zoom left 1× had been put back over a Reset layout
    chosen meanwhile (a 600 px dock came back)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget

    win = open_window(qtbot, "mnist", size=(1366, 768))
    try:
        mnist = win.findChild(QDockWidget, "mnist_dock")
        qtbot.wait(50)
        default = mnist.width()
        win.resizeDocks([mnist], [600], Qt.Horizontal)
        qtbot.waitUntil(lambda: mnist.width() > default + 100)
        win.findChild(QAction, "zoom_in").trigger()
        qtbot.waitUntil(lambda: not getattr(win, "zoom_check_pending", False), timeout=3000)
        win.findChild(QAction, "reset_layout").trigger()
        win.findChild(QAction, "zoom_reset").trigger()
        qtbot.wait(100)
        assert abs(mnist.width() - default) < 40
    finally:
        win.close()
        zoom().set_factor(1.0)
