"""How well a network does on data: `evaluate` gives (cost, accuracy); accuracy is what
fraction of samples the network gets right:

- one-hot targets (every row sums to 1, more than one output): right when argmax a = argmax y;
- 0/1 targets otherwise: right when every output, thresholded at 0.5, equals its target;
- anything else (regression, like the toy example): accuracy is not defined (None).
"""

from __future__ import annotations

import _thread

import numpy as np

from .backprop import layer_forward
from .threads import blas_threads, usable_cores

MANY_ROWS = 2000     # an evaluation of at least this many samples uses every core


def one_hot_index(y) -> int | None:
    """k when target y is one-hot (a 1 at index k, 0 everywhere else, at least 2 outputs),
    else None: the class a sample belongs to, e.g. the digit of an MNIST target."""
    y = np.asarray(y).reshape(-1)
    if y.size < 2 or np.count_nonzero(y) != 1:
        return None
    k = int(np.flatnonzero(y)[0])
    return k if y[k] == 1 else None


def accuracy(a: np.ndarray, y: np.ndarray) -> float | None:
    if y.size == 0:
        return None
    if y.shape[1] > 1:       # one-hot: one nonzero per row, and it is a 1 (checked cheaply)
        labels = y.argmax(axis=1)
        if (np.count_nonzero(y) == y.shape[0]
                and np.all(y[np.arange(y.shape[0]), labels] == 1)):
            return float(np.mean(a.argmax(axis=1) == labels))
    binary = np.all((y == 0) | (y == 1))
    if not binary:
        return None
    if y.shape[1] > 1 and np.all(y.sum(axis=1) == 1):
        return float(np.mean(a.argmax(axis=1) == y.argmax(axis=1)))
    return float(np.mean(np.all((a >= 0.5) == (y == 1), axis=1)))


def evaluate(network, x, y) -> tuple[float, float | None]:
    """(C, accuracy) of `network` on the batch (x, y), one forward pass. Overflow in a
    diverging network gives inf or NaN quietly: the caller reports it, not NumPy."""
    x, y = network.as_batch(x), network.as_batch(y)
    with np.errstate(all="ignore"):
        z_L, a_L = output_of(network, x)
        return network.loss_of(z_L, a_L, y), accuracy(a_L, y)


def output_of(network, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(zᴸ, aᴸ) of the batch x. A large batch is split into one part per core, each part
    fed forward by its own thread on one BLAS thread, in blocks of a few dozen rows
    (`layer_forward` with buffers): measured here on 10 000 MNIST images, 3.5 ms against
    5 ms for one product on two BLAS threads and 9 ms on one. The numbers agree with
    `network.forward` to rounding (BLAS may add a row's products in another order)."""
    parts = min(usable_cores(), x.shape[0] // (MANY_ROWS // 2)) if x.shape[0] >= MANY_ROWS else 1
    if parts < 2:
        z, a = network.forward(x)
        return z[-1], a[-1]
    rows, n_L = x.shape[0], network.sizes[-1]
    z_L, a_L = np.empty((rows, n_L), network.dtype), np.empty((rows, n_L), network.dtype)
    bounds = [rows * k // parts for k in range(parts + 1)]
    failed: list[BaseException] = []

    def part(lo: int, hi: int) -> None:
        try:
            with np.errstate(all="ignore"):          # the error state is per thread
                a = x[lo:hi]
                for l in range(network.L):
                    last = l == network.L - 1
                    n = network.sizes[l + 1]
                    out = ((z_L[lo:hi], a_L[lo:hi]) if last else
                           (np.empty((hi - lo, n), network.dtype), np.empty((hi - lo, n), network.dtype)))
                    b = network.biases[l] if network.has_biases else None
                    _, a = layer_forward(network.sigmas[l], network.weights[l], b, a, out)
        except BaseException as e:          # handed to the calling thread
            failed.append(e)

    # Helpers are started with the low-level _thread module and waited for with a lock:
    # `Thread.join` would register a thread that Python did not start (the window's QThread
    # worker) with the threading module for good.
    done = [_thread.allocate_lock() for _ in range(1, parts)]

    def helper(k: int) -> None:
        try:
            part(bounds[k], bounds[k + 1])
        finally:
            done[k - 1].release()

    with blas_threads(1):
        for k in range(1, parts):
            done[k - 1].acquire()
            _thread.start_new_thread(helper, (k,))
        part(bounds[0], bounds[1])
        for lock in done:
            lock.acquire()
    if failed:
        raise failed[0]
    return z_L, a_L
