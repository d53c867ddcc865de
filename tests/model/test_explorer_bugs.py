"""The explorer model's ticked mistakes: one field, announced as "bugs", used by the walk."""

import numpy as np
import pytest

from bpviz.core.bug_walk import BuggyStepper
from bpviz.core.errors import BpvizError
from bpviz.core.stepper import Stepper
from bpviz.model.explorer import ExplorerModel


def test_set_bugs_is_announced_once_and_the_walk_uses_them():
    model = ExplorerModel("xor")
    assert model.bugs == ()
    heard = []
    model.subscribe(heard.append)
    model.set_bugs(["sigma-prime-of-a"])
    assert heard == [frozenset({"bugs"})] and model.bugs == ("sigma-prime-of-a",)
    assert isinstance(model.make_stepper(), BuggyStepper)
    model.set_bugs(["sigma-prime-of-a"])                 # no change: nobody is told
    assert len(heard) == 1
    model.set_bugs([])
    assert type(model.make_stepper()) is Stepper


def test_a_refused_set_changes_nothing():
    model = ExplorerModel("xor")
    model.set_bugs(["sum-not-mean"])
    with pytest.raises(BpvizError):
        model.set_bugs(["sum-not-mean", "mean-over-features"])
    with pytest.raises(BpvizError):
        model.set_bugs(["no-such-mistake"])
    assert model.bugs == ("sum-not-mean",)


def test_presets_bring_their_mistakes_and_other_presets_clear_them():
    model = ExplorerModel("seed-003")
    assert model.bugs == ("sigma-prime-of-a", "mean-over-features")
    model.load_preset("xor")
    assert model.bugs == ()


def test_changes_at_delta_1_gives_sigma_prime_of_a_and_of_z():
    model = ExplorerModel("xor")
    model.set_bugs(["sigma-prime-of-a"])
    stepper = model.make_stepper()
    step = stepper.go_to(model.network.L + 3)            # input, L forward, loss, δᴸ, δ¹ (L = 2)
    assert step.phase == "backward" and step.layer == 1
    net, (x, _) = model.network, model.current_sample()
    z1 = net.weights[0] @ x + net.biases[0]
    a1 = np.tanh(z1)
    assert net.activation_names[0] == "tanh"
    text = "\n".join(stepper.changes_at(step))
    for v in (1 - np.tanh(a1) ** 2, 1 - np.tanh(z1) ** 2):
        assert all(f"{u:.7g}"[:6] in text for u in v)
    assert "σ′(a¹)" in text and "σ′(z¹)" in text
    assert stepper.changes_at(stepper.go_to(1)) == ()     # the forward pass is unchanged
