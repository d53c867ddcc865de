"""MNIST for bpviz: the bundled 5 000-digit subset, the full set in the user's cache, and the
Dataset the `mnist` preset trains on.

Which set is used: the full set when `cache_file()` exists (written by a download or an import),
else the subset that ships with bpviz. Nothing here touches the network; downloading lives in
`mnist_download` and only runs when asked.
"""

from __future__ import annotations

import math
import os
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .datasets import Dataset
from .errors import BpvizError
from .files import write_atomic_with
from .mnist_files import MAX_ITEMS, PICKLE_NAME, SIDE, check_pair, is_idx_file, read_idx_folder
from .mnist_pickle import read_pickle
from .notation import count

SUBSET_NAME = "mnist_subset.npz"
FULL_NAME = "mnist_full.npz"
PARTS = ("train", "validation", "test")
VALIDATION_SIZE = 10_000       # the full set's 60 000 training digits: 50 000 train + 10 000 validation
FULL_TRAIN, FULL_TEST = 60_000, 10_000      # the digits of MNIST's training and test files


def mnist_title(source: str, n_train: int, n_test: int) -> str:
    """What the MNIST data in use is called: "MNIST: bundled 5 000-digit subset"."""
    if source == "full":
        return f"MNIST: full set ({count(n_train)} training digits)"
    return f"MNIST: bundled {count(n_train + n_test)}-digit subset"


def full_set_words() -> str:
    """What a download brings, said the same way everywhere: 70 000 digits (60 000 training +
    10 000 test), and how bpviz splits the training digits."""
    return (f"{count(FULL_TRAIN + FULL_TEST)} digits ({count(FULL_TRAIN)} training + "
            f"{count(FULL_TEST)} test; bpviz trains on {count(FULL_TRAIN - VALIDATION_SIZE)} of the "
            f"training digits and keeps {count(VALIDATION_SIZE)} for validation)")


def data_title(dataset: Dataset) -> str:
    """A data set's name for people: the MNIST data's title, else the data set's own name."""
    source = dataset.name.removeprefix("mnist-")
    if dataset.name.startswith("mnist-") and source in ("subset", "full"):
        n_test = 0 if dataset.x_test is None else len(dataset.x_test)
        return mnist_title(source, len(dataset), n_test)
    return dataset.name


@dataclass(frozen=True)
class MnistData:
    """Digits as uint8 images (m, 28, 28) and uint8 labels (m,); validation only in the full set."""

    source: str                  # "subset" or "full"
    path: Path
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    validation_images: np.ndarray | None = None
    validation_labels: np.ndarray | None = None

    def sizes(self) -> dict:
        out = {"train": len(self.train_labels)}
        if self.validation_labels is not None:
            out["validation"] = len(self.validation_labels)
        return {**out, "test": len(self.test_labels)}

    def status(self) -> dict:
        """What `bpviz data mnist --status --json` prints."""
        return {"source": self.source, **self.sizes(), "path": str(self.path)}

    def describe(self) -> str:
        """One line for the window and the CLI."""
        return mnist_title(self.source, len(self.train_labels), len(self.test_labels))

    def dataset(self, dtype="float64") -> Dataset:
        """x = pixels / 255 as rows of 784, y = one-hot rows of 10; the test part held out."""
        return Dataset(f"mnist-{self.source}", to_inputs(self.train_images, dtype),
                       one_hot(self.train_labels, dtype), to_inputs(self.test_images, dtype),
                       one_hot(self.test_labels, dtype),
                       input_names=tuple(f"pixel {i // SIDE},{i % SIDE}" for i in range(SIDE * SIDE)),
                       target_names=tuple(str(d) for d in range(10)),
                       pixels=self.train_images.reshape(len(self.train_images), -1))


def to_inputs(images: np.ndarray, dtype="float64") -> np.ndarray:
    """uint8 images (m, 28, 28) → (m, 784) in [0, 1]."""
    return images.reshape(len(images), -1).astype(dtype) / 255.0


def one_hot(labels: np.ndarray, dtype="float64") -> np.ndarray:
    y = np.zeros((len(labels), 10), dtype=dtype)
    y[np.arange(len(labels)), labels] = 1.0
    return y


# -- where the files live -------------------------------------------------------------------
def subset_path() -> Path:
    """The bundled subset, shipped inside the package (bpviz/resources) as package data."""
    return Path(__file__).resolve().parents[1] / "resources" / SUBSET_NAME


def cache_dir() -> Path:
    """bpviz's folder in the user's cache: $BPVIZ_CACHE_DIR if set, else the platform's cache
    folder ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA%
    on Windows) plus /bpviz."""
    if os.environ.get("BPVIZ_CACHE_DIR"):
        return Path(os.environ["BPVIZ_CACHE_DIR"])
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(home / "Library" / "Caches")
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = xdg if os.path.isabs(xdg) else str(home / ".cache")
    return Path(base) / "bpviz"


def cache_file() -> Path:
    return cache_dir() / "mnist" / FULL_NAME


# -- loading --------------------------------------------------------------------------------
def _check_sizes(f, path: Path) -> None:
    """Each array's header, read before its data: more than MAX_ITEMS digits (784 MB) is
    refused (a cache whose header said (10⁹, 28, 28) had asked for 784 GB: a MemoryError, in
    the window a traceback, on the command line a line naming neither the file nor the fix)."""
    for member in f.zip.namelist():
        with f.zip.open(member) as data:
            version = np.lib.format.read_magic(data)
            if version not in ((1, 0), (2, 0)):
                continue                     # (np.load reads it; a MemoryError is caught below)
            read = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                    else np.lib.format.read_array_header_2_0)
            shape, _, dtype = read(data)
        items = shape[0] if shape else 1
        if items > MAX_ITEMS or math.prod(shape) * dtype.itemsize > MAX_ITEMS * SIDE * SIDE:
            raise BpvizError(f"{path}: {member.removesuffix('.npy')} says "
                             f"{'×'.join(count(n) for n in shape)} {dtype}, more than the "
                             f"{count(MAX_ITEMS)} digits bpviz reads{_fix(path)}")


def _read_npz(path: Path, parts) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as f:
            _check_sizes(f, path)
            arrays = {k: f[k] for k in f.files}
    except BpvizError:
        raise                                    # (a ValueError, already saying what to do)
    except FileNotFoundError:
        raise BpvizError(f"{path}: no such file") from None
    except MemoryError:
        raise BpvizError(f"{path}: not enough memory to read it{_fix(path)}") from None
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error) as e:
        # (NumPy's words for a file that is not an archive, or for an archive of Python
        # objects, suggest loading it unsafely)
        why = str(e)
        if "pickle" in why:
            why = ("it holds Python objects, not plain arrays" if zipfile.is_zipfile(path)
                   else "not a NumPy .npz archive")
        raise BpvizError(f"{path}: not a readable MNIST file ({why}){_fix(path)}") from None
    for part in parts:
        images, labels = arrays.get(f"{part}_images"), arrays.get(f"{part}_labels")
        # (labels of shape (n, 1) had broadcast into many-hot targets; a scalar, a traceback)
        if images is None or labels is None or images.dtype != np.uint8 \
                or labels.dtype != np.uint8 or images.ndim != 3 \
                or images.shape[1:] != (SIDE, SIDE) or labels.ndim != 1:
            raise BpvizError(f"{path}: missing or malformed {part} images/labels{_fix(path)}")
        check_pair(images, labels, str(path))
    try:
        check_not_empty(arrays, str(path))
    except BpvizError as e:
        raise BpvizError(f"{e}{_fix(path)}") from None
    return arrays


def _fix(path: Path) -> str:
    """What to do about a bad cache file (nothing to add for another file)."""
    return ("; import or download MNIST again, or delete the file to use the bundled subset"
            if path == cache_file() else "")


def check_not_empty(arrays: dict, source: str) -> None:
    """Training and test digits, at least one of each (validation may be empty)."""
    for part, words in (("train", "training"), ("test", "test")):
        labels = arrays.get(f"{part}_labels")
        if labels is not None and len(labels) == 0:
            raise BpvizError(f"{source}: no {words} digits (the files hold 0 images)")


def load_subset() -> MnistData:
    path = subset_path()
    a = _read_npz(path, ("train", "test"))
    return MnistData("subset", path, a["train_images"], a["train_labels"],
                     a["test_images"], a["test_labels"])


def load_full(path: Path | None = None) -> MnistData:
    path = cache_file() if path is None else Path(path)
    a = _read_npz(path, PARTS)
    return MnistData("full", path, a["train_images"], a["train_labels"], a["test_images"],
                     a["test_labels"], a["validation_images"], a["validation_labels"])


def has_full() -> bool:
    return cache_file().is_file()


def load_mnist(prefer_full: bool = True) -> MnistData:
    """The full set when it is in the cache (and `prefer_full`), else the bundled subset."""
    return load_full() if prefer_full and has_full() else load_subset()


def mnist_dataset() -> Dataset:
    """The `mnist` preset's data."""
    return load_mnist().dataset()


# -- writing the cache ------------------------------------------------------------------------
def split_validation(arrays: dict) -> dict:
    """IDX files hold 60 000 training digits: the last VALIDATION_SIZE become validation
    (as in Nielsen's mnist.pkl.gz); fewer than twice that (small test files) keep a sixth."""
    images, labels = arrays["train_images"], arrays["train_labels"]
    n_val = VALIDATION_SIZE if len(labels) >= 2 * VALIDATION_SIZE else len(labels) // 6
    cut = len(labels) - n_val
    return {**arrays, "train_images": images[:cut], "train_labels": labels[:cut],
            "validation_images": images[cut:], "validation_labels": labels[cut:]}


def save_full(arrays: dict, path: Path | None = None) -> Path:
    """Write the full set to the cache atomically (core/files.py), so a failure leaves the
    previous file as it was."""
    path = cache_file() if path is None else Path(path)
    check_not_empty(arrays, "the MNIST files")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BpvizError(f"{path.parent}: cannot write the MNIST cache ({e.strerror or e})") from None

    def write(tmp: str) -> None:
        with open(tmp, "wb") as f:
            np.savez(f, **{f"{p}_{k}": arrays[f"{p}_{k}"] for p in PARTS for k in ("images", "labels")})

    try:
        return write_atomic_with(path, write)
    except BpvizError as e:
        raise BpvizError(f"{e}; the MNIST data in use before is unchanged") from None


def import_mnist(source, path: Path | None = None) -> MnistData:
    """Import files the user has: a folder of the four IDX files (gz or plain), or Nielsen's
    mnist.pkl.gz (the file itself or a folder holding it). Everything is read and checked
    before the cache is replaced."""
    if not str(source).strip():           # `--from "$DIR"` with DIR unset: not "this folder"
        raise BpvizError("--from: the path is empty; give the folder of the four IDX files or "
                         "mnist.pkl.gz")
    source = Path(source)
    if source.is_dir() and (source / PICKLE_NAME).is_file():
        source = source / PICKLE_NAME
    if source.is_dir():
        arrays = split_validation(read_idx_folder(source))
    elif source.is_file() and is_idx_file(source):
        raise BpvizError(f"{source}: one of the four MNIST IDX files; import the folder that holds "
                         f"all four ({source.parent})")
    elif source.is_file():
        arrays = read_pickle(source)
    elif source.exists():                 # /dev/zero, a pipe: there, but no file to read
        raise BpvizError(f"{source}: not a file or folder (a device or a pipe); give the folder "
                         "of the four IDX files or mnist.pkl.gz")
    else:
        raise BpvizError(f"{source}: no such file or folder")
    check_not_empty(arrays, str(source))
    return load_full(save_full(arrays, path))
