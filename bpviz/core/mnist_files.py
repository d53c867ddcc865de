"""Reading MNIST from the files people have: the four IDX files (gzipped or plain), here, and
Nielsen's `mnist.pkl.gz`, read without running code from it (mnist_pickle.py).

Every reader returns uint8 images (m, 28, 28) and uint8 labels (m,); every bad file gives one
BpvizError line naming the file.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import numpy as np

from .errors import BpvizError
from .files import check_readable_kind
from .notation import count

IMAGE_MAGIC, LABEL_MAGIC = 0x00000803, 0x00000801
IDX_NAMES = {"train_images": "train-images-idx3-ubyte", "train_labels": "train-labels-idx1-ubyte",
             "test_images": "t10k-images-idx3-ubyte", "test_labels": "t10k-labels-idx1-ubyte"}
PICKLE_NAME = "mnist.pkl.gz"
SIDE = 28
MAX_ITEMS = 1_000_000          # images (or labels) an IDX file may hold: 784 MB of pixels
MAX_UNPACKED = 1 << 30         # bytes a gzipped pickle may unpack to (Nielsen's: 220 MB)


MAX_FILE = MAX_UNPACKED        # bytes an MNIST file may take on disk: more than any real one


def _file_bytes(path: Path) -> bytes:
    """The file's bytes, refused before reading when it is larger than any MNIST file (a
    sparse 100 GB `mnist.pkl.gz` had ended in a MemoryError, not a line naming the file)."""
    check_readable_kind(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise BpvizError(f"{path}: {count(size)} bytes, larger than any MNIST file (bpviz "
                             f"reads up to {count(MAX_FILE)} bytes); import Nielsen's mnist.pkl.gz "
                             "(17 MB) or the four IDX files")
        return path.read_bytes()
    except FileNotFoundError:
        raise BpvizError(f"{path}: no such file") from None
    except OSError as e:
        raise BpvizError(f"{path}: {e.strerror or e}") from None
    except MemoryError:
        raise BpvizError(f"{path}: not enough memory to read its {count(size)} bytes") from None


def _gunzip(raw: bytes, path: Path, limit: int, what: str) -> bytes:
    """`raw` un-gzipped, never more than `limit` bytes of it (a small file can unpack to
    gigabytes: it is refused at the limit, not after filling the memory)."""
    out, data = bytearray(), raw
    while data:                                    # (member after member, as gzip does)
        d = zlib.decompressobj(wbits=31)
        try:
            out += d.decompress(data, limit + 1 - len(out))
        except zlib.error as e:
            raise BpvizError(f"{path}: truncated or corrupt gzip file ({e})") from None
        if len(out) > limit:
            raise BpvizError(f"{path}: unpacks to more than {what}")
        if not d.eof:
            raise BpvizError(f"{path}: truncated or corrupt gzip file (it ends before its data)")
        data = d.unused_data
        if not data.strip(b"\0"):     # zero padding after the last member (tape, some tools),
            break                       # which gzip itself skips
    return bytes(out)


def read_bytes(path, limit: int = MAX_UNPACKED) -> bytes:
    """The file's bytes, un-gzipped (up to `limit` bytes) when it starts with the gzip magic."""
    path = Path(path)
    raw = _file_bytes(path)
    if raw[:2] != b"\x1f\x8b":
        return raw
    return _gunzip(raw, path, limit, f"{count(limit)} bytes, more than bpviz reads")


def read_idx(path, magic: int) -> np.ndarray:
    """An IDX file (gzipped or plain) whose header says `magic`. A gzipped one is unpacked
    only as far as its header says it holds."""
    path = Path(path)
    raw = _file_bytes(path)
    if raw[:2] != b"\x1f\x8b":
        return parse_idx(raw, magic, str(path))
    header = 4 + 4 * (magic & 0xFF)
    try:
        head = zlib.decompressobj(wbits=31).decompress(raw, header)
    except zlib.error as e:
        raise BpvizError(f"{path}: truncated or corrupt gzip file ({e})") from None
    if len(head) < header:       # a cut gzip says so, a whole one too short parse_idx does
        return parse_idx(_gunzip(raw, path, header, f"{header} bytes"), magic, str(path))
    dims = _idx_dims(head, magic, str(path))
    size = header + int(np.prod(dims))
    return parse_idx(_gunzip(raw, path, size, f"the {dims[0]} items its header says "
                                              f"({count(size)} bytes)"), magic, str(path))


def _check_magic(data: bytes, magic: int, name: str) -> None:
    found = int.from_bytes(data[:4], "big")
    if found != magic:
        kind = "image" if magic == IMAGE_MAGIC else "label"
        raise BpvizError(f"{name}: wrong magic number 0x{found:08x} (an MNIST {kind} file "
                         f"starts with 0x{magic:08x})")


def _idx_dims(data: bytes, magic: int, name: str) -> list[int]:
    """The dimensions an IDX header gives, checked: the magic number, 28×28 images, at most
    MAX_ITEMS items."""
    _check_magic(data, magic, name)
    ndim = magic & 0xFF
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    if ndim == 3 and dims[1:] != [SIDE, SIDE]:
        raise BpvizError(f"{name}: images are {dims[1]}×{dims[2]}, expected {SIDE}×{SIDE}")
    if dims[0] > MAX_ITEMS:
        raise BpvizError(f"{name}: header says {count(dims[0])} items, more than the "
                         f"{count(MAX_ITEMS)} bpviz reads")
    return dims


def parse_idx(data: bytes, magic: int, name: str) -> np.ndarray:
    """An IDX array of unsigned bytes whose header says `magic` (0x803 images, 0x801 labels)."""
    if len(data) < 4:
        raise BpvizError(f"{name}: too short for an IDX file ({len(data)} bytes)")
    _check_magic(data, magic, name)
    header = 4 + 4 * (magic & 0xFF)
    if len(data) < header:
        raise BpvizError(f"{name}: too short for an IDX header ({len(data)} bytes)")
    dims = _idx_dims(data, magic, name)
    expected = int(np.prod(dims))
    if len(data) - header != expected:
        raise BpvizError(f"{name}: header says {dims[0]} items ({expected} bytes), "
                         f"the file holds {len(data) - header} bytes")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims).copy()


def check_pair(images: np.ndarray, labels: np.ndarray, name: str) -> None:
    if len(images) != len(labels):
        raise BpvizError(f"{name}: {len(images)} images but {len(labels)} labels")
    if len(labels) and labels.max() > 9:
        raise BpvizError(f"{name}: labels must be digits 0–9, found {int(labels.max())}")


def read_idx_pair(images_path, labels_path) -> tuple[np.ndarray, np.ndarray]:
    images = read_idx(images_path, IMAGE_MAGIC)
    labels = read_idx(labels_path, LABEL_MAGIC)
    check_pair(images, labels, f"{Path(images_path).name} and {Path(labels_path).name}")
    return images, labels


def idx_names(stem: str) -> tuple[str, ...]:
    """The names one IDX file goes by: LeCun's (`train-images-idx3-ubyte`) and the dotted one
    other copies use (`train-images.idx3-ubyte`), each gzipped or plain, gzipped first."""
    dotted = stem.replace("-idx", ".idx")
    return (stem + ".gz", stem, dotted + ".gz", dotted)


def find_idx(folder, stem: str) -> Path | None:
    """The file of the folder that holds `stem` under one of its names, else None."""
    folder = Path(folder)
    for name in idx_names(stem):
        if (folder / name).is_file():
            return folder / name
    return None


def _missing_message(folder: Path, missing: list[str]) -> str:
    """Which of the four files are missing, which were found, and a subfolder that has them."""
    found = [s for s in IDX_NAMES.values() if s not in missing]
    if found:
        text = f"{folder}: missing {', '.join(missing)} (.gz or plain); found {', '.join(found)}"
    else:
        text = f"{folder}: none of MNIST's four IDX files here ({', '.join(missing)}, .gz or plain)"
    try:
        holders = sorted(d for d in folder.iterdir()
                         if d.is_dir() and all(find_idx(d, s) for s in IDX_NAMES.values()))
    except OSError:
        holders = []
    if holders:
        return text + f"; the subfolder {holders[0]} holds all four: import that folder"
    return text


def read_idx_folder(folder) -> dict[str, np.ndarray]:
    """The four IDX files of a folder as train_images, train_labels, test_images, test_labels."""
    folder = Path(folder)
    paths = {key: find_idx(folder, stem) for key, stem in IDX_NAMES.items()}
    missing = [IDX_NAMES[key] for key, path in paths.items() if path is None]
    if missing:
        raise BpvizError(_missing_message(folder, missing))
    out = {}
    for part in ("train", "test"):
        out[f"{part}_images"], out[f"{part}_labels"] = read_idx_pair(
            paths[f"{part}_images"], paths[f"{part}_labels"])
    return out


def is_idx_file(path) -> bool:
    """Whether the file (gzipped or plain) starts like an MNIST image or label IDX file."""
    try:
        with open(path, "rb") as f:
            head = f.read(2)
        opener = gzip.open if head == b"\x1f\x8b" else open
        with opener(path, "rb") as f:
            start = f.read(4)
    except (OSError, EOFError, zlib.error):
        return False
    return len(start) == 4 and int.from_bytes(start, "big") in (IMAGE_MAGIC, LABEL_MAGIC)


# -- Nielsen's mnist.pkl.gz -------------------------------------------------------------------

