"""Atomic writes refuse text the encoding cannot write, leaving nothing behind."""

import pytest

from bpviz.core.errors import BpvizError
from bpviz.core.files import write_atomic


def test_text_that_utf8_cannot_write_is_a_bpviz_error_and_leaves_no_file(tmp_path):
    target = tmp_path / "m.json"
    with pytest.raises(BpvizError, match="cannot save"):
        write_atomic(target, '{"title": "\ud800"}')
    assert list(tmp_path.iterdir()) == []


def test_a_path_ending_in_a_slash_names_a_folder_and_writes_nothing(tmp_path):
    """`train --save newdir/` had written a file named newdir."""
    with pytest.raises(BpvizError, match="names a folder"):
        write_atomic(f"{tmp_path}/newdir/", "{}")
    assert list(tmp_path.iterdir()) == []


def test_a_long_path_in_a_message_keeps_its_file_name(tmp_path):
    """A failed save under a deep folder had said "cannot save /tmp/…/view.p…": the message
    was cut at the end, through the file name."""
    deep = tmp_path / ("a" * 40) / ("b" * 40) / ("c" * 40)
    deep.mkdir(parents=True)
    (deep / "view.png").mkdir()          # a folder where the file should go: cannot save
    with pytest.raises(BpvizError) as e:
        write_atomic(deep / "view.png", "x")
    message = str(e.value)
    assert "/view.png" in message and "…" in message and len(message.split(":")[0]) < 100
    assert message.startswith(str(tmp_path)[:10])
