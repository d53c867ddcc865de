"""PNG and CSV exports of the descent view's plots, atomic like every file bpviz writes."""

from __future__ import annotations

from ..widgets.export import save_png, save_text

__all__ = ["save_csv", "save_png"]


def save_csv(header: list[str], rows, path) -> None:
    lines = [",".join(header)]
    lines += [",".join("" if v is None else (v if isinstance(v, str) else f"{v:.12g}") for v in row)
              for row in rows]
    save_text(path, "\n".join(lines) + "\n")
