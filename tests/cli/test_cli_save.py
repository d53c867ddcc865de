"""`train --save`: a target that cannot be written is refused before training (not after the
whole run, which was then lost), and a save that still fails at the end prints the run's
results before its one-line error."""

import errno
import json
import os

import pytest

from bpviz.commands import train as train_command
from bpviz.core import files

from .cli_helpers import assert_one_line_error, run, strict_json


@pytest.fixture
def no_training(monkeypatch):
    """Training must not start: the save is checked first."""
    def refuse(*args, **kwargs):
        raise AssertionError("trained before checking --save")
    monkeypatch.setattr(train_command.Trainer, "run", refuse)


def test_a_name_too_long_for_the_writers_temporary_is_refused_before_training(
        capsys, tmp_path, no_training):
    """A name 5 short of the file system's limit is a valid file name, but the writer's
    `.NAME.PID-RANDOM.tmp` adds at least 15 characters, so the save can only fail."""
    name_max = os.pathconf(tmp_path, "PC_NAME_MAX")
    name = "m" * (name_max - 10) + ".json"                 # name_max - 5 characters
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "10",
                         "--save", str(tmp_path / name))
    assert_one_line_error(code, out, err, "too long", f"({name_max - 5} characters")
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc")
def test_a_folder_that_takes_no_new_files_is_refused_before_training(capsys, no_training):
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "10",
                         "--save", "/proc/m.json")
    assert_one_line_error(code, out, err, "/proc", "does not take new files")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_a_folder_we_may_not_write_in_is_refused_before_training(capsys, tmp_path, no_training):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "10",
                             "--save", str(folder / "m.json"))
    finally:
        folder.chmod(0o700)
    assert_one_line_error(code, out, err, "Permission denied")


def test_the_check_before_training_leaves_nothing_behind(capsys, tmp_path):
    code, _, err = run(capsys, "train", "--preset", "xor", "--epochs", "2",
                       "--save", str(tmp_path / "m.json"))
    assert code == 0, err
    assert os.listdir(tmp_path) == ["m.json"]


def disk_full(monkeypatch):
    def full(path):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(files, "_fsync_file", full)


def test_a_save_that_fails_at_the_end_still_prints_the_json_then_one_line(
        capsys, tmp_path, monkeypatch):
    """The disk fills up during the run: the save fails after training. Before, the JSON was
    never printed: the run was lost with a one-line error."""
    path = tmp_path / "m.json"
    path.write_text('{"old": "model"}')
    disk_full(monkeypatch)
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "3", "--seed", "1",
                         "--save", str(path), "--json")
    assert code == 2
    doc = strict_json(out)
    assert doc["epochs"] == 3 and len(doc["loss"]) == 3 and doc["saved"] is None
    assert err.count("\n") == 1 and err.startswith("bpviz: ") and "Traceback" not in err
    assert "not saved" in err and "No space left on device" in err
    assert json.loads(path.read_text()) == {"old": "model"}      # the old file, whole
    assert os.listdir(tmp_path) == ["m.json"]                    # and no temporary left


def test_a_save_that_fails_at_the_end_still_prints_the_summary(capsys, tmp_path, monkeypatch):
    disk_full(monkeypatch)
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "3",
                         "--save", str(tmp_path / "m.json"))
    assert code == 2
    assert "epochs 3, final loss" in out and "saved the model" not in out
    assert err.count("\n") == 1 and "not saved" in err and "No space left" in err
    assert os.listdir(tmp_path) == []


def ctrl_c_in(monkeypatch, step: str):
    """A Ctrl-C arriving while the save is at `step` (`_fsync_file`: the temporary is written,
    the old file not yet replaced; `_fsync_folder`: the new file is in place)."""
    def interrupt(path):
        raise KeyboardInterrupt
    monkeypatch.setattr(files, step, interrupt)


def ctrl_c_after_three_epochs(monkeypatch):
    real_run = train_command.Trainer.run

    def three_then_ctrl_c(self, epochs, **kw):
        real_run(self, 3)
        raise KeyboardInterrupt
    monkeypatch.setattr(train_command.Trainer, "run", three_then_ctrl_c)


OLD = '{"old": "model"}'


def test_a_second_ctrl_c_during_the_save_says_the_old_file_is_kept(capsys, tmp_path, monkeypatch):
    """Ctrl-C stops training and the weights are being saved: a second Ctrl-C then had
    printed only "bpviz: interrupted", leaving the user to guess what m.json holds."""
    path = tmp_path / "m.json"
    path.write_text(OLD)
    ctrl_c_after_three_epochs(monkeypatch)
    ctrl_c_in(monkeypatch, "_fsync_file")
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "1000",
                         "--save", str(path))
    assert code == 130 and "Traceback" not in err and err.count("\n") == 1
    assert err.startswith("bpviz: interrupted: stopped by Ctrl-C")
    assert f"interrupted again while saving: the weights were not saved and {path} is " \
           "unchanged (the old file is kept)" in err
    assert path.read_text() == OLD and os.listdir(tmp_path) == ["m.json"]


def test_a_second_ctrl_c_during_the_save_of_a_new_file_says_none_was_made(
        capsys, tmp_path, monkeypatch):
    path = tmp_path / "m.json"
    ctrl_c_after_three_epochs(monkeypatch)
    ctrl_c_in(monkeypatch, "_fsync_file")
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "1000",
                         "--save", str(path), "--json")
    assert code == 130 and err.count("\n") == 1
    assert f"the weights were not saved and {path} was not created" in err
    assert os.listdir(tmp_path) == []


def test_ctrl_c_once_the_new_file_is_in_place_says_it_was_saved(capsys, tmp_path, monkeypatch):
    """The rename had happened: saying "not saved" would be false."""
    path = tmp_path / "m.json"
    path.write_text(OLD)
    ctrl_c_in(monkeypatch, "_fsync_folder")
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "3",
                         "--save", str(path))
    assert code == 130 and err == f"bpviz: interrupted while saving: the save had finished: " \
                                  f"{path} holds the weights\n"
    assert json.loads(path.read_text())["sizes"] == [2, 4, 1]
    assert out.startswith("Trained xor") and f"saved the model to {path}" in out   # its summary


def test_ctrl_c_during_the_save_after_a_whole_run_says_the_old_file_is_kept(
        capsys, tmp_path, monkeypatch):
    path = tmp_path / "m.json"
    path.write_text(OLD)
    ctrl_c_in(monkeypatch, "_fsync_file")
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "3",
                         "--save", str(path))
    assert code == 130 and err == f"bpviz: interrupted while saving: the weights were not " \
                                  f"saved and {path} is unchanged (the old file is kept)\n"
    assert path.read_text() == OLD and os.listdir(tmp_path) == ["m.json"]
    # the whole run's results are printed before the line (they had been lost), without a
    # "saved to" that would be false
    assert out.startswith("Trained xor") and "saved the model" not in out
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "3",
                         "--save", str(path), "--json")
    assert code == 130 and json.loads(out)["saved"] is None and len(json.loads(out)["loss"]) == 3


def test_a_save_under_a_file_says_it_is_a_file_not_a_folder(capsys, tmp_path, no_training):
    """`--save g.json/sub.json` with g.json a file had said "the folder g.json does not exist"."""
    (tmp_path / "g.json").write_text("{}")
    code, out, err = run(capsys, "train", "--preset", "xor", "--save",
                         str(tmp_path / "g.json" / "sub.json"))
    assert_one_line_error(code, out, err, f"{tmp_path / 'g.json'} is a file, not a folder")
    assert "does not exist" not in err and (tmp_path / "g.json").read_text() == "{}"
