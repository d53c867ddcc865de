"""`bpviz data mnist`: which MNIST set is in use (--status), fetch the full set into the
user's cache (--download, only when asked), or import files the user has (--from PATH).
"""

from __future__ import annotations

import urllib.parse

from ..core import mnist
from ..core.errors import BpvizError
from ..core.mnist_download import DEFAULT_URL, download_mnist
from ..core.notation import count
from .common import Progress, print_json


def run(args) -> int:
    if args.url is not None and not args.download:
        raise BpvizError("--url goes with --download")
    if args.download:
        if args.url is not None:
            check_url(args.url)
        data = download(args.url or DEFAULT_URL, show_progress=not args.json)
    elif args.source is not None:
        data = mnist.import_mnist(args.source)
    else:
        data = mnist.load_mnist()
    if args.json:
        print_json(data.status())
    else:
        print_status(data, changed=args.download or args.source is not None)
    return 0


def check_url(url: str) -> None:
    """A mirror is an http(s) address: an empty --url had fallen back to the default, and
    'ht!tp://x' had been reported as "are you offline?"."""
    scheme, _, rest = url.strip().partition("://")
    if scheme.lower() not in ("http", "https") or not rest.strip("/"):
        raise BpvizError(f"--url {url!r}: expected an http:// or https:// address of a folder "
                         "holding the four MNIST files")
    if any(c.isspace() or not c.isprintable() for c in url):     # had: "are you offline?"
        raise BpvizError(f"--url {url!r}: an address cannot hold a space or a control "
                         "character (write a space as %20)")
    try:
        _ = urllib.parse.urlsplit(url).port       # ValueError for "abc" or 99999
    except ValueError:
        raise BpvizError(f"--url {url!r}: the port (after the host's ':') must be a number "
                         "from 0 to 65535") from None


def download(url: str, show_progress: bool) -> mnist.MnistData:
    """Download with a bar on stderr when it is a terminal (Ctrl-C cancels; nothing is kept)."""
    bar, last = None, (0, "")

    def progress(done: int, total: int, name: str) -> None:
        nonlocal bar, last
        if bar is None:
            bar = Progress(max(total // 1024, 1), enabled=show_progress, label="kB")
        last = (done // 1024, name)
        bar.update(*last)

    data = None
    try:
        data = download_mnist(url, progress=progress)
        return data
    finally:
        if bar is not None:
            if data is not None:
                bar.update(*last, force=True)
            bar.close()


def print_status(data: mnist.MnistData, changed: bool) -> None:
    sizes = ", ".join(f"{count(n)} {part}" for part, n in data.sizes().items())
    verb = "now in use" if changed else "in use"
    print(f"{data.describe()} {verb}: {sizes}")
    print(f"  {data.path}")
    if data.source == "subset":
        print(f"  `bpviz data mnist --download` fetches the full set, {mnist.full_set_words()}, "
              f"about 11 MB, into {mnist.cache_file().parent}")
