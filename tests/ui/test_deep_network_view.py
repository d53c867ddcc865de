"""Ten hidden layers in a narrow window: the circles, the layer headers and the small maps'
row labels each keep clear of their neighbours (they had covered each other)."""

from PySide6.QtCore import QPointF

from bpviz.core.network import Network

try:
    from .window_helpers import open_window, trigger
except ImportError:
    from window_helpers import open_window, trigger


def test_a_ten_layer_network_in_an_800_pixel_window_keeps_its_parts_apart(qtbot):
    win = open_window(qtbot, "xor", size=(800, 768))
    try:
        win.session.set_network(Network.create([2] + [4] * 10 + [1], ["tanh"] * 10 + ["linear"],
                                               "mse", seed=0))
        for _ in range(3):
            trigger(win, "step_forward")
        qtbot.wait(50)
        view = win.network_view
        vb = view.getViewBox()
        column_px = abs(vb.mapViewToScene(QPointF(1, 0)).x() - vb.mapViewToScene(QPointF(0, 0)).x())
        assert column_px < 40                                    # narrow columns indeed
        assert max(view.texts.diameters) <= 0.6 * column_px + 1e-9   # circles apart
        boxes = [h.mapRectToScene(h.boundingRect()) for h in view.headers]
        for left, right in zip(boxes, boxes[1:]):                # headers apart …
            assert left.right() <= right.left() + 1
        assert view.headers[5].textItem.toPlainText() == "5"     # … as numbers, like W⁵
        maps = win.docks.boundary
        shown = [label for label in maps.tile_labels if label.isVisible()]
        assert shown[-1] is maps.tile_labels[-1] and len(shown) < len(maps.tile_labels)
        rects = [label.mapRectToScene(label.boundingRect()) for label in shown]
        for upper, lower in zip(rects, rects[1:]):               # row labels apart
            assert upper.bottom() <= lower.top() + 1
    finally:
        win.close()
