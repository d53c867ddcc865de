"""`bpviz data mnist` (--status, --from, --download against a local server) and
`bpviz train --preset mnist`."""

import json
import os

import pytest
from core.mnist_fakes import Server, checksums, idx_files, nielsen_pickle, write_folder

from bpviz.core import mnist, mnist_download

from .cli_helpers import assert_one_line_error, run, run_json


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_status_on_a_fresh_machine_is_the_subset(capsys):
    doc = run_json(capsys, "data", "mnist", "--status")
    assert doc == {"source": "subset", "train": 4000, "test": 1000,
                   "path": str(mnist.subset_path())}
    code, out, err = run(capsys, "data", "mnist", "--status")
    assert code == 0 and "bundled 5\u00a0000-digit subset" in out and "--download" in out


def test_import_a_folder_then_status_says_full(capsys, tmp_path, cache):
    folder = write_folder(tmp_path / "idx", idx_files(12, 5))
    doc = run_json(capsys, "data", "mnist", "--from", str(folder))
    assert doc == {"source": "full", "train": 10, "validation": 2, "test": 5,
                   "path": str(cache / "mnist" / "mnist_full.npz")}
    assert run_json(capsys, "data", "mnist", "--status") == doc


def test_import_nielsen_pickle(capsys, tmp_path):
    doc = run_json(capsys, "data", "mnist", "--from", str(nielsen_pickle(tmp_path / "mnist.pkl.gz")))
    assert (doc["train"], doc["validation"], doc["test"]) == (7, 3, 4)


class Payload:
    def __reduce__(self):
        return (os.system, ("touch pwned-by-pickle",))


def test_bad_files_exit_2_with_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = idx_files()
    files["train-images-idx3-ubyte.gz"] = files["train-images-idx3-ubyte.gz"][:30]
    folder = write_folder(tmp_path / "cut", files)
    assert_one_line_error(*run(capsys, "data", "mnist", "--from", str(folder)),
                          "train-images-idx3-ubyte.gz", "truncated or corrupt gzip")
    evil = nielsen_pickle(tmp_path / "evil.pkl.gz", (Payload(),) * 3)
    assert_one_line_error(*run(capsys, "data", "mnist", "--from", str(evil)), "refused")
    assert not (tmp_path / "pwned-by-pickle").exists()
    (tmp_path / "empty").mkdir()
    assert_one_line_error(*run(capsys, "data", "mnist", "--from", str(tmp_path / "empty")),
                          "train-images-idx3-ubyte")
    assert_one_line_error(*run(capsys, "data", "mnist", "--status", "--url", "http://x/"),
                          "--url goes with --download")
    assert_one_line_error(*run(capsys, "data", "mnist"), "--status", "--download", "--from")
    assert not mnist.has_full()


def test_download_from_a_mirror(capsys, monkeypatch):
    files = idx_files()
    monkeypatch.setattr(mnist_download, "FILES", checksums(files))
    with Server(files) as server:
        doc = run_json(capsys, "data", "mnist", "--download", "--url", server.url)
    assert doc["source"] == "full" and doc["test"] == 5


def test_download_checks_the_real_checksums(capsys):
    files = idx_files()                        # not the real MNIST files: every hash differs
    with Server(files) as server:
        assert_one_line_error(*run(capsys, "data", "mnist", "--download", "--url", server.url),
                              "not the expected file", "nothing was kept")
    assert not mnist.has_full()


def test_train_mnist_preset_one_epoch(capsys, tmp_path):
    saved = tmp_path / "m.json"
    doc = run_json(capsys, "train", "--preset", "mnist", "--epochs", "1", "--seed", "0",
                   "--save", str(saved))
    assert doc["samples"] == 4000 and doc["batch_size"] == 10 and doc["learning_rate"] == 3.0
    assert doc["test_accuracy"] > 0.8
    assert json.loads(saved.read_text())["training"]["preset"] == "mnist"
    names = [p["name"] for p in run_json(capsys, "presets")]
    assert "mnist" in names



@pytest.mark.parametrize("argv, words", [
    (["--from", "/dev/zero"], ["/dev/zero", "not a file or folder"]),      # had: no such file
    (["--from", ""], ["--from", "empty"]),                                 # had: this folder
    (["--download", "--url", ""], ["--url ''", "http://"]),                # had: the default URL
    (["--download", "--url", "ht!tp://x"], ["--url 'ht!tp://x'", "http://"]),  # had: offline?
])
def test_paths_and_addresses_that_are_no_data_are_named_so(capsys, argv, words):
    assert_one_line_error(*run(capsys, "data", "mnist", *argv), *words)
    assert not mnist.has_full()


@pytest.mark.parametrize("url, words", [
    ("http://127.0.0.1:abc/", ["port", "a number"]),
    ("http://127.0.0.1:1/a b/", ["space or a control character", "%20"]),
    ("http://127.0.0.1:1/a\nb/", ["space or a control character"]),
    ("http://127.0.0.1:1/a\x01b/", ["space or a control character"]),
])
def test_download_from_an_address_that_is_no_address_is_not_offline(capsys, url, words):
    code, out, err = run(capsys, "data", "mnist", "--download", "--url", url)
    assert_one_line_error(code, out, err, "--url", *words)
    assert "offline" not in err


def test_download_from_a_server_with_a_malformed_answer_is_not_offline(capsys):
    from core.mnist_fakes import RawServer

    with RawServer(b"HTTP/1.1 abc\r\n\r\n") as server:
        code, out, err = run(capsys, "data", "mnist", "--download", "--url", server.url)
    assert_one_line_error(code, out, err, "not valid HTTP", "bundled subset stays in use")
    assert "offline" not in err


def test_a_cache_claiming_a_billion_digits_names_the_file_and_the_fix(capsys, cache):
    """It had said "out of memory: the network or its data does not fit…", naming neither."""
    from core.mnist_fakes import lying_cache

    path = lying_cache(cache / "mnist" / "mnist_full.npz")
    for args in (("data", "mnist", "--status"), ("train", "--preset", "mnist", "--epochs", "1")):
        code, out, err = run(capsys, *args)
        assert_one_line_error(code, out, err, f"bpviz: {path}: train_images says",
                              "delete the file to use the bundled subset")
