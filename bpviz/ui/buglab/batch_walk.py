"""Walk the whole batch: at a backward record, each sample's δ and ∂Cₓ/∂W in the inspector,
one row per sample, then the batch mean the update uses, with ∂C/∂W = (1/m) Σₓ δₓ aₓᵀ written
with the numbers (core/per_sample.py computes and writes them; this only draws). A sample
chooser colours the network view's edges by one sample's ∂Cₓ/∂w.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QComboBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ...core.errors import BpvizError
from ...core.notation import Line, num, sub, sup
from ...core.per_sample import backward_records, describe

MEAN_ROW = QColor(241, 236, 248)
MAX_SAMPLES = 64            # more samples than this: the per-sample view is not offered


class BatchWalk:
    """The "all samples" choice (action `walk_batch`), the per-sample panel under the
    inspector (`per_sample`) and the edge colouring sample chooser (`gradient_sample`)."""

    def __init__(self, window):
        self.window, self.session = window, window.session
        self._key, self._records = None, None
        self.action = QAction(window.tr("All samples"), window)
        self.action.setObjectName("walk_batch")
        self.action.setCheckable(True)
        tip = window.tr("Walk the whole batch: at each backward step, every sample's δ and "
                        "∂Cₓ/∂W and the batch mean the update uses")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.toggled.connect(self.refresh)
        self.chooser = QComboBox(window)
        self.chooser.setObjectName("gradient_sample")
        self.chooser.setAccessibleName(window.tr("Whose gradient the edges show"))
        self.chooser.setToolTip(window.tr("Colour the edges by one sample's ∂Cₓ/∂w (walking "
                                          "the whole batch)"))
        self.chooser.currentIndexChanged.connect(self._chosen)
        tools = window.toolbars[-1]
        tools.addSeparator()
        tools.addAction(self.action)
        tools.addWidget(self.chooser)
        self.panel = QWidget(window.inspector.tables_box)
        self.panel.setObjectName("per_sample")
        box = QVBoxLayout(self.panel)
        box.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel(self.panel)
        self.text.setObjectName("per_sample_equation")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.table = QTableWidget(0, 0, self.panel)
        self.table.setTabKeyNavigation(False)   # Tab leaves the table (arrows move in it)
        self.table.setObjectName("per_sample_table")
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 8)
        box.addWidget(self.text)
        box.addWidget(self.table)
        lay = window.inspector.tables_layout        # under the step's tables, before the stretch
        lay.insertWidget(lay.count() - 1, self.panel)
        self.panel.hide()
        window.walk.changed.connect(self.refresh)
        window.network_view.selected.connect(self.refresh)
        self.session.changed.connect(self._model_changed)
        self._fill_chooser()

    # -- state --------------------------------------------------------------------------------
    @property
    def on(self) -> bool:
        return self.action.isChecked() and 1 < len(self.session.dataset) <= MAX_SAMPLES

    def records(self, step):
        """core/per_sample.py's backward records of the whole training set, on the walk's
        weights (computed once per walk)."""
        walk = step.walk
        key = (id(walk), id(self.session.dataset))
        if key != self._key:
            net = self.session.network.copy()
            net.set_parameters(walk.weights, walk.biases)
            data = self.session.dataset
            self._records = {r.layer: r for r in backward_records(net, data.x, data.y)}
            self._key = key
        return self._records

    def _model_changed(self, names) -> None:
        if names & {"network", "dataset"}:
            self._fill_chooser()
            self.refresh()

    def _fill_chooser(self) -> None:
        tr = self.window.tr
        m = len(self.session.dataset)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.addItem(tr("edges: the walked sample"))
        self.chooser.addItem(tr("edges: the batch mean"))
        for i in range(min(m, MAX_SAMPLES)):
            self.chooser.addItem(tr("edges: sample %1's ∂Cₓ/∂w").replace("%1", str(i + 1)))
        self.chooser.blockSignals(False)
        self.chooser.setEnabled(self.action.isChecked())

    def _chosen(self, _index: int) -> None:
        if self.chooser.currentIndex() > 0 and not self.window.gradient_edges.isChecked():
            self.window.gradient_edges.trigger()         # checks it and redraws the edges
        self.refresh()

    # -- drawing ------------------------------------------------------------------------------
    def refresh(self, *_) -> None:
        self.chooser.setEnabled(self.action.isChecked())
        step = self.window.walk.step if self.window.walk.stepper else None
        if step is None or not self.on or step.phase != "backward":
            self.panel.hide()
            return
        try:
            records = self.records(step)
        except BpvizError as e:
            self.text.setText(str(e))
            self.table.setRowCount(0)
            self.panel.show()
            return
        self._show_record(records[step.layer])
        self.panel.show()
        self._colour_edges(step, records)

    def _show_record(self, record) -> None:
        sel = self.window.network_view.selection
        j = k = 0
        if sel is not None and sel[0] == "edge" and sel[1] == record.layer:
            j, k = sel[2], sel[3]
        lines = describe(record, j, k)
        if self.session.bugs:
            lines.append(Line("note", self.window.tr("(these rows are the correct backprop's: the "
                                                     "ticked mistakes are not in them)")))
        self.text.setText("".join(f"<div>{html.escape(line.text)}</div>" for line in lines))
        l, m = record.layer, record.m
        n, n_in = record.mean_w.shape
        headers = [f"δ{sup(l)}{sub(jj + 1)}" for jj in range(n)]
        headers += [f"∂C/∂w{sup(l)}{sub(jj + 1, kk + 1)}" for jj in range(n) for kk in range(n_in)]
        rows = [list(record.delta[i]) + list(record.grad_w[i].ravel()) for i in range(m)]
        rows.append([None] * n + list(record.mean_w.ravel()))
        side = [self.window.tr("sample %1").replace("%1", str(i + 1)) for i in range(m)]
        side.append(self.window.tr("mean (the update)"))
        t = self.table
        t.clear()
        t.setRowCount(len(rows))
        t.setColumnCount(len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.setVerticalHeaderLabels(side)
        for r, values in enumerate(rows):
            for c, v in enumerate(values):
                item = QTableWidgetItem("" if v is None else num(v))
                if v is not None:
                    item.setData(Qt.UserRole, float(v))
                if r == m:
                    item.setBackground(MEAN_ROW)
                t.setItem(r, c, item)
        t.resizeColumnsToContents()

    def _colour_edges(self, step, records) -> None:
        """Redraw the network view with the chosen sample's (or the mean's) ∂Cₓ/∂W on the
        layers this record has computed."""
        choice = self.chooser.currentIndex()
        if choice <= 0:
            return
        grads = list(step.grad_w)
        for l, rec in records.items():
            if grads[l - 1] is not None:
                grads[l - 1] = rec.mean_w if choice == 1 else rec.grad_w[choice - 2]
        self.window.network_view.show_step(replace(step, grad_w=tuple(grads)))
