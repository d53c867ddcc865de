"""`bpviz surface`: the network's mean cost over a grid of two of its parameters, all others
fixed (a 2-D slice of the cost surface), as a table or JSON.
"""

from __future__ import annotations

import numpy as np

from ..core.descent import num
from ..core.errors import BpvizError
from ..core.notation import count
from ..core.surface import loss_surface, parse_param
from .common import Progress, load_data, load_source, print_json


def training_data(args, source):
    """The preset's training data, --data for a model, else the preset the model file records."""
    if source.preset is not None:
        if args.data is not None:
            raise BpvizError("--data goes with --model; a preset brings its own data")
        return source.preset.dataset()
    if args.data is not None:
        return load_data(args.data, source.network)
    recorded = source.recorded_preset()
    if recorded is None:
        raise BpvizError("with --model, give the training data as --data FILE.csv "
                         "(the model file records no preset)")
    return recorded.dataset()


def run(args) -> int:
    source = load_source(args)
    network = source.network
    keys = [k for k in args.params.split(",")]
    if len(keys) != 2:
        raise BpvizError(f"--params: expected two parameters P,Q (e.g. 1:1:1,1:1:2), found {args.params!r}")
    p, q = (parse_param(k, network) for k in keys)
    data = training_data(args, source)
    if args.samples is not None and args.samples > len(data):
        n = len(data)
        raise BpvizError(f"--samples: the data has {count(n)} training "
                         f"{'sample' if n == 1 else 'samples'}, so at most {count(n)}; found "
                         f"{count(args.samples)} (leave it out to use them all)")
    grid = args.grid
    progress = Progress(grid * grid, enabled=not args.json, label="grid point")   # (a terminal only)
    surface = loss_surface(network, data.x, data.y, p, q, span=args.span, grid=grid,
                           samples=args.samples, progress=lambda done, total: progress.update(done))
    progress.close()
    if args.json:
        print_json(surface.document())
        return 0
    n = len(surface.a)
    samples = (f"{count(surface.samples)} sample" if surface.samples == 1
               else f"{count(surface.samples)} samples")
    print(f"Mean cost over {p.label} (rows, {p.key}) × {q.label} (columns, {q.key}) on "
          f"{samples} of {source.name}, all other parameters fixed")
    show = sorted({0, n // 4, n // 2, 3 * n // 4, n - 1})
    shown = ("all of it below" if len(show) == n else
             f"{len(show)} of its rows and columns below (the ends, the quarters and the centre; "
             f"--json or the window's CSV export has every point)")
    print(f"Centre ({num(surface.centre[0])}, {num(surface.centre[1])}), cost there "
          f"{num(surface.loss[n // 2, n // 2])}; grid {n} × {n}, {shown}")
    head = [f"{p.label} \\ {q.label}"] + [num(surface.b[j], 4) for j in show]
    rows = [head] + [[num(surface.a[i], 4)] + [num(surface.loss[i, j], 5) for j in show] for i in show]
    widths = [max(len(r[c]) for r in rows) for c in range(len(head))]
    for r in rows:
        print("  ".join(cell.rjust(w) for cell, w in zip(r, widths)))
    print(lowest_line(surface, n))
    return 0


def lowest_line(surface, n: int) -> str:
    """The lowest finite cost on the grid and where (a NaN or inf cost is no minimum)."""
    finite = np.isfinite(surface.loss)
    if not finite.any():
        return ("Lowest cost on the grid: none, no grid point has a finite cost "
                "(the cost overflows or is NaN everywhere)")
    costs = np.where(finite, surface.loss, np.inf)
    i, j = divmod(int(costs.argmin()), n)
    lowest = costs[i, j]
    # (points equal but for rounding: 1e-12 of the costs' range counts as equal)
    ties = int((costs <= lowest + 1e-12 * float(np.ptp(surface.loss[finite]))).sum())
    where = f"({num(surface.a[i])}, {num(surface.b[j])})"
    if ties > 1:       # a valley floor: name one of its points and say there are more
        where = f"at {count(ties)} grid points, among them {where}"
    else:
        where = f"at {where}"
    bad = int((~finite).sum())
    note = (f"; {count(bad)} of the {count(n * n)} grid points have no finite cost "
            "(overflow or NaN)" if bad else "")
    return f"Lowest cost on the grid: {num(lowest)}, {where}{note}"
