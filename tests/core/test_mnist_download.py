"""Downloading against a local http.server on 127.0.0.1 serving tiny IDX files made here:
success, a checksum mismatch, a connection dropped mid-file, a cancel, and no server at all.
After every failure the cache holds exactly what it held before."""

import threading

import numpy as np
import pytest

from bpviz.core import mnist
from bpviz.core.errors import BpvizError
from bpviz.core.mnist_download import DownloadCancelled, download_mnist

from .mnist_fakes import Server, checksums, digits, idx_files, refused_port, write_folder


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def previous(tmp_path):
    """A full set already in the cache (from an import), to prove failures leave it alone."""
    mnist.import_mnist(write_folder(tmp_path / "old", idx_files(6, 3)))
    return mnist.cache_file().read_bytes()


def leftovers():
    return sorted(p.name for p in mnist.cache_file().parent.iterdir())


def test_success_writes_the_full_set_and_reports_progress():
    files = idx_files(12, 5)
    seen = []
    with Server(files) as server:
        data = download_mnist(server.url, files=checksums(files),
                              progress=lambda done, total, name: seen.append((done, total, name)))
    assert sorted(server.requests) == sorted(files)
    assert data.source == "full" and data.sizes() == {"train": 10, "validation": 2, "test": 5}
    np.testing.assert_array_equal(data.test_images, digits(5, 2)[0])
    total = sum(len(b) for b in files.values())
    assert seen[-1][:2] == (total, total) and all(t == total for _, t, _ in seen)
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)
    assert leftovers() == [mnist.FULL_NAME]
    assert mnist.load_mnist().source == "full"


def test_mirror_url_without_trailing_slash_and_unknown_sizes():
    files = idx_files()
    with Server(files) as server:
        data = download_mnist(server.url.rstrip("/"), files=checksums(files, sizes=False))
    assert data.sizes()["test"] == 5


def test_checksum_mismatch_keeps_nothing(previous):
    files = idx_files()
    expected = checksums(files)
    name = "train-labels-idx1-ubyte.gz"
    expected[name] = ("0" * 64, expected[name][1])
    with Server(files) as server, pytest.raises(BpvizError) as e:
        download_mnist(server.url, files=expected)
    message = str(e.value)
    assert "\n" not in message and name in message and "SHA-256" in message
    assert mnist.cache_file().read_bytes() == previous and leftovers() == [mnist.FULL_NAME]


@pytest.mark.parametrize("sizes", [True, False])
def test_connection_dropped_mid_file(previous, sizes):
    files = idx_files()
    name = "t10k-images-idx3-ubyte.gz"
    with Server(files, drop={name}) as server, pytest.raises(BpvizError) as e:
        download_mnist(server.url, files=checksums(files, sizes=sizes))
    assert name in str(e.value) and "dropped" in str(e.value)
    assert mnist.cache_file().read_bytes() == previous and leftovers() == [mnist.FULL_NAME]


def test_cancel_stops_and_keeps_nothing(previous):
    files = idx_files()
    stop = threading.Event()
    with Server(files) as server, pytest.raises(DownloadCancelled, match="cancelled"):
        download_mnist(server.url, files=checksums(files),
                       progress=lambda *_: stop.set(), cancel=stop)
    assert len(server.requests) == 1          # stopped after the first chunk of the first file
    assert mnist.cache_file().read_bytes() == previous and leftovers() == [mnist.FULL_NAME]


def test_missing_file_on_the_server():
    files = idx_files()
    expected = checksums(files)
    del files["train-labels-idx1-ubyte.gz"]
    with Server(files) as server, pytest.raises(BpvizError, match="HTTP 404"):
        download_mnist(server.url, files=expected)
    assert not mnist.has_full()


def test_no_server_says_offline():
    with refused_port() as port, pytest.raises(BpvizError) as e:
        download_mnist(f"http://127.0.0.1:{port}/", files=checksums(idx_files()), timeout=5)
    assert "offline" in str(e.value) and "\n" not in str(e.value)
    assert not mnist.has_full() and leftovers() == []


def test_a_mirror_that_never_stops_is_cut_at_the_files_size(previous):
    """An endless stream had been written to the disk in full (a full disk) before its size
    was checked; now the download stops as soon as it passes the file's known size."""
    files = idx_files()
    name = "train-images-idx3-ubyte.gz"
    expected = checksums(files)
    with Server(files, endless={name}) as server, pytest.raises(BpvizError) as e:
        download_mnist(server.url, files=expected)
    assert name in str(e.value) and "more than" in str(e.value)
    assert server.sent[name] < 64 << 20                      # it hung up, long before the end
    assert mnist.cache_file().read_bytes() == previous and leftovers() == [mnist.FULL_NAME]


def test_a_killed_downloads_folder_is_removed_by_the_next_download():
    """SIGTERM skips the clean-up: the next download removes a working folder nothing has
    written to for an hour, and leaves a younger one (a download still running) alone."""
    import os
    import time
    folder = mnist.cache_file().parent
    folder.mkdir(parents=True)
    old, young = folder / ".download-old", folder / ".download-young"
    for work in (old, young):
        work.mkdir()
        (work / "train-images-idx3-ubyte.gz").write_bytes(b"partial")
    two_hours_ago = time.time() - 7200
    for path in (old / "train-images-idx3-ubyte.gz", old):
        os.utime(path, (two_hours_ago, two_hours_ago))
    files = idx_files()
    with Server(files) as server:
        download_mnist(server.url, files=checksums(files))
    assert not old.exists() and young.exists()
