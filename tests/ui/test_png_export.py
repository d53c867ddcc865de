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
        plot.plot([0, 1, 2], [0.5, 0.5, 0.5], pen=pg.mkPen("r", width=2))     # level
        plot.setYRange(0, 1)
        plot.show()
        qtbot.waitExposed(plot)
        path = tmp_path / f"plot{width}.png"
        save_png(plot, path)
        image = QImage(str(path))
        assert (image.width(), image.height()) == (width * scale, 200 * scale)
        dpi = image.dotsPerMeterX() * 0.0254
        assert abs(dpi - plot.logicalDpiX() * scale) < 0.5
        rgb = pixels(image).astype(float)
        # the curve's lines as wide as on screen: a 2-pixel pen, 2 × scale pixels (it had
        # stayed 2, a quarter of its width in a 4× export); ink = how red each pixel is,
        # so an antialiased edge counts in part
        column = rgb[:, image.width() // 2]
        ink = ((column[:, 0] - column[:, 1]) / 255).clip(0, 1).sum()
        assert abs(ink - 2 * scale) <= 1, (width, ink)
        plot.close()


def test_the_network_view_is_exported_drawn_anew_and_keeps_its_caches(qtbot, tmp_path):
    """Its edges and labels are cached at screen resolution: an export drew them from the
    caches, blocky. Drawn anew, a hairline stays a hairline (a width-0 pen made 2 px wide
    had lost its cosmetic flag and covered the view), and the caches come back afterwards."""
    from PySide6.QtWidgets import QGraphicsItem

    try:
        from .window_helpers import open_window, trigger
    except ImportError:
        from window_helpers import open_window, trigger
    win = open_window(qtbot, "toy-40-80")
    try:
        for _ in range(5):
            trigger(win, "step_forward")
        edges = win.network_view.edges.picture
        assert edges.cacheMode() == QGraphicsItem.DeviceCoordinateCache
        path = tmp_path / "view.png"
        save_png(win.panel, path)
        rgb = pixels(QImage(str(path)))
        purple = (abs(rgb[:, :, 0] - 0x5e) < 40) & (abs(rgb[:, :, 1] - 0x3c) < 40) & (rgb[:, :, 2] > 110)
        assert purple.mean() < 0.05                     # the band's outline, not a flood
        assert edges.cacheMode() == QGraphicsItem.DeviceCoordinateCache
    finally:
        win.close()


def test_a_name_typed_without_extension_gets_the_filters_and_never_replaces_another_file(
        qtbot, tmp_path, monkeypatch):
    """"buglab" typed for the PNG and again for the CSV: the CSV had replaced the PNG, and
    neither had an extension. Now they are buglab.png and buglab.csv; a second PNG called
    "buglab" asks before replacing buglab.png, and the status bar says what was saved."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

    try:
        from .window_helpers import open_window
    except ImportError:
        from window_helpers import open_window
    win = open_window(qtbot, "seed-003")
    try:


        def dialog(parent, title, folder, filt):
            return str(tmp_path / "buglab"), filt          # the name, and the filter shown

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
        asked = []
        monkeypatch.setattr(QMessageBox, "question", staticmethod(
            lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.No))
        win.findChild(QPushButton, "bug_export_png").click()
        win.findChild(QPushButton, "bug_export_csv").click()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["buglab.csv", "buglab.png"]
        assert win.statusBar().currentMessage() == f"Saved {tmp_path / 'buglab.csv'}"
        png = (tmp_path / "buglab.png").read_bytes()
        assert png.startswith(b"\x89PNG")
        win.findChild(QPushButton, "bug_export_png").click()   # again: asked, No keeps it
        assert asked == ["buglab.png already exists. Replace it?"]
        assert (tmp_path / "buglab.png").read_bytes() == png
    finally:
        win.close()


def test_names_with_a_dot_get_the_extension_of_their_file_type():
    from bpviz.ui.widgets.export import with_suffix

    assert with_suffix("/d/xor-eta-0.5", "PNG image (*.png)") == "/d/xor-eta-0.5.png"
    assert with_suffix("/d/loss_eta0.05", "CSV file (*.csv)") == "/d/loss_eta0.05.csv"
    assert with_suffix("/d/buglab.png", "CSV file (*.csv)") == "/d/buglab.png.csv"
    assert with_suffix("/d/plot.PNG", "PNG image (*.png)") == "/d/plot.PNG"
    assert with_suffix("/d/walk", "JSON (*.json);;CSV (*.csv)") == "/d/walk.json"
    assert with_suffix("/d/walk.csv", "JSON (*.json);;CSV (*.csv)") == "/d/walk.csv"
