"""How numbers, indices and shapes are written, everywhere: the command line, the equations,
the inspector, labels and plots. One function for each, so the same value reads the same
in every place (see docs/ARCHITECTURE.md, "Notation").

- `sup(l)`, `sub(j, k)`: layer indices as superscripts (W², a¹), neuron indices as 1-based
  subscripts (w²₁₂).
- `num(x)`: a number with up to 7 significant digits (fewer on request), an ASCII minus
  and a compact exponent (1e-5, 7.86e7: no padding zero, no plus sign), so a script can
  read it back with float(). `amount(x)`: whole numbers grouped as `count` writes them.
  `full(x)`: every digit of a float64. `shown(text)`: the window's form, with a true minus −.
- `vec`, `mat`, `shape`: vectors and matrices with their shape written (n×m).
- `percent(fraction)`: floored to 0.1 %, so 100.0 % means every sample was right.
- `count(n)`: how many (samples, digits, steps, parameters, bytes) for people to read, digits
  grouped in threes by a no-break space as in the README: 50 000. Epoch numbers are written
  without grouping (the window's epoch label is read by scripts), and JSON keeps plain numbers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
MISSING = "—"          # a value that does not exist (no test set, accuracy undefined)
GROUP = "\u00a0"        # between groups of three digits: a space that never breaks a line
MINUS = "\u2212"        # the true minus sign the window shows numbers with
_SIGN = re.compile(r"(?<![\w.])-(?=\.?\d|inf)")      # a number's sign, not a hyphen in a word


@dataclass(frozen=True)
class Line:
    """One line of a worked equation (see core/equations.py)."""

    kind: str     # "title", "equation", "shapes", "detail", "result", "note"
    text: str


def sup(n) -> str:
    """1 → '¹', 12 → '¹²': layer indices as the equations write them."""
    return str(n).translate(SUPERSCRIPTS)


def sub(*indices: int) -> str:
    """Neuron indices as subscripts, 1-based: sub(1, 2) → '₁₂'; ≥ 10 are comma-separated."""
    parts = [str(i) for i in indices]
    sep = "," if any(i >= 10 for i in indices) else ""
    return sep.join(parts).translate(SUBSCRIPTS)


def num(x, digits: int = 7) -> str:
    """A number as a learner would write it: 60, 0.452, 140.3136, 3225.137, 1e-5, 7.86e7.
    `digits` significant digits at most; None is '—'; nan and ±inf are written as such."""
    if x is None:
        return MISSING
    x = float(x)
    if x == 0:
        return "0"
    if not math.isfinite(x):
        return str(x)
    text = f"{x:.{digits}g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        text = f"{mantissa}e{int(exp)}"
    return text


def full(x) -> str:
    """A float64 in full, as `num` writes numbers: the shortest text that reads back as the
    same number, without a trailing .0 and with a compact exponent (7200, 0.1, 9.953457810438718e-10)."""
    text = repr(float(x))
    if "e" in text:
        mantissa, exp = text.split("e")
        text = f"{mantissa.removesuffix('.0')}e{int(exp)}"
    return text.removesuffix(".0")


@lru_cache(maxsize=4096)       # the window writes the same labels step after step
def shown(text: str) -> str:
    """The window's form of a text with numbers: a number's minus sign as the true minus "−"
    (as the colour legend writes it), and " - " between terms as " − ". Names with hyphens
    (leaky-relu, 784-30-10, 1e-5's exponent) stay. Copies and exports keep the ASCII form."""
    text = _SIGN.sub(MINUS, text)
    return text.replace(" - ", f" {MINUS} ")


def shown_number(text: str) -> str:
    """`shown` of one number as `num` or `full` writes it, where only a leading minus can
    change (an exponent's stays), without the pattern: the inspector writes hundreds a step."""
    return MINUS + text[1:] if text.startswith("-") else text


def count(n) -> str:
    """A whole number for people: 784, 5 000, 50 000, 1 000 000 (no-break spaces)."""
    return f"{int(n):,}".replace(",", GROUP)


def amount(x) -> str:
    """A setting or factor for people: a whole number below 10⁹ grouped as `count` writes it
    (10 000), anything else as `num` writes it (0.5, 1e12)."""
    x = float(x)
    return count(x) if math.isfinite(x) and x == int(x) and abs(x) < 1e9 else num(x)


def par(x, digits: int = 7) -> str:
    """A number, in parentheses when negative, for use inside a product: 2·(-3)."""
    text = num(x, digits)
    return f"({text})" if text.startswith("-") else text


def vec(values, limit: int = 8, digits: int = 7) -> str:
    """[v₁, v₂, …]: at most `limit` entries, then how many there are."""
    values = np.asarray(values).ravel()
    items = [num(x, digits) for x in values[:limit]]
    if values.size > limit:
        items.append(f"… ({values.size} values)")
    return "[" + ", ".join(items) + "]"


def mat(rows, limit: int = 4, digits: int = 7) -> str:
    """[[…], […]]: at most `limit` rows of at most `limit` entries."""
    rows = np.atleast_2d(np.asarray(rows))
    items = [vec(r, limit, digits) for r in rows[:limit]]
    if rows.shape[0] > limit:
        items.append(f"… ({rows.shape[0]} rows)")
    return "[" + ", ".join(items) + "]"


def shape(arr, cols: int | None = None) -> str:
    """'(3×2)' for a (3, 2) matrix, '(3×1)' for a vector of 3 (a column); `shape(3, 2)` and
    `shape(3)` write the same from the sizes."""
    if isinstance(arr, (int, np.integer)):
        rows, cols = int(arr), 1 if cols is None else int(cols)
    else:
        dims = np.shape(arr)
        rows = dims[0] if dims else 1
        cols = dims[1] if len(dims) > 1 else 1
    return f"({rows}×{cols})"


def percent(fraction) -> str:
    """A fraction as a percentage floored to 0.1 %: 0.9996 → '99.9 %', 1 → '100.0 %',
    None → '—'. Only a fraction of exactly 1 prints as 100.0 %."""
    if fraction is None:
        return MISSING
    # round first so 0.123 (122.99999… per mille in floating point) floors to 12.3, not 12.2
    fraction = float(fraction)
    per_mille = math.floor(round(fraction * 1000, 6))
    if fraction < 1:
        per_mille = min(per_mille, 999)
    return f"{per_mille / 10:.1f} %"
