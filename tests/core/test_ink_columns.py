"""The first layer's products over only the columns where a batch has ink
(training/ink_columns.py, core/blas.py `Columns`) change the time, never the numbers."""

import numpy as np
import pytest

from bpviz.core import blas
from bpviz.core.blas import Columns, product, subtract_product
from bpviz.core.mnist import load_mnist
from bpviz.core.network import Network
from bpviz.training import fast_path, ink_columns
from bpviz.training.ink_columns import ink_spans
from bpviz.training.trainer import Trainer

NUMPY_BLAS = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
needs_openblas = pytest.mark.skipif("openblas" not in NUMPY_BLAS["name"].lower(),
                                    reason=f"NumPy's BLAS is {NUMPY_BLAS['name']}, not OpenBLAS")
K = 196                    # 14 × 14 pixels; W¹ is 16 × 196, large enough for the one-call update
SIZES = [K, 16, 10]


def inked_pixels(n, seed=0, k=K):
    """Rows with ink between a random first and last column (as digits leave the top and
    bottom rows blank), a few blank rows, and rows inked in the very first and last column."""
    rng = np.random.default_rng(seed)
    pixels = np.zeros((n, k), np.uint8)
    for row in pixels:
        first = int(rng.integers(k // 5, k // 3))
        last = int(rng.integers(2 * k // 3, 4 * k // 5))
        row[first:last + 1] = rng.integers(0, 256, last + 1 - first) * (rng.random(last + 1 - first) < 0.4)
        row[first] = row[last] = rng.integers(1, 256)
    pixels[5] = 0
    pixels[9, 0] = pixels[11, k - 1] = 200
    return pixels


def one_hot(n, seed=1):
    return np.eye(SIZES[-1])[np.random.default_rng(seed).integers(0, SIZES[-1], n)]


@pytest.mark.parametrize("k, align", [(K, 8), (K, 16), (100, 8), (7, 8)])
def test_each_rows_window_is_its_first_and_last_ink_widened_to_whole_cache_lines(k, align):
    pixels = inked_pixels(40, k=k)
    spans = ink_spans(pixels, align)
    for row, (lo, minus_hi) in zip(pixels, spans.T):
        ink = np.flatnonzero(row)
        if len(ink) == 0:
            assert (lo, -minus_hi) == (0, k)              # a blank row: the whole row
            continue
        assert lo % align == 0 and lo <= ink[0] < lo + align
        hi = -minus_hi
        assert hi == k or hi % align == 0
        assert ink[-1] < hi and (hi == k or hi - align <= ink[-1])


def train(x, y, pixels, dtype="float64", batch_size=10, epochs=1, eta=3.0, windows=True,
          monkeypatch=None, sizes=SIZES, change_batch_at=None, acts="sigmoid"):
    if not windows:
        monkeypatch.setattr(fast_path, "blocks_agree", lambda w, m: False)
    net = Network.create(sizes, acts, "mse", init="scaled-normal", seed=3, dtype=dtype)
    t = Trainer(net, x, y, eta=eta, batch_size=batch_size, seed=7, pixels=pixels)
    if change_batch_at is None:
        result = t.run(epochs)
    else:
        for event in t.steps():
            if t.step == change_batch_at:
                t.set_batch_size(batch_size * 3 + 1)
            if event is not None and t.epoch >= epochs:
                break
        result = None
    if not windows:
        monkeypatch.undo()
    return t, result


def windows_used(t, size):
    ink = t._fast._inks.get(size)
    return ink is not None and (ink.table.width < t.network.sizes[0]).any()


@needs_openblas
@pytest.mark.parametrize("batch_size, n", [(10, 700), (100, 700), (7, 703), (33, 703), (2, 90)])
def test_windowed_steps_give_the_whole_rows_weights_to_the_last_bit(monkeypatch, batch_size, n):
    # 100: four blocks of 25 rows; 703 rows: the epoch's last chunk and batch are short
    pixels = inked_pixels(n)
    x, y = pixels / 255.0, one_hot(n)
    windowed, _ = train(x, y, pixels, batch_size=batch_size, epochs=2)
    assert windows_used(windowed, batch_size)
    whole, _ = train(x, y, pixels, batch_size=batch_size, epochs=2, windows=False, monkeypatch=monkeypatch)
    assert whole._fast._inks.get(batch_size) is None
    np.testing.assert_array_equal(windowed.network.params, whole.network.params)
    assert list(windowed.losses) == list(whole.losses)


@needs_openblas
def test_the_bundled_mnist_digits_train_to_the_same_bits_with_windows(monkeypatch):
    data = load_mnist(prefer_full=False).dataset()
    x, y, pixels = data.x[:1200], data.y[:1200], data.pixels[:1200]
    sizes = [784, 30, 10]
    windowed, _ = train(x, y, pixels, sizes=sizes)
    ink = windowed._fast._inks[10]
    assert windows_used(windowed, 10) and ink.table.width.mean() < 740   # columns left out
    whole, _ = train(x, y, pixels, sizes=sizes, windows=False, monkeypatch=monkeypatch)
    np.testing.assert_array_equal(windowed.network.params, whole.network.params)


@needs_openblas
def test_a_batch_size_changed_mid_epoch_takes_its_own_windows(monkeypatch):
    pixels = inked_pixels(703)
    x, y = pixels / 255.0, one_hot(703)
    windowed, _ = train(x, y, pixels, batch_size=10, epochs=2, change_batch_at=13)
    assert windows_used(windowed, 31)
    whole, _ = train(x, y, pixels, batch_size=10, epochs=2, change_batch_at=13, windows=False,
                     monkeypatch=monkeypatch)
    np.testing.assert_array_equal(windowed.network.params, whole.network.params)


@needs_openblas
def test_a_divergence_stops_at_the_same_step_with_the_same_weights(monkeypatch):
    pixels = inked_pixels(300)
    x, y = pixels / 255.0, one_hot(300)
    kw = {"batch_size": 10, "epochs": 30, "eta": 5.0, "acts": "linear"}   # the weights blow up
    windowed, result = train(x, y, pixels, **kw)
    assert result.diverged is not None
    whole, whole_result = train(x, y, pixels, windows=False, monkeypatch=monkeypatch, **kw)
    assert result.diverged == whole_result.diverged and windowed.step == whole.step
    np.testing.assert_array_equal(windowed.network.params, whole.network.params)


def test_a_library_whose_windows_change_the_sums_is_given_whole_rows(monkeypatch):
    monkeypatch.setattr(blas, "columns_agree", lambda *shape: False)
    monkeypatch.setattr(ink_columns, "columns_agree", lambda *shape: False)
    pixels = inked_pixels(200)
    t, _ = train(pixels / 255.0, one_hot(200), pixels)
    assert t._fast._inks[10] is None


def test_float32_is_given_whole_rows():
    # measured: in float32 the windows cost what they save (ink_columns.DTYPES)
    pixels = inked_pixels(200)
    t, _ = train(pixels / 255.0, one_hot(200), pixels, dtype="float32")
    assert t._fast._inks[10] is None


@needs_openblas
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_each_step_and_block_of_a_table_reads_only_its_own_window(dtype):
    # A is not 0 outside the windows here: what a call reads and writes shows in the numbers
    rng = np.random.default_rng(4)
    n, k, steps, blocks, rows = 5, 64, 3, 2, 4
    w = rng.standard_normal((n, k)).astype(dtype)
    a = rng.standard_normal((steps, blocks * rows, k)).astype(dtype)
    delta = rng.standard_normal((rows, n)).astype(dtype)
    z = np.zeros((steps, blocks * rows, n), dtype)
    table = Columns(w, steps, blocks)
    calls = []
    for j in range(steps):
        for b in range(blocks):
            rows_ = slice(b * rows, (b + 1) * rows)
            args = table.at(j, b, a[j, rows_])
            calls.append((j, b, product(z[j, rows_], a[j, rows_], w, args),
                          subtract_product(w, delta, a[j, rows_], table.at(j, b, a[j, rows_]))))
    lo, hi = np.array([16, 0, 8]), np.array([48, 64, 24])
    table.move(lo, -hi)
    tol = {"rtol": 1e-5 if dtype == np.float32 else 1e-12, "atol": 1e-5 if dtype == np.float32 else 1e-12}
    for j, b, forward, update in calls:
        rows_ = slice(b * rows, (b + 1) * rows)
        cols = slice(lo[j], hi[j])
        before = w.copy()
        forward()
        np.testing.assert_allclose(z[j, rows_], a[j, rows_, cols] @ before[:, cols].T, **tol)
        update()
        expected = before.copy()
        expected[:, cols] -= delta.T @ a[j, rows_, cols]
        np.testing.assert_allclose(w, expected, **tol)
        outside = np.ones(k, bool)
        outside[cols] = False
        np.testing.assert_array_equal(w[:, outside], before[:, outside])   # not touched


@needs_openblas
@pytest.mark.parametrize("which", ["product", "subtract_product"])
def test_the_librarys_own_check_catches_a_window_that_rounds_otherwise(monkeypatch, which):
    ask = blas.columns_agree.__wrapped__           # the check itself, not its remembered answers
    assert ask(np.float64, 10, 30, 784)
    made = getattr(blas, which)

    def one_ulp_off(*args, **kw):
        call = made(*args, **kw)
        target = args[0]                           # z of the product, w of the update
        if call is None or kw.get("columns", args[3] if len(args) > 3 else None) is None:
            return call

        def off():
            call()
            target[0, 0] = np.nextafter(target[0, 0], np.inf)
        return off
    monkeypatch.setattr(blas, which, one_ulp_off)
    assert not ask(np.float64, 10, 30, 784)


@needs_openblas
@pytest.mark.parametrize("keep", [44, 45, 46])
def test_forgetting_the_recorded_steps_mid_epoch_keeps_the_windows_moving(monkeypatch, keep):
    # batch 7 on 703 rows: chunks of 45 steps, the epoch's last chunk 10 full steps and a short
    # one; with room for ~45 recorded steps the store fills up while a plan is being made
    monkeypatch.setattr(fast_path, "KEEP_STEPS", keep)
    pixels = inked_pixels(703)
    x, y = pixels / 255.0, one_hot(703)
    windowed, _ = train(x, y, pixels, batch_size=7, epochs=2)
    assert windows_used(windowed, 7)
    whole, _ = train(x, y, pixels, batch_size=7, epochs=2, windows=False, monkeypatch=monkeypatch)
    np.testing.assert_array_equal(windowed.network.params, whole.network.params)


@needs_openblas
@pytest.mark.parametrize("where", ["blank", "inked"])
def test_an_infinite_first_layer_weight_diverges_at_the_step_whole_rows_find(monkeypatch, where):
    # inf · 0 is NaN: whole rows see an infinite weight in a column no digit inks at once;
    # a window leaves that column out, so the chunk must go to the general path
    data = load_mnist(prefer_full=False).dataset()
    x, y, pixels = data.x[:1200], data.y[:1200], data.pixels[:1200]
    column = 0 if where == "blank" else 14 * 28 + 14
    assert (pixels[:, column] != 0).any() == (where == "inked")
    results = []
    for windows in (True, False):
        t, _ = train(x, y, pixels, sizes=[784, 30, 10], epochs=0, windows=windows,
                     monkeypatch=monkeypatch)
        params = t.network.params.copy()
        params[column] = np.inf                     # W¹[0, column]
        t.set_params(params)
        if not windows:
            monkeypatch.setattr(fast_path, "blocks_agree", lambda w, m: False)
        result = t.run(2)
        monkeypatch.undo()
        results.append((t.step, result.diverged, t.network.params.copy()))
    (step_w, diverged_w, params_w), (step_r, diverged_r, params_r) = results
    assert diverged_r is not None and diverged_w == diverged_r and step_w == step_r
    np.testing.assert_array_equal(params_w, params_r)
