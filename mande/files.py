"""Files that a crash leaves whole (the old one or the new, never half of one), and the lock that lets one
process at a time write them.

The data folder's files and their history are written through these, durably (fsync before the rename that
publishes a file). A lock is an flock, which the system releases when the process holding it dies, even by
`kill -9`: the update lock of a data folder (`history.update_lock`) and the build lock of a database (`db.py`).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path


@contextmanager
def lock(path: Path, wait: bool = True) -> Iterator[None]:
    """Hold the lock named by the file `path` (made if missing); BlockingIOError when it is held and not `wait`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write(path: Path, content: bytes, atomic: bool = True, sync: bool = True) -> None:
    """Write a file, durably unless told not (fsync), atomically unless told not (a temporary file in the same
    folder, then os.replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _replaced(path) if atomic else nullcontext(path) as target, open(target, "wb") as handle:
        handle.write(content)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())


def copy(source: Path, path: Path) -> None:
    """Copy a file atomically (and durably) to `path`."""
    with _replaced(path) as tmp:
        shutil.copyfile(source, tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())


@contextmanager
def _replaced(path: Path) -> Iterator[Path]:
    """A temporary file beside `path`, renamed onto it when the block ends without an error, else removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256(path: Path) -> str:
    """The SHA-256 of a file, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
