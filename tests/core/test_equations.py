"""The worked equations (core/equations.py): what each step's text says."""

import numpy as np

from bpviz.core.equations import describe
from bpviz.core.network import Network
from bpviz.core.stepper import Stepper


def test_softmax_cross_entropy_equation_says_what_it_computes():
    net = Network([2, 2], ["softmax"], "cross_entropy", [[[0.0, 0.0], [0.0, 0.0]]], None)
    stepper = Stepper(net, [1.0, 2.0], [1.0, 1.0], 0.1)
    step = stepper.go_to(3)                                 # input, forward, loss, backward
    assert step.phase == "backward"
    text = "\n".join(line.text for line in describe(step))
    # a = (½, ½), Σy = 2: δ = a·2 − y = (0, 0), not a − y = (−½, −½)
    assert "Σⱼyⱼ" in text and "δ¹₁ = 0.5·2 - 1 = 0" in text
    np.testing.assert_allclose(step.delta[0], [0.0, 0.0], atol=1e-15)
