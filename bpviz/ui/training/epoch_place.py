"""Where training left the weights, in words, for every label that shows a number computed from
them: at an epoch's end "after epoch 12"; paused inside the next one "during epoch 13 (149 of
400 steps)". A pause stops at once, wherever it falls (an epoch of a large network can take
minutes), so a label saying "epoch 12" beside the accuracy of weights 149 steps further on
had shown numbers no run of 12 epochs gives (`bpviz train --epochs 12`, Keep run)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.notation import count

CONTEXT = "EpochPlace"
translate = QCoreApplication.translate     # (lupdate reads the literal strings in its calls)


def steps_text(into: int, per: int) -> str:
    """"149 of 400 steps" (after a change of batch size inside the epoch, the samples it has
    taken counted in steps of the size now: what is left is exactly 400 − 149 steps)."""
    if 0 < into < per:
        return translate(CONTEXT, "{0} of {1} steps").format(count(into), count(per))
    return translate(CONTEXT, "{0} steps").format(count(into))


def counter_suffix(into: int, per: int) -> str:
    """What the epoch counter ("epoch 12 of 30", completed epochs) adds inside an epoch."""
    return "" if into <= 0 else translate(CONTEXT, " + {0}").format(steps_text(into, per))


def weights_text(epoch: int, into: int, per: int) -> str:
    """"after epoch 12", or "during epoch 13 (149 of 400 steps)" inside it."""
    if into <= 0:
        return translate(CONTEXT, "after epoch {0}").format(epoch)
    return translate(CONTEXT, "during epoch {0} ({1})").format(epoch + 1, steps_text(into, per))
