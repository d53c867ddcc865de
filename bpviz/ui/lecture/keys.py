"""Keys that work whatever has focus: the stepping keys (→, ←, Shift+→) and the Ctrl keys
(Ctrl+R, Ctrl+Shift+R) reach the window unless the user is typing in a field — a field whose
text they changed and have not yet confirmed. The keys that type a character (U, Space, E,
S, [ and ]) reach it from everywhere but a text field, where they type. Enter or Esc in a
field hands focus back to the network view (Esc puts back the value in force)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget

WINDOW_KEYS = ("Right", "Left", "Shift+Right", "U", "Space", "E", "Ctrl+R", "S", "Ctrl+Shift+R",
               "[", "]")
DONE_KEYS = (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Escape)


def _combination(event) -> int:
    mods = event.modifiers() & (Qt.ShiftModifier | Qt.ControlModifier | Qt.AltModifier
                                | Qt.MetaModifier)
    return QKeySequence(event.key() | mods.value)[0].toCombined()


def _types(event) -> bool:
    """True for a key that writes a character in a text field (a letter, Space, a bracket)."""
    mods = event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)
    text = event.text()
    return bool(text) and text.isprintable() and not mods


def _line_edit(widget) -> QLineEdit | None:
    if isinstance(widget, QLineEdit):
        return widget
    if isinstance(widget, QAbstractSpinBox):
        return widget.findChild(QLineEdit)
    return None


def typing(widget) -> bool:
    """True while the user has changed the text of the field `widget` and not confirmed it."""
    edit = _line_edit(widget)
    return edit is not None and edit.isModified()


def stop_following_focus(slot) -> None:
    """Disconnect `slot` from the application's focusChanged (its window is gone)."""
    app = QApplication.instance()
    if app is not None:
        try:
            app.focusChanged.disconnect(slot)
        except (RuntimeError, TypeError):
            pass


class FocusKeys(QObject):
    """An event filter on the field that has focus in one window; `home` is the widget that
    gets focus back (the network view).

    Key events go to the focus widget, so the filter sits on that widget alone and follows
    focus: an application-wide filter would be called for every event of every widget (each
    paint of a window repaint, too)."""

    def __init__(self, window: QWidget, home: QWidget):
        super().__init__(window)
        self.window = window
        self.home = home
        self.keys = {QKeySequence(k)[0].toCombined() for k in WINDOW_KEYS}
        self._watched = None
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, app.focusWidget())
        window.destroyed.connect(self._remove)

    def _focus_changed(self, _old, new) -> None:
        """Move the filter to the new focus widget if it is one of this window's fields."""
        self._unwatch()
        if new is not None and _line_edit(new) is not None and self._ours(new):
            new.installEventFilter(self)
            self._watched = new

    def _unwatch(self) -> None:
        if self._watched is not None:
            try:
                self._watched.removeEventFilter(self)
            except RuntimeError:         # the field was deleted (its filters went with it)
                pass
            self._watched = None

    def _remove(self, *_):
        stop_following_focus(self._focus_changed)

    def _ours(self, widget) -> bool:
        try:
            return isinstance(widget, QWidget) and widget.window() is self.window
        except RuntimeError:
            return False

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind not in (QEvent.ShortcutOverride, QEvent.KeyPress):
            return False
        edit = _line_edit(watched)
        if edit is None or not self._ours(watched):
            return False
        if kind == QEvent.ShortcutOverride:
            # swallowing the override (not accepted) lets the window's shortcut fire; a key
            # that types (E, S, Space, [) is the field's: its first letter had been lost
            return (_combination(event) in self.keys and not edit.isModified()
                    and not _types(event))
        if event.key() in DONE_KEYS:
            if event.key() == Qt.Key_Escape:
                field = edit.parentWidget()
                if hasattr(field, "shown"):
                    edit.setText(field.shown)
                edit.setModified(False)
            QTimer.singleShot(0, self.give_back)
        return False

    def give_back(self) -> None:
        """Focus to the network view (the field's editingFinished has run by now)."""
        try:
            if self.home.isVisible():
                self.home.setFocus(Qt.OtherFocusReason)
        except RuntimeError:
            pass

    def settle(self) -> None:
        """After training starts or stops (fields get disabled or enabled): if focus sits in
        a field the user is not typing in, or nowhere, give it back to the view."""
        focus = QApplication.focusWidget()
        if focus is None or (self._ours(focus) and _line_edit(focus) is not None
                             and not typing(focus)):
            self.give_back()
