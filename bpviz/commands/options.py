"""The command line's option types and shared options: numbers and vectors checked by
core/settings.py as they are parsed (so a bad value is one line and exit 2), negative vectors
written without `=`, and the options several commands share (--bug, --force, the source)."""

from __future__ import annotations

import argparse
import math
import re

from ..core import settings
from ..core.datasets import NOT_FINITE, PLAIN_NUMBER
from ..core.errors import BpvizError

VECTOR_OPTIONS = ("--input", "--target", "--start", "--params")      # values that may start with -
NEGATIVE_VALUE = re.compile(r"^-(\d|\.\d)")


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, `bpviz: error: …`, and exit 2."""

    def error(self, message):
        # every option is written with "-" (--learning-rate): say so for --learning_rate
        wrong = [w for w in re.findall(r"--[\w-]+", str(message)) if "_" in w]
        if wrong and "unrecognized" in str(message):
            message = f"{message} (did you mean {wrong[0].replace('_', '-')}? options use '-', not '_')"
        self.exit(2, f"bpviz: error: {one_line(message)}\n")


def one_line(text) -> str:
    return " ".join(str(text).split())


# -- option types (their messages become `bpviz: error: argument --x: …`) ------------------
def vector(text: str) -> list[float]:
    """Comma-separated numbers: "-0.5,1" → [-0.5, 1.0]. A true minus sign (−), as bpviz prints
    its numbers, counts as "-", so a printed point can be pasted back."""
    values = []
    for i, part in enumerate(text.split(","), start=1):
        plain = part.replace("\u2212", "-").strip()
        try:
            # the numbers a CSV cell takes (float() also reads "1_0" and full-width "１")
            if plain.lower() not in NOT_FINITE and not PLAIN_NUMBER.fullmatch(plain):
                raise ValueError(plain)
            v = float(plain)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected comma-separated numbers, found {part.strip()!r} at position {i} "
                f"of {text!r}") from None
        if not math.isfinite(v):
            raise argparse.ArgumentTypeError(f"expected finite numbers, found {part.strip()!r}")
        values.append(v)
    return values


def checked(check, name: str):
    """An option type from a check in bpviz.core.settings: its one-line BpvizError becomes
    argparse's `argument --x: …` error (exit 2)."""
    def parse(text: str):
        try:
            return check(text)
        except BpvizError as e:
            raise argparse.ArgumentTypeError(str(e)) from None
    parse.__name__ = name
    return parse


def whole(minimum: int, what: str = "value", maximum: int = settings.UNBOUNDED):
    """A whole number minimum ≤ n ≤ maximum (sample index, seed count…)."""
    return checked(lambda text: settings.parse_whole(text, what, low=minimum, high=maximum),
                   f"whole number ≥ {minimum}")


def number(what: str, positive: bool = False, most: float | None = None):
    return checked(lambda text: settings.parse_number(text, what, positive=positive,
                                                      max_magnitude=most), "number")


ETA = checked(settings.check_eta, "learning rate")
SEED = checked(settings.check_seed, "seed")
EPOCHS = checked(settings.check_epochs, "epochs")
BATCH = whole(1, "batch size")      # ≤ the number of samples is checked once the data is known


def divergence_factor(text: str) -> float:
    from ..training.divergence_floor import check_divergence_factor
    return checked(check_divergence_factor, "divergence factor")(text)


def add_divergence_factor(p) -> None:
    p.add_argument("--divergence-factor", type=divergence_factor, metavar="F",
                   help="a loss above F × the initial loss counts as diverged (default 1e4; the "
                   "initial loss counted as at least 1 %% of the loss of predicting 0, at most 1e-2)")


def add_force(p) -> None:
    p.add_argument("--force", action="store_true", help="build or read a network above the "
                   "size limit (estimated memory over 2 GB; see the README)")


def join_negative_vectors(argv: list[str]) -> list[str]:
    """`--input -0.5,1` → `--input=-0.5,1`: argparse would take -0.5,1 for an option."""
    out, i = [], 0
    while i < len(argv):
        if argv[i] in VECTOR_OPTIONS and i + 1 < len(argv) and NEGATIVE_VALUE.match(argv[i + 1]):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


# -- the parser -----------------------------------------------------------------------------
def add_bugs(p) -> None:
    """The bug lab's mistakes (see `bpviz bugs`): never on unless named here or by the preset."""
    p.add_argument("--bug", action="append", metavar="NAME",
                   help="put this mistake in (repeatable; see `bpviz bugs`)")
    p.add_argument("--fix", action="append", metavar="NAME",
                   help="take out one of the preset's own mistakes, or `all` (seed-003 has two)")


def add_source(p, model_help: str) -> None:
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--preset", metavar="NAME", help="a preset (see `bpviz presets`)")
    source.add_argument("--model", metavar="FILE", help=model_help)


def add_sample(p) -> None:
    p.add_argument("--sample", type=whole(0, "sample"), metavar="I",
                   help="which training sample of the preset (0-based)")
    p.add_argument("--input", type=vector, metavar="X1,X2,…",
                   help="the input, comma-separated; write --input=-0.5,1 for negative values")
    p.add_argument("--target", type=vector, metavar="Y1,…", help="the target, comma-separated")
