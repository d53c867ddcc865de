"""The numbers behind the digit views: a network's output for one input, the digits of one cell
of a confusion matrix, and the held-out digits that excite a hidden unit most and least."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import BpvizError
from .evaluation import Evaluation
from .network import Network

DIGIT_INPUTS = 784        # 28 × 28 pixels
DIGIT_CLASSES = 10        # the digits 0–9


def is_digit_network(sizes, classes: bool = False) -> bool:
    """True when the first layer of `sizes` (input layer first) takes a 28 × 28 digit image; with
    `classes`, also the last layer has one output per digit 0–9. The one test the window's views
    use to decide that a network or a data set (sizes = (inputs, targets)) is about digits."""
    if int(sizes[0]) != DIGIT_INPUTS:
        return False
    return not classes or int(sizes[-1]) == DIGIT_CLASSES


def digit_problem(network: Network) -> str | None:
    """Why the digit views cannot use `network` (one line), or None when they can."""
    if not is_digit_network(network.sizes):
        return (f"this network takes {network.sizes[0]} inputs; a drawn digit is 28 × 28 = "
                f"{DIGIT_INPUTS} pixels (load the mnist preset or a 784-input model)")
    return None


def output_of(network: Network, x) -> np.ndarray:
    """aᴸ for one input x (a vector of n⁰ entries)."""
    x = np.asarray(x, dtype=network.dtype).reshape(1, -1)
    with np.errstate(all="ignore"):
        return network.forward(x).a[-1][0].astype(float)


@dataclass(frozen=True)
class CellDigits:
    rows: np.ndarray          # indices into the evaluated set, ascending
    confidence: np.ndarray    # the output of the predicted class for each


def cell_digits(evaluation: Evaluation, outputs: np.ndarray, true: int, predicted: int,
                true_classes: np.ndarray) -> CellDigits:
    """The samples of true class `true` predicted `predicted`, with the network's output for the
    predicted class (its confidence)."""
    if evaluation.predicted is None:
        raise BpvizError("these targets are not one class per sample: there is no confusion matrix")
    rows = np.flatnonzero((true_classes == true) & (evaluation.predicted == predicted))
    return CellDigits(rows, outputs[rows, predicted].astype(float))


@dataclass(frozen=True)
class UnitExtremes:
    top: np.ndarray           # indices of the k samples with the highest aˡⱼ, highest first
    bottom: np.ndarray        # the k lowest, lowest first
    a: np.ndarray             # aˡⱼ of every sample


def unit_extremes(network: Network, x, layer: int, unit: int, k: int = 8) -> UnitExtremes:
    """The samples of `x` that excite neuron `unit` (0-based) of hidden layer `layer` (1-based)
    most and least: its activation aˡⱼ, forward only up to layer `layer`."""
    if not 1 <= layer < len(network.sizes) - 1:
        raise BpvizError(f"layer must be a hidden layer, 1 to {len(network.sizes) - 2}")
    if not 0 <= unit < network.sizes[layer]:
        raise BpvizError(f"layer {layer} has neurons 1 to {network.sizes[layer]}")
    a = np.asarray(x, dtype=network.dtype)
    with np.errstate(all="ignore"):
        for l in range(1, layer + 1):
            w, b = network.weights[l - 1], network.biases[l - 1] if network.has_biases else None
            if l == layer:
                # only row j is needed: zˡⱼ = Σₖ wˡⱼₖ aˡ⁻¹ₖ + bˡⱼ for every sample. einsum, not
                # a BLAS matrix-vector product, which can crawl when its threads share busy cores
                z = np.einsum("ik,k->i", a, w[unit])[:, None]
                z = z if b is None else z + b[unit]
            else:
                z = a @ w.T if b is None else a @ w.T + b
            a = network.sigmas[l - 1](z)
    values = a[:, 0].astype(float)
    order = np.argsort(values, kind="stable")
    k = min(k, len(values))
    return UnitExtremes(order[::-1][:k].copy(), order[:k].copy(), values)
