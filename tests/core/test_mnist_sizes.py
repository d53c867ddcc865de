"""MNIST files that claim more than any MNIST holds are refused in one line naming the file and
what to do, before anything is allocated: they had ended in a MemoryError (a traceback in the
window; on the command line "out of memory: the network or its data does not fit…")."""

import os

import pytest

from bpviz.core import mnist
from bpviz.core.errors import BpvizError
from bpviz.core.notation import count

from .mnist_fakes import lying_cache


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))


def test_a_cache_whose_header_claims_a_billion_digits_says_to_delete_it():
    path = lying_cache(mnist.cache_file())
    with pytest.raises(BpvizError) as e:
        mnist.load_mnist()
    message = str(e.value)
    assert message.startswith(f"{path}: train_images says {count(10**9)}×28×28") and "\n" not in message
    assert message.endswith("delete the file to use the bundled subset")


def test_a_plausible_header_is_read():
    lying_cache(mnist.cache_file(), shape=(12, 28, 28))           # the truth
    assert len(mnist.load_mnist().train_labels) == 12


@pytest.mark.parametrize("name", ["mnist.pkl.gz", "train-images-idx3-ubyte"])
def test_a_100_gb_file_is_refused_before_it_is_read(tmp_path, name):
    folder = tmp_path / "big"
    folder.mkdir()
    path = folder / name
    with open(path, "wb") as f:                    # sparse: no disk space taken
        f.truncate(100 << 30)
    if name != "mnist.pkl.gz":                     # an IDX file is found by its first bytes
        with open(path, "r+b") as f:
            f.write((0x803).to_bytes(4, "big"))
        for other in ("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                      "t10k-labels-idx1-ubyte"):
            (folder / other).write_bytes(b"")
    with pytest.raises(BpvizError) as e:
        mnist.import_mnist(path if name == "mnist.pkl.gz" else folder)
    message = str(e.value)
    assert message.startswith(f"{path}: {count(100 << 30)} bytes, larger than any MNIST file")
    assert "mnist.pkl.gz" in message and "\n" not in message
    assert not mnist.has_full() and os.path.getsize(path) == 100 << 30
