"""A model file makes a custom network everywhere: the preset chooser, Reset and New random
weights agree with the session."""


import numpy as np
from PySide6.QtWidgets import QComboBox, QFileDialog

try:
    from .window_helpers import open_window, snapshot, trigger
except ImportError:
    from window_helpers import open_window, snapshot, trigger  # noqa: F401


def test_opened_model_is_a_custom_network_everywhere(qtbot, tmp_path, monkeypatch, discard):
    from bpviz.core.modelfile import save_model
    from bpviz.core.network import Network
    net = Network.create([2, 3, 1], ["tanh", "sigmoid"], "mse", seed=5)
    path = tmp_path / "model.json"
    save_model(net, path, {"training": {"preset": "xor", "learning_rate": 0.7}})
    win = open_window(qtbot, "xor")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    trigger(win, "open_model")
    combo = win.findChild(QComboBox, "preset")
    s = win.session
    assert combo.currentIndex() == -1 and combo.placeholderText() == "custom network"
    assert s.preset.name == "custom" and tuple(s.preset.sizes) == (2, 3, 1)
    assert s.eta == 0.7
    loaded = s.network.params.copy()
    s.set_weight(1, 0, 0, "3")
    trigger(win, "reset")
    assert np.array_equal(s.network.params, loaded)       # back to the file's weights
    assert discard == ["Reset to the starting weights?"]  # (after asking: the edit was not saved)
    trigger(win, "new_weights")                           # same shape, new values
    assert s.network.sizes == [2, 3, 1] and not np.allclose(s.network.params, loaded)
    assert s.network.activation_names == ["tanh", "sigmoid"]
    assert combo.currentIndex() == -1 and s.preset.name == "custom"
    combo.setCurrentText("xor")
    combo.activated.emit(combo.currentIndex())
    assert s.preset.name == "xor" and combo.currentText() == "xor"
    win.close()
