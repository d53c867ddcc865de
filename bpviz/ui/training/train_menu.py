"""Train menu: every training control with a key, so training can be run from the keyboard
as the walk can: Space plays and pauses, E trains one epoch, S stops the run, Ctrl+Shift+R
resets it, [ and ] make it slower and faster (the speed slider's steps)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ..explorer.step_controls import make_action, with_key


def tr(text: str) -> str:
    return QCoreApplication.translate("TrainMenu", text)


def add_train_menu(window: QMainWindow, panel) -> QMenu:
    """The menu, before Help; the toolbar's Stop and ⟲ Reset get their keys here."""
    for button, key in ((panel.stop, "S"), (panel.reset, "Ctrl+Shift+R")):
        action = button.defaultAction()
        action.setShortcut(QKeySequence(key))
        action.setToolTip(with_key(action.toolTip(), key))
    slower = _speed_action(window, panel, "speed_slower", tr("Slower"), "[", -1)
    faster = _speed_action(window, panel, "speed_faster", tr("Faster"), "]", +1)
    menu = QMenu(tr("&Train"), window)
    menu.setObjectName("train_menu")
    toggle = window.findChild(QAction, "play_pause")
    for action in (toggle, panel.step_epoch.defaultAction(), panel.stop.defaultAction(),
                   panel.reset.defaultAction(), None, slower, faster):
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
    bar = window.menuBar()
    help_menu = bar.findChild(QMenu, "help_menu")
    if help_menu is not None:
        bar.insertMenu(help_menu.menuAction(), menu)
    else:
        bar.addMenu(menu)
    return menu


def _speed_action(window, panel, name: str, text: str, key: str, step: int) -> QAction:
    slider = panel.speed
    action = make_action(window, name, text, text, key,
                         lambda: slider.setValue(slider.value() + step),
                         tr("{0} training: the speed slider one step").format(text))
    window.addAction(action)
    return action
