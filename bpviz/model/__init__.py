"""The explorer's state and its rules, without Qt: the one network that walking and training
share, its data, preset and training settings, and the sample being walked. The window's
`ui/session.py` adapts it to Qt signals; a notebook can use it directly."""

from .explorer import CHANGE_NAMES, ExplorerModel
from .rules import CUSTOM, custom_preset, random_init

__all__ = ["CHANGE_NAMES", "CUSTOM", "ExplorerModel", "custom_preset", "random_init"]
