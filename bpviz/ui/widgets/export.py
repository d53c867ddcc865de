"""Atomic exports from the window: a widget as a PNG image and text files (CSV, JSON), each
written to a temporary file in the same folder and then put in place (core/files.py), so a
crash or a full disk never leaves half a file. And where every file dialog opens: the folder
of the last file opened or saved."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...core.errors import BpvizError
from ...core.files import write_atomic, write_atomic_with
from .export_render import drawn_finer
from .mnemonics import ask

EXPORT_SCALE = 2.0          # pixels per screen pixel of an exported image, at least …
EXPORT_MIN_WIDTH = 1200     # … and enough for this width, up to
EXPORT_MAX_SCALE = 4.0


def export_scale(widget: QWidget) -> float:
    """How many times the on-screen size an exported image is drawn at: 2, more for a
    small plot (a 340-pixel-wide one prints blurred on a worksheet), at most 4."""
    return min(EXPORT_MAX_SCALE, max(EXPORT_SCALE, EXPORT_MIN_WIDTH / max(1, widget.width())))


def render_image(widget: QWidget) -> QImage:
    """`widget` as drawn now, drawn again at `export_scale` times the screen's resolution:
    text and lines are drawn at that resolution, not enlarged. The image says so in its
    dots per inch (the screen's times the scale), so a document shows it at the size it had
    on screen."""
    scale = export_scale(widget)
    ratio = widget.devicePixelRatioF() * scale
    pixmap = QPixmap(widget.size() * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(widget.palette().window().color())
    with drawn_finer(widget, scale):      # lines as wide as on screen, nothing from a cache
        QWidget.render(widget, pixmap)    # (QGraphicsView.render draws a scene instead)
    image = pixmap.toImage()
    # the image's pixels per inch of the widget on screen: it prints at the size it shows
    dots_per_metre = round(widget.logicalDpiX() * ratio / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def save_png(widget: QWidget, path) -> None:
    """`widget` as drawn now, at `export_scale` times its screen size, as a PNG at `path`
    (BpvizError with one line on failure). The format is given explicitly: the temporary
    file's name ends in .tmp."""
    image = render_image(widget)
    write_atomic_with(path, lambda tmp: image.save(tmp, "PNG"))


def save_text(path, text: str) -> None:
    """`text` as UTF-8 at `path` (BpvizError with one line on failure)."""
    write_atomic(path, text)


def folder(name: str = "") -> str:
    """Where the file dialogs open: the folder of the last file opened or saved, else the home
    folder (not wherever bpviz was started from); `name` suggested in it."""
    last = QSettings("bpviz", "bpviz").value("files/folder")
    base = Path(last) if isinstance(last, str) and Path(last).is_dir() else Path.home()
    return str(base / name) if name else str(base)


def suggested(stem: str, filt: str) -> str:
    """The name a save dialog suggests: `stem` with the first extension of the filter
    ("loss", "PNG image (*.png)" → "loss.png")."""
    found = re.search(r"\*(\.\w+)", filt)
    return stem + (found.group(1) if found else "")


def remember(path) -> None:
    """The folder of a file just opened or saved, for the next dialog."""
    QSettings("bpviz", "bpviz").setValue("files/folder", str(Path(path).resolve().parent))


def save_with_dialog(parent: QWidget, title: str, filt: str, write, name: str = "",
                     failed: str = "") -> str | None:
    """A save dialog opened in `folder(name)`, then `write(path)`: a failure (BpvizError) is
    one line in a dialog titled `failed` (else `title`), a success remembers the folder for
    the next dialog and returns the path (None: cancelled or failed)."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, folder(name), filt)
    if not path:
        return None
    named = with_suffix(path, chosen or filt)
    if named != path and _exists(named) and ask(
            parent, title, QCoreApplication.translate("Export", "{0} already exists. Replace it?")
            .format(Path(named).name), QMessageBox.Yes | QMessageBox.No,
            QMessageBox.No) != QMessageBox.Yes:
        return None         # (the dialog asked about the name typed, not about this one)
    path = named
    try:
        write(path)
    except BpvizError as err:
        QMessageBox.warning(parent, failed or title, str(err))
        return None
    remember(path)
    window = parent.window() if parent is not None else None
    if window is not None and hasattr(window, "statusBar"):
        window.statusBar().showMessage(
            QCoreApplication.translate("Export", "Saved {0}").format(path), 6000)
    return path


def _is_dir(path: str) -> bool:
    try:
        return Path(path).is_dir()
    except OSError:
        return False


def _exists(path: str) -> bool:
    """Whether a file is there (a name too long for the system is not: the write says so)."""
    try:
        return Path(path).exists()
    except OSError:
        return False


def with_suffix(path: str, filt: str) -> str:
    """`path` ending in one of the filter's extensions: "buglab" or "eta-0.5" with "PNG image
    (*.png)" is "buglab.png", "eta-0.5.png" (a PNG and a CSV both saved as "buglab" had
    replaced each other, and neither opened with a double-click)."""
    extensions = [e.lower() for e in re.findall(r"\*\.([A-Za-z0-9]+)", filt or "")]
    if not extensions or _is_dir(path):                  # (a folder: refused later)
        return path
    # "xor-eta-0.5" has no extension of this kind; "buglab.png" typed for a CSV is not one
    if Path(path).suffix.lstrip(".").lower() in extensions:
        return path
    return f"{path}.{extensions[0]}"
