"""Zooming in stops where the window would no longer fit on its screen: a step whose larger
fonts make the window's minimum size more than the screen's free area is taken back, and the
status bar says why. At 3× on a 1366×768 screen the window's minimum height had grown to
889 pixels, the status bar and the loss curve's axis below the screen's edge, and Ctrl+0 did
not bring it back. (A window already larger than its screen is left to its user.)

It stops, too, where the network view would become too short for its labels
(`NetworkView.room_short`): at 1.75× on a 1366×768 screen the toy's weights had gone from
its edges and the layer headers had run into the neurons' labels."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, QTimer

from .network_only import KEY as NETWORK_ONLY_KEY
from .zoom import zoom

SETTLE_MS = 150        # the new fonts, and the docks' sizes that follow them, arrive late


def tr(text: str) -> str:
    return QCoreApplication.translate("Lecture", text)


def screen_room(window) -> QSize | None:
    """The room the window has, frame and all: the screen's free area (all of the screen
    for a full-screen window)."""
    screen = window.screen()
    if screen is None:
        return None
    return (screen.geometry() if window.isFullScreen() else screen.availableGeometry()).size()


def frame_margins(window) -> QSize:
    return window.frameGeometry().size() - window.size()


def zoom_in(window) -> None:
    """One zoom step larger; taken back if the window then cannot fit on its screen. While
    a step is being checked, further steps wait for it (a held key repeats faster than the
    new fonts settle, and had slipped past the check)."""
    if getattr(window, "zoom_check_pending", False):
        return
    room = screen_room(window)
    frame = window.frameGeometry().size()
    fitted = room is not None and frame.width() <= room.width() and frame.height() <= room.height()
    before = zoom().factor
    view = getattr(window, "network_view", None)
    layers = view.labelled_layers() if view is not None else frozenset()
    # (a view short already, in a small window, may zoom; the same layers are measured after)
    had_room = _view_short(window, layers) < 1
    zoom().step(+1)
    if fitted and zoom().factor != before:
        window.zoom_check_pending = True
        QTimer.singleShot(SETTLE_MS, window,
                          lambda: _fits(window, before, room, had_room, layers))


def _view_short(window, layers=None) -> float:
    view = getattr(window, "network_view", None)
    return view.room_short(layers) if view is not None and view.isVisible() else 0.0


def _fits(window, before: float, room: QSize, had_room: bool = False, layers=None) -> None:
    need = window.minimumSizeHint() + frame_margins(window)
    short = _view_short(window, layers) if had_room else 0.0
    if need.width() <= room.width() and need.height() <= room.height() and short < 1:
        window.zoom_check_pending = False
        return
    zoom().set_factor(before)
    # (steps wait until the window is back within the screen, too)
    QTimer.singleShot(SETTLE_MS, window, lambda: _within(window, room))
    if short >= 1:
        message = tr("No larger zoom: the network would lose its labels ({0} shows it "
                     "alone)").format(NETWORK_ONLY_KEY)
    else:
        message = tr("No larger zoom: the window would need {0} × {1} pixels, and the screen "
                     "has {2} × {3}").format(need.width(), need.height(), room.width(), room.height())
    window.statusBar().showMessage(message, 8000)


def _within(window, room: QSize) -> None:
    """The window, frame and all, back within the screen (the refused step had grown it)."""
    window.zoom_check_pending = False
    if window.isMaximized() or window.isFullScreen():
        return                               # (the window system sizes those)
    frame = frame_margins(window)
    window.resize(min(window.width(), room.width() - frame.width()),
                  min(window.height(), room.height() - frame.height()))
