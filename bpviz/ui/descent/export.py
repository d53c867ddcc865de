"""Atomic PNG and CSV writes for the descent view's plots (temp file in the same folder, then
os.replace, so a crash never leaves half a file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ...core.errors import BpvizError


def _atomic(path, write) -> None:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise BpvizError(f"cannot write to {folder}: {e.strerror or e}") from None
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as e:
        raise BpvizError(f"cannot save {path}: {e.strerror or e}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def save_png(widget: QWidget, path) -> None:
    def write(tmp):
        if not widget.grab().save(tmp, "PNG"):
            raise OSError(f"Qt could not write a PNG to {tmp}")
    _atomic(path, write)


def save_csv(header: list[str], rows, path) -> None:
    def write(tmp):
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(",".join(header) + "\n")
            f.writelines(",".join("" if v is None else (v if isinstance(v, str) else f"{v:.12g}")
                                 for v in row) + "\n" for row in rows)
    _atomic(path, write)
