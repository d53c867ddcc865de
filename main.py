"""Launch the bpviz window: `python main.py`."""

from bpviz.app import main

if __name__ == "__main__":
    main()
