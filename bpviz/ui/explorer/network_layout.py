"""Where each neuron and edge sits in the network view, and what lies under the mouse.

Pure geometry (no Qt, no maths of the network): layer l is the column x = l; neurons run
top to bottom. A big layer is squeezed into MAX_HEIGHT units so [784, 30, 10] stays one
screen. Edges are listed layer by layer in the order of Wˡ's entries (j, then k).
"""

from __future__ import annotations

import numpy as np

MAX_HEIGHT = 12.0        # the tallest a column may be, in view units
FULL_LABELS = 8          # layers up to this size get a multi-line label per neuron
SHORT_LABELS = 32        # … up to this size a one-line label; bigger layers none
IMAGE_SIDE = 28          # a layer of 28² = 784 inputs is drawn as a 28×28 image
EDGE_LABELS = 12         # weight matrices with at most this many entries get edge labels


class Layout:
    def __init__(self, sizes):
        self.sizes = [int(n) for n in sizes]
        self.L = len(self.sizes) - 1
        self.x, self.y = [], []          # per layer: arrays of neuron positions
        self.height = 0.0
        for l, n in enumerate(self.sizes):
            spacing = 1.0 if n - 1 <= MAX_HEIGHT else MAX_HEIGHT / (n - 1)
            ys = (np.arange(n) - (n - 1) / 2) * -spacing      # neuron 1 at the top
            self.x.append(np.full(n, float(l)))
            self.y.append(ys)
            self.height = max(self.height, (n - 1) * spacing)
        # 784 inputs are a 28×28 image: its pixels are the input neurons (set_image_rect)
        self.image_side = IMAGE_SIDE if self.sizes[0] == IMAGE_SIDE ** 2 else 0
        self.image_rect = None
        if self.image_side:
            self.x[0], self.y[0] = self._pixel_centres(-0.85, -4.0, 0.8, 8.0)
            self.image_rect = (-0.85, -4.0, 0.8, 8.0)
        self.node_x = np.concatenate(self.x)
        self.node_y = np.concatenate(self.y)
        self.node_layer = np.concatenate([np.full(n, l) for l, n in enumerate(self.sizes)])
        self.node_index = np.concatenate([np.arange(n) for n in self.sizes])
        self.offsets = np.concatenate([[0], np.cumsum(self.sizes)])
        # edges: layer l (1..L), entry (j, k) of Wˡ joins neuron k of l−1 to neuron j of l
        el, ej, ek, x0, y0, x1, y1 = [], [], [], [], [], [], []
        for l in range(1, self.L + 1):
            n, n_in = self.sizes[l], self.sizes[l - 1]
            j, k = np.divmod(np.arange(n * n_in), n_in)
            el.append(np.full(n * n_in, l))
            ej.append(j)
            ek.append(k)
            x0.append(self.x[l - 1][k])
            y0.append(self.y[l - 1][k])
            x1.append(self.x[l][j])
            y1.append(self.y[l][j])
        self.edge_layer, self.edge_j, self.edge_k = (np.concatenate(a) for a in (el, ej, ek))
        self.edge_x0, self.edge_y0, self.edge_x1, self.edge_y1 = (
            np.concatenate(a) for a in (x0, y0, x1, y1))
        self.edge_offsets = np.concatenate(
            [[0], np.cumsum([self.sizes[l] * self.sizes[l - 1] for l in range(1, self.L + 1)])])

    def _pixel_centres(self, x0, y0, w, h):
        """The centres of the image's pixels, row by row from the top (x and y arrays)."""
        side = self.image_side
        col, row = np.meshgrid(np.arange(side), np.arange(side))
        xs = x0 + (col.ravel() + 0.5) * w / side
        ys = y0 + h - (row.ravel() + 0.5) * h / side
        return xs, ys

    def set_image_rect(self, x0: float, y0: float, w: float, h: float) -> None:
        """Place the input image (view units, y up) and move its pixels and their edges there."""
        self.image_rect = (x0, y0, w, h)
        xs, ys = self._pixel_centres(x0, y0, w, h)
        self.x[0], self.y[0] = xs, ys
        n0 = self.sizes[0]
        self.node_x[:n0], self.node_y[:n0] = xs, ys
        k = self.edge_k[: self.edge_offsets[1]]
        self.edge_x0[: self.edge_offsets[1]] = xs[k]
        self.edge_y0[: self.edge_offsets[1]] = ys[k]

    @property
    def n_edges(self) -> int:
        return int(self.edge_layer.size)

    def node_id(self, l: int, j: int) -> int:
        return int(self.offsets[l] + j)

    def edge_id(self, l: int, j: int, k: int) -> int:
        return int(self.edge_offsets[l - 1] + j * self.sizes[l - 1] + k)

    def label_kind(self, l: int) -> str:
        n = self.sizes[l]
        return "full" if n <= FULL_LABELS else "short" if n <= SHORT_LABELS else "none"

    def edge_labels(self, l: int) -> bool:
        return self.sizes[l] * self.sizes[l - 1] <= EDGE_LABELS

    def node_size(self) -> float:
        """The largest marker diameter in pixels (for hit testing)."""
        return float(self.node_sizes().max())

    def node_sizes(self) -> np.ndarray:
        """Marker diameter per neuron, in pixels: big for toy layers, dots for 784 inputs."""
        per_layer = [30.0 if n <= FULL_LABELS else 12.0 if n <= SHORT_LABELS else 3.0
                     for n in self.sizes]
        if self.image_side:
            per_layer[0] = 0.0           # the image's pixels are the neurons: no markers
        return np.concatenate([np.full(n, d) for n, d in zip(self.sizes, per_layer)])

    def bounds(self):
        """(x0, x1, y0, y1) to show everything, with room for headers and labels."""
        half = self.height / 2
        if self.image_side:              # room for the image left of the first column
            return -1.0, self.L + 0.9, -half - 0.8 - 0.1 * self.height, half + 0.9 + 0.12 * self.height
        # margins grow with the height so headers (≈ 50 px) fit on tall, squeezed columns too
        return -0.3, self.L + 0.75, -half - 0.8 - 0.1 * self.height, half + 0.9 + 0.12 * self.height

    def header_floor(self, l: int) -> float:
        """How low layer l's header may reach before its room is counted (`bounds_with_room`
        adds the pixels it needs): the centre of the highest neuron of the tallest layer, or
        for an input drawn as an image, the image's top edge. The band shaded behind the
        active layer may run under a header; the neurons may not."""
        if l == 0 and self.image_rect is not None:
            return self.image_rect[1] + self.image_rect[3]
        return self.height / 2

    def bounds_with_room(self, view_px: float, room_px: float, header_px=()):
        """bounds(), lowered where needed so that a view `view_px` pixels tall shows at least
        `room_px` pixels under the lowest neuron (the walk's result text sits there), and
        raised where needed so that each layer's header, `header_px[l]` pixels hanging from
        the top (the caller adds a neuron's radius), ends above `header_floor(l)`."""
        x0, x1, y0, y1 = self.bounds()
        low = float(self.node_y.min())
        # a view too short for all of it: the result's room first, the headers' what is left
        most = max(0.0, view_px / 1.6 - room_px)
        over = [(self.header_floor(l), min(float(h), most)) for l, h in enumerate(header_px)]
        over = [(floor, h) for floor, h in over if h > 0]
        if not over and not view_px > 2 * room_px > 0:
            return x0, x1, y0, y1
        bottom, top = y0, y1
        for _ in range(80):              # a contraction: (room + header) / view < 5/8 a pass
            per_px = (top - bottom) / view_px
            new = (min(y0, low - room_px * per_px),
                   max([y1] + [floor + h * per_px for floor, h in over]))
            if new == (bottom, top):
                break
            bottom, top = new
        return x0, x1, bottom, top

    def edge_segments(self, mask: np.ndarray):
        """x, y arrays for PlotCurveItem(connect='pairs') of the edges in `mask`."""
        idx = np.flatnonzero(mask)
        xs = np.empty(2 * idx.size)
        ys = np.empty(2 * idx.size)
        xs[0::2], xs[1::2] = self.edge_x0[idx], self.edge_x1[idx]
        ys[0::2], ys[1::2] = self.edge_y0[idx], self.edge_y1[idx]
        return xs, ys

    # -- what is under the mouse (distances in pixels; px, py = view units per pixel) --------
    def neuron_at(self, x: float, y: float, px: float, py: float, radius: float):
        d2 = ((self.node_x - x) / px) ** 2 + ((self.node_y - y) / py) ** 2
        i = int(np.argmin(d2))
        if d2[i] <= radius ** 2:
            return int(self.node_layer[i]), int(self.node_index[i])
        return None

    def edge_at(self, x: float, y: float, px: float, py: float, tolerance: float = 4.0):
        if not self.n_edges:
            return None
        ax, ay = self.edge_x0 / px, self.edge_y0 / py
        bx, by = self.edge_x1 / px, self.edge_y1 / py
        qx, qy = x / px, y / py
        dx, dy = bx - ax, by - ay
        t = np.clip(((qx - ax) * dx + (qy - ay) * dy) / np.maximum(dx * dx + dy * dy, 1e-12), 0, 1)
        d2 = (ax + t * dx - qx) ** 2 + (ay + t * dy - qy) ** 2
        i = int(np.argmin(d2))
        if d2[i] <= tolerance ** 2:
            return int(self.edge_layer[i]), int(self.edge_j[i]), int(self.edge_k[i])
        return None
