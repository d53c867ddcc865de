"""Small MNIST-format files made by the tests: IDX bytes, folders of them, Nielsen-style pickles,
and a local HTTP server on 127.0.0.1 that serves them (whole, or cut off mid-file)."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import pickle
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

import numpy as np

NAMES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
         "t10k-labels-idx1-ubyte")


@contextmanager
def refused_port():
    """A port on 127.0.0.1 where a connection is refused, for as long as the block runs: a
    socket bound there but not listening holds it, so no other test's server (one per
    core runs at once) can take it, as it could a port closed after finding it free."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


def idx_bytes(array: np.ndarray, magic: int | None = None) -> bytes:
    """IDX by hand: 0, 0, type 0x08 (unsigned byte), the number of dimensions, then each
    dimension as a big-endian 32-bit integer, then the bytes."""
    array = np.asarray(array, dtype=np.uint8)
    if magic is None:
        magic = 0x800 + array.ndim
    head = magic.to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in array.shape)
    return head + array.tobytes()


def digits(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """n random 28×28 images whose first pixel is the label (so a test can check pairing)."""
    rng = np.random.default_rng(seed)
    labels = np.arange(n, dtype=np.uint8) % 10
    images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
    images[:, 0, 0] = labels
    return images, labels


def idx_files(n_train=12, n_test=5) -> dict[str, bytes]:
    """The four gzipped IDX files of a tiny MNIST, name (with .gz) → bytes."""
    (tri, trl), (tei, tel) = digits(n_train, 1), digits(n_test, 2)
    return {f"{name}.gz": gzip.compress(idx_bytes(a), mtime=0)
            for name, a in zip(NAMES, (tri, trl, tei, tel))}


def write_folder(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def checksums(files: dict[str, bytes], sizes=True) -> dict:
    return {name: (hashlib.sha256(data).hexdigest(), len(data) if sizes else None)
            for name, data in files.items()}


def nielsen_pickle(path: Path, obj=None) -> Path:
    """A mnist.pkl.gz shaped like Nielsen's: ((x, y), (x, y), (x, y)), x float32 = pixel/256."""
    if obj is None:
        parts = []
        for seed, n in ((3, 7), (4, 3), (5, 4)):
            images, labels = digits(n, seed)
            parts.append(((images.reshape(n, -1) / 256).astype(np.float32), labels.astype(np.int64)))
        obj = tuple(parts)
    path.write_bytes(gzip.compress(pickle.dumps(obj, protocol=2)))
    return path


def lying_cache(path: Path, shape=(10**9, 28, 28)) -> Path:
    """A full-set .npz whose train_images header claims `shape` over a few real bytes (what a
    damaged or hand-made cache can say: 784 GB for 10⁹ digits)."""
    import io
    import zipfile
    parts = {"train": digits(12, 1), "validation": digits(2, 3), "test": digits(5, 2)}
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        for part, (images, labels) in parts.items():
            for kind, a in (("images", images), ("labels", labels)):
                buf = io.BytesIO()
                if (part, kind) == ("train", "images"):
                    np.lib.format.write_array_header_1_0(
                        buf, {"descr": "|u1", "fortran_order": False, "shape": shape})
                    buf.write(a.tobytes())
                else:
                    np.lib.format.write_array(buf, a)
                z.writestr(f"{part}_{kind}.npy", buf.getvalue())
    return path


class Server:
    """http.server on 127.0.0.1 serving `files`; names in `drop` send half their bytes under
    the full Content-Length and then close the connection; names in `endless` send their bytes
    over and over, with no Content-Length, until the client hangs up (at most 64 MB); `sent`
    counts the bytes each name was sent."""

    def __init__(self, files: dict[str, bytes], drop=(), endless=()):
        self.files, self.drop, self.endless, self.requests = files, set(drop), set(endless), []
        self.sent: dict[str, int] = {}
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                name = self.path.lstrip("/")
                outer.requests.append(name)
                data = outer.files.get(name)
                if data is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                if name in outer.endless:
                    self.end_headers()
                    outer.sent[name] = 0
                    try:
                        while outer.sent[name] < 64 << 20:
                            self.wfile.write(data)
                            outer.sent[name] += len(data)
                    except OSError:                      # the client hung up
                        pass
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2] if name in outer.drop else data)
                self.wfile.flush()
                self.close_connection = True

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class RawServer:
    """A TCP server on 127.0.0.1 that reads each request's head, sends `answer` (any bytes:
    not necessarily HTTP; b"" hangs up without a word) and closes the connection."""

    def __init__(self, answer: bytes):
        import socket

        self.answer = answer
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:                      # closed by __exit__
                return
            with conn:
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    head += chunk
                conn.sendall(self.answer)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        import socket

        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self.thread.join(timeout=5)
