"""The bundled subset, the cache, importing files, the `mnist` preset and its initialisation."""

import gzip
import hashlib
import pickle

import numpy as np
import pytest

from bpviz.core import mnist
from bpviz.core.errors import BpvizError
from bpviz.core.initializers import get_initializer, init_bias
from bpviz.core.presets import get_preset
from bpviz.training.trainer import Trainer

from .mnist_fakes import digits, idx_files, nielsen_pickle, write_folder


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """Every test gets its own empty cache, never the user's."""
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_subset_is_5000_real_digits_500_per_class():
    data = mnist.load_subset()
    assert data.source == "subset" and data.sizes() == {"train": 4000, "test": 1000}
    assert data.train_images.dtype == np.uint8 and data.train_images.shape == (4000, 28, 28)
    assert np.bincount(data.train_labels).tolist() == [400] * 10
    assert np.bincount(data.test_labels).tolist() == [100] * 10
    # held out means held out: no test image is also a training image
    train = {hashlib.sha1(im.tobytes()).digest() for im in data.train_images}
    assert not any(hashlib.sha1(im.tobytes()).digest() in train for im in data.test_images)
    # real digits: mostly black background, ink in the middle, not noise
    ink = data.train_images > 127
    assert 0.1 < ink.mean() < 0.25
    assert ink[:, :3, :].mean() < 0.01 and ink[:, 10:18, 10:18].mean() > 0.3


def test_subset_records_its_source():
    with np.load(mnist.subset_path()) as f:
        assert str(f["source_sha256"]) == \
            "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"


def test_dataset_is_pixels_over_255_and_one_hot():
    data = mnist.load_subset()
    ds = data.dataset()
    assert ds.x.shape == (4000, 784) and ds.y.shape == (4000, 10)
    assert ds.x_test.shape == (1000, 784) and ds.y_test.shape == (1000, 10)
    assert ds.x[0, 300] == data.train_images[0].reshape(-1)[300] / 255
    assert ds.x.min() == 0 and ds.x.max() == 1
    assert (ds.y.sum(axis=1) == 1).all() and (ds.y.argmax(axis=1) == data.train_labels).all()


def test_without_a_cache_the_subset_is_used():
    assert not mnist.has_full()
    assert mnist.load_mnist().status() == {"source": "subset", "train": 4000, "test": 1000,
                                           "path": str(mnist.subset_path())}


def test_cache_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("BPVIZ_CACHE_DIR")
    monkeypatch.setattr(mnist.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert mnist.cache_dir() == tmp_path / "xdg" / "bpviz"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")     # the XDG spec: absolute only
    assert mnist.cache_dir() == mnist.Path.home() / ".cache" / "bpviz"


def test_import_idx_folder_becomes_the_full_set(tmp_path):
    folder = write_folder(tmp_path / "idx", idx_files(12, 5))
    data = mnist.import_mnist(folder)
    assert data.source == "full" and mnist.has_full()
    assert data.sizes() == {"train": 10, "validation": 2, "test": 5}   # a sixth of 12 held back
    status = mnist.load_mnist().status()
    assert status["source"] == "full" and status["path"] == str(mnist.cache_file())
    images, labels = digits(12, 1)
    np.testing.assert_array_equal(data.validation_images, images[10:])
    np.testing.assert_array_equal(data.train_labels, labels[:10])
    assert mnist.load_mnist(prefer_full=False).source == "subset"


def test_import_nielsen_pickle(tmp_path):
    path = nielsen_pickle(tmp_path / "mnist.pkl.gz")
    for source in (path, tmp_path):                 # the file, or the folder holding it
        data = mnist.import_mnist(source)
        assert data.sizes() == {"train": 7, "validation": 3, "test": 4}


def test_bad_import_leaves_the_previous_data(tmp_path):
    mnist.import_mnist(write_folder(tmp_path / "good", idx_files(12, 5)))
    before = mnist.cache_file().read_bytes()
    files = idx_files(12, 5)
    files["t10k-images-idx3-ubyte.gz"] = files["t10k-images-idx3-ubyte.gz"][:40]
    with pytest.raises(BpvizError) as e:
        mnist.import_mnist(write_folder(tmp_path / "bad", files))
    assert "t10k-images" in str(e.value) and "\n" not in str(e.value)
    assert mnist.cache_file().read_bytes() == before
    assert [p.name for p in mnist.cache_file().parent.iterdir()] == [mnist.FULL_NAME]
    with pytest.raises(BpvizError, match="no such file or folder"):
        mnist.import_mnist(tmp_path / "nowhere")
    with pytest.raises(BpvizError) as e:                 # one of the files instead of its folder
        mnist.import_mnist(tmp_path / "good" / "train-labels-idx1-ubyte.gz")
    assert "one of the four MNIST IDX files" in str(e.value) and str(tmp_path / "good") in str(e.value)
    assert mnist.cache_file().read_bytes() == before


def test_scaled_normal_is_n01_over_root_fan_in():
    rng = np.random.default_rng(0)
    w = get_initializer("scaled-normal")(rng, 300, 784)
    assert w.shape == (300, 784)
    # 235 200 draws of N(0, 1/784): the sample std is within 1 % of 1/28
    assert abs(w.std() * 28 - 1) < 0.01 and abs(w.mean()) < 3 / 28 / np.sqrt(w.size)
    b = init_bias(np.random.default_rng(1), "scaled-normal", 100_000)
    assert abs(b.std() - 1) < 0.01          # biases N(0, 1), not scaled
    assert (init_bias(rng, "xavier", 5) == 0).all()


def test_mnist_preset_settings():
    p = get_preset("mnist")
    assert p.sizes == (784, 30, 10) and p.activations == ("sigmoid", "sigmoid")
    assert (p.loss, p.eta, p.batch_size, p.epochs, p.init) == ("mse", 3.0, 10, 30, "scaled-normal")
    net = p.network(seed=0)
    assert [w.shape for w in net.weights] == [(30, 784), (10, 30)]
    assert p.settings()["preset"] == "mnist"


def test_one_epoch_on_the_subset_beats_80_percent():
    p = get_preset("mnist")
    data = p.dataset()
    assert data.x_test.shape == (1000, 784)
    trainer = Trainer(p.network(seed=0), data.x, data.y, eta=p.eta, batch_size=p.batch_size,
                      seed=0, x_test=data.x_test, y_test=data.y_test)
    result = trainer.run(1)
    assert result.test_accuracy > 0.80


@pytest.mark.parametrize("n_train, n_test", [(0, 0), (20, 0), (0, 5)])
def test_an_import_without_digits_is_refused_and_the_previous_data_stays(tmp_path, n_train, n_test):
    mnist.import_mnist(write_folder(tmp_path / "good", idx_files(12, 5)))
    before = mnist.cache_file().read_bytes()
    with pytest.raises(BpvizError) as e:
        mnist.import_mnist(write_folder(tmp_path / "empty", idx_files(n_train, n_test)))
    assert "no training digits" in str(e.value) or "no test digits" in str(e.value)
    assert str(tmp_path / "empty") in str(e.value) and "\n" not in str(e.value)
    assert mnist.cache_file().read_bytes() == before
    assert mnist.load_mnist().dataset().x.shape == (10, 784)          # still usable


def test_a_pickle_with_an_empty_test_set_is_refused(tmp_path):
    parts = []
    for seed, n in ((3, 7), (4, 3), (5, 0)):
        images, labels = digits(n, seed)
        parts.append(((images.reshape(n, 784) / 256).astype(np.float32), labels.astype(np.int64)))
    path = tmp_path / "mnist.pkl.gz"
    path.write_bytes(gzip.compress(pickle.dumps(tuple(parts), protocol=4)))
    with pytest.raises(BpvizError, match="no test digits"):
        mnist.import_mnist(path)
    assert not mnist.has_full()


def test_a_damaged_cache_file_is_one_line_that_says_what_to_do(tmp_path):
    mnist.import_mnist(write_folder(tmp_path / "good", idx_files(12, 5)))
    path = mnist.cache_file()
    path.write_bytes(path.read_bytes()[:300])                          # truncated
    with pytest.raises(BpvizError) as e:
        mnist.load_mnist()
    message = str(e.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert "delete the file to use the bundled subset" in message


def test_a_cache_file_that_is_not_an_archive_is_named_so_and_never_advises_unsafe_loading():
    path = mnist.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"hello, not an archive")
    with pytest.raises(BpvizError) as e:
        mnist.load_mnist()
    assert "not a NumPy .npz archive" in str(e.value) and "pickle" not in str(e.value)
    assert str(e.value).endswith("delete the file to use the bundled subset")


def test_an_archive_of_python_objects_is_named_so_and_nothing_in_it_is_unpickled():
    path = mnist.cache_file()
    path.parent.mkdir(parents=True)
    with open(path, "wb") as f:                            # np.savez: the same name, kept
        np.savez(f, train_images=np.array([{"a": 1}], dtype=object),
                 train_labels=np.zeros(1, np.uint8))
    with pytest.raises(BpvizError) as e:
        mnist.load_mnist()
    assert "holds Python objects, not plain arrays" in str(e.value)
    assert "pickle" not in str(e.value) and "not a NumPy .npz archive" not in str(e.value)


@pytest.mark.parametrize("labels", [np.uint8(3), np.zeros((5, 1), np.uint8)])
def test_a_hand_made_cache_file_with_labels_not_a_row_of_digits_is_refused(labels):
    """Scalar test labels had raised a TypeError traceback; labels of shape (n, 1) had been
    taken, broadcast into many-hot targets (and m² index arrays)."""
    path = mnist.cache_file()
    path.parent.mkdir(parents=True)
    good = np.zeros((5, 28, 28), np.uint8)
    with open(path, "wb") as f:
        np.savez(f, train_images=good, train_labels=np.zeros(5, np.uint8),
                 validation_images=good[:0], validation_labels=np.zeros(0, np.uint8),
                 test_images=good, test_labels=labels)
    with pytest.raises(BpvizError) as e:
        mnist.load_mnist()
    assert "malformed test images/labels" in str(e.value) and "\n" not in str(e.value)
