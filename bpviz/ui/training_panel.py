"""Placeholder: the interactive-training issue replaces this module."""


def install_training(window) -> None:
    """Add the training controls, loss plot and decision boundary to `window`."""
