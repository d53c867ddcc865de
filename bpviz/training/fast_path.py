"""The trainer's fast path: plain SGD (no L2) on a network whose activations are element-wise.

One mini-batch step is recorded once — the per-layer BP1–BP4 functions of core/backprop.py,
called with buffers kept here and a `record` list (core/ops.py) — and the recorded calls are
replayed for every batch: the same equations, without the Python around them. Measured on
MNIST-shaped data ([784, 30, 10], batch 10), what else counts:

- rows are gathered a chunk at a time (`CHUNK_ROWS`; training/batch_rows.py), from 8-bit
  pixels where the data were made from them (then made into x a piece at a time, by calls
  recorded into the step that first reads the piece);
- η/m is folded into δᴸ once, so BP3 and BP4 give η·∂C/∂θ and the update is one subtraction;
  a large weight matrix (`FUSE_MIN`) instead gets BP4 and its update in one BLAS call,
  Wˡ ← Wˡ − Δᵀ Aˡ⁻¹ (core/blas.py: one pass over Wˡ instead of two, same numbers);
- in float64, with rows from pixels, the first layer's product and that update read only the
  columns where the batch has ink (training/ink_columns.py: the same numbers, ~5 % shorter);
- the cost is computed once per chunk, from the chunk's zᴸ and aᴸ, not once per step;
- no copy of the parameters per step: one snapshot per chunk (training/chunks.py says what
  happens when a step of a chunk may have diverged).
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from ..core.backprop import block_rows, grad_b, grad_w, hidden_delta, layer_forward, output_delta
from ..core.blas import column_align, subtract_product
from ..core.blas import product as blas_product
from ..core.ops import call
from .batch_rows import BatchRows
from .chunks import Chunk, ChunkChecks
from .ink_columns import InkColumns, blocks_agree, ink_spans

# where a step's rows come from: "data" (the training set itself) or ("chunk", piece)
Source = str | tuple[str, int | None]
CHUNK_ROWS = 320     # rows gathered at once: 1 MB of float32 MNIST, it stays in the cache
KEEP_STEPS = 4096    # recorded steps kept (one per batch size and position in a chunk)
FUSE_MIN = 2048      # a weight matrix this large gets BP4 and its update in one BLAS call


def _fused_update(w, delta, a_prev, columns=None):
    """The calls that do w ← w − Δᵀ Aˡ⁻¹ a block of rows at a time (the forward products'
    blocks, core/backprop.block_rows: at batch 100, 4 × 25 rows took 48 µs and one call
    54 µs for MNIST's W¹), or None when core/blas.py cannot. `columns(block, rows)`: the
    window of columns the block's call reads (training/ink_columns.py)."""
    m, size = delta.shape[0], block_rows(delta.shape[0])
    calls = [subtract_product(w, delta[r:r + size], a_prev[r:r + size],
                              columns and columns(r // size, a_prev[r:r + size]))
             for r in range(0, m, size)]
    return None if None in calls else calls


def _complement(ranges, size):
    """The (start, end) ranges of 0..size not covered by `ranges` (sorted, disjoint)."""
    out, pos = [], 0
    for start, end in sorted(ranges):
        if start > pos:
            out.append((pos, start))
        pos = end
    if pos < size:
        out.append((pos, size))
    return out


def applies(network, optimizer) -> bool:
    """Can this network and optimiser take the fast path?"""
    return (network.standard_backprop and optimizer.name == "sgd" and not optimizer.l2
            and all(sigma.elementwise for sigma in network.sigmas))


class _Buffers:
    """Per-batch-size buffers of the hidden layers: z, a, σ′ and δ, and δᴸ, ∇ₐC, η/m."""

    def __init__(self, sizes, m, dtype):
        hidden = sizes[1:-1]
        self.z = [np.empty((m, n), dtype) for n in hidden]
        self.a = [np.empty((m, n), dtype) for n in hidden]
        self.sigma_prime = [np.empty((m, n), dtype) for n in hidden]
        self.delta = [np.empty((m, n), dtype) for n in sizes[1:]]
        self.grad_a = np.empty((m, sizes[-1]), dtype)
        self.scale = np.zeros((), dtype)


class FastPath(ChunkChecks):
    """The fast steps of one `Trainer` (which calls `chunk`, `settle`, `forget`, `take_again`)."""

    def __init__(self, trainer):
        self.trainer = trainer
        net = self.net = trainer.network
        self.rows = BatchRows(trainer.x, trainer.y, trainer.pixels, net.dtype)
        self.x, self.y = self.rows.x, self.rows.y
        self.params, self.grad = net.params, trainer.grad
        self.grad_views, self.weight_range, start = [], [], 0
        for v in net.views:
            self.grad_views.append(self.grad[start:start + v.size].reshape(v.shape))
            if v.ndim == 2:
                self.weight_range.append((start, start + v.size))
            start += v.size
        self._buffers: dict[int, _Buffers] = {}
        self._steps: dict[tuple, list] = {}
        self._plans: dict[tuple, list] = {}
        self._z_out = self._a_out = None      # the output layer's z and a of a whole chunk
        self._inks: dict[int, InkColumns | None] = {}    # per batch size
        self._spans = None                    # each training row's first and last ink
        self._chunks: deque[Chunk] = deque(maxlen=2)
        self.open: Chunk | None = None
        self._eta = trainer.eta

    # -- recording a step ---------------------------------------------------------------
    def _buffers_for(self, m: int) -> _Buffers:
        buf = self._buffers.get(m)
        if buf is None:
            buf = self._buffers[m] = _Buffers(self.net.sizes, m, self.net.dtype)
            buf.scale[...] = self._eta / m
        return buf

    def _ink_columns(self, size: int) -> InkColumns | None:
        """The windows of columns the first layer's products read in steps of `size` rows
        from pixels, or None: whole rows."""
        if size not in self._inks:
            w, ink = self.net.weights[0], None
            if self.rows.pixels is not None and w.size >= FUSE_MIN and blocks_agree(w, size):
                if self._spans is None:
                    self._spans = ink_spans(self.rows.pixels, column_align(w.dtype))
                ink = InkColumns(w, size, max(1, CHUNK_ROWS // size), self._spans)
            self._inks[size] = ink
        return self._inks[size]

    def _recorded_step(self, source: Source, offset: int, m: int, size: int) -> list:
        """The calls of one SGD step on rows offset..offset+m of `source` (("chunk", piece):
        the gathered rows, their x made `piece` rows at a time from pixels or, piece None,
        gathered whole; "data": the training set itself), a step of a chunk in steps of
        `size` rows."""
        key = (source, offset, m, size)
        calls = self._steps.get(key)
        if calls is not None:
            return calls
        net, buf, rec = self.net, self._buffers_for(m), []
        rows = x_rows = slice(offset, offset + m)
        ink = self._ink_columns(size) if source != "data" and source[1] and m == size else None
        columns = ink.product_args(offset // size) if ink else None
        if source == "data":
            xs, ys = self.x, self.y
        else:
            xs, ys, piece = self.rows.chunk_x, self.rows.chunk_y, source[1]
            if piece is not None:                # this step reads x first: make it now
                first = offset % piece
                x_rows = slice(first, first + m)
                if first == 0:
                    rec.extend(self.rows.piece_calls(offset, piece))
        zs, a_s = [], [xs[x_rows]]
        product = columns and (lambda a, w, z, block: blas_product(z, a, w, columns(block, a)))
        for l in range(net.L):
            last = l == net.L - 1
            out = (self._z_out[rows], self._a_out[rows]) if last else (buf.z[l], buf.a[l])
            b = net.biases[l] if net.has_biases else None
            z, a = layer_forward(net.sigmas[l], net.weights[l], b, a_s[-1], out, rec,
                                 product if l == 0 else None)
            zs.append(z)
            a_s.append(a)
        delta = output_delta(net.loss, net.sigmas[-1], zs[-1], a_s[-1], ys[rows],
                             buf.delta[-1], rec, buf.grad_a)                       # BP1
        call(rec, np.multiply, delta, buf.scale, delta)         # η/m, once for all below
        step = 2 if net.has_biases else 1
        fused, skip = [], []    # Wˡ ← Wˡ − η ∂C/∂Wˡ in one call each, after BP2 used Wˡ
        for l in range(net.L - 1, -1, -1):
            update = (_fused_update(net.weights[l], delta, a_s[l], columns if l == 0 else None)
                      if net.weights[l].size >= FUSE_MIN else None)
            if update is None:
                grad_w(delta, a_s[l], self.grad_views[step * l], rec)              # BP4
            else:
                fused.extend(update)                                               # BP4 + step
                skip.append(self.weight_range[l])
            if net.has_biases:
                grad_b(delta, self.grad_views[2 * l + 1], rec)                     # BP3
            if l:                                                                  # BP2
                sp = net.sigmas[l - 1].prime(zs[l - 1], a_s[l], buf.sigma_prime[l - 1], rec)
                delta = hidden_delta(net.weights[l], delta, sp, buf.delta[l - 1], rec)
        rec.extend(fused)
        for start, end in _complement(skip, self.params.size):     # θ ← θ − η ∂C/∂θ
            p, g = self.params[start:end], self.grad[start:end]
            call(rec, np.subtract, p, g, p)
        self._steps[key] = rec
        return rec

    def _plan(self, source: Source, total: int, size: int) -> list:
        """[(the recorded calls of a step, rows done after it)] for `total` rows of `source`
        in steps of `size`."""
        key = (source, total, size)
        plan = self._plans.get(key)
        if plan is None:
            if len(self._steps) + -(-total // size) > KEEP_STEPS:   # many batch sizes: afresh
                self._forget_steps()
            plan = self._plans[key] = [
                (self._recorded_step(source, offset, min(size, total - offset), size),
                 min(offset + size, total)) for offset in range(0, total, size)]
        return plan

    def _forget_steps(self) -> None:
        """(The windows' tables stay: they depend on W¹ only, and a step recorded again
        points its table row at its new rows.)"""
        self._steps.clear()
        self._plans.clear()

    def _output_rows(self, rows: int) -> None:
        """Room for `rows` rows of the output layer's z and a (recorded steps point into it)."""
        if self._z_out is None or self._z_out.shape[0] < rows:
            shape = (rows, self.net.sizes[-1])
            self._z_out = np.empty(shape, self.net.dtype)
            self._a_out = np.empty(shape, self.net.dtype)
            self._forget_steps()

    def _gather(self, idx: np.ndarray, piece: int | None) -> None:
        if self.rows.gather(idx, piece):
            self._forget_steps()

    # -- running steps ------------------------------------------------------------------
    def chunk(self, order: np.ndarray | None, start: int, limit: float = math.inf):
        """Fast steps from position `start` of the epoch until CHUNK_ROWS rows, the end of
        the epoch or a change of the trainer's settings; yields None after every step but
        the epoch's last. A step whose cost is not ≤ `limit` diverges. Returns
        (rows, Σ per-sample cost), or None after a divergence."""
        tr = self.trainer
        if not self.settle():              # steps left unchecked by a caller that stopped
            return None
        n, size = self.x.shape[0], tr.batch_size
        if order is None:                  # the whole set each step: nothing to gather
            source, total = "data", n
        else:
            total = min(n - start, max(1, CHUNK_ROWS // size) * size)
            source = ("chunk", self.rows.piece_rows(size))
            self._gather(order[start:start + total], source[1])
        self._output_rows(total)
        ch = self._begin(order, start, size, tr.eta, tr.epoch + 1, limit, tr.step)
        version = tr.settings_version
        plan = self._plan(source, total, size)
        ink = self._inks.get(size) if order is not None else None
        if ink:                            # after the plan: recording sets whole rows
            ink.move(order[start:start + total])
            ch.windowed = self.net.weights[0]
        for calls, rows in plan:
            for f in calls:
                f()
            ch.rows = rows
            ch.steps += 1
            tr.step += 1
            if rows >= total and not self.settle():     # the chunk's cost, before its last yield
                return None
            if start + rows < n:
                yield None
            if tr.settings_version != version or tr.divergence is not None:
                break
        if not self.settle():
            return None
        self.open = None
        return ch.rows, ch.cost

    def _begin(self, order, start, size, eta, epoch, limit, step0) -> Chunk:
        if len(self._chunks) == self._chunks.maxlen:
            snapshot = self._chunks[0].snapshot          # the oldest is dropped: reuse it
        else:
            snapshot = np.empty_like(self.params)
        np.copyto(snapshot, self.params)
        ch = Chunk(snapshot, order, start, size, eta, epoch, limit, step0)
        self._chunks.append(ch)
        self.open = ch
        if eta != self._eta:
            self._eta = eta
            for m, buf in self._buffers.items():
                buf.scale[...] = eta / m
        return ch
