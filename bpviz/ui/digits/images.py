"""Greyscale arrays shown as Qt images, and the save-to-file helpers the digit views share."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QWidget

from ..widgets.colour_scale import NEGATIVE, POSITIVE

SIDE = 28


def grey_image(values: np.ndarray) -> QImage:
    """A 2-d array in [0, 1] (1 = ink) as a QImage: ink dark on white, like pencil on paper."""
    v = np.clip(np.asarray(values, dtype=float), 0.0, 1.0)
    pixels = np.ascontiguousarray(255 - np.round(v * 255).astype(np.uint8))
    h, w = pixels.shape
    return QImage(pixels.data, w, h, w, QImage.Format_Grayscale8).copy()


def digit_pixmap(x: np.ndarray, side: int) -> QPixmap:
    """A 784-vector as a `side`-pixel square, each MNIST pixel a crisp block."""
    image = grey_image(np.asarray(x).reshape(SIDE, SIDE))
    return QPixmap.fromImage(image.scaled(side, side, Qt.KeepAspectRatio, Qt.FastTransformation))


def weight_pixmap(w: np.ndarray, side: int) -> QPixmap:
    """A neuron's 784 incoming weights as a 28 × 28 picture in the network view's colours:
    blue for w > 0, orange for w < 0, white for 0, full colour at the largest |w|."""
    w = np.asarray(w, dtype=float).reshape(SIDE, SIDE)
    peak = float(np.max(np.abs(w))) or 1.0
    t = (np.abs(w) / peak)[:, :, None]
    end = np.where((w >= 0)[:, :, None], POSITIVE, NEGATIVE)
    rgb = np.ascontiguousarray(np.round(255 + (end - 255) * t).astype(np.uint8))
    image = QImage(rgb.data, SIDE, SIDE, 3 * SIDE, QImage.Format_RGB888).copy()
    return QPixmap.fromImage(image.scaled(side, side, Qt.KeepAspectRatio, Qt.FastTransformation))


def image_array(image: QImage) -> np.ndarray:
    """The green channel of a 32-bit QImage as floats in [0, 1] (the canvas draws grey on black,
    so every channel holds the same value; green sits in the middle on either byte order)."""
    h, w = image.height(), image.width()
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = raw.reshape(h, image.bytesPerLine())[:, :w * 4].reshape(h, w, 4)
    return rows[:, :, 1] / 255.0


def export_filter(parent: QWidget, kind: str) -> str:
    """The save dialog's filter for a PNG or CSV file."""
    return parent.tr("PNG image (*.png)") if kind == "png" else parent.tr("CSV table (*.csv)")
