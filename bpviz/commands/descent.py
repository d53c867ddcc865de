"""`bpviz descent`: gradient descent on a textbook function (x², the bowl, the ravine, the
Rosenbrock valley, the saddle) with the trainer's optimisers, as a table or JSON.
A run that diverges is a result: exit 0 with the path so far.
"""

from __future__ import annotations

from ..core.descent import get_function, num, run_descent
from ..core.notation import count
from .common import print_json

MAX_ROWS = 60       # a longer run prints its first and last rows


def run(args) -> int:
    function = get_function(args.function)
    start = function.start if args.start is None else args.start
    eta = function.eta if args.learning_rate is None else args.learning_rate
    walk = run_descent(function, start, eta, args.steps, args.optimizer)
    if args.json:
        print_json(walk.document())
        return 0
    print(f"{function.formula}, start {fmt_point(walk.points[0])}, η = {num(walk.eta)}, "
          f"{walk.optimizer}, {count(args.steps)} steps")
    names = ["x"] if function.dims == 1 else ["x", "y"]
    grad = "f′(x)" if function.dims == 1 else "∇f"
    rows = [["step", "(" + ", ".join(names) + ")" if len(names) > 1 else "x", "f", grad]]
    for t, (p, f, g) in enumerate(zip(walk.points, walk.f, walk.gradients)):
        rows.append([str(t), fmt_point(p), num(f), fmt_point(g)])
    if len(rows) > MAX_ROWS + 1:
        half = MAX_ROWS // 2
        rows = rows[:half + 1] + [["…"] * 4] + rows[-half:]
    widths = [max(len(r[c]) for r in rows) for c in range(4)]
    for r in rows:
        print("  ".join(cell.rjust(w) for cell, w in zip(r, widths)).rstrip())
    if walk.texts:
        print(f"\nFirst step: {walk.texts[0]}")
    if walk.diverged:
        print(f"\nDiverged: {walk.diverged['message']}")
    else:
        print(f"\nAfter {count(len(walk.points) - 1)} steps: f = {num(walk.f[-1])} "
              f"at {fmt_point(walk.points[-1])}")
    return 0


def fmt_point(p) -> str:
    values = [num(v) for v in p]
    return values[0] if len(values) == 1 else "(" + ", ".join(values) + ")"
