"""The MNIST readers on small files the tests make: IDX (gzipped and plain), Nielsen's pickle,
and every bad file as one BpvizError line."""

import gzip
import os
import pickle

import numpy as np
import pytest

from bpviz.core.errors import BpvizError
from bpviz.core.mnist_files import is_idx_file, read_idx_folder, read_idx_pair
from bpviz.core.mnist_pickle import read_pickle

from .mnist_fakes import digits, idx_bytes, idx_files, nielsen_pickle, write_folder


def one_line_error(excinfo, *words):
    message = str(excinfo.value)
    assert "\n" not in message
    for w in words:
        assert w in message, message


def test_idx_pair_gz_and_plain_give_the_same_arrays(tmp_path):
    images, labels = digits(6, 0)
    (tmp_path / "i.gz").write_bytes(gzip.compress(idx_bytes(images)))
    (tmp_path / "l").write_bytes(idx_bytes(labels))
    got_i, got_l = read_idx_pair(tmp_path / "i.gz", tmp_path / "l")
    assert got_i.dtype == np.uint8 and got_i.shape == (6, 28, 28)
    np.testing.assert_array_equal(got_i, images)
    np.testing.assert_array_equal(got_l, labels)


def test_idx_header_by_hand(tmp_path):
    # labels: magic 0x00000801, 3 items, then the bytes 7 8 9; images: 0x00000803, 3 × 28 × 28
    (tmp_path / "l").write_bytes(bytes([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9]))
    (tmp_path / "i").write_bytes(bytes([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 28, 0, 0, 0, 28])
                                 + bytes(range(256)) * 9 + bytes(3 * 784 - 256 * 9))
    images, labels = read_idx_pair(tmp_path / "i", tmp_path / "l")
    assert labels.tolist() == [7, 8, 9] and images.shape == (3, 28, 28)
    assert images[0, 0, :3].tolist() == [0, 1, 2] and images[0, 1, 0] == 28   # row-major
    (tmp_path / "l").write_bytes(bytes([0, 0, 8, 1, 0, 0, 0, 3, 7, 12, 9]))
    with pytest.raises(BpvizError) as e:
        read_idx_pair(tmp_path / "i", tmp_path / "l")
    one_line_error(e, "digits 0–9", "12")


def test_folder_of_four_files(tmp_path):
    arrays = read_idx_folder(write_folder(tmp_path, idx_files(12, 5)))
    assert arrays["train_images"].shape == (12, 28, 28) and arrays["test_labels"].shape == (5,)
    # the fakes put the label in the first pixel: images and labels stay paired
    np.testing.assert_array_equal(arrays["train_images"][:, 0, 0], arrays["train_labels"])


def test_wrong_magic(tmp_path):
    images, labels = digits(3, 0)
    (tmp_path / "i").write_bytes(idx_bytes(labels))          # a label file where images belong
    (tmp_path / "l").write_bytes(idx_bytes(labels))
    with pytest.raises(BpvizError) as e:
        read_idx_pair(tmp_path / "i", tmp_path / "l")
    one_line_error(e, "wrong magic number", "0x00000801", "0x00000803")


def test_count_mismatch(tmp_path):
    images, labels = digits(4, 0)
    (tmp_path / "i").write_bytes(idx_bytes(images))
    (tmp_path / "l").write_bytes(idx_bytes(labels[:3]))
    with pytest.raises(BpvizError) as e:
        read_idx_pair(tmp_path / "i", tmp_path / "l")
    one_line_error(e, "4 images but 3 labels")


def test_truncated_data_and_truncated_gzip(tmp_path):
    images, labels = digits(4, 0)
    data = idx_bytes(images)
    (tmp_path / "short").write_bytes(data[:-10])
    (tmp_path / "l").write_bytes(idx_bytes(labels))
    with pytest.raises(BpvizError) as e:
        read_idx_pair(tmp_path / "short", tmp_path / "l")
    one_line_error(e, "header says 4 items", str(4 * 784 - 10))
    packed = gzip.compress(data)
    (tmp_path / "cut.gz").write_bytes(packed[: len(packed) // 2])
    with pytest.raises(BpvizError) as e:
        read_idx_pair(tmp_path / "cut.gz", tmp_path / "l")
    one_line_error(e, "cut.gz", "truncated or corrupt gzip")
    (tmp_path / "bad.gz").write_bytes(packed[:10] + b"\xff" * 40 + packed[50:])
    with pytest.raises(BpvizError) as e:
        read_idx_pair(tmp_path / "bad.gz", tmp_path / "l")
    one_line_error(e, "bad.gz", "corrupt")


def test_missing_file_in_folder(tmp_path):
    files = idx_files()
    del files["t10k-labels-idx1-ubyte.gz"]
    with pytest.raises(BpvizError) as e:
        read_idx_folder(write_folder(tmp_path, files))
    one_line_error(e, "t10k-labels-idx1-ubyte")


def test_missing_files_are_all_named_with_what_was_found(tmp_path):
    files = idx_files()
    del files["train-images-idx3-ubyte.gz"], files["train-labels-idx1-ubyte.gz"]
    with pytest.raises(BpvizError) as e:
        read_idx_folder(write_folder(tmp_path, files))
    one_line_error(e, "missing train-images-idx3-ubyte, train-labels-idx1-ubyte",
                   "found t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte")


def test_the_parent_folder_points_at_the_subfolder_holding_the_files(tmp_path):
    write_folder(tmp_path / "data", idx_files())
    with pytest.raises(BpvizError) as e:
        read_idx_folder(tmp_path)
    one_line_error(e, "none of MNIST's four IDX files", str(tmp_path / "data"), "import that folder")


def test_dotted_names_are_read_like_lecuns(tmp_path):
    # other copies of MNIST name the files train-images.idx3-ubyte …, some of them gzipped
    files = {name.replace("-idx", ".idx"): data for name, data in idx_files(12, 5).items()}
    plain = gzip.decompress(files.pop("t10k-labels.idx1-ubyte.gz"))
    files["t10k-labels.idx1-ubyte"] = plain
    arrays = read_idx_folder(write_folder(tmp_path / "dotted", files))
    expected = read_idx_folder(write_folder(tmp_path / "lecun", idx_files(12, 5)))
    for key in expected:
        np.testing.assert_array_equal(arrays[key], expected[key])


def test_one_idx_file_instead_of_its_folder(tmp_path):
    folder = write_folder(tmp_path / "m", idx_files())
    for name in ("train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        assert is_idx_file(folder / name)
        (tmp_path / "plain").write_bytes(gzip.decompress((folder / name).read_bytes()))
        assert is_idx_file(tmp_path / "plain")
    (tmp_path / "text").write_text("hello")
    (tmp_path / "short").write_bytes(b"\x00\x00")
    assert not is_idx_file(tmp_path / "text") and not is_idx_file(tmp_path / "short")
    assert not is_idx_file(tmp_path / "nowhere")


def test_nielsen_pickle_round_trip(tmp_path):
    path = nielsen_pickle(tmp_path / "mnist.pkl.gz")
    arrays = read_pickle(path)
    for part, n, seed in (("train", 7, 3), ("validation", 3, 4), ("test", 4, 5)):
        images, labels = digits(n, seed)
        np.testing.assert_array_equal(arrays[f"{part}_images"], images)   # k/256 back to k
        np.testing.assert_array_equal(arrays[f"{part}_labels"], labels)


def test_pickle_naming_the_old_numpy_core_module(tmp_path):
    # Nielsen's file was written by an older NumPy, which names numpy.core.multiarray
    path = nielsen_pickle(tmp_path / "new.pkl.gz")
    raw = gzip.decompress(path.read_bytes())
    old = raw.replace(b"cnumpy._core.multiarray\n", b"cnumpy.core.multiarray\n")
    assert old != raw or b"cnumpy.core.multiarray\n" in raw
    (tmp_path / "old.pkl.gz").write_bytes(gzip.compress(old))
    for part in ("train", "validation", "test"):
        np.testing.assert_array_equal(read_pickle(tmp_path / "old.pkl.gz")[f"{part}_images"],
                                      read_pickle(path)[f"{part}_images"])


class Payload:
    """Unpickling this runs os.system(command) — unless the unpickler refuses it."""

    def __init__(self, command):
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def test_malicious_pickle_does_not_run(tmp_path):
    marker = tmp_path / "pwned"
    obj = (((np.zeros((1, 784), np.float32), Payload(f"touch {marker}")),) * 3)
    path = nielsen_pickle(tmp_path / "evil.pkl.gz", obj)
    # the same bytes through the ordinary unpickler do run the payload: the test is real
    control = tmp_path / "control"
    pickle.loads(pickle.dumps(Payload(f"touch {control}"), protocol=2))
    assert control.exists()
    with pytest.raises(BpvizError) as e:
        read_pickle(path)
    one_line_error(e, "refused", "system")
    assert not marker.exists()


def test_pickle_of_python_objects_is_refused(tmp_path):
    obj = ((np.array([{"a": 1}], dtype=object), np.zeros(1, np.int64)),) * 3
    with pytest.raises(BpvizError) as e:
        read_pickle(nielsen_pickle(tmp_path / "objects.pkl.gz", obj))
    one_line_error(e, "refused")


@pytest.mark.parametrize("obj, words", [
    ({"train": 1}, ["expected (training, validation, test)"]),
    (((np.zeros((2, 5), np.float32), np.zeros(2, np.int64)),) * 3, ["784 pixels"]),
    (((np.zeros((2, 784), np.float32), np.zeros(3, np.int64)),) * 3, ["2 images but 3 labels"]),
    (((np.zeros((2, 784), np.float32), np.full(2, 12)),) * 3, ["digits 0–9"]),
])
def test_pickle_of_the_wrong_shape(tmp_path, obj, words):
    with pytest.raises(BpvizError) as e:
        read_pickle(nielsen_pickle(tmp_path / "m.pkl.gz", obj))
    one_line_error(e, *words)


def test_pickle_that_is_not_a_pickle(tmp_path):
    (tmp_path / "m.pkl.gz").write_bytes(gzip.compress(b"hello world"))
    with pytest.raises(BpvizError) as e:
        read_pickle(tmp_path / "m.pkl.gz")
    one_line_error(e, "not a readable pickle", "mnist.pkl.gz or a folder holding the four IDX files")


def test_a_gzip_bomb_is_refused_at_the_size_its_header_gives(tmp_path):
    """A small train-images .gz whose header says 3 images but which unpacks to 200 MB had
    been unpacked whole (4.6 GB of memory for a 2.35 GB bomb) before the count check; now
    it is refused after 3 × 784 + 16 bytes. A header asking for more than a million images
    is refused before anything is unpacked."""
    import tracemalloc
    head = (0x803).to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in (3, 28, 28))
    bomb = tmp_path / "train-images-idx3-ubyte.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as f:
        f.write(head)
        zeros = bytes(1 << 20)
        for _ in range(200):
            f.write(zeros)
    assert bomb.stat().st_size < 1 << 20
    labels = tmp_path / "train-labels-idx1-ubyte.gz"
    labels.write_bytes(gzip.compress(idx_bytes(np.zeros(3, dtype=np.uint8))))
    tracemalloc.start()
    try:
        with pytest.raises(BpvizError) as e:
            read_idx_pair(bomb, labels)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    one_line_error(e, "train-images-idx3-ubyte.gz", "unpacks to more than the 3 items")
    assert peak < 8 << 20                                      # not the 200 MB
    huge = (0x803).to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in (3_000_000, 28, 28))
    bomb.write_bytes(gzip.compress(huge))
    with pytest.raises(BpvizError) as e:
        read_idx_pair(bomb, labels)
    one_line_error(e, "3\u00a0000\u00a0000 items", "more than the 1\u00a0000\u00a0000")


def test_pickles_of_plain_arrays_load_with_protocols_2_to_5(tmp_path):
    """Protocol 5 rebuilds arrays with numpy's _frombuffer and protocol 2 writes an empty
    array's data with bytes(): both had been refused as "not a NumPy array part"."""
    images, labels = digits(6, 3)
    x = (images.reshape(6, -1) / 256).astype(np.float32)
    empty = (np.zeros((0, 784), np.float32), np.zeros(0, np.int64))
    for protocol in (2, 3, 4, 5):
        doc = ((x, labels.astype(np.int64)), empty, (x, labels.astype(np.int64)))
        path = tmp_path / f"p{protocol}.pkl.gz"
        path.write_bytes(gzip.compress(pickle.dumps(doc, protocol=protocol)))
        arrays = read_pickle(path)
        np.testing.assert_array_equal(arrays["train_images"], images)
        assert len(arrays["validation_labels"]) == 0


@pytest.mark.parametrize("pixels, words", [
    (lambda x: x * 255, ["pixels must be in [0, 1]", "from 0 to"]),
    (lambda x: np.where(x > 0.5, np.nan, x), ["NaN or infinity"]),
])
def test_pixels_outside_0_1_are_named_for_what_is_wrong(tmp_path, pixels, words):
    """The message had been "expected rows of 784 pixels in [0, 1], found an array of shape
    (20, 784)", naming the shape, which was right."""
    images, labels = digits(6, 3)
    x = pixels((images.reshape(6, -1) / 256).astype(np.float64))
    doc = tuple((x, labels.astype(np.int64)) for _ in range(3))
    path = tmp_path / "bad.pkl.gz"
    path.write_bytes(gzip.compress(pickle.dumps(doc, protocol=2)))
    with pytest.raises(BpvizError) as e:
        read_pickle(path)
    one_line_error(e, *words)


def test_a_pickle_of_text_is_one_line_and_a_long_one_is_read_a_block_at_a_time(tmp_path):
    """A 'U3' pixel array had raised a ValueError traceback; 100 000 rows of 8-bit zeros (a
    77 kB file) had peaked at 3.2 GB as one float64 array and its temporaries."""
    import tracemalloc
    labels = np.zeros(3, np.int64)
    text = np.full((3, 784), "abc")
    path = tmp_path / "text.pkl.gz"
    path.write_bytes(gzip.compress(pickle.dumps(((text, labels),) * 3, protocol=2)))
    with pytest.raises(BpvizError) as e:
        read_pickle(path)
    one_line_error(e, "pixels must be numbers", "<U3")
    rows = 100_000
    zeros = np.zeros((rows, 784), np.uint8)
    path = tmp_path / "long.pkl.gz"
    small = (zeros[:3], labels)
    path.write_bytes(gzip.compress(pickle.dumps(((zeros, np.zeros(rows, np.int64)), small, small),
                                                protocol=4), compresslevel=1))
    del zeros
    tracemalloc.start()
    try:
        arrays = read_pickle(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert arrays["train_images"].shape == (rows, 28, 28)
    assert peak < 500 << 20          # the file, its arrays and a few blocks: not 8 bytes a pixel


def test_zero_padding_after_a_gzip_file_is_skipped_as_gzip_does(tmp_path):
    """`gzip.decompress` reads a file padded with zero bytes; the size-limited reader had
    called it "truncated or corrupt (incorrect header check)"."""
    images, labels = digits(4, 1)
    files = {}
    for name, array in (("train-images-idx3-ubyte.gz", images), ("train-labels-idx1-ubyte.gz", labels)):
        path = tmp_path / name
        path.write_bytes(gzip.compress(idx_bytes(array)) + bytes(512))
        files[name] = path
    got_images, got_labels = read_idx_pair(*files.values())
    np.testing.assert_array_equal(got_images, images)
    np.testing.assert_array_equal(got_labels, labels)
