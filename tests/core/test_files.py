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
