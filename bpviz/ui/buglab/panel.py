"""The Bug lab panel: tick mistakes from the catalogue (core/bugs.py) for the current network
and see at once the gradient check per layer (red where it fails), the records of the walk
that the mistakes change (both numbers), and, on request, the correct network and the
mistaken one trained side by side from the same initial weights (side_by_side.py).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.bug_backprop import bug_gradient_check
from ...core.bug_walk import bug_walk
from ...core.bugs import BUGS, CATALOGUE, check_bugs, refusal
from ...core.errors import BpvizError
from ...core.notation import count, num
from ..widgets.wrap_check import WrapCheckBox
from .side_by_side import SideBySide

FAILED = QColor(255, 205, 205)
PASSED = QColor(210, 240, 210)
CHECK_SAMPLES = 64           # the gradient check uses at most this many samples


def titles(tr) -> dict[str, str]:
    """Each mistake in a few words, for its switch (the name is the command line's)."""
    return {
        "sigma-prime-of-a": tr("σ′ taken at a instead of z"),
        "mean-over-features": tr("gradient averaged over the inputs, not the samples"),
        "sum-not-mean": tr("gradient summed over the batch, no 1/m"),
        "missing-sigma-prime-output": tr("no σ′ in the output error δᴸ"),
        "extra-sigma-prime-bce": tr("an extra σ′ with cross-entropy"),
        "no-transpose": tr("W instead of Wᵀ when δ goes back"),
        "naive-sigmoid": tr("a sigmoid that overflows for large −z"),
        "symmetric-init": tr("every weight starts equal"),
        "no-bias-update": tr("the biases are never updated"),
    }


class BugLab(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("bug_lab")
        self.setAccessibleName(self.tr("Bug lab"))
        self.session = session
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Tick a mistake to put it into backpropagation. The gradient "
                               "check and the walk show what it changes."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.titles = titles(self.tr)
        for bug in CATALOGUE:
            box = WrapCheckBox(self.titles.get(bug.name, bug.name), self)   # wraps in a narrow dock
            box.setObjectName("bug_" + bug.name.replace("-", "_"))
            box.setAccessibleName(self.tr("Mistake: %1").replace("%1", bug.name))
            box.toggled.connect(self._bugs_changed)
            layout.addWidget(box)
            self.boxes[bug.name] = box
        self.fix = QPushButton(self.tr("Apply the answer's fixes"), self)
        self.fix.setObjectName("bug_apply_fix")
        self.fix.setToolTip(self.tr("Turn off the preset's mistakes, one per click"))
        self.fix.clicked.connect(self.apply_next_fix)
        layout.addWidget(self.fix)
        self.explanation = QLabel(self)
        self.explanation.setObjectName("bug_explanation")
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.table = QTableWidget(0, 3, self)
        self.table.setTabKeyNavigation(False)   # Tab leaves the table (arrows move in it)
        self.table.setObjectName("bug_gradcheck")
        self.table.setHorizontalHeaderLabels([self.tr("Layer"), self.tr("Max relative error"),
                                              self.tr("Result")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(self.fontMetrics().height() * 8)
        layout.addWidget(self.table)
        self.note = QLabel(self)
        self.note.setObjectName("bug_gradcheck_note")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.walk_changes = QLabel(self)
        self.walk_changes.setObjectName("bug_walk_changes")
        self.walk_changes.setWordWrap(True)
        layout.addWidget(self.walk_changes)
        self.side = SideBySide(session, lambda: self.bugs, self)
        layout.addWidget(self.side, 1)
        session.changed.connect(self._session_changed)
        self._session_changed(frozenset({"network"}))

    # -- the mistakes ------------------------------------------------------------------------
    @property
    def bugs(self) -> tuple[str, ...]:
        return tuple(name for name, box in self.boxes.items() if box.isChecked())

    def _session_changed(self, names) -> None:
        if not names & {"network", "preset", "dataset", "weights", "sample", "bugs"}:
            return
        net = self.session.network
        on = set(self.session.bugs)
        for name, box in self.boxes.items():
            reason = refusal(name, net)
            box.blockSignals(True)
            box.setEnabled(reason is None)
            tip = (self.tr("Cannot show here: %1").replace("%1", reason) if reason
                   else BUGS[name].explanation)
            box.setToolTip(self.tr("%1\n\nOn the command line: --bug %2").replace("%1", tip)
                           .replace("%2", name))
            box.setChecked(name in on)          # the session holds the mistakes ticked
            box.blockSignals(False)
        if "preset" in names or "network" in names:
            self.side.epochs.setValue(min(int(getattr(self.session.preset, "epochs", 500)), 100_000))
        self._show(self.bugs)

    def apply_next_fix(self) -> None:
        """Turn off the next of the preset's own mistakes that is still on."""
        for name in getattr(self.session.preset, "bugs", ()):
            if self.boxes[name].isChecked():
                self.boxes[name].setChecked(False)
                return

    def _bugs_changed(self, *_) -> None:
        """A box was ticked or unticked: the session takes the mistakes (it announces
        "bugs" and every part redraws); a refused set unticks the box and says why."""
        try:
            self.session.set_bugs(self.bugs)
        except BpvizError as e:
            self._session_changed(frozenset({"bugs"}))
            self.note.setText(str(e))

    def _show(self, bugs) -> None:
        self.fix.setEnabled(any(self.boxes[n].isChecked()
                                for n in getattr(self.session.preset, "bugs", ())))
        self.explanation.setText("\n\n".join(f"{self.titles.get(n, n)} ({n}): {BUGS[n].explanation}"
                                             for n in bugs)
                                 or self.tr("No mistake ticked: backpropagation is correct."))
        self._check(bugs)

    def _check(self, bugs) -> None:
        net, data = self.session.network, self.session.dataset
        self.table.setRowCount(0)
        self.note.clear()
        self.walk_changes.clear()
        if not bugs:
            return
        try:
            check_bugs(bugs, net)
            x, y = data.x[:CHECK_SAMPLES], data.y[:CHECK_SAMPLES]
            with np.errstate(all="ignore"):
                doc = bug_gradient_check(net, x, y, bugs)
                s = self.session.sample
                walk = bug_walk(net, data.x[s], data.y[s], self.session.eta, bugs)
        except BpvizError as e:
            self.note.setText(str(e))
            return
        self.table.setRowCount(len(doc["layers"]))
        for i, row in enumerate(doc["layers"]):
            if "error" in row:
                result, err = self.tr("shape error: %1").replace("%1", row["error"]), "—"
            else:
                err = num(row["max_relative_error"], 3)
                result = self.tr("passes") if row["passed"] else self.tr("fails")
                if "factor" in row:
                    result += self.tr(" (backprop = %1 × finite differences)").replace(
                        "%1", num(row["factor"]))
            for col, text in enumerate((str(row["layer"]), err, result)):
                item = QTableWidgetItem(text)
                item.setBackground(PASSED if row["passed"] else FAILED)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self.note.setText(self.tr("Gradient check on %1 sample(s).").replace("%1", count(doc["samples"]))
                          + (" " + doc["note"] if "note" in doc else ""))
        lines = [self.tr("The walk of sample %1 with the mistakes:").replace("%1", str(s + 1))]
        for change in walk.changed:
            step = walk.records[change.index]
            lines.append(f"• {step.title}")
            lines += [f"    {text}" for text in change.lines]
        if walk.error:
            lines.append("• " + walk.error)
        if len(lines) == 1:
            lines.append(self.tr("no record changes on this one sample"))
        self.walk_changes.setText("\n".join(lines))
