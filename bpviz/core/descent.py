"""Gradient descent on the textbook surfaces: f(x) = x², the bowl x² + y², the ravine, the
Rosenbrock valley and the saddle, walked by the trainer's own optimisers (core.optimizers).

A run is a list of points starting with the start point. When a step produces a value that is
not finite or explodes (a coordinate with |x| > MAX_COORDINATE or |f| > MAX_VALUE) the run stops
there: the divergence is part of the result, with the path so far, never an exception.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .errors import BpvizError
from .notation import num as plain_num
from .optimizers import OPTIMIZERS, Adam, Momentum, Optimizer, make_optimizer
from .settings import check_eta, check_optimizer

MAX_COORDINATE = 1e6      # a point further out than this has diverged
MAX_VALUE = 1e12          # so has a point whose |f| is larger
MAX_START = 1e3           # a start point must lie within ± this on every axis
MAX_STEPS = 100_000


@dataclass(frozen=True)
class Function:
    """A function of one or two variables with its gradient beside it."""

    name: str
    formula: str
    dims: int
    value: Callable[[np.ndarray], float]
    gradient: Callable[[np.ndarray], np.ndarray]
    start: tuple                  # a start point that shows the function well
    view: float                   # half-width of the region worth plotting around 0
    centre: tuple = (0.0, 0.0)    # the centre of that region
    eta: float = 0.1              # the default η: from `start`, a path that shows the function

    def values_on(self, xs: np.ndarray, ys: np.ndarray | None = None) -> np.ndarray:
        """f on a grid: `xs` for one variable; `xs` × `ys` (result[i, j] at xs[i], ys[j])."""
        if self.dims == 1:
            return self.value(np.asarray(xs, dtype=float)[None, :])
        gx, gy = np.meshgrid(xs, ys, indexing="ij")
        return self.value(np.stack([gx, gy]))


def _x2(p):
    return p[0] * p[0]


def _x2_grad(p):
    return np.array([2.0 * p[0]])


def _bowl(p):
    return p[0] * p[0] + p[1] * p[1]


def _bowl_grad(p):
    return np.array([2.0 * p[0], 2.0 * p[1]])


def _ravine(p):
    return p[0] * p[0] + 10.0 * p[1] * p[1]


def _ravine_grad(p):
    return np.array([2.0 * p[0], 20.0 * p[1]])


def _rosenbrock(p):
    x, y = p[0], p[1]
    return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2


def _rosenbrock_grad(p):
    x, y = p[0], p[1]
    # ∂f/∂x = −2(1 − x) − 400x(y − x²);  ∂f/∂y = 200(y − x²)
    return np.array([-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)])


def _saddle(p):
    return p[0] * p[0] - p[1] * p[1]


def _saddle_grad(p):
    return np.array([2.0 * p[0], -2.0 * p[1]])


FUNCTIONS: dict[str, Function] = {f.name: f for f in [
    Function("x2", "f(x) = x²", 1, _x2, _x2_grad, (5.0,), 6.0),
    Function("bowl", "f(x, y) = x² + y²", 2, _bowl, _bowl_grad, (1.5, 1.5), 2.0),
    # y is multiplied by 1 − 20η each step: 0.09 zigzags across the ravine and settles (at
    # 0.1 it would flip between ±0.6 for ever)
    Function("ravine", "f(x, y) = x² + 10y²", 2, _ravine, _ravine_grad, (-1.8, 0.6), 2.0,
             eta=0.09),
    # the curvature across the valley near the start is ~10³: η = 0.1 leaves at the first
    # step; 0.001 creeps along the valley, which is what the function is there to show
    Function("rosenbrock", "f(x, y) = (1 − x)² + 100(y − x²)²", 2, _rosenbrock,
             _rosenbrock_grad, (-1.2, 1.0), 2.0, (0.0, 1.0), eta=0.001),
    Function("saddle", "f(x, y) = x² − y²", 2, _saddle, _saddle_grad, (1.5, 0.01), 2.0),
]}


def get_function(name: str) -> Function:
    try:
        return FUNCTIONS[name]
    except (KeyError, TypeError):
        raise BpvizError(f"unknown function {name!r}: expected one of {', '.join(FUNCTIONS)}") from None


# -- the run ----------------------------------------------------------------------------------
@dataclass
class DescentRun:
    """The path of one run: points[0] is the start; f, gradients and texts follow the points
    (texts[t] is the worked step from points[t] to points[t + 1])."""

    function: Function
    optimizer: str
    eta: float
    points: list = field(default_factory=list)
    f: list = field(default_factory=list)
    gradients: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    diverged: dict | None = None

    def document(self) -> dict:
        """The JSON document of `bpviz descent --json`."""
        return {"function": self.function.name, "optimizer": self.optimizer,
                "learning_rate": self.eta,
                "path": [[float(v) for v in p] for p in self.points],
                "f": [float(v) for v in self.f],
                "gradient": [[float(v) for v in g] for g in self.gradients],
                "diverged": self.diverged}


def check_start(function: Function, start) -> np.ndarray:
    start = np.array(start, dtype=float).ravel()
    if start.size != function.dims:
        names = "X" if function.dims == 1 else "X,Y"
        raise BpvizError(f"start: {function.name} takes {function.dims} coordinate"
                         f"{'s' if function.dims > 1 else ''} ({names}), found {start.size}")
    if not np.all(np.isfinite(start)) or np.any(np.abs(start) > MAX_START):
        raise BpvizError(f"start: expected finite coordinates within ±{num(MAX_START)}, "
                         f"found {', '.join(num(v) for v in start)}")
    return start


def check_steps(steps) -> int:
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) \
            or not 0 <= steps <= MAX_STEPS:
        raise BpvizError(f"steps: expected a whole number from 0 to {MAX_STEPS}, found {steps!r}")
    return int(steps)


def explosion(point: np.ndarray, value: float) -> str | None:
    """Why a point counts as diverged, or None when it is fine."""
    if not np.all(np.isfinite(point)) or not math.isfinite(value):
        return "a value became infinite or NaN"
    if np.any(np.abs(point) > MAX_COORDINATE):
        return f"a coordinate passed ±{num(MAX_COORDINATE, 3)}"
    if abs(value) > MAX_VALUE:
        return f"|f| passed {num(MAX_VALUE, 3)}"
    return None


def run_descent(function: Function | str, start, eta, steps, optimizer: str = "sgd") -> DescentRun:
    """Walk `steps` steps of `optimizer` (sgd, momentum or adam, the trainer's classes) from
    `start`. A divergence stops the walk and is recorded in `diverged`."""
    if isinstance(function, str):
        function = get_function(function)
    eta, steps = check_eta(eta), check_steps(steps)
    point = check_start(function, start)
    opt = make_optimizer(check_optimizer(optimizer), eta)
    walk = DescentRun(function, opt.name, eta)
    with np.errstate(all="ignore"):
        value = float(function.value(point))
        walk.points.append(point.copy())
        walk.f.append(value)
        walk.gradients.append(function.gradient(point))
        for t in range(steps):
            before, grad = point.copy(), walk.gradients[-1]
            v_prev = getattr(opt, "velocity", None)
            v_prev = np.zeros_like(point) if v_prev is None else v_prev.copy()
            opt.step(point, grad)            # the trainer's update, in place
            value = float(function.value(point))
            why = explosion(point, value)
            if why is not None:
                walk.diverged = {"step": t + 1, "message": f"step {t + 1}: {why} "
                                 f"(η = {num(eta)}); the path stops before it"}
                break
            walk.texts.append(step_text(opt, t, before, grad, point, v_prev))
            walk.points.append(point.copy())
            walk.f.append(value)
            walk.gradients.append(function.gradient(point))
    return walk


# -- the worked step ----------------------------------------------------------------------------
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def sub(n: int) -> str:
    return str(n).translate(SUBSCRIPTS)


def num(v, digits: int = 7) -> str:
    """A number as people write it: 4, 0.1, −2.5, 1e-5 (a true minus sign in front)."""
    text = plain_num(v, digits)
    return "−" + text[1:] if text.startswith("-") else text


def factor(v) -> str:
    """A number inside a product: negative ones in parentheses."""
    text = num(v)
    return f"({text})" if text.startswith("−") else text


def vec(p) -> str:
    p = np.ravel(p)
    return num(p[0]) if p.size == 1 else "(" + ", ".join(num(v) for v in p) + ")"


def vfactor(p) -> str:
    p = np.ravel(p)
    return factor(p[0]) if p.size == 1 else vec(p)


def minus(a, b) -> str:
    """`a − b` with b written so that a negative b reads `a − (−3)`."""
    return f"{vec(a)} − {b}"


def step_text(opt: Optimizer, t: int, before, grad, after, v_prev=None) -> str:
    """The update from step t to t + 1 written with its numbers, e.g.
    x₁ = x₀ − η·f′(x₀) = 5 − 0.1·10 = 4."""
    one = np.size(before) == 1
    x0, x1 = (f"x{sub(t)}", f"x{sub(t + 1)}") if one else \
        (f"(x{sub(t)}, y{sub(t)})", f"(x{sub(t + 1)}, y{sub(t + 1)})")
    g = f"f′({x0})" if one else f"∇f{x0}"
    if isinstance(opt, Adam):
        # the moments after the step: m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
        m_hat = opt.m / (1 - opt.beta1 ** opt.t)
        v_hat = opt.v / (1 - opt.beta2 ** opt.t)
        return (f"{x1} = {x0} − η·m̂/(√v̂ + ε) = {vec(before)} − {factor(opt.eta)}·"
                f"{vfactor(m_hat)}/(√{vfactor(v_hat)} + {num(opt.eps)}) = {vec(after)}")
    if isinstance(opt, Momentum):
        v = np.asarray(after) - np.asarray(before)
        return (f"v{sub(t + 1)} = μ·v{sub(t)} − η·{g} = {num(opt.mu)}·"
                f"{vfactor(v_prev if v_prev is not None else 0 * v)} − {factor(opt.eta)}·{vfactor(grad)} = "
                f"{vec(v)};  {x1} = {x0} + v{sub(t + 1)} = {vec(before)} + {vfactor(v)} = {vec(after)}")
    return f"{x1} = {x0} − η·{g} = {minus(before, factor(opt.eta) + '·' + vfactor(grad))} = {vec(after)}"


__all__ = [
    "FUNCTIONS",
    "MAX_COORDINATE",
    "MAX_VALUE",
    "OPTIMIZERS",
    "DescentRun",
    "Function",
    "get_function",
    "num",
    "run_descent",
    "step_text",
]
