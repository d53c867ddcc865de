"""The XOR preset's defaults were chosen so that at least 99 of 100 seeds reach 100 % train
accuracy. Slow: run with `python -m pytest -m slow`."""

import pytest

from bpviz.core.presets import get_preset
from bpviz.training.trainer import Trainer


@pytest.mark.slow
def test_at_least_99_of_100_xor_seeds_converge():
    preset = get_preset("xor")
    data = preset.dataset()
    converged = 0
    for seed in range(100):
        net = preset.network(seed=seed)
        result = Trainer(net, data.x, data.y, eta=preset.eta, batch_size=preset.batch_size,
                         optimizer=preset.optimizer, seed=seed).run(preset.epochs)
        converged += result.diverged is None and result.train_accuracy == 1.0
    assert converged >= 99, f"only {converged} of 100 seeds reached 100 % accuracy"
