"""The 3-D surface with the path on it (pyqtgraph.opengl, which needs PyOpenGL: the optional
extra `bpviz[3d]`). `unavailable()` says why it cannot be shown; the view then keeps the
contour map."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

FORCE_OFF = False        # tests set this to exercise the fallback


def unavailable() -> str | None:
    """None when a 3-D view can be made, else a one-line reason."""
    tr = QCoreApplication.translate
    if FORCE_OFF:
        return tr("Surface3D", "3-D view switched off")
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return tr("Surface3D", "no OpenGL on this display")
    try:
        import OpenGL.GL  # noqa: F401
        import pyqtgraph.opengl  # noqa: F401
    except (ImportError, OSError, RuntimeError):    # not installed, or no GL library to load
        return tr("Surface3D", "3-D needs PyOpenGL: pip install 'bpviz[3d]'")
    return None


class Surface3D(QWidget):
    """f(x, y) as a shaded surface, heights scaled to the width of the grid, with paths on it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        import pyqtgraph.opengl as gl

        self.gl = gl
        self.setObjectName("descent_surface_3d")
        self.view = gl.GLViewWidget(self)
        self.view.setBackgroundColor("w")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.surface = None
        self.lines = []
        self.scale = None

    def _height(self, f):
        low, high, extent = self.scale
        return (np.asarray(f, dtype=float) - low) / (high - low or 1.0) * extent

    def set_surface(self, xs, ys, values) -> None:
        from pyqtgraph import colormap

        finite = values[np.isfinite(values)]
        extent = max(xs[-1] - xs[0], ys[-1] - ys[0]) * 0.6
        self.scale = (float(finite.min()), float(finite.max()), extent)
        z = self._height(np.nan_to_num(values, nan=self.scale[1]))
        colours = colormap.get("viridis").map(z / (extent or 1.0), mode="float")
        if self.surface is not None:
            self.view.removeItem(self.surface)
        self.surface = self.gl.GLSurfacePlotItem(x=xs, y=ys, z=z, colors=colours.reshape(-1, 4),
                                                 shader=None, smooth=False)
        self.view.addItem(self.surface)
        cx, cy = (xs[0] + xs[-1]) / 2, (ys[0] + ys[-1]) / 2
        self.view.opts["center"] = __import__("pyqtgraph").Vector(cx, cy, extent / 3)
        self.view.setCameraPosition(distance=2.6 * max(xs[-1] - xs[0], ys[-1] - ys[0]),
                                    elevation=40, azimuth=-45)

    def clear_paths(self) -> None:
        for line in self.lines:
            self.view.removeItem(line)
        self.lines = []

    def add_path(self, xs, ys, fs, colour) -> None:
        from PySide6.QtGui import QColor

        if self.scale is None or len(xs) == 0:
            return
        c = QColor(colour)
        pos = np.column_stack([xs, ys, self._height(fs) + 0.01 * self.scale[2]])
        line = self.gl.GLLinePlotItem(pos=pos, color=(c.redF(), c.greenF(), c.blueF(), 1.0),
                                      width=3, antialias=True, mode="line_strip")
        dots = self.gl.GLScatterPlotItem(pos=pos, color=(c.redF(), c.greenF(), c.blueF(), 1.0),
                                         size=7)
        for item in (line, dots):
            item.setGLOptions("translucent")
            self.view.addItem(item)
            self.lines.append(item)
