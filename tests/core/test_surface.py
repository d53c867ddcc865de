"""The loss surface over two parameters, against the network's own cost computed one point at
a time, and against the 40/80 → 60 hand-worked example."""

import numpy as np
import pytest

from bpviz.core.errors import BpvizError
from bpviz.core.network import Network
from bpviz.core.presets import get_preset
from bpviz.core.surface import all_params, loss_surface, parse_param


def with_values(network, params, values):
    net = network.copy()
    for p, v in zip(params, values):
        if p.k is None:
            net.biases[p.l - 1][p.j - 1] = v
        else:
            net.weights[p.l - 1][p.j - 1, p.k - 1] = v
    return net


def toy():
    preset = get_preset("toy-40-80")
    return preset.network(), preset.dataset()


def test_toy_surface_is_the_hand_formula():
    # ŷ = W²·(W¹x) with W² = (1, 1, 1): changing W¹₁₁, W¹₁₂ gives ŷ = 40w₁₁ + 80w₁₂ + 60 + 60
    net, data = toy()
    s = loss_surface(net, data.x, data.y, "1:1:1", "1:1:2", span=0.2, grid=9)
    assert s.centre == (0.5, 0.5) and s.a[4] == 0.5 and s.b[4] == 0.5
    for i, w11 in enumerate(s.a):
        for j, w12 in enumerate(s.b):
            y_hat = 40 * w11 + 80 * w12 + 120
            assert s.loss[i, j] == pytest.approx(0.5 * (y_hat - 60) ** 2, rel=1e-12)
    assert s.loss[4, 4] == 7200.0                   # ½(180 − 60)²


def test_toy_update_arrow():
    # ∂C/∂W¹₁₁ = (ŷ − y)·W²₁·x₁ = 120·1·40 = 4800, ∂C/∂W¹₁₂ = 120·80 = 9600 by hand;
    # C is quadratic in each weight, so the grid's central differences give them exactly.
    net, data = toy()
    s = loss_surface(net, data.x, data.y, "1:1:1", "1:1:2", span=0.01, grid=3)
    h = s.a[2] - s.a[1]
    slope = ((s.loss[2, 1] - s.loss[0, 1]) / (2 * h), (s.loss[1, 2] - s.loss[1, 0]) / (2 * h))
    assert slope == pytest.approx((4800, 9600), rel=1e-9)
    eta = 1e-5
    after = (s.centre[0] - eta * slope[0], s.centre[1] - eta * slope[1])
    assert after == pytest.approx((0.452, 0.404), abs=1e-12)
    trace = net.backprop(data.x, data.y)            # and the network's backprop agrees
    assert trace.grad_w[0][0, :2] == pytest.approx([4800, 9600])


@pytest.mark.parametrize("preset", ["xor", "and", "not-gate", "gaussians", "spirals"])
def test_centre_is_the_network_loss_and_every_point_a_network_loss(preset):
    pr = get_preset(preset)
    net, data = pr.network(), pr.dataset()
    params = all_params(net)
    rng = np.random.default_rng(1)
    pairs = [(params[0], params[-1]), (params[1], params[2])] + \
        [tuple(params[i] for i in rng.choice(len(params), 2, replace=False)) for _ in range(3)]
    for p, q in pairs:
        s = loss_surface(net, data.x, data.y, p, q, grid=7)
        assert s.loss[3, 3] == pytest.approx(net.cost(data.x, data.y), rel=1e-12)
        for i, j in [(0, 0), (6, 1), (2, 5)]:
            expected = with_values(net, (p, q), (s.a[i], s.b[j])).cost(data.x, data.y)
            assert s.loss[i, j] == pytest.approx(expected, rel=1e-11, abs=1e-14)


def test_softmax_cross_entropy_network_and_samples():
    net = Network.create([5, 4, 3], ["relu", "softmax"], "cross_entropy", seed=3)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(20, 5)), np.eye(3)[rng.integers(0, 3, 20)]
    for p, q in [("1:2:3", "1:2:b"), ("2:1:1", "2:3:b"), ("1:4:1", "2:2:4")]:
        s = loss_surface(net, x, y, p, q, span=0.7, grid=5, samples=12)
        assert s.samples == 12
        assert s.loss[2, 2] == pytest.approx(net.cost(x[:12], y[:12]), rel=1e-12)
        pp, qq = parse_param(p, net), parse_param(q, net)
        expected = with_values(net, (pp, qq), (s.a[0], s.b[4])).cost(x[:12], y[:12])
        assert s.loss[0, 4] == pytest.approx(expected, rel=1e-11)


def test_default_span_is_one_plus_the_value():
    pr = get_preset("xor")
    net, data = pr.network(), pr.dataset()
    s = loss_surface(net, data.x, data.y, "1:1:1", "2:1:1", grid=5)
    for axis, centre in ((s.a, s.centre[0]), (s.b, s.centre[1])):
        assert axis[0] == pytest.approx(centre - (1 + abs(centre)))
        assert axis[-1] == pytest.approx(centre + (1 + abs(centre)))


def test_large_grids_are_chunked_and_cancellable(monkeypatch):
    from bpviz.core import surface
    monkeypatch.setattr(surface, "CHUNK_VALUES", 50)      # force many small chunks
    pr = get_preset("xor")
    net, data = pr.network(), pr.dataset()
    seen = []
    s = loss_surface(net, data.x, data.y, "1:1:1", "1:2:2", grid=11,
                     progress=lambda done, total: seen.append((done, total)))
    assert len(seen) > 3 and seen[-1] == (121, 121)
    monkeypatch.setattr(surface, "CHUNK_VALUES", 10 ** 7)
    assert np.array_equal(s.loss, loss_surface(net, data.x, data.y, "1:1:1", "1:2:2", grid=11).loss)
    assert loss_surface(net, data.x, data.y, "1:1:1", "1:2:2", grid=11, should_stop=lambda: True) is None


@pytest.mark.parametrize("kwargs,words", [
    ({"p": "1:1:1", "q": "1:1:1"}, "twice"),
    ({"p": "1:1:1", "q": "3:1:1"}, "layer"),
    ({"p": "1:5:1", "q": "1:1:1"}, "neurons"),
    ({"p": "1:1:3", "q": "1:1:1"}, "columns"),
    ({"p": "1:1:b", "q": "1:1:1"}, "no biases"),
    ({"p": "w11", "q": "1:1:1"}, "L:J:K"),
    ({"grid": 30}, "odd"),
    ({"grid": 1001}, "limit"),
    ({"span": 0.0}, "span"),
    ({"span": float("inf")}, "span"),
    ({"samples": 0}, "samples"),
])
def test_bad_input_is_one_line(kwargs, words):
    net, data = toy()
    args = {"p": "1:1:1", "q": "1:2:1", "grid": 5}
    args.update(kwargs)
    with pytest.raises(BpvizError, match=words):
        loss_surface(net, data.x, data.y, args.pop("p"), args.pop("q"), **args)
