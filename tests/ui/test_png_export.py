"""Exported images are drawn again at 2–4 times the screen's resolution (a worksheet prints a
screen-sized PNG blurred), say so in their dots per inch, and show what the widget shows."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage

from bpviz.ui.widgets.export import save_png


def pixels(image: QImage) -> np.ndarray:
    """(height, width, RGB): Format_RGB32 stores each pixel as B, G, R, 255 in memory here."""
    image = image.convertToFormat(QImage.Format_RGB32)
    bgra = np.array(image.constBits()).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return bgra[:, :image.width(), [2, 1, 0]]


def test_a_plot_is_exported_at_twice_its_size_or_more_with_its_dpi(qtbot, tmp_path):
    for width, scale in ((1000, 2), (300, 4), (400, 3)):
        plot = pg.PlotWidget(background="w")
        qtbot.addWidget(plot)
        plot.resize(width, 200)
        plot.plot([0, 1, 2], [0, 1, 0], pen=pg.mkPen("r", width=2))
        plot.show()
        qtbot.waitExposed(plot)
        path = tmp_path / f"plot{width}.png"
        save_png(plot, path)
        image = QImage(str(path))
        assert (image.width(), image.height()) == (width * scale, 200 * scale)
        dpi = image.dotsPerMeterX() * 0.0254
        assert abs(dpi - plot.logicalDpiX() * scale) < 0.5
        red = pixels(image)
        assert ((red[:, :, 0] > 200) & (red[:, :, 1] < 80) & (red[:, :, 2] < 80)).sum() > 100   # the curve
        plot.close()
