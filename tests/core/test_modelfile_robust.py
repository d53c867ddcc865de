"""Model files against a stress tester: values of the wrong type, numbers too long to parse or
too large for a float, a byte-order mark, bad stored training settings (named with their file
and key), and the atomic write: through a symlink, keeping permissions, removing the temporary
files a killed save left behind, refusing an empty path."""

import copy
import json
import os
import stat
import subprocess
import sys

import numpy as np
import pytest

from bpviz.core.errors import BpvizError
from bpviz.core.files import write_atomic, write_atomic_with
from bpviz.core.modelfile import load_model, loads, save_model

GOOD = {
    "format": "bpviz.model", "version": 1, "sizes": [2, 3, 1],
    "activations": ["linear", "linear"], "loss": "mse",
    "weights": [[[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]], [[1.0, 1.0, 1.0]]],
    "biases": None,
}


def with_(**changes):
    doc = copy.deepcopy(GOOD)
    doc.update(changes)
    return json.dumps(doc)


def refused(text, *fragments):
    with pytest.raises(BpvizError) as info:
        loads(text)
    message = str(info.value)
    assert "\n" not in message and len(message) < 300, message
    for fragment in fragments:
        assert fragment in message, message
    return message


@pytest.mark.parametrize("changes, key", [
    ({"loss": []}, "loss"),
    ({"loss": {"a": 1}}, "loss"),
    ({"activations": [["linear"], "linear"]}, "activations[0]"),
    ({"activations": ["linear", {"name": "relu"}]}, "activations[1]"),
    ({"format": ["bpviz.model"]}, "format"),
    ({"version": 1.0}, "version"),
    ({"sizes": [2, 10**40, 1]}, "sizes[1]"),
])
def test_values_of_the_wrong_type_are_refused_not_hashed(changes, key):
    refused(with_(**changes), key)


def test_a_weight_too_large_for_a_float_names_its_key():
    text = with_(weights=[[[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]], [[1.0, "@", 1.0]]])
    refused(text.replace('"@"', "7" * 400), "weights[1][0][1]", "too large")


@pytest.mark.parametrize("digits", [401, 4301, 50_000])
def test_integer_literals_past_the_digit_limit_are_refused_while_parsing(digits):
    text = with_(notes="@").replace('"@"', "1" * digits)
    refused(text, f"{digits} digits", "line 1")


def test_a_huge_float_in_an_extra_key_is_refused_since_it_could_not_be_saved_again():
    refused(with_(notes=[1, "@"]).replace('"@"', "1e999"), "notes[1]", "finite")


@pytest.mark.parametrize("training, fragments", [
    ({"learning_rate": "7" * 400}, ["training.learning_rate", "expected a number"]),
    ({"learning_rate": -1}, ["training.learning_rate", "> 0"]),
    ({"learning_rate": []}, ["training.learning_rate"]),
    ({"batch_size": 0}, ["training.batch_size", "≥ 1"]),
    ({"batch_size": 2.5}, ["training.batch_size"]),
    ({"optimizer": "rmsprop"}, ["training.optimizer", "sgd, momentum, adam"]),
    ({"optimizer": ["sgd"]}, ["training.optimizer"]),
    ({"seed": -3}, ["training.seed"]),
    ({"epochs": True}, ["training.epochs"]),
    ({"l2": -0.1}, ["training.l2"]),
    ({"input": [1, 2, 3], "target": [1]}, ["training.input", "2 numbers"]),
    ({"input": [[1, 2], [3, 4]], "target": [1]}, ["2 samples", "1"]),
    ([1, 2], ["training: expected an object"]),
])
def test_stored_training_settings_are_checked_by_the_setting_rules(training, fragments):
    refused(with_(training=training), *fragments)


def test_a_400_digit_learning_rate_in_a_file_names_the_file_and_key(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(with_(training={"learning_rate": 1}).replace(": 1}", ": " + "7" * 400 + "}"))
    with pytest.raises(BpvizError,
                       match=r"^model\.json: training\.learning_rate: a 400-digit number is too large"):
        load_model(path)


def test_good_training_settings_load():
    training = {"preset": "xor", "learning_rate": 0.5, "batch_size": None, "optimizer": "adam",
                "seed": 3, "epochs": 10, "l2": 0, "input": [40, 80], "target": [60]}
    _, extra = loads(with_(training=training))
    assert extra["training"] == training


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    net, _ = load_model(path)
    assert net.feedforward([40, 80])[0, 0] == 180.0


def test_an_empty_path_is_refused(tmp_path):
    net, _ = loads(json.dumps(GOOD))
    for empty in ("", "  "):
        with pytest.raises(BpvizError, match="empty"):
            save_model(net, empty)
        with pytest.raises(BpvizError, match="empty"):
            load_model(empty)
    with pytest.raises(BpvizError, match="folder"):
        save_model(net, tmp_path)


def test_saving_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path):
    net, _ = loads(json.dumps(GOOD))
    real = tmp_path / "models" / "real.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    save_model(net, link, {"title": "via link"})
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_model(real)[1] == {"title": "via link"}
    assert sorted(os.listdir(tmp_path)) == ["link.json", "models"]
    assert os.listdir(real.parent) == ["real.json"]


def test_saving_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    net, _ = loads(json.dumps(GOOD))
    path = tmp_path / "m.json"
    path.write_text("old")
    os.chmod(path, 0o640)
    save_model(net, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_stale_temporaries_of_a_killed_save_are_removed_on_the_next_save(tmp_path):
    # A process that has exited stands for one killed mid-save: its PID is in the names.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = [f".m.json.{dead}-abc1_3z9.tmp"]                          # ours, as mkstemp names it
    keep = [".m.json.notes", ".other.json.123-abc1_3z9.tmp", "m.json.tmp",
            f".m.json.{os.getpid()}-live_123.tmp"]                    # a save in progress
    for name in stale + keep:
        (tmp_path / name).write_text("{half a fi")
    net, _ = loads(json.dumps(GOOD))
    save_model(net, tmp_path / "m.json")
    assert sorted(os.listdir(tmp_path)) == sorted(keep + ["m.json"])
    np.testing.assert_array_equal(load_model(tmp_path / "m.json")[0].params, net.params)


def test_the_writer_callback_api_and_a_writer_that_fails(tmp_path):
    path = tmp_path / "plot.png"
    written = write_atomic_with(path, lambda tmp: open(tmp, "wb").write(b"\x89PNG data"))
    assert written == path and path.read_bytes() == b"\x89PNG data"
    with pytest.raises(BpvizError, match="could not be written"):
        write_atomic_with(path, lambda tmp: False)          # as QImage.save says it failed
    assert path.read_bytes() == b"\x89PNG data" and os.listdir(tmp_path) == ["plot.png"]
    write_atomic(tmp_path / "t.csv", "a,b\n1,2\n")
    assert (tmp_path / "t.csv").read_text() == "a,b\n1,2\n"


def test_kill_9_during_saves_leaves_a_whole_file_and_the_next_save_cleans_up(tmp_path):
    """A real process saving in a loop is killed with SIGKILL while a temporary file exists:
    the model file is the old one, whole, and the next save removes the leftover."""
    path = tmp_path / "m.json"
    script = (
        "import sys\n"
        "from bpviz.core.modelfile import save_model\n"
        "from bpviz.core.network import Network\n"
        "net = Network.create([200, 100, 1], ['tanh', 'linear'], 'mse', init='normal', seed=0)\n"
        "save_model(net, sys.argv[1])\n"
        "print('saved', flush=True)\n"
        "while True:\n"
        "    net.params[0] += 1.0\n"
        "    save_model(net, sys.argv[1])\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE,
                            cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    try:
        assert proc.stdout.readline().strip() == b"saved"
        while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
            pass                                     # until a save is half-way
        proc.kill()
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    net, _ = load_model(path)                        # whole: it parses and validates
    assert net.sizes == [200, 100, 1]
    if any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):   # left by the killed save
        save_model(net, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]


def test_a_fifo_is_refused_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(BpvizError) as e:
        write_atomic(fifo, "data")
    assert "not a regular file" in str(e.value) and "\n" not in str(e.value)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)                 # not replaced by a plain file
    link = tmp_path / "link"                                     # nor through a symlink
    link.symlink_to(fifo)
    with pytest.raises(BpvizError, match="not a regular file"):
        write_atomic(link, "data")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "pipe"]     # no temporary


def test_dev_null_is_refused_not_replaced():
    with pytest.raises(BpvizError, match="not a regular file"):
        write_atomic("/dev/null", "data")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_file_name_too_long_is_one_line(tmp_path):
    with pytest.raises(BpvizError) as e:
        write_atomic(tmp_path / ("x" * 300 + ".json"), "data")
    assert "too long" in str(e.value).lower() and "\n" not in str(e.value)


def test_reading_a_device_or_a_pipe_is_refused_without_reading(tmp_path):
    from bpviz.core.datasets import load_csv
    from bpviz.core.mnist_files import read_bytes

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)                      # reading it would wait for a writer forever
    for read in (load_model, load_csv, read_bytes):
        for path in ("/dev/zero", pipe):  # /dev/zero would fill the memory
            with pytest.raises(BpvizError) as e:
                read(str(path))
            assert "not a regular file" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="Linux's /proc")
def test_a_folder_that_takes_no_new_files_is_named_so_not_missing():
    """Creating a file in /proc fails with ENOENT, which the system words "No such file or
    directory", though /proc is there."""
    with pytest.raises(BpvizError) as e:
        write_atomic("/proc/x.csv", "a,b\n")
    assert str(e.value) == "cannot write to /proc: this folder does not take new files"
