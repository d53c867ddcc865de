"""Freeing what a closed window leaves behind. pyqtgraph gives every ViewBox and PlotItem
context menus without a Qt parent (top-level widgets), which outlive the window that showed
them; `free_plot_menus` deletes them so a closed window frees all its widgets."""

from __future__ import annotations

import weakref

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget


def free_plot_menus(root: QWidget) -> int:
    """Delete (later) the parentless context menus of every plot under `root`; returns how
    many menus were freed."""
    menus = []
    for view in root.findChildren(pg.GraphicsView):
        scene = view.scene()
        if scene is None:
            continue
        for item in scene.items():
            if isinstance(item, pg.ViewBox):
                menus.append(getattr(item, "menu", None))
                if item in pg.ViewBox.AllViews:
                    item.unregister()
            elif isinstance(item, pg.PlotItem):
                menus.append(getattr(item, "ctrlMenu", None))
    freed = 0
    for menu in menus:
        if menu is not None and menu.parent() is None:
            menu.deleteLater()
            freed += 1
    return freed


def drop_python_side_when_destroyed(obj) -> None:
    """Once Qt has deleted `obj`, clear its Python attributes. PySide keeps the lambdas
    connected to a deleted widget's signals alive; each holds the window's Python wrapper,
    and through its attributes the whole Python side of the window (the network, the plots'
    data) would stay in memory after the window is gone."""
    ref = weakref.ref(obj)

    def drop(*_):
        wrapper = ref()
        if wrapper is not None:
            wrapper.__dict__.clear()

    obj.destroyed.connect(drop)
