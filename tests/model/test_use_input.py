"""Walking an input that is not in the data (a drawn digit, a held-out one)."""

import numpy as np
import pytest

from bpviz.core.errors import BpvizError
from bpviz.model import ExplorerModel


def test_use_input_walks_it_without_touching_the_data():
    m = ExplorerModel("xor")
    heard = []
    m.subscribe(heard.append)
    data_x = m.dataset.x.copy()
    m.use_input([0.25, 0.75], [1.0])
    assert heard == [frozenset({"sample"})]
    assert np.array_equal(m.dataset.x, data_x)
    x, y = m.current_sample()
    assert list(x) == [0.25, 0.75] and list(y) == [1.0]
    stepper = m.make_stepper()
    assert list(stepper.walk.x) == [0.25, 0.75]
    m.set_sample(1)                               # choosing a sample walks the data again
    assert list(m.current_sample()[0]) == list(data_x[1])


def test_use_input_refuses_the_wrong_size():
    m = ExplorerModel("xor")
    with pytest.raises(BpvizError, match="takes 2 inputs"):
        m.use_input([1.0, 2.0, 3.0], [1.0])
    assert m.probe is None
