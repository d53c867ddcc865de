"""Mini-batches gathered from 8-bit pixels (x = pixels / 255, as MNIST is) train to the same
numbers as batches gathered from the float data."""

import numpy as np
import pytest

import bpviz.training.trainer as trainer_module
from bpviz.core.errors import BpvizError
from bpviz.core.mnist import load_mnist
from bpviz.core.network import Network
from bpviz.training import batch_rows
from bpviz.training.batch_rows import pixels_to_x
from bpviz.training.trainer import Trainer

SIZES = [12, 7, 4]
N = 700                        # more rows than one gathered chunk


def pixel_data(seed=2, n=N):
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, (n, SIZES[0]), dtype=np.uint8)
    y = np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], n)]
    return pixels, pixels / 255.0, y


def train(x, y, dtype, batch_size, pixels=None, epochs=2):
    net = Network.create(SIZES, "sigmoid", "mse", init="scaled-normal", seed=3, dtype=dtype)
    t = Trainer(net, x, y, eta=3.0, batch_size=batch_size, seed=7, pixels=pixels)
    t.run(epochs)
    return t


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("batch_size, n", [(1, N), (10, N), (100, N), (7, 703), (300, 703)])
def test_batches_from_pixels_give_the_same_weights_to_the_last_bit(dtype, batch_size, n):
    # 703 rows: chunks of 315 or 300 rows, the last one short, and a last batch that is short
    pixels, x, y = pixel_data(n=n)
    with_pixels = train(x, y, dtype, batch_size, pixels)
    assert with_pixels._fast.rows.pixels is not None          # the pixels were used
    from_floats = train(x, y, dtype, batch_size)
    assert from_floats._fast.rows.pixels is None
    np.testing.assert_array_equal(with_pixels.network.params, from_floats.network.params)
    assert list(with_pixels.losses) == list(from_floats.losses)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("piece_bytes", [1, 2000, 5000])
@pytest.mark.parametrize("batch_size, n", [(10, N), (7, 703), (1, 64)])
def test_x_made_a_piece_of_the_chunk_at_a_time_gives_the_same_weights(
        monkeypatch, dtype, piece_bytes, batch_size, n):
    # pieces of one batch, and of a few, inside chunks of ~300 rows (the last chunk short; a
    # chunk that is not a whole number of pieces)
    monkeypatch.setattr(batch_rows, "PIECE_BYTES", piece_bytes)
    pixels, x, y = pixel_data(n=n)
    with_pixels = train(x, y, dtype, batch_size, pixels)
    rows = with_pixels._fast.rows
    assert rows.pixels is not None and rows.piece_rows(batch_size) < 300
    from_floats = train(x, y, dtype, batch_size)
    np.testing.assert_array_equal(with_pixels.network.params, from_floats.network.params)
    assert list(with_pixels.losses) == list(from_floats.losses)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_pieces_follow_a_batch_size_changed_mid_epoch(monkeypatch, dtype):
    # batch 1 then 3 from step 358: steps at the same offset and length but of other piece
    # sizes must not be mixed up (only one of them makes its piece's x)
    monkeypatch.setattr(batch_rows, "PIECE_BYTES", 1000)
    pixels, x, y = pixel_data(n=703)
    params = []
    for source in (pixels, None):
        net = Network.create(SIZES, "sigmoid", "mse", init="scaled-normal", seed=3, dtype=dtype)
        t = Trainer(net, x, y, eta=3.0, batch_size=1, seed=7, pixels=source)
        steps = t.steps()
        for i in range(1000):
            if i == 358:
                t.set_batch_size(3)
            next(steps)
        assert (t._fast.rows.pixels is not None) == (source is not None)
        params.append(t.network.params.copy())
    np.testing.assert_array_equal(*params)


def test_they_agree_with_the_general_path(monkeypatch):
    pixels, x, y = pixel_data()
    fast = train(x, y, "float64", 10, pixels)
    monkeypatch.setattr(trainer_module, "applies", lambda network, optimizer: False)
    general = train(x, y, "float64", 10, pixels)
    assert general._fast is None
    np.testing.assert_allclose(fast.network.params, general.network.params, rtol=0, atol=1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_every_pixel_value_becomes_its_division_by_255_to_the_last_bit(dtype):
    # float64 uses two multiplications instead of the division: all 256 codes, as bits
    pixels = np.arange(256, dtype=np.uint8).reshape(16, 16)
    out = np.full((16, 16), np.nan, dtype)
    pixels_to_x(pixels, out)
    expected = pixels.astype(dtype) / dtype(255)
    bits = f"u{np.dtype(dtype).itemsize}"
    np.testing.assert_array_equal(out.view(bits), expected.view(bits))


@pytest.mark.parametrize("row", [0, N // 2, N - 1])
def test_pixels_that_do_not_give_the_data_are_not_used(row):
    pixels, x, y = pixel_data()
    x = x.copy()
    x[row, 3] = (int(pixels[row, 3]) + 1) % 256 / 255.0     # one value that is not pixels / 255
    t = train(x, y, "float32", 10, pixels, epochs=1)
    assert t._fast.rows.pixels is None
    np.testing.assert_array_equal(t.network.params, train(x, y, "float32", 10, epochs=1).network.params)


def test_a_negative_zero_is_not_the_pixel_0():
    pixels, x, y = pixel_data()
    row, col = np.argwhere(pixels == 0)[0]
    x = x.copy()
    x[row, col] = -0.0                      # equal to 0.0, but not 0 / 255 bit for bit
    t = train(x, y, "float64", 10, pixels, epochs=1)
    assert t._fast.rows.pixels is None


@pytest.mark.parametrize("bad", [np.zeros((N, SIZES[0])), np.zeros((N - 1, SIZES[0]), np.uint8),
                                 np.zeros((N, SIZES[0] + 1), np.uint8)])
def test_pixels_of_another_type_or_shape_are_refused_in_one_line(bad):
    _, x, y = pixel_data()
    net = Network.create(SIZES, "sigmoid", "mse", seed=3)
    with pytest.raises(BpvizError, match=r"^pixels: expected 8-bit values shaped \(700, 12\)") as e:
        Trainer(net, x, y, pixels=bad)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_the_mnist_data_carry_the_pixels_they_were_made_from(dtype):
    data = load_mnist().dataset(dtype)
    assert data.pixels.dtype == np.uint8 and data.pixels.shape == data.x.shape
    np.testing.assert_array_equal(data.pixels.astype(dtype) / np.array(255, dtype), data.x)
    assert data.x.dtype == dtype
