"""The trainer's fast path: plain SGD (no L2) on a network whose activations are element-wise.

One mini-batch step is recorded once — the per-layer BP1–BP4 functions of core/backprop.py,
called with buffers kept here and a `record` list (core/ops.py) — and the recorded calls are
replayed for every batch: the same equations, without the Python around them. Measured on
MNIST-shaped data ([784, 30, 10], batch 10), what else counts:

- rows are gathered a chunk at a time (`CHUNK_ROWS`) with `np.take(..., mode="clip")` into
  a buffer that stays in cache: faster than `x[idx]` per batch or a shuffled copy of the
  whole epoch (which writes and then reads back 157 MB in float32);
- η/m is folded into δᴸ once, so BP3 and BP4 give η·∂C/∂θ and the update is one subtraction;
  a large weight matrix (`FUSE_MIN`) instead gets BP4 and its update in one BLAS call,
  Wˡ ← Wˡ − Δᵀ Aˡ⁻¹ (core/blas.py: one pass over Wˡ instead of two, same numbers);
- the cost is computed once per chunk, from the chunk's zᴸ and aᴸ, not once per step;
- no copy of the parameters per step: one snapshot per chunk. When a step of a chunk may
  have a cost that is not finite or above the trainer's limit (`settle`), the weights go
  back to the snapshot of the chunk before it and those steps are taken again one at a time
  by the general path, which stops at the first such step and puts back the weights from
  before it, as training without the fast path does.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from ..core.backprop import block_rows, grad_b, grad_w, hidden_delta, layer_forward, output_delta
from ..core.blas import subtract_product
from ..core.ops import call

CHUNK_ROWS = 320     # rows gathered at once: 1 MB of float32 MNIST, it stays in the cache
KEEP_STEPS = 4096    # recorded steps kept (one per batch size and position in a chunk)
FUSE_MIN = 2048      # a weight matrix this large gets BP4 and its update in one BLAS call


def _fused_update(w, delta, a_prev):
    """The calls that do w ← w − Δᵀ Aˡ⁻¹ a block of rows at a time (the forward products'
    blocks, core/backprop.block_rows: at batch 100, 4 × 25 rows took 48 µs and one call
    54 µs for MNIST's W¹), or None when core/blas.py cannot."""
    m, size = delta.shape[0], block_rows(delta.shape[0])
    calls = [subtract_product(w, delta[r:r + size], a_prev[r:r + size]) for r in range(0, m, size)]
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


@dataclass
class _Chunk:
    """Consecutive fast steps taken with the same settings, and the weights before them."""
    snapshot: np.ndarray
    order: np.ndarray | None     # the epoch's sample order (None: the whole set each step)
    start: int                   # position of the first row in `order`
    batch_size: int
    eta: float
    epoch: int                   # 1-based epoch the steps belong to
    limit: float                 # a step whose cost is above this diverges (trainer.loss_limit)
    step0: int                   # trainer.step before the first of them
    steps: int = 0
    rows: int = 0                # rows done
    checked: int = 0             # rows whose cost has been added up
    cost: float = 0.0            # Σ per-sample cost over the checked rows


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


class FastPath:
    """The fast steps of one `Trainer` (which calls `chunk`, `settle`, `forget`, `take_again`)."""

    def __init__(self, trainer):
        self.trainer = trainer
        net = self.net = trainer.network
        self.x = np.ascontiguousarray(trainer.x)
        self.y = np.ascontiguousarray(trainer.y)
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
        self._chunk_x = self._chunk_y = None
        self._z_out = self._a_out = None      # the output layer's z and a of a whole chunk
        self._chunks: deque[_Chunk] = deque(maxlen=2)
        self.open: _Chunk | None = None
        self._eta = trainer.eta

    # -- recording a step ---------------------------------------------------------------
    def _buffers_for(self, m: int) -> _Buffers:
        buf = self._buffers.get(m)
        if buf is None:
            buf = self._buffers[m] = _Buffers(self.net.sizes, m, self.net.dtype)
            buf.scale[...] = self._eta / m
        return buf

    def _recorded_step(self, source: str, offset: int, m: int) -> list:
        """The calls of one SGD step on rows offset..offset+m of `source` ("chunk": the
        gathered rows, "data": the training set itself)."""
        key = (source, offset, m)
        calls = self._steps.get(key)
        if calls is not None:
            return calls
        if len(self._steps) >= KEEP_STEPS:        # many batch sizes tried: start afresh
            self._forget_steps()
        net, buf, rec = self.net, self._buffers_for(m), []
        xs, ys = (self._chunk_x, self._chunk_y) if source == "chunk" else (self.x, self.y)
        rows = slice(offset, offset + m)
        zs, a_s = [], [xs[rows]]
        for l in range(net.L):
            last = l == net.L - 1
            out = (self._z_out[rows], self._a_out[rows]) if last else (buf.z[l], buf.a[l])
            b = net.biases[l] if net.has_biases else None
            z, a = layer_forward(net.sigmas[l], net.weights[l], b, a_s[-1], out, rec)
            zs.append(z)
            a_s.append(a)
        delta = output_delta(net.loss, net.sigmas[-1], zs[-1], a_s[-1], ys[rows],
                             buf.delta[-1], rec, buf.grad_a)                       # BP1
        call(rec, np.multiply, delta, buf.scale, delta)         # η/m, once for all below
        step = 2 if net.has_biases else 1
        fused, skip = [], []    # Wˡ ← Wˡ − η ∂C/∂Wˡ in one call each, after BP2 used Wˡ
        for l in range(net.L - 1, -1, -1):
            update = (_fused_update(net.weights[l], delta, a_s[l])
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

    def _plan(self, source: str, total: int, size: int) -> list:
        """[(the recorded calls of a step, rows done after it)] for `total` rows of `source`
        in steps of `size`."""
        key = (source, total, size)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = [
                (self._recorded_step(source, offset, min(size, total - offset)),
                 min(offset + size, total)) for offset in range(0, total, size)]
        return plan

    def _forget_steps(self) -> None:
        self._steps.clear()
        self._plans.clear()

    def _output_rows(self, rows: int) -> None:
        """Room for `rows` rows of the output layer's z and a (recorded steps point into it)."""
        if self._z_out is None or self._z_out.shape[0] < rows:
            shape = (rows, self.net.sizes[-1])
            self._z_out = np.empty(shape, self.net.dtype)
            self._a_out = np.empty(shape, self.net.dtype)
            self._forget_steps()

    def _gather(self, idx: np.ndarray) -> None:
        rows = len(idx)
        if self._chunk_x is None or self._chunk_x.shape[0] < rows:
            self._chunk_x = np.empty((rows, self.x.shape[1]), self.net.dtype)
            self._chunk_y = np.empty((rows, self.y.shape[1]), self.net.dtype)
            self._forget_steps()
        np.take(self.x, idx, 0, self._chunk_x[:rows], "clip")
        np.take(self.y, idx, 0, self._chunk_y[:rows], "clip")

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
            source, total = "chunk", min(n - start, max(1, CHUNK_ROWS // size) * size)
            self._gather(order[start:start + total])
        self._output_rows(total)
        ch = self._begin(order, start, size, tr.eta, tr.epoch + 1, limit, tr.step)
        version = tr.settings_version
        for calls, rows in self._plan(source, total, size):
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

    def _begin(self, order, start, size, eta, epoch, limit, step0) -> _Chunk:
        if len(self._chunks) == self._chunks.maxlen:
            snapshot = self._chunks[0].snapshot          # the oldest is dropped: reuse it
        else:
            snapshot = np.empty_like(self.params)
        np.copyto(snapshot, self.params)
        ch = _Chunk(snapshot, order, start, size, eta, epoch, limit, step0)
        self._chunks.append(ch)
        self.open = ch
        if eta != self._eta:
            self._eta = eta
            for m, buf in self._buffers.items():
                buf.scale[...] = eta / m
        return ch

    def forget(self) -> None:
        """The weights are changed from outside or by a general step: no chunk before this
        point can be taken again."""
        self.settle()
        self._chunks.clear()
        self.open = None
        self.trainer._backup_step = -2

    def settle(self) -> bool:
        """Add up the cost of the open chunk's rows done so far; if a step's cost may be
        above the limit (or is not finite), take the steps again carefully (`_again`).
        False after a divergence."""
        ch = self.open
        if ch is None or ch.checked == ch.rows:
            return self.trainer.divergence is None
        with np.errstate(all="ignore"):
            cost = self._cost(ch.checked, ch.rows)
            # every per-sample cost is ≥ 0, so no step's mean exceeds the sum over all the
            # rows divided by its own row count; only near the limit is each step looked at
            smallest = min(ch.batch_size, ch.rows - ch.checked)
            fine = cost <= ch.limit * smallest or all(
                self._cost(r, min(r + ch.batch_size, ch.rows)) <= ch.limit * (
                    min(r + ch.batch_size, ch.rows) - r)
                for r in range(ch.checked, ch.rows, ch.batch_size))
        if fine and math.isfinite(cost):
            ch.cost += cost
            ch.checked = ch.rows
            return True
        return self._again()

    def _cost(self, first: int, end: int) -> float:
        """Σ per-sample cost over rows first..end of the open chunk."""
        net, rows = self.net, slice(first, end)
        y = self.y if self.open.order is None else self._chunk_y
        return net.loss.fn(net.sigmas[-1], self._z_out[rows], self._a_out[rows], y[rows]) * (end - first)

    def take_again(self) -> bool:
        """The last chunks' steps taken again by the general path, which leaves the trainer's
        backup of the last step in place (for a weight that became non-finite)."""
        if not self.settle():
            return False
        return self._again() if self._chunks else True

    def _again(self) -> bool:
        """Back to the snapshot before the chunk before the open one, and its steps and the
        open chunk's taken again by the general path (per-step cost check and backup)."""
        tr, net, params, grad = self.trainer, self.net, self.params, self.grad
        chunks = list(self._chunks)
        np.copyto(params, chunks[0].snapshot)
        tr.step = chunks[0].step0
        tr._backup_step = -2
        self.open = None
        with np.errstate(all="ignore"):
            for ch in chunks:
                cost, pos, end = 0.0, ch.start, ch.start + ch.rows
                for _ in range(ch.steps):
                    if ch.order is None:
                        xb, yb = self.x, self.y
                    else:
                        idx = ch.order[pos:min(pos + ch.batch_size, end)]
                        xb, yb = self.x[idx], self.y[idx]
                    loss = net.loss_and_gradient(xb, yb, grad)
                    if not loss <= ch.limit:             # NaN fails this test too
                        tr._diverged(tr._explosion(loss), ch.epoch, tr.step + 1)
                        self._chunks.clear()
                        return False
                    np.copyto(tr._backup, params)
                    tr._backup_step = tr.step
                    params -= ch.eta * grad
                    tr.step += 1
                    cost += loss * xb.shape[0]
                    pos += xb.shape[0]
                ch.cost, ch.checked = cost, ch.rows
        self._chunks.clear()        # these weights came from the general path
        return True
