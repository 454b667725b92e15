"""File-system helpers the runner and the hooks share: atomic writes and a lock."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO

TMP_SUFFIX = ".cleaner-tmp"
_TMP_NAME = re.compile(rf"\..+\.\d+{re.escape(TMP_SUFFIX)}", re.DOTALL)  # what atomic_write names, only


def atomic_write(path: Path, data: bytes, mode: int | None = None, durable: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename.

    A reader (or a run killed half-way) sees the old file or the new one,
    never half of one.  ``mode`` keeps permissions of a file being replaced.
    ``durable`` also syncs the data to disk before the rename (in-place
    fixes of a user's files); batch outputs can be rebuilt, so they skip it.
    """
    make_dirs(path.parent)
    tmp = temp_path(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def temp_path(path: Path) -> Path:
    """Where a new ``path`` is written before the rename (sweep_temporaries knows the name)."""
    # a name near the 255-byte limit leaves no room for the suffix: shorten it
    name = path.name if len(os.fsencode(path.name)) <= 200 else hashlib.sha256(os.fsencode(path.name)).hexdigest()[:16]
    return path.with_name(f".{name}.{os.getpid()}{TMP_SUFFIX}")


def write_lines(path: Path, lines: Iterable[bytes]) -> None:
    """Write ``lines`` (each + a newline) atomically, without joining them in memory."""
    make_dirs(path.parent)
    tmp = temp_path(path)
    try:
        with open(tmp, "wb") as fh:
            for line in lines:
                fh.write(line)
                fh.write(b"\n")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def sweep_temporaries(root: Path) -> int:
    """Remove temporary files a killed run left under ``root``."""
    n = 0
    stack = [root] if root.is_dir() else []
    while stack:  # no recursion: outputs may be 2,000 directories deep
        try:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(Path(entry.path))
                    elif _TMP_NAME.fullmatch(entry.name):
                        Path(entry.path).unlink(missing_ok=True)
                        n += 1
        except OSError:
            continue
    return n


def make_dirs(path: Path) -> None:
    """``mkdir -p`` without recursion (``Path.mkdir(parents=True)`` recurses per level)."""
    missing: list[Path] = []
    while not path.is_dir() and path.parent != path:
        missing.append(path)
        path = path.parent
    for directory in reversed(missing):
        try:
            directory.mkdir()
        except FileExistsError:
            if not directory.is_dir():
                raise


class LockHeld(Exception):
    pass


def lock(path: Path) -> IO[str]:
    """Take an exclusive lock on ``path`` (released when the process ends).

    A POSIX record lock (``lockf``), not ``flock``: forked workers do not
    inherit it, so a worker outliving a killed run cannot block the next one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+", encoding="utf-8")
    try:
        fcntl.lockf(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        fh.close()
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            raise LockHeld(str(path)) from None
        raise
    return fh
