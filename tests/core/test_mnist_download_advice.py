"""What a failed download advises. "Are you offline?" only when the server could not be
reached; a reachable server with a malformed answer, or an address that is no address, says
so. And when a full set imported before is in use, a failure does not claim the bundled
subset stays in use."""


import pytest

from bpviz.core import mnist
from bpviz.core.errors import BpvizError
from bpviz.core.mnist_download import download_mnist

from .mnist_fakes import RawServer, checksums, idx_files, refused_port, write_folder


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def failure(url: str) -> str:
    with pytest.raises(BpvizError) as e:
        download_mnist(url, files=checksums(idx_files()), timeout=5)
    message = str(e.value)
    assert "\n" not in message
    return message


def test_offline_with_an_imported_full_set_says_the_data_in_use_stays(tmp_path):
    """It had said "The bundled subset stays in use" while the imported full set was in use."""
    mnist.import_mnist(write_folder(tmp_path / "idx", idx_files(6, 3)))
    before = mnist.cache_file().read_bytes()
    with refused_port() as port:
        message = failure(f"http://127.0.0.1:{port}/")
    assert "offline" in message and "The MNIST data in use stays unchanged" in message
    assert "subset" not in message
    assert mnist.cache_file().read_bytes() == before


def test_offline_on_the_subset_still_says_the_subset_stays():
    with refused_port() as port:
        message = failure(f"http://127.0.0.1:{port}/")
    assert "offline" in message and "bundled subset stays in use" in message


@pytest.mark.parametrize("answer, words", [
    (b"garbage\r\n\r\n", ["not valid HTTP", "BadStatusLine"]),      # a malformed status line
    (b"", ["closed the connection without answering"]),              # reached, but no answer
])
def test_a_reachable_server_with_a_bad_answer_is_not_offline(answer, words):
    with RawServer(answer) as server:
        message = failure(server.url)
    assert "offline" not in message and "bundled subset stays in use" in message
    for word in words:
        assert word in message


# (the port is found when the test runs: a port in the parameters would differ between the
# processes pytest-xdist collects them in)
@pytest.mark.parametrize("url, word", [
    ("http://127.0.0.1:abc/", "nonnumeric port"),
    ("http://127.0.0.1:{port}/a b/", "control characters"),
    ("http://127.0.0.1:{port}/a\nb/", "control characters"),
    ("http://127.0.0.1:{port}/a\x01b/", "control characters"),
])
def test_an_address_that_is_no_address_says_so(url, word):
    with refused_port() as port:
        message = failure(url.replace("{port}", str(port)))
    assert "not a download address" in message and word in message
    assert "offline" not in message
