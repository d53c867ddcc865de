"""Per-sample gradients: each sample's ∂Cₓ/∂W is δₓ aₓᵀ, and their mean is the gradient the
trainer's update uses."""

import numpy as np
import pytest

from bpviz.core import datasets
from bpviz.core.network import Network
from bpviz.core.per_sample import backward_records, describe


@pytest.mark.parametrize("sizes, acts, loss", [
    ([2, 4, 1], ["tanh", "linear"], "mse"),
    ([3, 5, 4, 2], ["sigmoid", "relu", "sigmoid"], "binary_cross_entropy"),
    ([3, 4, 3], ["tanh", "softmax"], "cross_entropy"),
])
def test_mean_of_per_sample_gradients_is_the_trainers_batch_gradient(sizes, acts, loss):
    net = Network.create(sizes, acts, loss, init="normal", seed=4)
    rng = np.random.default_rng(9)
    x = rng.standard_normal((7, sizes[0]))
    y = rng.uniform(0.1, 0.9, (7, sizes[-1]))
    if loss == "cross_entropy":
        y /= y.sum(axis=1, keepdims=True)
    grad = np.zeros_like(net.params)
    net.loss_and_gradient(x, y, grad)            # the trainer's hot path
    records = {r.layer: r for r in backward_records(net, x, y)}
    assert sorted(records) == list(range(1, net.L + 1))
    views, start = [], 0
    for v in net.views:
        views.append(grad[start:start + v.size].reshape(v.shape))
        start += v.size
    for l, r in records.items():
        mean_w = r.grad_w.mean(axis=0)
        np.testing.assert_allclose(mean_w, views[2 * (l - 1)], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(r.mean_w, views[2 * (l - 1)], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(r.grad_b.mean(axis=0), views[2 * l - 1], rtol=1e-12, atol=1e-15)
        for i in range(7):                        # each one the outer product δₓ aₓᵀ
            np.testing.assert_allclose(r.grad_w[i], np.outer(r.delta[i], r.a_prev[i]), rtol=1e-15)


def test_xor_corners_pull_a_weight_in_different_directions():
    net = Network.create([2, 4, 1], ["tanh", "linear"], "mse", seed=0)
    data = datasets.xor()
    output = backward_records(net, data.x, data.y)[0]
    text = [line.text for line in describe(output, 0, 0)]
    assert text[1] == "∂C/∂W² = (1/m) Σₓ δ²ₓ (a¹ₓ)ᵀ,  m = 4"
    total = sum(output.delta[i, 0] * output.a_prev[i, 0] for i in range(4)) / 4
    mean_line = next(t for t in text if t.startswith("∂C/∂w²₁₁ = (1/4)("))
    assert float(mean_line.rsplit("= ", 1)[1]) == pytest.approx(total, rel=1e-6)
