"""The trainer's fast path (plain SGD on element-wise layers) gives the general path's numbers.

The general path is the trainer with the fast path switched off (`applies` patched to say
no): one `loss_and_gradient` and one optimiser step per batch, with a parameter backup per
step. Both are run on the same data from the same seed and compared.
"""

import numpy as np
import pytest

import bpviz.training.trainer as trainer_module
from bpviz.core.blas import subtract_product
from bpviz.core.network import Network
from bpviz.core.stepper import Stepper
from bpviz.training import fast_path
from bpviz.training.trainer import Trainer

SIZES = [12, 7, 5, 4]
CASES = [("sigmoid", "mse"), ("tanh", "mse"),
         (["relu", "leaky_relu", "sigmoid"], "binary_cross_entropy"),
         (["tanh", "linear", "sigmoid"], "cross_entropy")]


def data(n=53, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.random((n, SIZES[0]))
    y = np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], n)]
    return x, y


def trainer(acts="sigmoid", loss="mse", dtype="float64", n=53, eta=0.3, **kw):
    x, y = data(n)
    net = Network.create(SIZES, acts, loss, init="xavier", seed=3, dtype=dtype)
    return Trainer(net, x, y, eta=eta, seed=7, **kw)


@pytest.fixture(params=["numpy", "blas"])
def fuse(request, monkeypatch):
    """The fast path as it runs on these small layers (BP4 and the update as two NumPy
    calls), and with every weight matrix given the one-call BLAS update (core/blas.py) that
    MNIST's first layer gets."""
    if request.param == "blas":
        blas_name = np.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"]
        if "openblas" not in blas_name.lower():
            pytest.skip(f"NumPy's BLAS is {blas_name}: no gemm to fuse with")
        w = np.zeros((2, 3))
        assert subtract_product(w, np.zeros((1, 2)), np.zeros((1, 3))) is not None, \
            "NumPy's OpenBLAS gemm was not found"
        monkeypatch.setattr(fast_path, "FUSE_MIN", 1)
    return request.param


@pytest.fixture
def general(monkeypatch):
    """Switch the fast path off for trainers stepped inside the test."""
    def off():
        monkeypatch.setattr(trainer_module, "applies", lambda network, optimizer: False)
    return off


@pytest.mark.parametrize("acts, loss", CASES)
@pytest.mark.parametrize("batch_size", [1, 10, 53])      # 53: the whole set, no shuffling
def test_fast_path_equals_the_general_path_in_float64(acts, loss, batch_size, general, fuse):
    fast = trainer(acts, loss, batch_size=batch_size)
    assert fast_path.applies(fast.network, fast.optimizer)
    fast_result = fast.run(3)
    recorded = next(iter(fast._fast._steps.values()))
    # BP4 + update as BLAS calls: one per block of at most 32 rows, for every layer
    fused = [f for f in recorded if hasattr(f, "keep")]
    assert len({id(f.keep[0]) for f in fused}) == (fast.network.L if fuse == "blas" else 0)
    if fuse == "blas":
        assert len(fused) == fast.network.L * -(-batch_size // 32)
    general()
    slow = trainer(acts, loss, batch_size=batch_size)
    slow_result = slow.run(3)
    assert fast.step == slow.step == 3 * -(-53 // batch_size)
    np.testing.assert_allclose(fast.network.params, slow.network.params, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast_result.loss, slow_result.loss, rtol=1e-12)
    assert fast_result.train_accuracy == slow_result.train_accuracy


def test_settings_changed_between_steps_apply_at_the_next_batch(general, fuse):
    def drive(t):
        for count, _ in enumerate(t.steps(), start=1):
            if count == 5:
                t.set_eta(0.9)
            if count == 9:
                t.set_batch_size(4)
            if count == 13:
                t.set_params(t.network.params * 0.5)     # an edit made while paused
            if count == 30:
                return
    fast = trainer(batch_size=3)
    drive(fast)
    general()
    slow = trainer(batch_size=3)
    drive(slow)
    assert fast.step == slow.step and fast.epoch == slow.epoch
    np.testing.assert_allclose(fast.losses, slow.losses, rtol=1e-12)
    np.testing.assert_allclose(fast.network.params, slow.network.params, rtol=0, atol=1e-12)


@pytest.mark.parametrize("batch_size", [1, 5])
def test_a_divergence_stops_at_the_same_step_with_the_same_weights(batch_size, general, fuse):
    # linear layers with a large η: the weights blow up within a few hundred steps
    kw = {"acts": "linear", "loss": "mse", "eta": 40.0, "batch_size": batch_size}
    fast = trainer(**kw)
    fast_result = fast.run(50)
    general()
    slow = trainer(**kw)
    slow_result = slow.run(50)
    assert slow_result.diverged is not None
    assert fast_result.diverged == slow_result.diverged
    assert fast.step == slow.step
    assert np.isfinite(fast.network.params).all()
    np.testing.assert_allclose(fast.network.params, slow.network.params, rtol=1e-9)


def test_float32_and_float64_gradients_agree_to_float32_rounding():
    t64 = trainer(dtype="float64", batch_size=53, eta=1.0)
    t32 = trainer(dtype="float32", batch_size=53, eta=1.0)
    t32.set_params(t64.network.params.astype(np.float32).astype(np.float64))
    t64.set_params(t32.network.params)            # both start from the same float32 values
    next(t64.steps())
    next(t32.steps())
    g64, g32 = t64.grad, t32.grad                 # η = 1: the gradient itself
    assert g32.dtype == np.float32 and g64.dtype == np.float64
    scale = np.abs(g64).max()
    assert np.abs(g32 - g64).max() <= 1e-5 * scale
    assert np.abs(g32 - g64).max() > 0            # float32 really ran in float32


def test_the_stepper_walks_to_the_trainers_numbers_for_the_same_sample(fuse):
    x, y = data(1, seed=5)
    net = Network.create(SIZES, "sigmoid", "mse", init="xavier", seed=4)
    stepper = Stepper(net, x[0], y[0], eta=0.7)
    end = stepper.run_to_end()
    t = Trainer(net.copy(), x, y, eta=0.7, batch_size=1)
    assert fast_path.applies(t.network, t.optimizer)
    t.run(1)
    assert end.phase == "update"
    assert t.losses[0] == pytest.approx(stepper.records[SIZES.__len__()].loss, rel=1e-12)
    for w_fast, w_walk in zip(t.network.weights, end.new_weights):
        np.testing.assert_allclose(w_fast, w_walk, rtol=0, atol=1e-14)
    for b_fast, b_walk in zip(t.network.biases, end.new_biases):
        np.testing.assert_allclose(b_fast, b_walk, rtol=0, atol=1e-14)


def test_other_optimisers_and_l2_take_the_general_path():
    t = trainer(batch_size=5, optimizer="momentum")
    assert not fast_path.applies(t.network, t.optimizer)
    t = trainer(batch_size=5, l2=0.01)
    assert not fast_path.applies(t.network, t.optimizer)
    t = trainer(["sigmoid", "sigmoid", "softmax"], "cross_entropy", batch_size=5)
    assert not fast_path.applies(t.network, t.optimizer)


@pytest.mark.parametrize("acts, eta, factor, atol", [
    ("linear", 0.5, 1e4, 1e-12),      # explodes at step 4, inside the first chunk
    ("tanh", 3.0, 1.05, 1e-12),       # at step 2
    ("tanh", 3.0, 3.0, 1e-4),         # at step 80: near an explosion the two paths' rounding
])                                    # differences (1e-16) have grown, the step is the same
def test_a_loss_above_the_divergence_factor_stops_at_the_same_step(acts, eta, factor, atol, general,
                                                                  fuse):
    kw = {"acts": acts, "loss": "mse", "eta": eta, "batch_size": 4, "divergence_factor": factor}
    fast = trainer(**kw)
    fast_result = fast.run(20)
    general()
    slow = trainer(**kw)
    slow_result = slow.run(20)
    assert slow_result.diverged is not None and "exploded" in slow_result.diverged.message
    assert fast_result.diverged == slow_result.diverged
    assert fast.step == slow.step
    np.testing.assert_allclose(fast.network.params, slow.network.params, rtol=0, atol=atol)
