"""Atomic file writes: the one way bpviz writes a file (model files, CSVs, exports, images).

A write goes to a temporary file in the same folder, named `.NAME.PID-RANDOM.tmp`, is
flushed to disk, then renamed over the target with `os.replace`. A crash or `kill -9` mid-write
leaves the old file (or none) and at worst one such temporary file, which the next write to
that folder removes once its process is gone. A symlink is written through: its target gets
the new content and the link stays. The new file keeps the permissions of the file it replaces.

    write_atomic(path, "text")                    # str (UTF-8) or bytes
    write_atomic_with(path, lambda tmp: image.save(tmp, "PNG"))

A writer given a temporary path must name the format itself: the temporary name ends in .tmp.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .errors import BpvizError

# A temporary file older than this is stale even if a process with its PID is alive
# (the PID may have been reused since).
STALE_AFTER_SECONDS = 3600


def target_path(path) -> Path:
    """The file a write to `path` lands in: `path` itself, or the end of its symlink chain.
    Refuses an empty path, a folder, and anything else that is not a regular file (a device
    such as /dev/null, a pipe): a rename over it would replace it with a plain file."""
    if path is None or not str(path).strip():
        raise BpvizError("no file name given (the path is empty)")
    text = os.fspath(path)
    if "\0" in str(text):
        raise BpvizError(f"{_short(repr(str(text)))}: a file name cannot contain a NUL character")
    if str(text).endswith(("/", os.sep)):      # "newdir/" had made a file named newdir
        raise BpvizError(f"{_short(path)}: names a folder (it ends in {str(text)[-1]}), not a file; "
                         "add the file's name")
    try:
        target = Path(os.path.realpath(text)) if os.path.islink(text) else Path(text)
        mode = target.stat().st_mode if target.exists() else None
    except OSError as e:                     # a name too long, a folder we may not look in, …
        raise BpvizError(f"cannot save {_short(path)}: {e.strerror or e}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise BpvizError(f"{_short(path)}: is a folder, not a file")
    if mode is not None and not stat.S_ISREG(mode):      # replacing it would lose the device
        raise BpvizError(f"{_short(path)}: not a regular file (a device, pipe or socket); "
                         f"choose another file name")
    return target


def file_state(path) -> tuple | None:
    """What tells one version of the file at `path` (through a symlink) from another: a write
    puts a new file in place, so its inode changes. None when there is no file."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def check_readable_kind(path) -> None:
    """Before reading `path`: refuse a device (/dev/zero never ends), a pipe (it waits for a
    writer) or a socket. A missing file or a folder is left to the reader's own message."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise BpvizError(f"{_short(path)}: not a regular file (a device, pipe or socket)")


def write_atomic(path, data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write `data` (str is encoded with `encoding`) to `path` atomically; return the file written."""
    try:
        payload = data.encode(encoding) if isinstance(data, str) else bytes(data)
    except UnicodeEncodeError as e:           # e.g. a lone surrogate ("\ud800") from a JSON file
        raise BpvizError(f"cannot save {_short(path)}: its text holds {e.object[e.start:e.end]!r}, "
                         f"which {encoding} cannot write") from None

    def write(tmp: str) -> None:
        with open(tmp, "wb") as f:
            f.write(payload)

    return write_atomic_with(path, write)


def write_atomic_with(path, writer: Callable[[str], object]) -> Path:
    """Let `writer(tmp_path)` write the whole file at a temporary path, then put it in place.

    `writer` may return False to say it failed (as QImage.save does); it may raise BpvizError
    or OSError. On any failure the temporary file is removed and the target is untouched."""
    target = target_path(path)
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temporaries(folder, target.name)
    tmp = _make_temporary(path, target, folder)
    try:
        if writer(tmp) is False:
            raise BpvizError(f"cannot save {_short(path)}: the file could not be written")
        _fsync_file(tmp)
        os.chmod(tmp, _mode_for(target))        # mkstemp makes 0600; keep what the file had
        os.replace(tmp, target)
    except BaseException as e:
        _remove(tmp)
        if isinstance(e, OSError):
            raise BpvizError(f"cannot save {_short(path)}: {e.strerror or e}") from None
        raise
    _fsync_folder(folder)
    return target


def check_writable(path) -> Path:
    """Before long work whose result goes to `path` (a training run with --save): refuse a
    write that cannot work, by making and removing a temporary file of the very name the
    writer would use in the target's folder. Catches a folder we may not write in, a file
    system that takes no new files, a name too long once the writer's temporary name is
    made of it. Returns the file a write would land in; leaves the folder as it was."""
    target = target_path(path)
    folder = target.parent if str(target.parent) else Path(".")
    _remove(_make_temporary(path, target, folder))
    return target


def _make_temporary(path, target: Path, folder: Path) -> str:
    """An empty temporary `.NAME.PID-RANDOM.tmp` beside `target`; its path."""
    prefix = f".{target.name}.{os.getpid()}-"
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
        os.close(fd)
        return tmp
    except OSError as e:
        why = e.strerror or str(e)
        if e.errno == errno.ENAMETOOLONG:    # the name may be fine: the temporary's is longer
            raise BpvizError(f"cannot save {_short(path)}: {_too_long(target, folder, prefix)}"
                             ) from None
        if e.errno == errno.ENOENT:          # the system's words name a file; say which is missing
            why = ("this folder does not take new files" if folder.is_dir()      # e.g. /proc
                   else "no such folder")
        raise BpvizError(f"cannot write to {_short(folder)}: {why}") from None


def _too_long(target: Path, folder: Path, prefix: str) -> str:
    """Why the temporary name was refused: the file name (with what the writer adds to it),
    else the whole path."""
    try:
        name_max = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        name_max = 255
    name = os.fsencode(target.name)
    added = len(os.fsencode(prefix)) - len(name) + 8 + len(".tmp")
    if len(name) + added <= name_max:
        return "the path is too long for this system; choose a shorter folder or name"
    unit = "characters" if len(name) == len(target.name) else "bytes"
    return (f"the file name is too long ({len(name)} {unit}; a save here takes names of at "
            f"most {max(name_max - added, 0)})")


# The random part tempfile.mkstemp puts in a name: 8 of these characters (CPython's
# tempfile._RandomNameSequence, unchanged since Python 3.0).
_RANDOM = "[a-z0-9_]{8}"


def temporary_name_pattern(name: str) -> re.Pattern:
    """The exact names our writer gives the temporaries of `name`: `.NAME.PID-RANDOM.tmp`."""
    return re.compile(rf"\.{re.escape(name)}\.(?P<pid>[0-9]+)-{_RANDOM}\.tmp")


def remove_stale_temporaries(folder, name: str) -> list[str]:
    """Remove `.NAME.PID-RANDOM.tmp` files in `folder` left by writes that died (their process
    is gone, or they are older than an hour). Only that exact form is ours: a user's
    `.NAME.notes.tmp` or `.NAME.123-draft.tmp` stays. Returns the names removed; never raises."""
    removed = []
    prefix = f".{name}."
    pattern = temporary_name_pattern(name)
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        try:
            age = time.time() - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if age < STALE_AFTER_SECONDS and _alive(int(match["pid"])):
            continue                            # maybe a write in progress: leave it
        if _remove(entry.path):
            removed.append(entry.name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):
        return True                             # exists but not ours, or cannot tell
    return True


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, else the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the system allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: str) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False


def _short(value, limit: int = 80) -> str:
    """A path for a one-line message: a long one loses the middle of its folders, not its
    file name ("/tmp/…/run0/view.png"; cut at the end it had read "…/run0/view.p…")."""
    text = str(value)
    if len(text) <= limit:
        return text
    tail = min(len(os.path.basename(text.rstrip("/\\"))) + 1, limit * 2 // 3)
    return text[:limit - tail - 1] + "…" + text[len(text) - tail:]
