"""The lecture parts of the main window, built and held by it: keys that work whatever has
focus, View → Presentation mode and the zoom keys, View → Reset layout, a watchable default
training speed with max one click away, a non-modal "continue" once a play reaches the
preset's epoch count, → at the end of a walk applying the update, clearing results that no
longer describe the network, and asking before quitting with unsaved trained weights
(closing.py), and the window title naming what is open (title.py)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton

from ..training.panel import SPEEDS
from ..window_layout import size_loss_dock
from .closing import CloseGuard
from .dock_sizes import DockSizes
from .hidden_focus import HiddenFocus
from .keys import FocusKeys
from .network_only import NetworkOnly
from .presentation import SidePanels
from .title import WindowTitle
from .zoom import PRESENTATION, presentation_factor, zoom
from .zoom_room import zoom_in

WATCH_SECONDS = 15          # a small preset's whole run takes about this long by default
STALE = frozenset({"network", "weights", "dataset", "preset"})


def tr(text: str) -> str:
    return QCoreApplication.translate("Lecture", text)


def watchable_speed(epochs: int | None) -> int:
    """The slider position whose epochs per second finish `epochs` in ~10–15 s."""
    if not epochs:
        return len(SPEEDS) - 1
    want = epochs / WATCH_SECONDS
    for i, rate in enumerate(SPEEDS[:-1]):
        if rate >= want:
            return i
    return len(SPEEDS) - 2


class LectureParts:
    def __init__(self, window):
        self.window = window
        self.session = session = window.session
        self.keys = FocusKeys(window, window.network_view)
        self.hidden_focus = HiddenFocus(window)        # Tab skips docks behind other tabs
        self.zoom = zoom()
        self.side = SidePanels(window)    # the side panels presentation mode hides
        self.dock_sizes = DockSizes(window)  # put back when the zoom is at 1× again
        self._factor = self.zoom.factor
        self.presenting_at = PRESENTATION     # the factor at or above which presentation mode is on
        self.zoom_before = 1.0                # the zoom before presentation mode, put back after
        self._asked = False                   # the mode's own toggle is changing the zoom
        self.close_guard = CloseGuard(window, session, window.docks.controller)
        self.title = WindowTitle(window, self.close_guard)     # "bpviz — xor*"
        self._actions(window)
        self._training(window)
        session.changed.connect(self._model_changed)
        session.busy_changed.connect(lambda _busy: QTimer.singleShot(0, self.keys.settle))
        window.walk.changed.connect(self._walk_changed)
        self.default_state = window.saveState()
        for view in window.findChildren(pg.GraphicsView):
            self.zoom.watch(view)
        self.zoom.changed.connect(self._zoomed)
        window.destroyed.connect(lambda *_: self._disconnect())
        QTimer.singleShot(0, self.keys.give_back)

    # -- menus and keys -----------------------------------------------------------------------
    def _action(self, name, text, slot, shortcuts=(), checkable=False) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _actions(self, w) -> None:
        z = zoom()
        self.presentation = self._action("presentation_mode", tr("Presentation mode"),
                                         self._presentation, ("Ctrl+Shift+P",), True)
        self.zoom_in = self._action("zoom_in", tr("Zoom in"), lambda: zoom_in(w),
                                    ("Ctrl+=", "Ctrl++"))
        self.zoom_out = self._action("zoom_out", tr("Zoom out"), lambda: z.step(-1), ("Ctrl+-",))
        self.zoom_reset = self._action("zoom_reset", tr("Actual size"), lambda: z.set_factor(1.0),
                                       ("Ctrl+0",))
        self.reset_layout = self._action("reset_layout", tr("Reset layout"), self.restore_layout)
        self.network_only = NetworkOnly(w)
        self.right_applies = self._action(
            "right_applies_update", tr("→ at the end of a walk applies the update"),
            lambda: self._walk_changed(w.walk.step), checkable=True)
        self.right_applies.setChecked(True)
        view = w.findChild(QMenu, "view_menu")
        if view is not None:
            view.addSeparator()
            for a in (self.presentation, self.network_only.action, self.zoom_in, self.zoom_out,
                      self.zoom_reset, self.reset_layout):
                view.addAction(a)
        for menu_action in w.menuBar().actions():
            menu = menu_action.menu()
            if menu is not None and menu.title() == w.tr("&Step"):
                menu.addSeparator()
                menu.addAction(self.right_applies)
        quit_action = w.files.by_name["quit"]
        quit_action.triggered.disconnect()
        quit_action.triggered.connect(self.close_guard.quit)

    def _presentation(self, on: bool) -> None:
        """Presentation mode: everything larger (twice the size on a 1920×1080 window, less
        on a smaller one: `presentation_factor`), and the side panels out of the way
        (presentation.py)."""
        if on:
            self.side.hide()
            self.zoom_before = zoom().factor      # put back on leaving
            # never smaller than the zoom already chosen with the keys
            self.presenting_at = max(zoom().factor,
                                     presentation_factor(self.window.width(), self.window.height()))
        before = self.zoom_before if self.zoom_before < self.presenting_at else 1.0
        self._asked = True                    # (left by its own toggle: no word needed)
        try:
            zoom().set_factor(self.presenting_at if on else before)
        finally:
            self._asked = False

    def _disconnect(self) -> None:
        try:
            self.zoom.changed.disconnect(self._zoomed)
        except (RuntimeError, TypeError):
            pass

    def _zoomed(self, factor: float) -> None:
        try:
            self.presentation.isChecked()
        except RuntimeError:             # the window is gone
            self._disconnect()
            return
        if abs(self._factor - 1.0) < 1e-9 and abs(factor - 1.0) >= 1e-9:
            self.dock_sizes.remember()          # leaving 1×: the docks' sizes …
        elif abs(factor - 1.0) < 1e-9:
            self.dock_sizes.restore_later()     # … back at 1×, after the panels are
        self.presentation.blockSignals(True)
        on = factor >= self.presenting_at - 1e-9
        self.presentation.setChecked(on)
        self.presentation.blockSignals(False)
        if not on:
            was_on = self._factor >= self.presenting_at - 1e-9
            if self.side.show():                # its layout from before: panels and all
                self.network_only.forget()
            if was_on and not self._asked:      # left by a zoom key: say so (the panels came
                self.window.statusBar().showMessage(      # back with no word of why)
                    tr("Presentation mode is off below {0:g}×: the side panels are back "
                       "({1} presents again)").format(
                        self.presenting_at, self.presentation.shortcut().toString()), 10000)
            self.presenting_at = PRESENTATION   # the zoom keys reaching 2× enter it again
        elif self._factor < self.presenting_at - 1e-9:    # reached by the zoom keys: presenting
            self.zoom_before = self._factor
            self.side.hide()
        self._factor = factor
        w = self.window
        w.inspector.show_step(w.walk.step, w.network_view.selection)
        # again once the widgets have their new font (it arrives as posted events); timed
        # on the window, so that a window closed meanwhile is left alone
        QTimer.singleShot(0, w, lambda: w.inspector.show_step(w.walk.step,
                                                              w.network_view.selection))
        QTimer.singleShot(0, w, w.network_view.fit)       # the network fills the view again
        # the loss curve keeps as many text lines of room as before: now, and again once the
        # other docks' minimum heights have grown with their new font
        size_loss_dock(w, factor)
        QTimer.singleShot(0, w, lambda: size_loss_dock(w, factor))

    def layout_state(self):
        """The window's state to save: from before presentation mode or Network view only hid
        panels (a window closed in either had come back with no panels at all)."""
        if self.side.before is not None:
            return self.side.before
        if self.network_only.before is not None:
            return self.network_only.before
        return self.window.saveState()

    def restore_layout(self) -> None:
        """The docks and toolbars where a first launch puts them, sized for the window."""
        w = self.window
        self.side.forget()
        self.network_only.forget()
        self.dock_sizes.forget()            # (a later Ctrl+0 had put the old sizes back)
        w.restoreState(self.default_state)
        for dock in w.docks.docks:
            if dock is not w.docks.data_dock and dock is not w.docks.architecture_dock:
                dock.show()
        w.docks.training_dock.raise_()
        w.mnist.restored()                # the digit docks as the network in use wants them
        w.digits.restored()
        w.mnist.bring_forward()
        for bar in w.toolbars + [w.docks.panel.toolbar]:
            bar.show()
        w.lay_out_docks(first_launch=True)
        QTimer.singleShot(0, lambda: w.lay_out_docks(first_launch=True))

    # -- training you can watch --------------------------------------------------------------
    def _training(self, w) -> None:
        panel, controller = w.docks.panel, w.docks.controller
        self.panel, self.controller = panel, controller
        bar = panel.toolbar
        for button in (panel.play, panel.pause, panel.step_epoch, panel.stop, panel.reset):
            button.setFocusPolicy(Qt.NoFocus)
        panel.speed.setFocusPolicy(Qt.NoFocus)
        self.max_speed = QToolButton()
        self.max_speed.setObjectName("speed_max")
        self.max_speed.setText(tr("max"))
        self.max_speed.setCheckable(True)
        self.max_speed.setFocusPolicy(Qt.NoFocus)
        self.max_speed.setToolTip(tr("As fast as possible (click again for the watchable speed)"))
        self.max_speed.toggled.connect(self._max_toggled)
        after_speed = self._after(bar, panel)
        bar.insertWidget(after_speed, self.max_speed)
        self.continue_button = QToolButton()
        self.continue_button.setObjectName("continue_training")
        self.continue_button.setText(tr("Continue ▶▶"))
        self.continue_button.setToolTip(tr("Train on past the preset's epoch count, until paused"))
        self.continue_button.setFocusPolicy(Qt.NoFocus)
        self.continue_button.clicked.connect(lambda: panel._run(controller.play_on))
        # beside the speed controls, not at the end of the bar where a narrow window would
        # fold it into the toolbar's overflow menu
        self.continue_action = bar.insertWidget(after_speed, self.continue_button)
        self.continue_action.setVisible(False)
        panel.speed.valueChanged.connect(
            lambda i: self.max_speed.setChecked(SPEEDS[i] is None))
        controller.target_reached.connect(self._target_reached)
        controller.state_changed.connect(self._state_changed)
        controller.run_started.connect(self._no_continue)       # ⟲ Reset: epoch 0 again
        self._watch_speed()

    @staticmethod
    def _after(bar, panel):
        """The toolbar action just after the speed label (the max button goes there)."""
        actions = bar.actions()
        for i, action in enumerate(actions):
            if bar.widgetForAction(action) is panel.speed_label:
                return actions[i + 1] if i + 1 < len(actions) else action
        return actions[-1]

    def _watch_speed(self) -> None:
        self.panel.speed.setValue(watchable_speed(self.session.preset.epochs))

    def _max_toggled(self, on: bool) -> None:
        speed = self.panel.speed
        if on and SPEEDS[speed.value()] is not None:
            speed.setValue(speed.maximum())
        elif not on and SPEEDS[speed.value()] is None:
            self._watch_speed()

    def _target_reached(self, epoch: int) -> None:
        self.continue_action.setVisible(True)
        self.window.statusBar().showMessage(
            tr("Reached the preset's {0} epochs: Continue (or Space) trains on").format(epoch),
            0)

    def _state_changed(self, state: str) -> None:
        if state == "running":
            self._no_continue()

    def _no_continue(self) -> None:
        self.continue_action.setVisible(False)
        bar = self.window.statusBar()
        if bar.currentMessage().startswith(tr("Reached the preset's")):
            bar.clearMessage()

    # -- stale results --------------------------------------------------------------------------
    def _model_changed(self, names) -> None:
        w = self.window
        if "preset" in names:
            self._watch_speed()
        if names & {"network", "dataset"}:
            self.continue_action.setVisible(False)
        if names & STALE:
            w.inspector.show_check("")
            if not self.session.busy:       # training's new weights are not the user moving on
                w.settings_bar.eta.show_error("")
            w.docks.data_panel.error.clear()
            if names & {"network", "dataset", "preset"}:
                w.docks.panel.message.clear()

    # -- the end of a walk ----------------------------------------------------------------------
    def _walk_changed(self, step) -> None:
        w = self.window
        a = w.walk_action["step_forward"]
        if w.walk.at_end and not self.session.busy:
            a.setEnabled(self.right_applies.isChecked())
            hint = (tr("End of the walk: press → or U to apply the update and walk again")
                    if self.right_applies.isChecked()
                    else tr("End of the walk: press U to apply the update and walk again"))
            w.statusBar().showMessage(hint, 0)
        elif w.statusBar().currentMessage().startswith(tr("End of the walk")):
            w.statusBar().clearMessage()

    def step_forward(self) -> None:
        """→: the next step, or at the end of the walk (if chosen) apply the update and show
        the new forward pass up to ŷ."""
        w = self.window
        if w.walk.at_end and self.right_applies.isChecked():
            if w.session.busy:
                return
            if not w.walk.apply_update(w.session.network.L):
                return                     # diverged: the dialog said why
            w.statusBar().showMessage(tr("Update applied: the forward pass on the new weights "
                                         "(← goes back to the previous walk)"), 8000)
        else:
            w.walk.step_forward()
