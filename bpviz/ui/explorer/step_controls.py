"""The controls of the walk: step actions (toolbar, Step menu, shortcuts) and the fields that
set what is walked (preset, sample, input and target, η, seed).

Each field refuses a bad value with a one-line message next to it and keeps the old value.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QSizePolicy, QSpinBox

from ...core.digit_stats import is_digit_network
from ...core.errors import BpvizError
from ...core.metrics import one_hot_index
from ...core.notation import count, num, shown
from ...core.presets import PRESETS
from ..widgets.field import CheckedField

MAIN_PRESETS = ("toy-40-80", "xor", "not-gate", "and", "or")


def tr(text: str) -> str:
    return QCoreApplication.translate("SettingsBar", text)


def with_key(tip: str, shortcut: str) -> str:
    """`tip` ending with its key as the platform writes it: "Stop training (S)"."""
    return f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.NativeText)})"


def make_action(parent, name: str, text: str, accessible: str, shortcut: str | None,
                slot: Callable, tip: str) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        tip = with_key(tip, shortcut)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.setWhatsThis(accessible)
    action.setProperty("accessibleName", accessible)
    action.triggered.connect(slot)
    return action


def make_toggle(window, name: str, text: str, shortcut: str, slot: Callable, tip: str) -> QAction:
    """A checkable `make_action` that works wherever the focus is in `window` (a View-menu
    mode such as Network view only)."""
    action = make_action(window, name, text, text, shortcut, slot, tip)
    action.setCheckable(True)
    window.addAction(action)
    return action


def walked_input(session) -> str | None:
    """The name of the input the walk is on when it is not one of the data's samples (a test
    digit, a drawing: `use_input`), as the Sample box shows it; None while it walks the data."""
    if session.probe is None:
        return None
    kind, index = session.probe_source or (None, None)
    x, y = session.probe
    digit = one_hot_index(y) if is_digit_network((x.size, y.size), classes=True) else None
    if kind == "drawn":
        return tr("drawn digit, target {0}").format(digit) if digit is not None else tr("drawn input")
    names = {"test": tr("test digit {0}") if digit is not None else tr("test sample {0}"),
             "train": tr("training sample {0}")}
    name = names[kind].format(index + 1) if kind in names else tr("other input")
    return tr("{0}: digit {1}").format(name, digit) if digit is not None else name


class SettingsBar:
    """Builds the settings widgets for the settings toolbar and keeps them in step with the
    session."""

    def __init__(self, window, session):
        self.session = session
        self.preset = QComboBox(window)
        self.preset.setObjectName("preset")
        self.preset.setAccessibleName(tr("Preset network and data"))
        self.preset.setToolTip(tr("Choose a preset: network, data and learning rate"))
        self.preset.setPlaceholderText(tr("custom network"))
        # never narrower than its names: a crowded toolbar (presentation mode at 1366×768)
        # had squeezed it to "custom netv"; what does not fit goes behind the toolbar's »
        self.preset.setSizePolicy(QSizePolicy.Fixed, self.preset.sizePolicy().verticalPolicy())
        names = list(MAIN_PRESETS) + [n for n in PRESETS if n not in MAIN_PRESETS]
        for n in names:
            self.preset.addItem(n)
            self.preset.setItemData(self.preset.count() - 1, PRESETS[n].description,
                                    Qt.ToolTipRole)
        self.sample = QComboBox(window)
        self.sample.setObjectName("sample")
        self.sample.setAccessibleName(tr("Sample to walk through the network"))
        self.sample.setToolTip(tr("The training sample that the walk takes through the network"))
        self.sample.setMinimumWidth(170)
        self.inputs = CheckedField("input_values", tr("Input values of the sample"),
                                   self._set_input, "x =", 110,
                                   tr("The sample's inputs, comma-separated (Enter to use them)"))
        self.targets = CheckedField("target_values", tr("Target values of the sample"),
                                    self._set_target, "y =", 70,
                                    tr("The sample's targets, comma-separated (Enter to use them)"))
        # the one η of the window: the walk's update and training (live, while it runs)
        self.eta = CheckedField("learning_rate", tr("Learning rate eta"), session.set_eta, "η =",
                                70, tr("Learning rate η for the update step and for training "
                                   "(applied at the next batch while training runs)"))
        # the one seed of the window: new random weights, built networks and shuffling
        self.seed = QSpinBox(window)
        self.seed.setObjectName("seed")
        self.seed.setAccessibleName(tr("Random seed"))
        self.seed.setToolTip(tr("Seed for new random weights, the Network tab's Build and the "
                                "order training visits the samples in"))
        self.seed.setRange(0, 2**31 - 1)
        self.seed.valueChanged.connect(session.set_seed)
        self.sample.activated.connect(self._sample_chosen)

    def _set_input(self, text: str) -> None:
        self.session.set_sample_values(text, self.targets.edit.text())

    def _set_target(self, text: str) -> None:
        self.session.set_sample_values(self.inputs.edit.text(), text)

    def _sample_chosen(self, index: int) -> None:
        try:
            self.session.set_sample(index)
        except BpvizError:
            pass

    def clear_errors(self, *_) -> None:
        """The fields' messages are about a value typed and refused: they go once the user
        moves on (a step, another sample, another preset)."""
        for field in (self.inputs, self.targets, self.eta):
            field.clear_error()

    def walk_moved(self, _step=None) -> None:
        """The walk changed: by the user (a step) unless training is running (its snapshots
        restart the walk many times a second, and η stays editable while it runs)."""
        if not self.session.busy:
            self.clear_errors()

    def refresh(self) -> None:
        """Show the session's preset, samples, sample values, η and seed."""
        s = self.session
        self.clear_errors()
        i = self.preset.findText(s.preset.name)     # -1 ("custom network") for "custom"
        if self.preset.currentIndex() != i:
            self.preset.setCurrentIndex(i)
        data = s.dataset
        labels = []
        digits = is_digit_network((data.n_inputs, data.n_targets), classes=True)   # MNIST-like
        for m in range(min(len(data), 500)):
            k = one_hot_index(data.y[m]) if digits else None
            if k is not None:
                labels.append(tr("{0}: digit {1}").format(m + 1, k))
                continue
            x = ", ".join(num(v, 3) for v in data.x[m][:3]) + (" …" if data.n_inputs > 3 else "")
            y = ", ".join(num(v, 3) for v in data.y[m][:2]) + (" …" if data.n_targets > 2 else "")
            labels.append(shown(f"{m + 1}: ({x}) → ({y})"))
        if [self.sample.itemText(i) for i in range(self.sample.count())] != labels:
            self.sample.clear()
            self.sample.addItems(labels)
        other = walked_input(s)          # a test digit, a drawing: named, no sample chosen
        self.sample.setPlaceholderText(other or "")
        self.sample.setCurrentIndex(-1 if other else min(s.sample, self.sample.count() - 1))
        self.sample.setToolTip(other or tr("The training sample that the walk takes through the network"))
        self.sample.setEnabled(len(data) > 1 and not s.busy)
        small = data.n_inputs <= 16
        self.inputs.set_text(", ".join(num(v) for v in data.x[s.sample]) if small else "")
        self.targets.set_text(", ".join(num(v) for v in data.y[s.sample])
                              if data.n_targets <= 16 else "")
        self.inputs.edit.setEnabled(small and not s.busy)
        # too many to type: say how many (not an empty box)
        self.inputs.edit.setPlaceholderText(
            "" if small else tr("{0} values").format(count(data.n_inputs)))
        self.targets.edit.setEnabled(data.n_targets <= 16 and not s.busy)
        self.eta.set_text(num(s.eta))      # stays editable while training: η may change live
        self.seed.blockSignals(True)
        self.seed.setValue(int(s.seed))
        self.seed.blockSignals(False)
        self.preset.setEnabled(not s.busy)
