"""The one exception type for a user's mistake (bad file, bad shape, bad value).

Its message is a single line that the CLI prints to stderr and the GUI shows in a dialog.
"""


class BpvizError(ValueError):
    """A problem with the user's input, described in one line."""
