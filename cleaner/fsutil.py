"""File-system helpers the runner and the hooks share: atomic writes and a lock."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path
from typing import IO

TMP_SUFFIX = ".cleaner-tmp"


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename.

    A reader (or a run killed half-way) sees the old file or the new one,
    never half of one.  ``mode`` keeps permissions of a file being replaced.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def sweep_temporaries(root: Path) -> int:
    """Remove temporary files a killed run left under ``root``."""
    n = 0
    if root.is_dir():
        for tmp in root.rglob(f"*{TMP_SUFFIX}"):
            tmp.unlink(missing_ok=True)
            n += 1
    return n


class LockHeld(Exception):
    pass


def lock(path: Path) -> IO[str]:
    """Take an exclusive lock on ``path`` (released when the process ends)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+", encoding="utf-8")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        fh.close()
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            raise LockHeld(str(path)) from None
        raise
    return fh
