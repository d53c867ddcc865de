"""bpviz: a desktop explorer that makes backpropagation visible.

The maths lives in :mod:`bpviz.core` (pure NumPy, no Qt), the training loop and its Qt
worker in :mod:`bpviz.training`, the widgets in :mod:`bpviz.ui`.
"""

__version__ = "0.1.0"
