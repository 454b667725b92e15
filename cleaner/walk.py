"""List the files of a source tree in sorted order, never leaving the tree.

Symbolic links are followed only when their target lies inside the tree
(a link to a file elsewhere, or a loop, becomes a skipped entry with a
reason).  Directories are never entered through a link; ``.git``, ``.hg``,
``.svn`` and ``.cleaner`` directories are not entered at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# version-control metadata and cleaner's own state are not pages
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".cleaner"})


@dataclass(frozen=True)
class Entry:
    rel: str  # POSIX path relative to the root
    path: Path
    size: int = 0
    mtime_ns: int = 0
    skip: str | None = None  # reason when the entry is not a file to clean


def walk(root: Path) -> Iterator[Entry]:
    real_root = root.resolve()
    yield from _walk(root, real_root, "")


def _walk(top: Path, real_root: Path, prefix: str) -> Iterator[Entry]:
    # an explicit stack, not recursion: a tree may be 2,000 directories deep
    stack = [_entries(top, real_root, prefix)]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, Entry):
            yield item
        else:
            stack.append(_entries(item[0], real_root, item[1] + "/"))


def _entries(directory: Path, real_root: Path, prefix: str) -> Iterator[Entry | tuple[Path, str]]:
    """One directory's entries in sorted order; a subdirectory comes as (path, rel) to enter."""
    try:
        names = sorted(os.listdir(directory))
    except OSError as exc:
        yield Entry(prefix.rstrip("/") or ".", directory, skip=f"cannot list directory: {exc.strerror}")
        return
    for name in names:
        path = directory / name
        rel = prefix + name
        try:
            st = path.lstat()
        except OSError as exc:
            yield Entry(rel, path, skip=f"cannot stat: {exc.strerror}")
            continue
        if path.is_symlink():
            yield _link(path, rel, real_root)
        elif path.is_dir():
            if name not in SKIP_DIRS:
                yield path, rel
        elif path.is_file():
            yield Entry(rel, path, st.st_size, st.st_mtime_ns)
        else:
            yield Entry(rel, path, skip="not a regular file")


def _link(path: Path, rel: str, real_root: Path) -> Entry:
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return Entry(rel, path, skip="symlink loop")
    except OSError as exc:
        if "loop" in str(exc).lower() or getattr(exc, "errno", 0) == 40:
            return Entry(rel, path, skip="symlink loop")
        return Entry(rel, path, skip="broken symlink")
    if not target.is_relative_to(real_root):
        return Entry(rel, path, skip=f"symlink pointing outside the source tree ({target})")
    if target.is_dir():
        return Entry(rel, path, skip="symlink to a directory (not followed)")
    try:
        st = target.stat()
    except OSError as exc:  # the target went away since resolve()
        return Entry(rel, path, skip=f"cannot stat: {exc.strerror}")
    return Entry(rel, path, st.st_size, st.st_mtime_ns)
