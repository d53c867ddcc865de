"""A check box whose text wraps to the width it is given, as a word-wrapped label does:
a narrow dock shows a long choice on two lines instead of cutting it off or scrolling
sideways. It is a QCheckBox (its text, toggling, keys and accessibility are the box's);
only the text's layout and drawing differ."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QCheckBox, QSizePolicy, QStyle, QStyleOptionButton

FLAGS = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class WrapCheckBox(QCheckBox):
    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _option(self) -> QStyleOptionButton:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        return option

    def _indicator(self) -> int:
        """Pixels before the text: the indicator and its spacing."""
        style = self.style()
        return (style.pixelMetric(QStyle.PM_IndicatorWidth, None, self)
                + style.pixelMetric(QStyle.PM_CheckBoxLabelSpacing, None, self))

    def _text_rect(self, width: int) -> QRect:
        room = max(1, width - self._indicator())
        return self.fontMetrics().boundingRect(QRect(0, 0, room, 100000), FLAGS, self.text())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        indicator = self.style().pixelMetric(QStyle.PM_IndicatorHeight, None, self)
        return max(indicator, self._text_rect(width).height()) + 2

    def sizeHint(self) -> QSize:
        one_line = self.fontMetrics().horizontalAdvance(self.text()) + self._indicator() + 4
        return QSize(one_line, self.heightForWidth(one_line))

    def minimumSizeHint(self) -> QSize:
        """As narrow as its widest word, as low as one line: the height a width needs comes
        from heightForWidth (at its narrowest, every word on a line of its own would make the
        panel's minimum height, and so its scrolling, far larger than it ever is)."""
        widest_word = max((self.fontMetrics().horizontalAdvance(w) for w in self.text().split()),
                          default=0)
        indicator = self.style().pixelMetric(QStyle.PM_IndicatorHeight, None, self)
        return QSize(widest_word + self._indicator() + 4,
                     max(indicator, self.fontMetrics().height()) + 2)

    def hitButton(self, pos) -> bool:
        """The indicator and the text, as QCheckBox's: not the empty rest of its row."""
        text = self._text_rect(self.width()).translated(self._indicator(), 0)
        text.moveTop((self.height() - text.height()) // 2)
        indicator = QRect(0, 0, self._indicator(), self.height())
        return indicator.united(text).contains(pos)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        option = self._option()
        style = self.style()
        indicator = QStyleOptionButton(option)
        size = style.pixelMetric(QStyle.PM_IndicatorWidth, None, self)
        top = (self.height() - style.pixelMetric(QStyle.PM_IndicatorHeight, None, self)) // 2
        indicator.rect = QRect(0, max(0, top), size, size)
        style.drawPrimitive(QStyle.PE_IndicatorCheckBox, indicator, painter, self)
        text = QRect(self._indicator(), 0, self.width() - self._indicator(), self.height())
        style.drawItemText(painter, text, int(FLAGS), option.palette, self.isEnabled(), self.text(),
                           self.foregroundRole())
        if self.hasFocus():
            focus = QStyleOptionButton(option)
            focus.rect = self._text_rect(self.width()).translated(self._indicator(), 0)
            focus.rect.moveTop(text.top() + (text.height() - focus.rect.height()) // 2)
            style.drawPrimitive(QStyle.PE_FrameFocusRect, focus, painter, self)
