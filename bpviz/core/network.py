"""A fully connected network and its backpropagation, written as the four equations.

Notation (Nielsen's, see docs/ARCHITECTURE.md): layer 0 is the input, layers 1..L compute. Python lists are
0-based, so `weights[l - 1]` is Wˡ with shape (nˡ, nˡ⁻¹) and `biases[l - 1]` is bˡ.
A batch has one row per sample, so the written zˡ = Wˡ aˡ⁻¹ + bˡ becomes Zˡ = Aˡ⁻¹ Wˡᵀ + bˡ.

The four equations themselves, one layer at a time, are in core/backprop.py (importable from
here too); `backprop`, the trainer's general step `loss_and_gradient`, its fast path
(training/fast_path.py) and the one-sample walk (core/stepper.py) all call them.

All parameters live in one flat vector `params` (weights and biases are views into it), so an
optimiser updates every parameter with one NumPy call and a snapshot is one copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .activations import get_activation
from .backprop import grad_b, grad_w, hidden_delta, layer_forward, output_delta
from .errors import BpvizError
from .initializers import get_initializer, init_bias
from .losses import get_loss
from .notation import sup

DTYPES = {"float64": np.float64, "float32": np.float32}


@dataclass(frozen=True)
class Trace:
    """Everything one backprop on a batch computed. Lists are indexed l − 1 for layer l,
    except `a`, where a[0] is the input a⁰ and a[l] is aˡ."""

    x: np.ndarray
    y: np.ndarray
    z: list
    a: list
    sigma_prime: list        # σ′(zˡ) per layer (for softmax, the Jacobian's diagonal)
    grad_a: np.ndarray       # ∇ₐC per sample at the output
    loss: float
    delta: list              # δˡ = ∂C_x/∂zˡ, one row per sample
    grad_w: list             # ∂C/∂Wˡ, mean over the batch
    grad_b: list | None      # ∂C/∂bˡ, mean over the batch; None without biases

    @property
    def output(self) -> np.ndarray:
        return self.a[-1]


class Forward(NamedTuple):
    """What a forward pass computed: z[l − 1] = zˡ for l = 1..L, and a[l] = aˡ for
    l = 0..L (a[0] is the input). Unpacks as `z, a = network.forward(x)`."""

    z: list
    a: list


class Network:
    """Sizes, an activation σ per layer (`sigmas`), a loss, and the parameters Wˡ, bˡ."""

    # True when `loss_and_gradient` is BP1–BP4 as written here; a subclass that changes them
    # (the bug lab's BuggyNetwork) sets it False, and the trainer's fast path, which replays
    # these same equations, then leaves it alone.
    standard_backprop = True

    def __init__(self, sizes, activations, loss="mse", weights=None, biases=None,
                 dtype="float64"):
        sizes = _check_sizes(sizes)
        if len(activations) != len(sizes) - 1:
            raise BpvizError(f"activations: expected {len(sizes) - 1} (one per non-input layer), "
                             f"found {len(activations)}")
        self.sigmas = [get_activation(name) for name in activations]
        for l, act in enumerate(self.sigmas[:-1], start=1):
            if not act.elementwise:
                raise BpvizError(f"activations[{l - 1}]: softmax is allowed on the output layer "
                                 f"only, found it on hidden layer {l}")
        self.loss = get_loss(loss)
        if dtype not in DTYPES:
            raise BpvizError(f"dtype must be float32 or float64, found {dtype!r}")
        self.sizes = sizes
        self.dtype = DTYPES[dtype]
        self.has_biases = biases is not None
        self._allocate()
        if weights is None:
            raise BpvizError("weights are required (use Network.create for random ones)")
        self.set_parameters(weights, biases)

    # -- construction -------------------------------------------------------------------
    @classmethod
    def create(cls, sizes, activations, loss="mse", *, init="xavier", biases=True, seed=0,
               init_value=0.5, dtype="float64") -> Network:
        """A network with parameters drawn by initialiser `init` from a seeded Generator."""
        sizes = _check_sizes(sizes)
        if isinstance(activations, str):
            activations = [activations] * (len(sizes) - 1)
        draw = get_initializer(init)
        rng = np.random.default_rng(seed)
        weights, bs = [], []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            weights.append(draw(rng, n_out, n_in, init_value))
            bs.append(init_bias(rng, init, n_out, init_value))
        return cls(sizes, activations, loss, weights, bs if biases else None, dtype=dtype)

    def _allocate(self):
        shapes = []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
            shapes.append((n_out, n_in))
            if self.has_biases:
                shapes.append((n_out,))
        self.params = np.zeros(sum(int(np.prod(s)) for s in shapes), dtype=self.dtype)
        self.views = []
        start = 0
        for shape in shapes:
            size = int(np.prod(shape))
            self.views.append(self.params[start:start + size].reshape(shape))
            start += size
        step = 2 if self.has_biases else 1
        self.weights = self.views[::step]
        self.biases = self.views[1::2] if self.has_biases else None
        self._no_biases = [None] * self.L

    def set_parameters(self, weights, biases=None):
        """Copy new values into Wˡ (and bˡ), checking every shape first."""
        if len(weights) != self.L:
            raise BpvizError(f"weights: expected {self.L} matrices, found {len(weights)}")
        checked = []
        for l, (w, n_in, n_out) in enumerate(zip(weights, self.sizes[:-1], self.sizes[1:]), 1):
            w = _as_array(w, f"weights[{l - 1}] (W{sup(l)})")
            if w.shape != (n_out, n_in):
                raise BpvizError(f"weights[{l - 1}] (W{sup(l)}): expected shape "
                                 f"({n_out}, {n_in}), found {w.shape}")
            checked.append(w)
        if self.has_biases:
            if biases is None or len(biases) != self.L:
                raise BpvizError(f"biases: expected {self.L} vectors")
            for l, (b, n_out) in enumerate(zip(biases, self.sizes[1:]), 1):
                b = _as_array(b, f"biases[{l - 1}] (b{sup(l)})")
                if b.shape != (n_out,):
                    raise BpvizError(f"biases[{l - 1}] (b{sup(l)}): expected {n_out} entries, "
                                     f"found shape {b.shape}")
                checked.append(b)
        values = checked[:self.L]
        if self.has_biases:
            values = [v for pair in zip(checked[:self.L], checked[self.L:]) for v in pair]
        for view, value in zip(self.views, values):
            view[...] = value

    def copy(self) -> Network:
        return Network(self.sizes, self.activation_names, self.loss.name,
                       [w.copy() for w in self.weights],
                       [b.copy() for b in self.biases] if self.has_biases else None,
                       dtype=self.dtype_name)

    # -- description ----------------------------------------------------------------------
    @property
    def L(self) -> int:
        """Number of computing layers (the input layer 0 is not counted)."""
        return len(self.sizes) - 1

    @property
    def activation_names(self) -> list[str]:
        return [sigma.name for sigma in self.sigmas]

    @property
    def dtype_name(self) -> str:
        return np.dtype(self.dtype).name

    def __repr__(self) -> str:
        acts = ", ".join(self.activation_names)
        return (f"Network(sizes={self.sizes}, activations=[{acts}], loss={self.loss.name}, "
                f"biases={self.has_biases})")

    # -- the maths ----------------------------------------------------------------------
    def as_batch(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=self.dtype)
        return x[None, :] if x.ndim == 1 else x

    def _bias(self, l: int):
        return self.biases[l] if self.has_biases else None

    def feedforward(self, x) -> np.ndarray:
        """aᴸ for a batch (or a single sample, returned as a batch of one)."""
        a = self.as_batch(x)
        for l in range(self.L):
            _, a = layer_forward(self.sigmas[l], self.weights[l], self._bias(l), a)
        return a

    def forward(self, x) -> Forward:
        """z¹..zᴸ and a⁰..aᴸ for a batch, as `Forward(z, a)` (unpacks as `z, a = …`)."""
        a = self.as_batch(x)
        zs, a_s = [], [a]
        for l in range(self.L):
            z, a = layer_forward(self.sigmas[l], self.weights[l], self._bias(l), a)
            zs.append(z)
            a_s.append(a)
        return Forward(zs, a_s)

    def loss_of(self, z_L, a_L, y) -> float:
        """C for the batch; from zᴸ where the output activation and loss pair allows."""
        return self.loss.fn(self.sigmas[-1], z_L, a_L, y)

    def backprop(self, x, y) -> Trace:
        """One forward and backward pass on a batch, returning the full trace."""
        x = self.as_batch(x)
        y = self.as_batch(y)
        if x.shape[1] != self.sizes[0]:
            raise BpvizError(f"input: expected {self.sizes[0]} values, found {x.shape[1]}")
        if y.shape[1] != self.sizes[-1] or y.shape[0] != x.shape[0]:
            raise BpvizError(f"target: expected {self.sizes[-1]} values per sample, "
                             f"found shape {y.shape}")
        m = x.shape[0]
        zs, a_s = self.forward(x)
        sigma_prime = [s.prime(z, a) for s, z, a in zip(self.sigmas, zs, a_s[1:])]
        loss = self.loss_of(zs[-1], a_s[-1], y)
        grad_a = self.loss.grad_a(a_s[-1], y)

        delta = [None] * self.L
        delta[-1] = output_delta(self.loss, self.sigmas[-1], zs[-1], a_s[-1], y)       # BP1
        for l in range(self.L - 2, -1, -1):
            delta[l] = hidden_delta(self.weights[l + 1], delta[l + 1], sigma_prime[l])  # BP2
        gw = [grad_w(d, a_prev) / m for d, a_prev in zip(delta, a_s[:-1])]              # BP4
        gb = [grad_b(d) / m for d in delta] if self.has_biases else None                 # BP3
        return Trace(x, y, zs, a_s, sigma_prime, grad_a, loss, delta, gw, gb)

    def loss_and_gradient(self, x, y, grad: np.ndarray) -> float:
        """The trainer's general step (any optimiser): the same BP1–BP4 as `backprop`, but it
        keeps no trace and writes ∂C/∂θ (the batch mean) into `grad`, a flat buffer laid out
        like `params`."""
        m = x.shape[0]
        sigmas, weights, biases = self.sigmas, self.weights, self.biases
        gviews = self._grad_views(grad)
        zs, a_s = [], [x]
        a = x
        for sigma, W, b in zip(sigmas, weights, biases or self._no_biases):
            z, a = layer_forward(sigma, W, b, a)
            zs.append(z)
            a_s.append(a)
        loss, delta = self.loss.fn_and_delta(sigmas[-1], z, a, y)       # C and BP1
        delta *= 1.0 / m      # fold the batch mean in once, so the sums below are means
        step = 2 if biases is not None else 1
        for l in range(len(weights) - 1, -1, -1):
            grad_w(delta, a_s[l], out=gviews[step * l])                  # BP4
            if biases is not None:
                grad_b(delta, out=gviews[2 * l + 1])                     # BP3
            if l:                                                        # BP2
                delta = hidden_delta(weights[l], delta, sigmas[l - 1].prime(zs[l - 1], a_s[l]))
        return loss

    def _grad_views(self, grad: np.ndarray) -> list:
        cache = getattr(self, "_grad_cache", None)
        if cache is None or cache[0] is not grad:
            views, start = [], 0
            for v in self.views:
                views.append(grad[start:start + v.size].reshape(v.shape))
                start += v.size
            self._grad_cache = cache = (grad, views)
        return cache[1]

    def gradient_vector(self, trace: Trace) -> np.ndarray:
        """The trace's gradients laid out like `params`."""
        parts = trace.grad_w if not self.has_biases else [
            g for pair in zip(trace.grad_w, trace.grad_b) for g in pair]
        return np.concatenate([g.ravel() for g in parts])

    def cost(self, x, y) -> float:
        z, a = self.forward(x)
        return self.loss_of(z[-1], a[-1], self.as_batch(y))


def _check_sizes(sizes) -> list[int]:
    sizes = list(sizes)
    if any(isinstance(n, bool) or not isinstance(n, (int, np.integer)) for n in sizes):
        raise BpvizError(f"sizes must be whole numbers, found {sizes}")
    if len(sizes) < 2 or min(sizes) < 1:
        raise BpvizError(f"sizes must have at least 2 entries, each ≥ 1; found {sizes}")
    return [int(n) for n in sizes]


def _as_array(values, what: str) -> np.ndarray:
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise BpvizError(f"{what}: expected a matrix of numbers with rows of equal length") from None
