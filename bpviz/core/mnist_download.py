"""Download the full MNIST set into the user's cache, only when asked.

The four IDX .gz files are fetched into a temporary folder inside the cache, each checked
against its SHA-256 below, read and checked as IDX, and only then turned into the cache file
with one atomic replace. A failure, a dropped connection or a cancel removes the temporary
folder and leaves the data in use before exactly as it was.
"""

from __future__ import annotations

import hashlib
import http.client
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from . import mnist
from .errors import BpvizError
from .mnist_files import read_idx_folder
from .notation import count

DEFAULT_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/"
# The standard MNIST files (LeCun, Cortes and Burges): name → (SHA-256, size in bytes).
FILES = {
    "train-images-idx3-ubyte.gz":
        ("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", 9_912_422),
    "train-labels-idx1-ubyte.gz":
        ("3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28_881),
    "t10k-images-idx3-ubyte.gz":
        ("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1_648_877),
    "t10k-labels-idx1-ubyte.gz":
        ("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4_542),
}
CHUNK = 1 << 16
STALE_SECONDS = 3600      # a download folder untouched this long was left by a killed run

# progress(done_bytes, total_bytes, file_name)
ProgressCallback = Callable[[int, int, str], None]


class DownloadCancelled(BpvizError):
    """The user cancelled; nothing changed."""


def _cancelled(cancel) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if hasattr(cancel, "is_set") else bool(cancel())


def in_use_unchanged() -> str:
    """What a failed download leaves in use, in words: the bundled subset, or the full set
    imported or downloaded before."""
    return ("the MNIST data in use stays unchanged" if mnist.has_full()
            else "the bundled subset stays in use")


class Unreachable(BpvizError):
    """The server could not be reached (offline?). Its text gives the command line's ways
    out; the window names its own (`where`, `reason`)."""

    def __init__(self, where: str, reason):
        self.where, self.reason = where, reason
        super().__init__(f"could not reach {where} ({reason}); are you offline? "
                         f"{in_use_unchanged()[:1].upper()}{in_use_unchanged()[1:]}; try "
                         "--url MIRROR, or --from PATH with files you already have")


def _fetch(url: str, dest: Path, sha256: str, size: int | None, done: int, total: int,
           progress: ProgressCallback | None, cancel, timeout: float) -> int:
    """Stream `url` into `dest`, hashing as it goes; returns the bytes received."""
    name = dest.name
    try:
        response = urllib.request.urlopen(url, timeout=timeout)
    except urllib.error.HTTPError as e:
        raise BpvizError(f"{url}: the server answered HTTP {e.code} {e.reason}") from None
    except (ValueError, http.client.InvalidURL) as e:    # a port "abc", a space, a control
        raise BpvizError(f"{url!r}: not a download address ({_one_line(e)}); "    # character
                         f"{in_use_unchanged()}") from None
    except http.client.RemoteDisconnected:    # (an OSError too: reached, but no answer)
        raise BpvizError(f"{url}: the server closed the connection without answering: is the "
                         f"address that of a web server? {in_use_unchanged()}") from None
    except http.client.HTTPException as e:    # a malformed status line, a header too long…
        raise BpvizError(f"{url}: the server's answer is not valid HTTP ({type(e).__name__}): "
                         f"is the address that of a web server? {in_use_unchanged()}") from None
    except (urllib.error.URLError, OSError) as e:
        raise Unreachable(url, getattr(e, "reason", e)) from None
    digest, received = hashlib.sha256(), 0
    with response, open(dest, "wb") as out:
        while True:
            if _cancelled(cancel):
                raise DownloadCancelled("download cancelled; the MNIST data in use is unchanged")
            try:
                chunk = response.read(CHUNK)
            except (OSError, EOFError, http.client.HTTPException) as e:   # reset, timeout…
                raise BpvizError(f"{url}: the connection dropped after {count(received)} bytes "
                                 f"({type(e).__name__}); nothing was kept, try again") from None
            if not chunk:
                break
            received += len(chunk)
            if size is not None and received > size:     # a mirror that never stops: no full disk
                raise BpvizError(f"{url}: more than the {count(size)} bytes the MNIST file has: not "
                                 "the expected file; nothing was kept")
            out.write(chunk)
            digest.update(chunk)
            if progress is not None:
                progress(done + received, total, name)
        announced = response.headers.get("Content-Length")
    announced = int(announced) if (announced or "").isdigit() else None
    if announced is not None and received < announced:
        raise BpvizError(f"{url}: the connection dropped after {count(received)} of {count(announced)} "
                         "bytes; nothing was kept, try again")
    if size is not None and received != size:
        raise BpvizError(f"{url}: received {count(received)} bytes where the MNIST file has {count(size)}: "
                         "not the expected file; nothing was kept")
    if digest.hexdigest() != sha256:
        raise BpvizError(f"{url}: SHA-256 {digest.hexdigest()} is not the expected {sha256}: "
                         "the file is damaged or not the MNIST file; nothing was kept")
    return received


def _one_line(e) -> str:
    return " ".join(str(e).split())


def remove_stale_downloads(folder: Path, older_than: float = STALE_SECONDS) -> None:
    """The working folders of downloads that were killed (SIGTERM, a power cut: what the
    `finally` below never saw): those where nothing was written for `older_than` seconds (a
    running download writes a chunk at least every 64 kB; an hour is 18 bytes a second)."""
    now = time.time()
    for work in folder.glob(".download-*"):
        try:
            if not work.is_dir():
                continue
            newest = max([work.stat().st_mtime] + [f.stat().st_mtime for f in work.iterdir()])
            if now - newest > older_than:
                shutil.rmtree(work, ignore_errors=True)
        except OSError:
            pass


def download_mnist(url: str = DEFAULT_URL, *, files: dict | None = None,
                   progress: ProgressCallback | None = None, cancel=None,
                   timeout: float = 30.0, target: Path | None = None) -> mnist.MnistData:
    """Fetch the four IDX files from `url` (a folder URL; a mirror works the same), check them
    and write the full set to the cache. `files` overrides FILES (name → (SHA-256, size or
    None)); `cancel` is a threading.Event or a callable returning True to stop; `progress` is
    called with (bytes done, bytes in all, file name)."""
    files = FILES if files is None else files
    base = url if url.endswith("/") else url + "/"
    target = mnist.cache_file() if target is None else Path(target)
    total = sum(size or 0 for _, size in files.values())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_downloads(target.parent)
        work = Path(tempfile.mkdtemp(dir=target.parent, prefix=".download-"))
    except OSError as e:
        raise BpvizError(f"{target.parent}: cannot write the MNIST cache ({e.strerror or e})") \
            from None
    try:
        done = 0
        for name, (sha256, size) in files.items():
            done += _fetch(base + name, work / name, sha256, size, done, total, progress,
                           cancel, timeout)
        arrays = mnist.split_validation(read_idx_folder(work))
        if _cancelled(cancel):
            raise DownloadCancelled("download cancelled; the MNIST data in use is unchanged")
        return mnist.load_full(mnist.save_full(arrays, target))
    except OSError as e:           # a full disk while writing a chunk
        raise BpvizError(f"{target.parent}: could not save the download ({e.strerror or e}); "
                         "the data in use before is unchanged") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)

