"""The NumPy core of bpviz: activations, losses, the network and its backprop, the
layer-by-layer stepper, optimisers, initialisers, datasets, presets and model files.

Pure NumPy: nothing here imports Qt or pyqtgraph, so it works from a notebook or a terminal.
"""

from .errors import BpvizError
from .network import Network, Trace
from .stepper import Step, Stepper

__all__ = ["BpvizError", "Network", "Trace", "Step", "Stepper"]
