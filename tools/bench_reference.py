"""Reference trainers for `bpviz bench train --preset mnist`, kept outside the package.

Each contender trains the same [784, 30, 10] sigmoid network with the quadratic cost and
mini-batch SGD on the same 50 000 MNIST-shaped samples, and prints one JSON line with its
seconds per epoch, so the bpviz trainer can be timed side by side against them:

    python tools/bench_reference.py numpy  --batch-size 10 --dtype float32 --threads 1
    python tools/bench_reference.py loop   --batch-size 10            # one sample at a time, float64
    python tools/bench_reference.py torch  --batch-size 10 --threads 1  # needs PyTorch (not a dependency)
    python tools/bench_reference.py bpviz  --batch-size 10             # the bpviz on sys.path

Four hand-vectorised NumPy versions, from plain to tuned: `numpy` (a shuffled copy of the
epoch, expressions with temporaries), `numpy-batch` (each batch gathered with x[idx], updates
in place), `numpy-buffers` (every array preallocated and written with out=, batches
gathered with np.take into a buffer, the sigmoid in four in-place passes) and `numpy-pixels`
(the same, each batch gathered from the 8-bit pixels and divided by 255, as bpviz does).
tools/bench_table.py runs all of them side by side for the table in the README.

The data is the bundled MNIST subset tiled to 50 000 samples when it is present, else random
pixels of the same shape (the time of an epoch does not depend on the pixel values).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

SIZES = (784, 30, 10)
SAMPLES = 50_000


def now() -> tuple[float, float]:
    """(wall clock, CPU time of this thread): the CPU time leaves out the time other
    processes had the core, which on a shared machine is most of the noise."""
    return time.perf_counter(), time.thread_time()


def since(t0) -> tuple[float, float]:
    t1 = now()
    return t1[0] - t0[0], t1[1] - t0[1]


def mnist_shaped(dtype) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, y, pixels): x = pixels / 255 in `dtype`, pixels the 8-bit values."""
    subset = Path(__file__).resolve().parent.parent / "bpviz" / "resources" / "mnist_subset.npz"
    rng = np.random.default_rng(0)
    if subset.exists():
        with np.load(subset) as f:
            images, labels = f["train_images"], f["train_labels"]
        reps = -(-SAMPLES // len(images))
        pixels = np.tile(images.reshape(len(images), -1), (reps, 1))[:SAMPLES]
        labels = np.tile(labels, reps)[:SAMPLES]
    else:
        pixels = rng.integers(0, 256, (SAMPLES, SIZES[0]), dtype=np.uint8)
        labels = rng.integers(0, 10, SAMPLES)
    y = np.zeros((SAMPLES, SIZES[-1]))
    y[np.arange(SAMPLES), labels] = 1.0
    return (pixels / 255.0).astype(dtype), y.astype(dtype), np.ascontiguousarray(pixels)


def init(dtype, seed=0):
    rng = np.random.default_rng(seed)
    ws = [(rng.standard_normal((o, i)) / np.sqrt(i)).astype(dtype) for i, o in zip(SIZES, SIZES[1:])]
    bs = [rng.standard_normal(o).astype(dtype) for o in SIZES[1:]]
    return ws, bs


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def epoch_numpy(x, y, ws, bs, eta, batch, rng):
    """Hand-vectorised mini-batch SGD: rows are samples, Zˡ = Aˡ⁻¹ Wˡᵀ + bˡ."""
    order = rng.permutation(len(x))
    xs, ys = x[order], y[order]
    for start in range(0, len(x), batch):
        a0 = xs[start:start + batch]
        yb = ys[start:start + batch]
        a1 = sigmoid(a0 @ ws[0].T + bs[0])
        a2 = sigmoid(a1 @ ws[1].T + bs[1])
        d2 = (a2 - yb) * a2 * (1 - a2)
        d1 = (d2 @ ws[1]) * a1 * (1 - a1)
        k = eta / len(a0)
        ws[1] -= k * (d2.T @ a1)
        bs[1] -= k * d2.sum(0)
        ws[0] -= k * (d1.T @ a0)
        bs[0] -= k * d1.sum(0)


def epoch_numpy_batch(x, y, ws, bs, eta, batch, rng):
    """Each batch gathered with x[idx], the same expressions, the updates in place."""
    order = rng.permutation(len(x))
    for start in range(0, len(x), batch):
        idx = order[start:start + batch]
        a0, yb = x[idx], y[idx]
        a1 = sigmoid(a0 @ ws[0].T + bs[0])
        a2 = sigmoid(a1 @ ws[1].T + bs[1])
        d2 = (a2 - yb) * a2 * (1 - a2) * (eta / len(idx))      # η/m folded into δ
        d1 = (d2 @ ws[1]) * a1 * (1 - a1)
        ws[1] -= d2.T @ a1
        bs[1] -= d2.sum(0)
        ws[0] -= d1.T @ a0
        bs[0] -= d1.sum(0)


def make_numpy_buffers(x, y, ws, bs, batch, pixels=None):
    """Every array preallocated and written with out=, batches gathered with np.take into a
    buffer, the sigmoid as 1/(1 + e⁻ᶻ) in four in-place passes, η/m folded into δ. With
    `pixels` (`numpy-pixels`): each batch gathered from the 8-bit pixels and divided by 255."""
    dt = x.dtype
    m = batch
    xb, yb = np.empty((m, x.shape[1]), dt), np.empty((m, y.shape[1]), dt)
    pb, d255 = np.empty((m, x.shape[1]), np.uint8), np.array(255, dt)
    z1, a1, t1, d1 = (np.empty((m, SIZES[1]), dt) for _ in range(4))
    z2, a2, t2, d2 = (np.empty((m, SIZES[2]), dt) for _ in range(4))
    g_w = [np.empty_like(w) for w in ws]
    g_b = [np.empty_like(b) for b in bs]
    one, k = np.ones((), dt), np.zeros((), dt)

    def sig(z, out):
        np.negative(z, out)
        np.exp(out, out)
        np.add(out, one, out)
        np.reciprocal(out, out)

    def epoch(x, y, ws, bs, eta, batch, rng):
        order = rng.permutation(len(x))
        for start in range(0, len(x), m):
            idx = order[start:start + m]
            if len(idx) < m:
                break                        # 50 000 is a multiple of the batch sizes timed
            if pixels is None:
                np.take(x, idx, 0, xb, "clip")
            else:
                np.take(pixels, idx, 0, pb, "clip")
                np.divide(pb, d255, out=xb)
            np.take(y, idx, 0, yb, "clip")
            k[...] = eta / m
            np.dot(xb, ws[0].T, z1)
            np.add(z1, bs[0], z1)
            sig(z1, a1)
            np.dot(a1, ws[1].T, z2)
            np.add(z2, bs[1], z2)
            sig(z2, a2)
            np.subtract(a2, yb, t2)
            np.subtract(one, a2, d2)
            np.multiply(d2, a2, d2)
            np.multiply(d2, t2, d2)
            np.multiply(d2, k, d2)
            np.dot(d2.T, a1, g_w[1])
            np.add.reduce(d2, 0, None, g_b[1])
            np.dot(d2, ws[1], d1)
            np.subtract(one, a1, t1)
            np.multiply(t1, a1, t1)
            np.multiply(d1, t1, d1)
            np.dot(d1.T, xb, g_w[0])
            np.add.reduce(d1, 0, None, g_b[0])
            for p, g in zip(ws + bs, g_w + g_b):
                np.subtract(p, g, p)
    return epoch


def run_bpviz(x, y, ws, bs, batch, epochs, pixels):
    """The bpviz trainer found on sys.path, timed per epoch on Trainer.steps(); given the
    pixels as `bpviz bench train` gives them, where that trainer takes them."""
    import inspect

    from bpviz.core.network import Network
    from bpviz.training.trainer import Trainer

    net = Network.create(list(SIZES), "sigmoid", "mse", dtype=x.dtype.name)
    net.set_parameters(ws, bs)
    extra = {"pixels": pixels} if "pixels" in inspect.signature(Trainer).parameters else {}
    trainer = Trainer(net, x, y, eta=3.0, batch_size=batch, seed=0, **extra)
    times, t0 = [], now()
    with np.errstate(all="ignore"):
        for event in trainer.steps():
            if event is not None:
                times.append(since(t0))
                if len(times) == epochs:
                    break
                t0 = now()
    return times


def epoch_loop(x, y, ws, bs, eta, batch, rng):
    """One sample at a time inside each mini-batch, column vectors, as the classic book code."""
    order = rng.permutation(len(x))
    for start in range(0, len(x), batch):
        idx = order[start:start + batch]
        gw = [np.zeros_like(w) for w in ws]
        gb = [np.zeros_like(b) for b in bs]
        for i in idx:
            a0 = x[i][:, None]
            z1 = ws[0] @ a0 + bs[0][:, None]
            a1 = sigmoid(z1)
            z2 = ws[1] @ a1 + bs[1][:, None]
            a2 = sigmoid(z2)
            d2 = (a2 - y[i][:, None]) * a2 * (1 - a2)
            d1 = (ws[1].T @ d2) * a1 * (1 - a1)
            gw[1] += d2 @ a1.T
            gb[1] += d2[:, 0]
            gw[0] += d1 @ a0.T
            gb[0] += d1[:, 0]
        k = eta / len(idx)
        for w, g in zip(ws, gw):
            w -= k * g
        for b, g in zip(bs, gb):
            b -= k * g


def run_torch(x, y, ws, bs, eta, batch, epochs, threads):
    import torch

    torch.set_num_threads(threads)
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    tw = [torch.from_numpy(w.copy()) for w in ws]
    tb = [torch.from_numpy(b.copy()) for b in bs]
    g = torch.Generator().manual_seed(0)
    times = []
    with torch.no_grad():
        for _ in range(epochs):
            t0 = now()
            order = torch.randperm(len(tx), generator=g)
            xs, ys = tx[order], ty[order]
            for start in range(0, len(tx), batch):
                a0, yb = xs[start:start + batch], ys[start:start + batch]
                a1 = torch.sigmoid(a0 @ tw[0].T + tb[0])
                a2 = torch.sigmoid(a1 @ tw[1].T + tb[1])
                d2 = (a2 - yb) * a2 * (1 - a2)
                d1 = (d2 @ tw[1]) * a1 * (1 - a1)
                k = eta / len(a0)
                tw[1] -= k * (d2.T @ a1)
                tb[1] -= k * d2.sum(0)
                tw[0] -= k * (d1.T @ a0)
                tb[0] -= k * d1.sum(0)
            times.append(since(t0))
    return times


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("contender", choices=["numpy", "numpy-batch", "numpy-buffers", "numpy-pixels",
                                         "loop", "torch", "bpviz"])
    p.add_argument("--batch-size", type=int, default=10)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args()
    dtype = np.float64 if args.contender == "loop" else np.dtype(args.dtype).type
    x, y, pixels = mnist_shaped(dtype)
    ws, bs = init(dtype)
    eta = dtype(3.0)
    if args.contender == "torch":
        times = run_torch(x, y, ws, bs, 3.0, args.batch_size, args.epochs, args.threads)
    else:
        from threadpoolctl import threadpool_limits

        epoch = {"numpy": epoch_numpy, "numpy-batch": epoch_numpy_batch, "loop": epoch_loop,
                 "bpviz": None}.get(args.contender)
        if args.contender in ("numpy-buffers", "numpy-pixels"):
            epoch = make_numpy_buffers(x, y, ws, bs, args.batch_size,
                                       pixels if args.contender == "numpy-pixels" else None)
        rng = np.random.default_rng(0)
        times = []
        with threadpool_limits(args.threads), np.errstate(over="ignore"):
            if args.contender == "bpviz":
                times = run_bpviz(x, y, ws, bs, args.batch_size, args.epochs, pixels)
            for _ in range(args.epochs if epoch is not None else 0):
                t0 = now()
                epoch(x, y, ws, bs, eta, args.batch_size, rng)
                times.append(since(t0))
    print(json.dumps({"contender": args.contender, "batch_size": args.batch_size,
                      "dtype": np.dtype(dtype).name, "threads": args.threads,
                      "seconds_per_epoch": float(np.median([t[0] for t in times])),
                      "epoch_seconds": [t[0] for t in times],
                      "epoch_cpu_seconds": [t[1] for t in times],
                      "pid": os.getpid()}))


if __name__ == "__main__":
    main()
