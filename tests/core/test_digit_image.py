"""A drawing → an MNIST-like 28×28 digit: box to 20×20 keeping the aspect ratio, area-averaged,
centre of mass at (14, 14)."""

import numpy as np
import pytest

from bpviz.core import digit_image as di
from bpviz.core.errors import BpvizError
from bpviz.core.mnist import load_subset


def test_area_matrix_averages_boxes():
    # 4 pixels → 2: each output is the mean of two inputs
    r = di.area_matrix(4, 2)
    assert np.allclose(r @ np.array([1.0, 3.0, 5.0, 7.0]), [2.0, 6.0])
    # 3 → 2: output 0 covers inputs [0, 1.5): (1·a + 0.5·b) / 1.5
    r = di.area_matrix(3, 2)
    assert np.allclose(r @ np.array([3.0, 6.0, 9.0]), [(3 + 3) / 1.5, (3 + 9) / 1.5])
    assert np.allclose(r.sum(axis=1), 1.0)


def test_one_dot_fills_the_20_box_at_the_centre():
    image = np.zeros((100, 100))
    image[37, 81] = 1.0
    field = di.to_mnist(image)
    # a 1×1 box scaled to 20×20, its centre of mass (9.5, 9.5) placed on (14, 14) rounding
    # up: rows and columns 5..24
    assert np.allclose(field[5:25, 5:25], 1.0) and field.sum() == pytest.approx(400.0)


def test_tall_bar_keeps_its_aspect_ratio():
    image = np.zeros((200, 200))
    image[50:90, 100:110] = 1.0          # 40 tall, 10 wide → 20 × 5
    field = di.to_mnist(image)
    rows, cols = np.flatnonzero(field.any(axis=1)), np.flatnonzero(field.any(axis=0))
    assert (len(rows), len(cols)) == (20, 5)
    assert field.sum() == pytest.approx(100.0)
    r, c = di.centre_of_mass(field)
    assert abs(r - 14) <= 0.5 and abs(c - 14) <= 0.5


def test_real_mnist_digits_come_back_close_to_themselves():
    """MNIST digits were made this way, so a digit blown up 10× and converted back is the
    original: centre of mass within a pixel of (14, 14), box ≤ 20, the same pixels."""
    data = load_subset()
    for image in data.test_images[:50]:
        original = image / 255.0
        field = di.to_mnist(np.kron(original, np.ones((10, 10))))
        r, c = di.centre_of_mass(field)
        assert abs(r - 14) <= 1 and abs(c - 14) <= 1
        top, bottom, left, right = di.ink_box(field)
        assert bottom - top <= 20 and right - left <= 20
        assert np.corrcoef(field.ravel(), original.ravel())[0, 1] > 0.999


def test_blank_and_malformed_drawings_are_one_line_errors():
    with pytest.raises(BpvizError, match="empty"):
        di.to_mnist(np.zeros((50, 50)))
    with pytest.raises(BpvizError, match="2-d"):
        di.to_mnist(np.zeros(50))
    assert di.ink_box(np.zeros((5, 5))) is None


def test_input_is_784_rows_in_range():
    image = np.zeros((60, 60))
    image[10:50, 28:32] = 0.7
    x = di.to_input(image)
    assert x.shape == (784,) and 0 <= x.min() and x.max() <= 1
