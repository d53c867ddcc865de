"""The network view at 784 inputs: the sample drawn as its 28×28 image, the outputs labelled by
digit, and the walk stepping through forward and backward with the keys."""

import re

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox

from bpviz.core.mnist import load_mnist

try:
    from .window_helpers import open_window  # noqa: F401
except ImportError:
    from window_helpers import open_window  # noqa: F401


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_mnist_view_draws_the_digit_and_labels_the_outputs(qtbot):
    win = open_window(qtbot, "mnist")
    view = win.network_view
    items = view.digit_items
    data = load_mnist()
    expected = data.train_images[0].astype(float) / 255        # the first training digit
    assert items.pixels.shape == (28, 28)
    np.testing.assert_allclose(items.pixels, expected)
    # the image item holds the digit with its top row drawn at the top (row 0 of the item is
    # the bottom row of the view)
    np.testing.assert_allclose(items.image.image[::-1], expected)
    net = win.session.network
    a1 = sigmoid(net.weights[0] @ expected.ravel() + net.biases[0])
    a2 = sigmoid(net.weights[1] @ a1 + net.biases[1])
    seen_backward = False
    for _ in range(win.walk.stepper.length - 1):
        qtbot.keyClick(view, Qt.Key_Right)
        seen_backward |= win.walk.step.phase == "backward"
    assert seen_backward and win.walk.stepper.at_end
    texts = [items.label_text(j) for j in range(10)]
    right = view.getViewBox().viewRange()[0][1]          # no label runs past the view's edge
    assert all(d.pos().x() + d.textItem.boundingRect().width() * items._px <= right
               for d in items.digits)
    for j, text in enumerate(texts):
        assert text.startswith(f"{j} ") and f"a = {a2[j]:.3g}".rstrip("0") in text.rstrip("0")
    # with the view given the window, δ² is there too: (a − y) ⊙ a(1 − a) for the quadratic
    # cost and sigmoid, y one-hot at the label
    win.findChild(QAction, "network_only").trigger()
    y = np.eye(10)[int(data.train_labels[0])]
    delta = (a2 - y) * a2 * (1 - a2)
    qtbot.waitUntil(lambda: "δ" in items.label_text(0))
    for j in range(10):
        assert f"δ = {delta[j]:.2g}".replace("-", "\u2212") in items.label_text(j)
    texts = [items.label_text(j) for j in range(10)]
    predicted = int(np.argmax(a2))
    assert "◀" in texts[predicted] and sum("◀" in t for t in texts) == 1
    # the output layer carries no second, overlapping label; the input column no label at all,
    # and no visible label sits on the image
    assert all(key[0] not in (0, 2) for key in view.texts.neuron)
    image = items.image.mapRectToScene(items.image.boundingRect())
    for item in list(view.texts.neuron.values()) + list(view.texts.edge.values()):
        if item.isVisible():
            assert not item.mapRectToScene(item.boundingRect()).intersects(image)
    # the tooltip of the output labelled 7 names digit 7 beside the equations' count from 1
    tip = view.tooltip_for(("neuron", 2, 7))
    assert tip.startswith("digit 7: output neuron 8 of layer 2 (sigmoid)") and "z²₈" in tip
    win.close()


def test_the_input_steps_highlight_surrounds_the_digit_image(qtbot):
    win = open_window(qtbot, "mnist")
    win.resize(1500, 950)
    qtbot.wait(50)
    view = win.network_view
    assert win.walk.step.phase == "input" and view.band.isVisible()
    image = view.digit_items.image
    image_rect = image.mapRectToScene(image.boundingRect())
    band = view.band.mapRectToScene(view.band.rect())
    assert band.contains(image_rect)
    # a margin of a few pixels, not the hidden layer's column nor the view's full height
    assert band.width() < 1.3 * image_rect.width() and band.height() < 1.3 * image_rect.height()
    qtbot.keyClick(view, Qt.Key_Right)                  # forward, layer 1: the hidden column
    hidden = view.layout_.x[1][0]
    band = view.band.rect()
    assert band.left() < hidden < band.right()
    win.close()


def test_output_labels_wait_for_the_forward_pass(qtbot):
    win = open_window(qtbot, "mnist")
    items = win.network_view.digit_items
    assert all(items.label_text(j) == f"{j}  a = ?" for j in range(10))
    win.close()


def test_next_misclassified_walks_a_test_digit_the_network_gets_wrong(qtbot):
    win = open_window(qtbot, "mnist")
    panel = win.mnist.digits
    net = win.session.network
    data = load_mnist()
    x = data.test_images.reshape(len(data.test_images), -1).astype(float) / 255
    a2 = sigmoid(sigmoid(x @ net.weights[0].T + net.biases[0]) @ net.weights[1].T + net.biases[1])
    wrong = np.flatnonzero(a2.argmax(axis=1) != data.test_labels)
    qtbot.mouseClick(panel.next_wrong, Qt.LeftButton)
    assert panel.test_sample == wrong[0]
    np.testing.assert_allclose(win.network_view.digit_items.pixels,
                               data.test_images[wrong[0]] / 255)
    assert f"label {data.test_labels[wrong[0]]}" in panel.info.text()
    qtbot.mouseClick(panel.next_wrong, Qt.LeftButton)
    assert panel.test_sample == wrong[1]
    panel.index.setValue(3)
    qtbot.mouseClick(panel.walk_button, Qt.LeftButton)
    assert panel.test_sample == 2
    win.close()


def test_hidden_units_show_their_incoming_weights_as_images(qtbot):
    win = open_window(qtbot, "mnist")
    images = win.mnist.weights
    w1 = win.session.network.weights[0]
    assert win.mnist.dock.isVisible()
    mosaic = images.mosaic.image
    cell = 28 + 3
    for j in (0, 7, 29):
        r, c = divmod(j, images.columns)
        np.testing.assert_allclose(mosaic[r * cell:r * cell + 28, c * cell:c * cell + 28],
                                   w1[j].reshape(28, 28))
    assert images.limit == np.abs(w1).max()           # one scale for every unit
    win.close()


def test_a_strip_beside_the_hidden_layer_shows_each_units_weights_large_on_hover(qtbot):
    win = open_window(qtbot, "mnist")
    view = win.network_view
    strip = view.digit_items.strip
    assert strip.strip.objectName() == "hidden_weight_strip"
    w1 = win.session.network.weights[0]
    cell = 28 + 4
    k = len(strip.columns)                            # 3 here: 2 would draw images < 24 px
    assert k == 3
    for j in (0, 7, 29):                              # neighbours alternate between k columns
        column = strip.columns[j % k].image[::-1]     # top unit first, as drawn
        i = j // k
        np.testing.assert_allclose(column[i * cell:i * cell + 28], w1[j].reshape(28, 28))
    assert strip.limit == np.abs(w1).max()            # one scale for every unit
    x0, y0, w, h = strip.rect
    lay = view.layout_
    vb = view.getViewBox()
    assert x0 + w < lay.x[1][0]                       # on the incoming side of the neurons
    for j in (0, 1, 17):                              # each image level with its neuron
        item = strip.columns[j % k]
        box = item.mapRectToScene(item.boundingRect())
        row = box.height() / (len(range(j % k, 30, k)) * cell - 4)   # one image row on screen
        centre = box.top() + ((j // k) * cell + 14) * row
        neuron = vb.mapViewToScene(QPointF(lay.x[1][j], lay.y[1][j]))
        assert abs(centre - neuron.y()) < 1
        assert abs(28 * row - box.width()) < 1                # square on screen
        spacing = abs(neuron.y() - vb.mapViewToScene(QPointF(lay.x[1][1], lay.y[1][1])).y()) \
            if j == 0 else None
        if spacing:
            assert 28 * row > (k - 0.5) * spacing             # nearly k neurons tall
            assert 28 * row >= 24                             # 24 screen pixels or more
    hovered = []
    view.neuron_hovered.connect(hovered.append)
    assert not strip.large.isVisible()
    j = 11
    right = strip.columns[j % k].mapRectToParent(strip.columns[j % k].boundingRect()).center().x()
    target = vb.mapViewToScene(QPointF(right, lay.y[1][j]))
    qtbot.mouseMove(view.viewport(), view.mapFromScene(target))
    qtbot.waitUntil(lambda: strip.large.isVisible())
    np.testing.assert_allclose(strip.large.image[::-1], w1[j].reshape(28, 28))
    assert hovered[-1] == (1, j)
    assert view.tooltip_for(view.item_at(target)) != ""
    assert view.item_at(target) == ("neuron", 1, j)   # a click there picks the unit
    # the large image is beside the strip, not over it
    large = strip.large.mapRectToScene(strip.large.boundingRect())
    for item in strip.columns:
        assert not large.intersects(item.mapRectToScene(item.boundingRect()))
    # as large as the input image (it had been a fifth of the column: ~28 px at 1366×768)
    digit = view.digit_items.image.mapRectToScene(view.digit_items.image.boundingRect())
    assert abs(large.height() - digit.height()) < 1 and abs(large.width() - large.height()) < 1
    away = vb.mapViewToScene(QPointF(lay.x[2][0], lay.y[1][-1] - 1))
    qtbot.wait(50)                                    # (the tooltip shows up first)
    qtbot.mouseMove(view.viewport(), view.mapFromScene(away))
    qtbot.waitUntil(lambda: not strip.large.isVisible())
    # the mouse leaving the view straight from a unit takes the large image and the hover
    # with it (it had stayed over the input image, into presentation mode)
    qtbot.wait(50)
    qtbot.mouseMove(view.viewport(), view.mapFromScene(target))
    qtbot.waitUntil(lambda: strip.large.isVisible())
    QApplication.sendEvent(view, QEvent(QEvent.Type.Leave))
    assert not strip.large.isVisible() and hovered[-1] is None
    win.close()


def test_the_toy_and_xor_views_have_no_weight_strip(qtbot):
    for preset in ("toy-40-80", "xor"):
        win = open_window(qtbot, preset)
        assert win.network_view.digit_items is None
        win.close()


def test_inspector_summarises_dC_dW1_with_its_image(qtbot):
    win = open_window(qtbot, "mnist")
    net = win.session.network
    x = load_mnist().train_images[0].ravel() / 255
    y = np.eye(10)[load_mnist().train_labels[0]]
    a1 = sigmoid(net.weights[0] @ x + net.biases[0])
    a2 = sigmoid(net.weights[1] @ a1 + net.biases[1])
    d2 = (a2 - y) * a2 * (1 - a2)                     # BP1, quadratic cost
    d1 = (net.weights[1].T @ d2) * a1 * (1 - a1)      # BP2
    g1 = np.outer(d1, x)                              # BP4
    while not (win.walk.step.phase == "backward" and win.walk.step.layer == 1):
        qtbot.keyClick(win.network_view, Qt.Key_Right)
    table = next(t for t in win.inspector.tables if t.isVisible()
                 and t.title.text().startswith("<b>∂C/∂W¹"))
    text = table.summary.text()
    assert "30×784 = 23\u00a0520 entries" in text         # digits grouped by a no-break space
    # numbers with the window's true minus, as the tables write them (a hyphen had shown)
    assert g1.min() < 0
    assert f"min {g1.min():.4g}".replace("-", "\u2212") in text and f"max {g1.max():.4g}" in text
    assert not re.search(r"(?<!e)-\d", text)          # (an exponent keeps its hyphen: 4.5e-5)
    assert table.picture.isVisible() and not table.picture.pixmap().isNull()
    # the cells shown are the columns where the digit has ink, not its blank corner
    heads = [table.table.horizontalHeaderItem(c).text() for c in range(table.table.columnCount())]
    ks = [int(h.split("=")[1]) - 1 for h in heads]
    assert ks != list(range(len(ks))) and all(np.any(g1[:10, k]) for k in ks)
    assert "columns of largest |·|" in table.title.text()
    # the equation panel still names the shapes
    assert "(30×10)" in win.inspector.equations.toPlainText()
    win.close()


def test_training_mnist_shows_the_running_epochs_progress(qtbot):
    win = open_window(qtbot, "mnist")
    bar = win.mnist.progress
    toolbar = bar.parentWidget()
    assert not bar.isVisible()
    win.training.play()
    qtbot.waitUntil(lambda: bar.isVisible() and bar.value() > 0, timeout=20000)
    # laid out in the toolbar, where it can be seen: it had been shown outside the toolbar's
    # layout, at its corner, 480 px tall and never drawn
    assert not bar.visibleRegion().isEmpty()
    assert toolbar.rect().contains(bar.geometry())
    assert 0 < bar.height() <= toolbar.height()
    win.training.pause()
    qtbot.waitUntil(lambda: not win.training.running, timeout=10000)
    qtbot.waitUntil(lambda: not bar.isVisible())       # a stopped run's "epoch 7: 40 %" goes
    # 4 000 training digits in batches of 10: 400 steps an epoch
    assert bar.steps_per_epoch() == 400
    assert bar.format().startswith("epoch ")
    win.close()


def strip_is_placed_on_screen(view):
    """The strip's images lie inside the view, square on screen, clear of the hidden neurons'
    markers (their outline included), and the input image is square too."""
    strip, lay, vb = view.digit_items.strip, view.layout_, view.getViewBox()
    assert strip.rect is not None
    inside = vb.sceneBoundingRect()
    radius = view.texts.diameters[lay.offsets[1]] / 2 + NOW_PEN_HALF
    centre = vb.mapViewToScene(QPointF(lay.x[1][0], lay.y[1][0])).x()
    for c, item in enumerate(strip.columns):
        box = item.mapRectToScene(item.boundingRect())
        assert inside.contains(box), (c, box, inside)
        units = len(range(c, strip.n, len(strip.columns)))
        row = box.height() / (units * 32 - 4)               # one image pixel on screen
        assert abs(28 * row - box.width()) < 1
        assert box.right() <= centre - radius, (box.right(), centre, radius)
    image, frame = view.digit_items.image, view.digit_items.frame      # the input image: its frame
    box, edge = image.mapRectToScene(image.boundingRect()), frame.mapRectToScene(frame.rect())
    assert inside.contains(box)
    assert abs(box.width() - box.height()) < 1
    assert abs(box.width() - edge.width()) < 2 and abs(box.center().y() - edge.center().y()) < 1


NOW_PEN_HALF = 3.5 / 2          # the hidden layer's outline while it is the active layer


def test_the_strip_is_placed_after_switching_to_another_digit_network(qtbot):
    from bpviz.core.network import Network

    win = open_window(qtbot, "mnist")
    view = win.network_view
    for hidden in (33, 64, 1):                 # odd, the most a strip is drawn for, a single unit
        net = Network.create([784, hidden, 10], "sigmoid", "mse", seed=1, dtype="float32")
        win.session.set_network(net)
        for _ in range(5):                     # to the backward pass at layer 1
            qtbot.keyClick(view, Qt.Key_Right)
        assert view.digit_items.strip.n == hidden
        strip_is_placed_on_screen(view)
    win.close()


def test_the_strip_clears_the_neurons_after_the_window_is_resized(qtbot):
    win = open_window(qtbot, "mnist")
    view = win.network_view
    for _ in range(5):
        qtbot.keyClick(view, Qt.Key_Right)
    for size in ((1000, 700), (1920, 1080)):
        win.resize(*size)
        qtbot.wait(50)
        strip_is_placed_on_screen(view)
    win.close()


def test_hovering_the_views_margin_over_a_panned_strip_raises_nothing(qtbot):
    win = open_window(qtbot, "mnist")
    view = win.network_view
    strip, lay, vb = view.digit_items.strip, view.layout_, view.getViewBox()
    x0, y0, w, h = strip.rect
    # pan so that the strip's nearer column starts at the view's left edge
    (left, right), _ = vb.viewRange()
    vb.setXRange(x0 + w - strip.width / 2, x0 + w - strip.width / 2 + (right - left), padding=0)
    qtbot.wait(20)
    y = vb.mapViewToScene(QPointF(0, lay.y[1][4])).y()
    margin = QPointF(vb.sceneBoundingRect().left() - 0.5, y)     # outside the plot area
    assert strip.unit_at(vb.mapSceneToView(margin).x(), vb.mapSceneToView(margin).y()) is not None
    view._hover(margin)                        # what the scene's mouse-move signal calls
    assert view.item_at(margin) is None
    win.close()


def test_the_strips_hit_test_follows_the_images_edges(qtbot):
    win = open_window(qtbot, "mnist")
    strip = win.network_view.digit_items.strip
    s, k = strip.spacing, len(strip.columns)
    side = k * s * 28 / 32                                 # an image's height, view units
    for c, r in enumerate(strip._rects):
        x = r.center().x()
        top = r.bottom()                                   # (y grows upwards in the view)
        assert strip.unit_at(x, top + 1e-9) is None        # just above the column
        assert strip.unit_at(x, top - 1e-9) == c           # the top unit's image
        assert strip.unit_at(x, top - side + 1e-9) == c    # its bottom row
        assert strip.unit_at(x, top - side - 0.1 * (k * s - side)) is None    # the white gap
        assert strip.unit_at(x, top - k * s - 1e-9) == c + k                 # the next image
        assert strip.unit_at(r.left() - 1e-9, top - 1e-9) is None   # the gap left of it
        assert strip.unit_at(x, r.top() + 1e-9) == c + k * (len(range(c, strip.n, k)) - 1)
        assert strip.unit_at(x, r.top() - 1e-9) is None                      # below the column
    win.close()


def test_a_digit_sample_is_named_by_its_digit_in_the_chooser_and_the_view(qtbot):
    win = open_window(qtbot, "mnist")
    data = win.session.dataset
    combo = win.findChild(QComboBox, "sample")
    for m in (0, 1, 7):
        assert combo.itemText(m) == f"{m + 1}: digit {int(np.argmax(data.y[m]))}"
    view = win.network_view
    digit = int(np.argmax(data.y[0]))
    text = view.result_text.textItem.toPlainText()
    assert text.startswith(f"target: digit {digit} (y = 1 at output {digit}")
    for _ in range(win.walk.stepper.length - 1):           # to the end: after the update
        qtbot.keyClick(view, Qt.Key_Right)
    said = int(np.argmax(win.walk.step.output_after))
    assert f"after the update: the network says {said}, C = " in view.result_text.textItem.toPlainText()
    win.close()


def test_the_hovered_units_number_is_on_screen_and_the_mnist_dock_follows(qtbot):
    win = open_window(qtbot, "mnist")
    view = win.network_view
    strip = view.digit_items.strip
    vb = view.getViewBox()
    assert not strip.caption.isVisible()
    j = 4
    column = strip.columns[j % len(strip.columns)]
    x = column.mapRectToParent(column.boundingRect()).center().x()
    target = vb.mapViewToScene(QPointF(x, view.layout_.y[1][j]))
    qtbot.mouseMove(view.viewport(), view.mapFromScene(target))
    qtbot.waitUntil(lambda: strip.caption.isVisible())
    assert strip.caption.textItem.toPlainText() == "hidden unit 5"
    caption = strip.caption.mapRectToScene(strip.caption.boundingRect())
    large = strip.large.mapRectToScene(strip.large.boundingRect())
    # just above the large image, or just under it where the image stands at the strip's top
    # (above, it had sat on the layer's header); on screen either way
    assert caption.bottom() <= large.top() + 1 or caption.top() >= large.bottom() - 1
    assert abs(caption.center().x() - large.center().x()) < 1
    assert vb.sceneBoundingRect().contains(caption)
    images = win.mnist.weights
    assert images.unit == j                                   # the dock shows the same unit
    np.testing.assert_allclose(images.zoomed.image, win.session.network.weights[0][j].reshape(28, 28))
    assert "Hidden unit 5" in images.caption.text()
    win.close()


def test_a_large_mnist_dock_gives_its_room_to_the_unit_images(qtbot):
    """Floated and made 900×700 the dock had kept the images at 324 px and left the space
    under the test-digit chooser empty."""
    from PySide6.QtWidgets import QDockWidget
    win = open_window(qtbot, "mnist")
    try:
        dock = win.findChild(QDockWidget, "mnist_dock")
        dock.setFloating(True)
        dock.resize(900, 700)
        dock.show()
        images = win.mnist.weights
        qtbot.waitUntil(lambda: images.height() >= 0.7 * dock.height())
    finally:
        win.close()


def test_the_wheel_scrolls_the_mnist_dock_past_its_slider_until_the_slider_is_clicked(qtbot):
    """Scrolling the MNIST dock had moved its "edges shown" slider from 1 500 to 900 as it
    passed under the pointer."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QScrollArea, QSlider

    def wheel(w):
        centre = QPointF(w.width() / 2, w.height() / 2)
        QApplication.sendEvent(w, QWheelEvent(
            centre, QPointF(w.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
            Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False))

    win = open_window(qtbot, "mnist", (1366, 768))
    slider = win.findChild(QSlider, "edges_top_k")
    area = next(a for a in win.findChildren(QScrollArea) if a.widget().isAncestorOf(slider))
    area.parentWidget().resize(area.parentWidget().width(), 200)     # a short dock: it scrolls
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    bar, before = area.verticalScrollBar(), slider.value()
    wheel(slider)
    assert slider.value() == before and bar.value() > 0
    slider.setFocus()                          # clicked (or tabbed to): now it is the slider's
    qtbot.waitUntil(slider.hasFocus)
    scrolled = bar.value()
    wheel(slider)
    assert slider.value() != before and bar.value() == scrolled
    win.close()


def test_between_two_epochs_the_bar_shows_the_finished_one_whole(qtbot):
    """At a set speed the worker waits between epochs; the bar had read "epoch 11: 0 %"
    beside the counter's "epoch 10 of 30" for most of the run."""
    from bpviz.ui.training.controller import new_trainer
    from bpviz.ui.training.worker import Snapshot

    win = open_window(qtbot, "mnist")
    bar = win.mnist.progress
    win.training.trainer = new_trainer(win.session)    # (the bar reads its batch size)
    per = bar.steps_per_epoch()
    assert per == 400

    def show(epoch, step):
        bar._last = 0.0                                # (no throttling between these)
        bar.show_snapshot(Snapshot(run=1, seq=1, params=None, epoch=epoch, step=step,
                                   first_epoch=epoch, losses=np.array([])))
        return bar.format().replace("%p", str(round(100 * bar.value() / 1000))), bar.value()

    assert show(10, 10 * per) == ("epoch 10: 100%", 1000)      # 10 done, 11 not begun
    assert show(10, 10 * per + 100) == ("epoch 11: 25%", 250)
    assert show(0, 0) == ("epoch 1: 0%", 0)                     # the run's start
    win.training.trainer = None
    win.close()


def test_after_next_misclassified_at_1366_the_chooser_keeps_its_height_and_lines(qtbot):
    """At 1366×768 "Next misclassified" wrote a longer line; the splitter the panel sits in
    knows nothing of wrapping: the test digit box was squeezed to 13 px, both lines cut."""
    from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox

    win = open_window(qtbot, "mnist", (1366, 768))
    box = win.findChild(QSpinBox, "mnist_test_index")
    qtbot.mouseClick(win.findChild(QPushButton, "mnist_next_misclassified"), Qt.LeftButton)
    qtbot.wait(50)
    assert box.height() >= box.minimumSizeHint().height()
    for name in ("mnist_data_label", "mnist_sample_info"):
        label = win.findChild(QLabel, name)
        assert label.text() and label.height() >= label.heightForWidth(label.width())
    win.close()


def test_a_layer_added_in_the_network_tab_takes_the_wheel_only_once_clicked(qtbot):
    """The wheel guard had covered the controls built with the dock, not the rows the Network
    tab adds later: a wheel over a new layer's spin box changed it from 5 to 6."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    win = open_window(qtbot, "xor")
    editor = win.docks.architecture
    editor.add_layer(5, "sigmoid")
    spin = editor.rows[-1][0]
    centre = QPointF(spin.width() / 2, spin.height() / 2)
    QApplication.sendEvent(spin, QWheelEvent(
        centre, QPointF(spin.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, 120),
        Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False))
    assert spin.value() == 5
    win.close()


def test_the_update_step_says_how_a_training_step_differs_from_the_walk(qtbot):
    """"C = 0.894 → after the update 0.0127" had read to a teacher as what one step of
    MNIST's training does; training moves the weights by a batch of 10's mean gradient."""
    win = open_window(qtbot, "mnist")
    while win.walk.step.phase != "update":
        qtbot.keyClick(win.network_view, Qt.Key_Right)
    text = win.inspector.equations.toPlainText()
    assert "one sample's gradient at η = 3" in text and "a batch of 10 samples" in text
    win.close()
    win = open_window(qtbot, "toy-40-80")            # batch 1: the walk is a training step
    while win.walk.step.phase != "update":
        qtbot.keyClick(win.network_view, Qt.Key_Right)
    assert "batch of" not in win.inspector.equations.toPlainText()
    win.close()
    # Adam does not scale its step by 1/m, and seed-003's mistakes divide by something else
    for preset in ("spirals", "seed-003"):
        win = open_window(qtbot, preset)
        assert win.session.optimizer != "sgd" or win.session.bugs
        while win.walk.step.phase != "update":
            qtbot.keyClick(win.network_view, Qt.Key_Right)
        assert "batch of" not in win.inspector.equations.toPlainText()
        win.close()


def test_mnist_data_is_not_copied_for_a_decision_boundary_it_never_draws(qtbot, monkeypatch):
    """The boundary view stacked MNIST's training and test inputs (31 MB, 376 MB for the full
    set) on every network or data change before finding it could not draw them."""
    from bpviz.ui.training import boundary

    win = open_window(qtbot, "mnist")
    stacked = []
    monkeypatch.setattr(boundary.np, "vstack", lambda arrays: stacked.append(1) or np.concatenate(arrays))
    win.session.changed.emit(frozenset({"network", "dataset"}))
    win.findChild(QAction, "step_forward").trigger()
    assert not stacked
    win.close()


def test_the_input_field_says_how_many_values_a_digit_has_and_empties_for_the_toy(qtbot):
    from PySide6.QtWidgets import QLineEdit

    win = open_window(qtbot, "mnist")
    x = win.findChild(QLineEdit, "input_values")
    assert x.text() == "" and not x.isEnabled() and x.placeholderText() == "784 values"
    win.load_preset("toy-40-80")
    qtbot.wait(20)
    assert x.text() == "40, 80" and x.isEnabled() and x.placeholderText() == ""
    win.close()
