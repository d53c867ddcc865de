"""Atomic exports from the window: a widget as a PNG image and text files (CSV, JSON), each
written to a temporary file in the same folder and then put in place (core/files.py), so a
crash or a full disk never leaves half a file."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...core.files import write_atomic, write_atomic_with


def save_png(widget: QWidget, path) -> None:
    """`widget` as drawn now, as a PNG at `path` (BpvizError with one line on failure). The
    format is given explicitly: the temporary file's name ends in .tmp."""
    image = widget.grab()
    write_atomic_with(path, lambda tmp: image.save(tmp, "PNG"))


def save_text(path, text: str) -> None:
    """`text` as UTF-8 at `path` (BpvizError with one line on failure)."""
    write_atomic(path, text)
