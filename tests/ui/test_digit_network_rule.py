"""The network view and the sample chooser decide "digits" by the same rule (784 inputs; the
digit labels also need 10 outputs), so a 784-input network without ten classes gets the
input image but neither view calls its samples or outputs digits."""

import numpy as np
from PySide6.QtWidgets import QComboBox

from bpviz.core.datasets import Dataset
from bpviz.core.mnist import load_mnist
from bpviz.core.network import Network

try:
    from .window_helpers import open_window  # noqa: F401
except ImportError:
    from window_helpers import open_window  # noqa: F401


def chooser_texts(win):
    combo = win.findChild(QComboBox, "sample")
    return [combo.itemText(i) for i in range(combo.count())]


def test_mnist_samples_and_outputs_are_digits(qtbot):
    win = open_window(qtbot, "mnist")
    labels = load_mnist().train_labels
    texts = chooser_texts(win)
    assert texts[0] == f"1: digit {labels[0]}" and texts[3] == f"4: digit {labels[3]}"
    items = win.network_view.digit_items
    assert items is not None and len(items.digits) == 10
    win.close()


def test_784_inputs_with_three_outputs_is_an_image_but_not_digits(qtbot):
    win = open_window(qtbot, "xor")
    rng = np.random.default_rng(0)
    x = rng.random((5, 784))
    y = np.eye(3)[[0, 1, 2, 0, 1]]
    net = Network.create([784, 4, 3], ["sigmoid", "sigmoid"])
    win.session.set_network(net)
    win.session.set_dataset(Dataset("three", x, y))
    qtbot.wait(20)
    items = win.network_view.digit_items
    assert items is not None and items.digits == []            # the image, no digit labels
    texts = chooser_texts(win)
    assert len(texts) == 5 and not any("digit" in t for t in texts)
    assert texts[1].startswith("2: (")
    win.close()
