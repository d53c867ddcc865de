"""The command line: `python -m bpviz` / `bpviz` with trace, train, gradcheck, presets,
evaluate, data and bench (see docs/ARCHITECTURE.md, "Command line"). Bad input or usage exits 2
with one line on stderr; Ctrl-C exits 130 with one line, also while the imports run (NumPy
takes ~150 ms to load): so this module imports only the standard library at its top, and
`main` imports the rest inside its guard. The parser is in commands/parser.py.
"""

from __future__ import annotations

import os
import sys


def build_parser():
    from .commands.parser import build_parser as build
    return build()


def fail(message) -> int:
    from .commands.options import one_line
    print(f"bpviz: {one_line(message)}", file=sys.stderr)
    return 2


def main(argv=None) -> int:
    """Run one command; returns the exit code (argparse usage errors raise SystemExit(2))."""
    try:
        return run(argv)
    except KeyboardInterrupt as e:     # at any point: the imports, parsing, the command itself
        return interrupted(e)


def interrupted(e: KeyboardInterrupt | None = None) -> int:
    """`bpviz: interrupted`, and what was under way when a command says (`while saving: …`)."""
    detail = f" {e.args[0]}" if e is not None and e.args else ""
    print(f"bpviz: interrupted{detail}", file=sys.stderr)
    return 130


def run(argv=None) -> int:
    import numpy as np

    from .commands.options import join_negative_vectors
    from .commands.parser import build_parser, dispatch
    from .core.errors import BpvizError

    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(join_negative_vectors(argv))
    try:
        with np.errstate(all="ignore"):
            return dispatch(args)
    except BpvizError as e:
        return fail(e)
    except BrokenPipeError:        # `bpviz … | head`: the reader left; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as e:           # (after BrokenPipeError, which is an OSError too)
        where = f"{e.filename}: " if getattr(e, "filename", None) else ""
        return fail(f"{where}{e.strerror or e}")
    except MemoryError:            # a network built with --force that does not fit
        return fail("out of memory: the network or its data does not fit (see the size "
                    "limits in the README)")
