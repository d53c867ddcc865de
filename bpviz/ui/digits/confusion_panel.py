"""The confusion dock: the matrix of the current weights on the held-out set (updated after each
epoch while training, on a network or data change, and on demand), its export buttons, and the
gallery of the digits of the clicked cell. Clicking a thumbnail walks that digit."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.digit_stats import cell_digits
from ...core.errors import BpvizError
from ...core.evaluation import Evaluation, classes, report
from ...core.notation import count, percent
from ..training.epoch_place import weights_text
from ..widgets.export import save_with_dialog
from .confusion import ConfusionMatrix
from .gallery import DigitGallery
from .images import export_filter

MAX_SHOWN = 200              # thumbnails in one gallery


def held_out(dataset) -> tuple[str, np.ndarray, np.ndarray]:
    """("test", x, y) for the held-out split, else ("train", …) for the training data."""
    if dataset.x_test is not None and len(dataset.x_test):
        return "test", dataset.x_test, dataset.y_test
    return "train", dataset.x, dataset.y


class ConfusionPanel(QWidget):
    walked = Signal()

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("confusion_panel")
        self.session = session
        self.evaluation: Evaluation | None = None
        self.outputs: np.ndarray | None = None
        self.true: np.ndarray | None = None
        self.split, self.x, self.y = "test", None, None
        self.stale = True
        self.epoch: int | None = None       # completed epochs of the weights evaluated
        self.at: tuple[int, int, int] | None = None   # where in training they are, or None
        self.status = QLabel(self)
        self.status.setObjectName("confusion_status")
        self.status.setWordWrap(True)
        self.matrix = ConfusionMatrix(self)
        self.hover = QLabel(self)
        self.hover.setObjectName("confusion_hover")
        self.update_button = _button(self, "confusion_update", self.tr("Update"),
                                     self.tr("Evaluate the current weights again"))
        self.png_button = _button(self, "confusion_png", self.tr("PNG…"),
                                  self.tr("Export the matrix as a PNG image"))
        self.csv_button = _button(self, "confusion_csv", self.tr("CSV…"),
                                  self.tr("Export the counts as a CSV table"))
        self.gallery_title = QLabel(self.tr("Click a cell to see its digits"), self)
        self.gallery_title.setObjectName("gallery_title")
        self.gallery_title.setWordWrap(True)
        self.gallery = DigitGallery("digit_gallery", self)
        self.gallery.setAccessibleName(self.tr("Digits of the chosen cell"))
        self.gallery.setToolTip(CAPTIONS())
        self.gallery_title.setToolTip(CAPTIONS())
        self.idle = self.tr("Click a cell to see its digits")   # the line under the matrix
        self.shown_cell = None                    # (true, predicted) whose digits are shown
        self.hover.setText(self.idle)
        self.hover.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(self.update_button)
        bar.addStretch(1)
        bar.addWidget(self.png_button)
        bar.addWidget(self.csv_button)
        top = QWidget(self)
        upper = QVBoxLayout(top)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.addWidget(self.matrix, 1)
        self.digits_part = bottom = QWidget(self)
        lower = QVBoxLayout(bottom)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.gallery_title)
        lower.addWidget(self.gallery, 1)
        bottom.hide()                               # until a cell is clicked: the matrix's room
        self.splitter = split = QSplitter(Qt.Vertical, self)
        split.setObjectName("confusion_split")
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(bottom)
        outer = QVBoxLayout(self)
        outer.addWidget(self.status)
        outer.addLayout(bar)
        outer.addWidget(split, 1)
        outer.addWidget(self.hover)

        self.update_button.clicked.connect(self.recompute)
        self.png_button.clicked.connect(lambda: self._export("png"))
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        self.matrix.hovered.connect(lambda text: self.hover.setText(text or self.idle))
        self.matrix.cell_clicked.connect(self.show_cell)
        self.gallery.chosen.connect(self.walk_row)
        session.changed.connect(self._model_changed)

    # -- where the digits go ----------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self, force: bool = False) -> None:
        """The clicked cell's digits below the matrix or beside it, whichever leaves the
        matrix the larger cells in the part of the panel on screen (in a short dock the
        panel scrolls: what is below the dock's edge does not count)."""
        if self.digits_part.isHidden():
            return
        em = self.fontMetrics().height()
        g = self.gallery
        frame = 2 * g.frameWidth() + 4
        column = g.gridSize().width() + g.verticalScrollBar().sizeHint().width() + frame
        row = g.gridSize().height() + frame + 2 * em
        seen = self.parentWidget().height() if self.parentWidget() is not None else self.height()
        width = self.splitter.width()
        height = min(self.splitter.height(),
                     seen - self.splitter.y() - self.hover.height() - em)
        room = height - 3.6 * em
        below = min(width - 2.2 * em, room - row)
        beside = min(width - column - 2.2 * em - em, room)
        orientation = Qt.Horizontal if beside > below else Qt.Vertical
        if orientation != self.splitter.orientation() or force:
            self.splitter.setOrientation(orientation)
            if orientation == Qt.Horizontal:
                self.digits_part.setMinimumSize(column, 0)
                self.splitter.setSizes([max(1, width - column), column])
            else:
                self.digits_part.setMinimumSize(0, row)
                self.splitter.setSizes([max(1, self.splitter.height() - row), row])

    # -- when to evaluate ------------------------------------------------------------------------
    def _model_changed(self, names) -> None:
        if names & {"network", "dataset"} or ("weights" in names and not self.session.busy):
            self.stale = True
            self.epoch = self.at = None
            if self.isVisible():
                self.recompute()

    def snapshot(self, snap, at=None) -> None:
        """A training snapshot: evaluate again once per completed epoch (and at the end).
        `at`: (completed epochs, steps into the next, steps an epoch has) of the weights the
        Session holds — those evaluated, which need not be the snapshot's (the Session takes
        a few a second) nor at an epoch's end (a pause stops inside one)."""
        at = at or (snap.epoch, getattr(snap, "into_epoch", 0), getattr(snap, "epoch_steps", 0))
        self.at = tuple(at)             # (a hidden panel evaluates them when shown)
        if at[0] != self.epoch or snap.final:
            self.epoch = at[0]
            self.stale = True
            if self.isVisible():
                self.recompute()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self.recompute()

    def recompute(self) -> None:
        """Evaluate the session's current weights on the held-out set."""
        net = self.session.network
        self.split, self.x, self.y = held_out(self.session.dataset)
        self.stale = False
        self.evaluation = ev = report(net, self.x, self.y)
        self.outputs = self.true = None           # worked out when a cell is clicked …
        self.params = net.params.copy()           # … with the weights the counts came from
        self.matrix.set_counts(ev.confusion)
        where = (self.tr("held-out digits") if self.split == "test"
                 else self.tr("training data (this data has no held-out part)"))
        acc = "–" if ev.accuracy is None else percent(ev.accuracy)
        epoch = "" if self.at is None else self.tr(" · {0}").format(weights_text(*self.at))
        self.status.setText(self.tr("{0} on {1} ({2}): accuracy {3}{4}").format(
            self.tr("Current weights"), where, count(ev.samples), acc, epoch))
        if self.shown_cell is not None and not self.digits_part.isHidden():
            self.show_cell(*self.shown_cell)      # its digits for these weights and this data

    # -- gallery ----------------------------------------------------------------------------------
    def show_cell(self, t: int, p: int) -> None:
        if self.evaluation is None or self.evaluation.confusion is None:
            return
        if self.outputs is None:
            net = self.session.network.copy()
            net.params[...] = self.params
            with np.errstate(all="ignore"):
                self.outputs = net.forward(np.asarray(self.x, dtype=net.dtype)).a[-1]
            self.true = classes(self.outputs, np.asarray(self.y))[0]
        self.shown_cell = (t, p)
        cell = cell_digits(self.evaluation, self.outputs, t, p, self.true)
        rows, conf = cell.rows[:MAX_SHOWN], cell.confidence[:MAX_SHOWN]
        captions = [self.tr("{0} → {1}\n{2}").format(t, p, f"{c:.2f}") for c in conf]
        self.gallery.show_digits(self.x, rows, captions)
        more = (self.tr(" (the first {0})").format(MAX_SHOWN) if len(cell.rows) > MAX_SHOWN
                else "")
        # the cell said once: above its digits (the line under the matrix says what to do
        # with them until the mouse goes to another cell; their captions in the tooltips)
        self.gallery_title.setText(self.matrix.hover_text(t, p) + more)
        self.idle = self.tr("Click one of its digits to walk it")
        self.hover.setText(self.idle)
        if self.digits_part.isHidden():
            self.digits_part.show()
            self._arrange(force=True)

    def walk_row(self, row: int) -> None:
        """Make held-out digit `row` the explorer's sample (its own target)."""
        try:
            self.session.use_input(self.x[row], self.y[row], (self.split, int(row)))
        except BpvizError as e:
            self.gallery_title.setText(str(e))
            return
        self.walked.emit()

    # -- export -------------------------------------------------------------------------------------
    def _export(self, kind: str) -> None:
        save_with_dialog(self, self.tr("Export the confusion matrix"), export_filter(self, kind),
                         self.matrix.export_png if kind == "png" else self.matrix.export_csv,
                         name=f"confusion.{kind}")


def CAPTIONS() -> str:
    return QCoreApplication.translate("ConfusionPanel", "Under each digit: true → predicted, "
                                      "and the network's confidence; click one to walk it")


def _button(parent, name: str, text: str, tip: str) -> QPushButton:
    b = QPushButton(text, parent)
    b.setObjectName(name)
    b.setToolTip(tip)
    b.setAccessibleName(tip)
    return b
