"""`python -m bpviz …`: the command line (see `python -m bpviz --help`)."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
