"""The command line's commands (trace, train, gradcheck, presets, bench), one module each.

`bpviz.cli` parses the arguments and calls `run(args)` of the chosen module.
"""
