"""`bpviz bugs` (the bug lab's catalogue of mistakes) and `--bug NAME` / `--fix NAME` on
trace, gradcheck and train: the mistakes asked for, plus those of a preset that reproduces a
learner's code (seed-003), minus the ones fixed.
"""

from __future__ import annotations

from ..core.bug_backprop import BuggyNetwork, bug_gradient_check
from ..core.bug_walk import bug_walk
from ..core.bugs import BUGS, CATALOGUE, check_bugs, get_bug
from ..core.errors import BpvizError
from ..core.notation import num
from .common import print_json

ALL = "all"


def run_list(args) -> int:
    if args.json:
        print_json([bug.as_dict() for bug in CATALOGUE])
        return 0
    width = max(len(name) for name in BUGS)
    for bug in CATALOGUE:
        print(f"{bug.name.ljust(width)}  {bug.description} (found by {bug.detected_by})")
    return 0


def requested(args, source) -> tuple[str, ...]:
    """The mistakes to use: --bug names, plus the preset's own, minus --fix (or --fix all);
    each checked against the network (exit 2 with one line for an unknown or impossible one)."""
    preset_bugs = tuple(source.preset.bugs) if source.preset is not None else ()
    fixes = list(getattr(args, "fix", None) or [])
    for name in fixes:
        if name != ALL and get_bug(name).name not in preset_bugs:
            raise BpvizError(f"--fix {name}: {source.name} does not have this mistake "
                             f"(its mistakes: {', '.join(preset_bugs) or 'none'})")
    kept = () if ALL in fixes else tuple(b for b in preset_bugs if b not in fixes)
    return check_bugs(kept + tuple(getattr(args, "bug", None) or ()), source.network)


# -- gradcheck ---------------------------------------------------------------------------
def gradcheck(args, source, x, y, where, bugs) -> int:
    doc = bug_gradient_check(source.network, x, y, bugs)
    if args.json:
        print_json(doc)
        return 0
    print(f"Gradient check of {source.name} on {where} with the mistake(s) {', '.join(bugs)}: "
          f"backprop against central differences")
    print("  layer   max relative error   result")
    for row in doc["layers"]:
        if "error" in row:
            print(f"  {row['layer']:>5}   {'—':>18}   shape error: {row['error']}")
            continue
        verdict = "passes" if row["passed"] else "FAILS"
        if "factor" in row:
            verdict += f" (backprop = {num(row['factor'])} × finite differences)"
        print(f"  {row['layer']:>5}   {num(row['max_relative_error'], 3):>18}   {verdict}")
    from .gradcheck import print_unresolved
    print_unresolved(doc["layers"])
    if "note" in doc:
        print(doc["note"])
    return 0


# -- trace -------------------------------------------------------------------------------
def trace(args, source, x, y, eta, where, bugs, print_step) -> int:
    """The walk with the mistakes in it; the records they change are marked with the
    mistaken and the correct numbers. `print_step(step)` prints one record's equations."""
    w = bug_walk(source.network, x, y, eta, bugs)
    if args.json:
        from ..core.trace_export import trace_document
        doc = {"bugs": list(w.bugs), "error": w.error,
               "changed": [{"index": c.index, "phase": w.records[c.index].phase,
                            "layer": w.records[c.index].layer, "lines": list(c.lines)}
                           for c in w.changed]}
        if w.error is None:
            doc = {**trace_document(w.records[-1]), **doc}
        print_json(doc)
        return 0
    marks = {c.index: c.lines for c in w.changed}
    print(f"Walk of {source.name}, {where}, η = {num(eta)}, with the mistake(s) {', '.join(w.bugs)}; "
          f"records marked ✗ differ from the correct walk")
    for name in w.bugs:
        print(f"  {name}: {BUGS[name].what} Correct: {BUGS[name].correct}")
    for step in w.records:
        print()
        if step.index in marks:
            print("✗ this record is changed by the mistake(s):")
            for line in marks[step.index]:
                print(f"✗   {line}")
        print_step(step)
    if w.error:
        print(f"\nmistake no-transpose: {w.error}")
    elif not w.changed:
        print("\nno record differs from the correct walk on this sample (e.g. sum-not-mean with "
              "one sample, m = 1)")
    return 0


# -- train -------------------------------------------------------------------------------
def training_network(network, bugs):
    """The network the trainer should train: a BuggyNetwork copy with the mistakes, or the
    network itself."""
    return BuggyNetwork(network, bugs) if bugs else network


def finish_training(network, trained, bugs, doc: dict) -> None:
    """Copy the trained parameters back (for --save) and add the mistakes to the JSON."""
    if trained is not network:
        network.params[...] = trained.params
        naive = trained.naive_sigmoid
        doc["bugs"] = list(bugs)
        if naive is not None:
            doc["overflows"] = naive.overflows
