"""The buttons under the loss curve: Keep run, and the PNG and CSV exports."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def row_buttons(self) -> list[QPushButton]:
    """`self`: the LossPlot (its tr, kept runs, label, _ask_path and exports): the strings
    keep its translation context."""
    keep = QPushButton(self.tr("Keep run"), self)
    keep.setObjectName("loss_keep")
    keep.setToolTip(self.tr("Keep this run's loss and accuracy on the plot, in grey, to compare "
                            "with the next run (up to three; right-click the plot to forget them)"))
    keep.clicked.connect(lambda: self.kept.keep_run(self._label))
    png = QPushButton(self.tr("PNG…"), self)
    png.setObjectName("loss_export_png")
    png.setToolTip(self.tr("Save the plot as a PNG image"))
    png.clicked.connect(lambda: self._ask_path(self.tr("PNG image") + " (*.png)", self.export_png))
    csv = QPushButton(self.tr("CSV…"), self)
    csv.setObjectName("loss_export_csv")
    csv.setToolTip(self.tr("Save epoch, losses and accuracies as CSV"))
    csv.clicked.connect(lambda: self._ask_path(self.tr("CSV file") + " (*.csv)", self.export_csv))
    return [keep, png, csv]
