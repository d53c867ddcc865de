"""The explorer window's toolbars and menus, built from its actions: the step toolbar, the
walk-settings toolbar and the File, View, Step and Help menus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolBar

STEP_BUTTONS = ("step_back", "step_forward", "run_pass", "apply_update", "reset")
STEP_MENU = ("step_forward", "step_back", "run_pass", "apply_update", "reset", "new_weights",
             "gradient_check")


def step_toolbar(window: QMainWindow, actions: dict, gradient_edges) -> QToolBar:
    """Step back, step, run the pass, apply, reset; edges by gradient, check, fit. Each button
    takes its action's objectName, so a script finds it by the same name."""
    steps = QToolBar(window.tr("Step"), window)
    steps.setObjectName("step_toolbar")
    for name in STEP_BUTTONS:
        steps.addAction(actions[name])
    steps.addSeparator()
    steps.addAction(gradient_edges)
    steps.addAction(actions["gradient_check"])
    steps.addAction(actions["fit_view"])
    window.addToolBar(Qt.TopToolBarArea, steps)
    for action in steps.actions():
        button = steps.widgetForAction(action)
        if button is not None and action.objectName():
            button.setObjectName(action.objectName())
            button.setAccessibleName(action.property("accessibleName") or action.text())
    return steps


def settings_toolbar(window: QMainWindow, bar, new_weights) -> QToolBar:
    """Preset, sample, x and y, η, seed and New random weights (`bar`: a SettingsBar)."""
    tools = QToolBar(window.tr("Walk settings"), window)
    tools.setObjectName("settings_toolbar")
    tools.addWidget(QLabel(window.tr(" Preset "), window))
    tools.addWidget(bar.preset)
    tools.addWidget(QLabel(window.tr("  Sample "), window))
    tools.addWidget(bar.sample)
    tools.addWidget(bar.inputs)
    tools.addWidget(bar.targets)
    tools.addSeparator()
    tools.addWidget(bar.eta)
    tools.addSeparator()
    tools.addWidget(QLabel(window.tr(" seed "), window))
    tools.addWidget(bar.seed)
    tools.addAction(new_weights)
    button = tools.widgetForAction(new_weights)
    button.setObjectName("new_weights")
    button.setAccessibleName(window.tr("New random weights from the seed"))
    window.addToolBar(Qt.TopToolBarArea, tools)
    return tools


def make_menus(window: QMainWindow, file_actions, actions: dict, gradient_edges, scale_mode,
               toolbars, show_help) -> None:
    """File (its actions, None for a separator), View, Step and Help."""
    tr = window.tr
    menu = window.menuBar()
    f = menu.addMenu(tr("&File"))
    f.setObjectName("file_menu")
    for action in file_actions:
        if action is None:
            f.addSeparator()
        else:
            f.addAction(action)
    view = menu.addMenu(tr("&View"))
    view.setObjectName("view_menu")
    view.addAction(actions["fit_view"])
    view.addAction(gradient_edges)
    scale = view.addMenu(tr("Edge scale"))
    for mode in ("auto", "fixed", "log"):
        act = scale.addAction(mode)
        act.triggered.connect(lambda _=False, m=mode: scale_mode.setCurrentText(m))
    view.addSeparator()
    for tb in toolbars:
        view.addAction(tb.toggleViewAction())
    step = menu.addMenu(tr("&Step"))
    for name in STEP_MENU:
        step.addAction(actions[name])
    help_menu = menu.addMenu(tr("&Help"))
    help_menu.setObjectName("help_menu")
    how = help_menu.addAction(tr("How to read this window"))
    how.setObjectName("help_how_to_read")
    how.setShortcut("F1")
    how.triggered.connect(show_help)


def add_to_file_menu(window: QMainWindow, actions) -> None:
    """`actions` as a group of the File menu, after the others and before Quit (which stays
    the last entry, as in every desktop program)."""
    f = window.menuBar().findChild(QMenu, "file_menu")
    quit_action = window.files.by_name["quit"]
    f.insertActions(quit_action, list(actions))    # after the separator that was Quit's
    f.insertSeparator(quit_action)                 # and Quit keeps one of its own
