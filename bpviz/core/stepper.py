"""The layer-by-layer walk of one example: forward 1…L, loss, backward L…1, update.

Each step is computed from the record before it with the same per-layer functions as
`Network.backprop` (layer_forward, output_delta, hidden_delta, grad_b, grad_w in
core/backprop.py), on a batch of one sample, and stored as an immutable `Step`. A record
is cumulative: it holds every z, a, δ, ∂C/∂W known at that point (None for what is not
yet computed), so a view draws any record without recomputing, and stepping back is
just moving the cursor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .backprop import grad_b, grad_w, hidden_delta, layer_forward, output_delta
from .errors import BpvizError
from .network import Network
from .notation import sup


def _frozen(x):
    if x is None:
        return None
    x = np.array(x, dtype=float, copy=True)
    x.setflags(write=False)
    return x


@dataclass(frozen=True)
class Walk:
    """What stays fixed during a walk."""

    sizes: tuple
    activation_names: tuple     # one per layer 1..L
    loss: str
    has_biases: bool
    x: np.ndarray           # a⁰, shape (n⁰,)
    y: np.ndarray           # target, shape (nᴸ,)
    eta: float
    weights: tuple          # Wˡ at the start of the walk (index l − 1)
    biases: tuple | None
    mistakes: tuple = ()    # the bug lab's mistakes this walk makes (core/bugs.py names)

    @property
    def L(self) -> int:
        return len(self.sizes) - 1


@dataclass(frozen=True)
class Step:
    """One record of the walk. Vectors are 1-D (one sample); lists are indexed l − 1,
    except `a`, where a[0] = x."""

    walk: Walk
    index: int
    phase: str               # "input", "forward", "loss", "backward" or "update"
    layer: int | None        # the layer this step works on (None for input and update)
    z: tuple
    a: tuple
    sigma_prime: tuple
    loss: float | None = None
    grad_a: np.ndarray | None = None
    delta: tuple = ()
    grad_w: tuple = ()
    grad_b: tuple = ()
    new_weights: tuple | None = None
    new_biases: tuple | None = None
    output_after: np.ndarray | None = None
    loss_after: float | None = None

    @property
    def title(self) -> str:
        L = self.walk.L
        return {
            "input": "Input: a⁰ = x",
            "forward": f"Forward, layer {self.layer} of {L}: z{sup(self.layer)}, a{sup(self.layer)}",
            "loss": "Loss C",
            "backward": f"Backward, layer {self.layer}: δ{sup(self.layer)}, ∂C/∂W{sup(self.layer)}",
            "update": "Update: W ← W − η ∂C/∂W",
        }[self.phase]

    @property
    def output(self):
        return self.a[-1] if len(self.a) == self.walk.L + 1 and self.a[-1] is not None else None


class Stepper:
    """Walks one sample through `network` one record at a time.

    The network is copied: editing it afterwards does not change the walk.
    """

    def __init__(self, network: Network, x, y, eta: float):
        self.network = network.copy()
        x = np.asarray(x, dtype=float).ravel()
        y = np.asarray(y, dtype=float).ravel()
        if x.size != network.sizes[0]:
            raise BpvizError(f"input: expected {network.sizes[0]} values, found {x.size}")
        if y.size != network.sizes[-1]:
            raise BpvizError(f"target: expected {network.sizes[-1]} values, found {y.size}")
        net = self.network
        self.walk = Walk(
            tuple(net.sizes), tuple(net.activation_names), net.loss.name, net.has_biases,
            _frozen(x), _frozen(y), float(eta),
            tuple(_frozen(w) for w in net.weights),
            tuple(_frozen(b) for b in net.biases) if net.has_biases else None,
        )
        L = net.L
        none = (None,) * L
        first = Step(self.walk, 0, "input", None, z=none, a=(self.walk.x,) + none,
                     sigma_prime=none, delta=none, grad_w=none,
                     grad_b=none if net.has_biases else None)
        self.records: list[Step] = [first]
        self.position = 0
        self.length = 2 * L + 3   # input, L forward, loss, L backward, update

    # -- cursor ---------------------------------------------------------------------------
    @property
    def current(self) -> Step:
        return self.records[self.position]

    @property
    def at_start(self) -> bool:
        return self.position == 0

    @property
    def at_end(self) -> bool:
        return self.position == self.length - 1

    def step_forward(self) -> Step:
        if not self.at_end:
            if self.position + 1 == len(self.records):
                self.records.append(self._quiet_next(self.records[-1]))
            self.position += 1
        return self.current

    def step_back(self) -> Step:
        if self.position > 0:
            self.position -= 1
        return self.current

    def run_to_end_of_pass(self) -> Step:
        """Step until the current pass is complete: forward → loss, backward → layer 1,
        loss or end of backward → update."""
        phase = self.current.phase
        while not self.at_end:
            self.step_forward()
            cur = self.current
            if phase in ("input", "forward") and cur.phase == "loss":
                break
            if phase in ("loss", "backward") and cur.phase == "backward" and cur.layer == 1:
                break
        return self.current

    def run_to_end(self) -> Step:
        while not self.at_end:
            self.step_forward()
        return self.current

    def go_to(self, index: int) -> Step:
        index = max(0, min(int(index), self.length - 1))
        while len(self.records) <= index:
            self.records.append(self._quiet_next(self.records[-1]))
        self.position = index
        return self.current

    # -- the maths of each step --------------------------------------------------------
    def _quiet_next(self, prev: Step) -> Step:
        """The next record; an overflow (a learning rate far too large) gives inf or nan in
        it, which the walk shows and the update's divergence check reads, with no warning."""
        with np.errstate(all="ignore"):
            return self._next(prev)

    def _next(self, prev: Step) -> Step:
        net, L = self.network, self.network.L
        i = prev.index + 1
        if prev.phase == "input" or (prev.phase == "forward" and prev.layer < L):
            l = 1 if prev.phase == "input" else prev.layer + 1
            return self._forward(prev, i, l)
        if prev.phase == "forward":
            z_L, a_L, y = prev.z[L - 1][None, :], prev.a[L][None, :], self.walk.y[None, :]
            return replace(prev, index=i, phase="loss", layer=L,
                           loss=net.loss_of(z_L, a_L, y))
        if prev.phase == "loss":
            z_L, a_L, y = prev.z[L - 1][None, :], prev.a[L][None, :], self.walk.y[None, :]
            delta_L = output_delta(net.loss, net.sigmas[-1], z_L, a_L, y)      # BP1
            return self._backward(prev, i, L, delta_L[0], grad_a=_frozen(net.loss.grad_a(a_L, y)[0]))
        if prev.phase == "backward" and prev.layer > 1:
            l = prev.layer - 1
            delta = hidden_delta(self.walk.weights[l], prev.delta[l][None, :],   # BP2
                                 prev.sigma_prime[l - 1][None, :])
            return self._backward(prev, i, l, delta[0])
        if prev.phase == "backward":
            return self._update(prev, i)
        raise BpvizError("the walk is already at its end")

    def _forward(self, prev: Step, i: int, l: int) -> Step:
        sigma = self.network.sigmas[l - 1]
        walk = self.walk
        b = walk.biases[l - 1] if walk.has_biases else None
        z, a = layer_forward(sigma, walk.weights[l - 1], b, prev.a[l - 1][None, :])
        sp = sigma.prime(z, a)
        return replace(prev, index=i, phase="forward", layer=l,
                       z=_set(prev.z, l - 1, z[0]), a=_set(prev.a, l, a[0]),
                       sigma_prime=_set(prev.sigma_prime, l - 1, sp[0]))

    def _backward(self, prev: Step, i: int, l: int, delta, grad_a=None) -> Step:
        rows = delta[None, :]
        gw = grad_w(rows, prev.a[l - 1][None, :])                 # BP4: ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ
        gb = _set(prev.grad_b, l - 1, grad_b(rows)) if self.walk.has_biases else None   # BP3
        return replace(prev, index=i, phase="backward", layer=l,
                       grad_a=prev.grad_a if grad_a is None else grad_a,
                       delta=_set(prev.delta, l - 1, delta),
                       grad_w=_set(prev.grad_w, l - 1, gw), grad_b=gb)

    def _update(self, prev: Step, i: int) -> Step:
        eta = self.walk.eta
        new_w = tuple(_frozen(w - eta * g) for w, g in zip(self.walk.weights, prev.grad_w))
        new_b = None
        if self.walk.has_biases:
            new_b = tuple(_frozen(b - eta * g) for b, g in zip(self.walk.biases, prev.grad_b))
        after = self.network.copy()
        after.set_parameters(new_w, new_b)
        out = after.feedforward(self.walk.x)
        return replace(prev, index=i, phase="update", layer=None,
                       new_weights=new_w, new_biases=new_b, output_after=_frozen(out[0]),
                       loss_after=after.cost(self.walk.x, self.walk.y))


def _set(values: tuple, index: int, value) -> tuple:
    out = list(values)
    out[index] = _frozen(value)
    return tuple(out)
