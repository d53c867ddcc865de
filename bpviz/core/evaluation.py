"""How well a network does on a set of samples: cost, accuracy, the confusion matrix and which
samples it gets wrong (the same notion of "right" as `metrics.accuracy`).

- one-hot targets (several outputs, each row one 1): the class is argmax y, the prediction argmax a;
- one 0/1 output: the class is y, the prediction a ≥ 0.5 (two classes, 0 and 1);
- several 0/1 outputs that are not one-hot: a sample is wrong when any output is; no confusion;
- anything else (regression): accuracy, confusion and misclassified are None.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data_check import check_data
from .metrics import accuracy
from .network import Network


@dataclass(frozen=True)
class Evaluation:
    samples: int
    loss: float
    accuracy: float | None
    confusion: np.ndarray | None         # confusion[t, p]: samples of true class t predicted p
    misclassified: np.ndarray | None     # row indices, ascending
    predicted: np.ndarray | None         # the predicted class of every row (classification)

    def as_dict(self, split: str) -> dict:
        return {"split": split, "samples": self.samples, "accuracy": self.accuracy,
                "loss": self.loss,
                "confusion": None if self.confusion is None else self.confusion.tolist(),
                "misclassified": None if self.misclassified is None
                else self.misclassified.tolist()}


def classes(a: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, int] | None:
    """(true class, predicted class, number of classes), or None when the targets are not
    one class per sample."""
    if y.size == 0 or not np.all((y == 0) | (y == 1)):
        return None
    if y.shape[1] > 1 and np.all(y.sum(axis=1) == 1):
        return y.argmax(axis=1), a.argmax(axis=1), y.shape[1]
    if y.shape[1] == 1:
        return y[:, 0].astype(int), (a[:, 0] >= 0.5).astype(int), 2
    return None


def report(network: Network, x, y) -> Evaluation:
    """Cost, accuracy, confusion matrix and misclassified rows of `network` on (x, y)."""
    x, y = check_data(network, x, y, "evaluated")    # the rule training uses (BCE: 0 ≤ y ≤ 1)
    with np.errstate(all="ignore"):
        zs, activations = network.forward(x)
        a = activations[-1]
        loss = float(network.loss_of(zs[-1], a, y))
    acc = accuracy(a, y)
    found = classes(a, y)
    if found is not None:
        true, pred, n = found
        confusion = np.zeros((n, n), dtype=np.int64)
        np.add.at(confusion, (true, pred), 1)
        return Evaluation(len(x), loss, acc, confusion, np.flatnonzero(true != pred), pred)
    if acc is None:
        return Evaluation(len(x), loss, None, None, None, None)
    wrong = np.flatnonzero(~np.all((a >= 0.5) == (y == 1), axis=1))
    return Evaluation(len(x), loss, acc, None, wrong, None)
