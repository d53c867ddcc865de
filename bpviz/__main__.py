"""`python -m bpviz …`: the command line (see `python -m bpviz --help`).

Ctrl-C while the command line loads exits 130 with one line, as it does later (bpviz.cli)."""

import sys

if __name__ == "__main__":
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("bpviz: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    raise SystemExit(main())
