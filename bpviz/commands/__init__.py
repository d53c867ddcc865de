"""The command line's commands (trace, train, gradcheck, presets, bench), one module each.

`bpviz.cli` (with commands/parser.py) parses the arguments and calls `run(args)` of the chosen module.
"""
