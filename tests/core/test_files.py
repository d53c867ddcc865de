"""Atomic writes refuse text the encoding cannot write, leaving nothing behind."""

import os
import subprocess
import sys

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


def test_a_save_removes_only_its_own_dead_temporaries_never_a_users_files(tmp_path):
    """Saving g.json had deleted the user's `.g.json.notes.tmp`: the clean-up took the PID
    part of `.NAME.PID-RANDOM.tmp` as optional, so any `.g.json.*.tmp` matched."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = f".g.json.{dead}-k9x_2qz1.tmp"        # what mkstemp makes: 8 of [a-z0-9_]
    users = [".g.json.notes.tmp", ".g.json.k9x_2qz1.tmp", f".g.json.{dead}-draft.tmp",
             f".g.json.{dead}-k9x_2qz1.tmp.bak", f".g.json.{dead}-K9X_2QZ1.tmp",
             f".g.json.{dead}-k9x_2qz1x.tmp", f"..g.json.{dead}-k9x_2qz1.tmp"]
    for name in [ours, *users]:
        (tmp_path / name).write_text("kept by the user")
        os.utime(tmp_path / name, (0, 0))        # old: age alone must not condemn them
    write_atomic(tmp_path / "g.json", "{}")
    assert sorted(os.listdir(tmp_path)) == sorted([*users, "g.json"])
    assert all((tmp_path / name).read_text() == "kept by the user" for name in users)
