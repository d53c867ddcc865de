"""Qt widgets only: they draw model state and compute no maths (that is bpviz.core)."""

from . import qt_workarounds  # noqa: F401  (must run before any signal is emitted)
