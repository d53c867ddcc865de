"""A strip of digit thumbnails, each with a caption; clicking one emits its row."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem

from .images import digit_pixmap

ROW = Qt.UserRole + 1


class DigitGallery(QListWidget):
    chosen = Signal(int)          # the row (of the evaluated set) of the clicked thumbnail

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setViewMode(QListView.IconMode)
        self.setResizeMode(QListView.Adjust)
        self.setMovement(QListView.Static)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QListWidget.SingleSelection)
        self._fit_font()
        self.itemClicked.connect(lambda item: self.chosen.emit(int(item.data(ROW))))
        self.itemActivated.connect(lambda item: self.chosen.emit(int(item.data(ROW))))

    def _fit_font(self) -> None:
        """Thumbnails and their grid in em units, so the presentation zoom scales them."""
        em = self.fontMetrics().height()
        self.thumb = int(3.2 * em)
        self.setIconSize(QSize(self.thumb, self.thumb))
        self.setGridSize(QSize(int(5.2 * em), int(self.thumb + 2.8 * em)))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._fit_font()

    def show_digits(self, x: np.ndarray | None, rows, captions) -> None:
        """Thumbnails of x[rows] (784-vectors; no pictures when x is not digits)."""
        self.clear()
        for row, caption in zip(rows, captions):
            item = QListWidgetItem(caption)
            if x is not None and x.shape[1] == 784:
                item.setIcon(QIcon(digit_pixmap(x[row], self.thumb)))
            item.setData(ROW, int(row))
            item.setTextAlignment(Qt.AlignHCenter | Qt.AlignTop)
            item.setToolTip(caption.replace("\n", " · "))
            self.addItem(item)
