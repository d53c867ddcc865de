"""The descent explorer: gradient descent on textbook functions and the network's own cost
over two of its parameters."""

from .view import DescentView

__all__ = ["DescentView"]
