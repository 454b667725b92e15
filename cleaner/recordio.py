"""Record files: which files hold records, and reading and writing their bytes.

A file is a record file by its name — ``.jsonl`` / ``.ndjson`` (plain,
``.gz`` or ``.zst``) and ``.parquet`` — or, for a ``.json`` file, by its
content: its first non-blank line is a whole JSON object (JSON lines); any
other ``.json`` file is cleaned as text, as before.

Compressed output is deterministic (gzip without a name or a timestamp, zstd
on one thread), so the same input gives the same bytes whatever the number of
workers.  zstd needs ``zstandard`` and Parquet ``pyarrow``, optional extras;
without them such a file fails with a one-line reason naming the extra.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cleaner.fsutil import make_dirs, temp_path

SNIFF_BYTES = 1 << 16
_JSONL = (".jsonl", ".ndjson")
_COMPRESSED = {".gz": "gzip", ".zst": "zstd", ".zstd": "zstd"}


class MissingExtra(Exception):
    """An optional dependency this file needs is not installed."""


@dataclass(frozen=True)
class Format:
    kind: str  # "jsonl" | "parquet"
    compression: str | None = None  # None | "gzip" | "zstd"


def record_format(path: Path) -> Format | None:
    """The record format of ``path``, or None for a text file."""
    name = path.name.lower()
    if name.endswith(".parquet"):
        return Format("parquet")
    stem, ext = os.path.splitext(name)
    if ext in _COMPRESSED and stem.endswith(_JSONL):
        return Format("jsonl", _COMPRESSED[ext])
    if name.endswith(_JSONL):
        return Format("jsonl")
    if name.endswith(".json") and _holds_json_lines(path):
        return Format("jsonl")
    return None


def _holds_json_lines(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return False
    for line in head.splitlines():
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except ValueError:  # a pretty-printed document, or a line cut by the sniff
                return False
    return False


def zstandard() -> Any:
    try:
        import zstandard as zstd
    except ImportError:
        raise MissingExtra("zstd files need zstandard: pip install 'cleaner[zstd]'") from None
    return zstd


def pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtra("Parquet files need pyarrow: pip install 'cleaner[parquet]'") from None
    return pq


class _Hashing(io.RawIOBase):
    """A raw file that hashes and counts every byte read from or written to it."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.sha256 = hashlib.sha256()
        self.bytes = 0

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self.fh.readinto(buffer)  # type: ignore[attr-defined]
        self.sha256.update(memoryview(buffer)[:n])
        self.bytes += n
        return int(n)

    def write(self, data: Any) -> int:
        n = self.fh.write(data)
        self.sha256.update(data)
        self.bytes += n
        return n

    def close(self) -> None:
        self.fh.close()
        super().close()


class LineReader:
    """The lines of a (possibly compressed) JSON-lines file, each with its line end."""

    def __init__(self, path: Path, compression: str | None) -> None:
        self.raw = _Hashing(open(path, "rb"))
        stream: Any
        if compression == "gzip":
            stream = gzip.GzipFile(fileobj=self.raw, mode="rb")
        elif compression == "zstd":
            try:
                reader = zstandard().ZstdDecompressor().stream_reader(self.raw, closefd=False)
            except BaseException:
                self.raw.close()
                raise
            stream = io.BufferedReader(reader, 1 << 20)
        else:
            stream = io.BufferedReader(self.raw, 1 << 20)
        self.stream = stream

    def __iter__(self) -> Any:
        return iter(self.stream)

    def close(self) -> None:
        self.stream.close()
        self.raw.close()

    def drain(self) -> None:
        """Read the rest of the raw file, so its sha256 is of all of it."""
        while self.raw.read(1 << 20):
            pass


class Sink:
    """An output file written through a temporary file (renamed by commit), compressed as asked."""

    def __init__(self, path: Path, compression: str | None = None) -> None:
        make_dirs(path.parent)
        self.path, self.tmp = path, temp_path(path)
        self.raw = _Hashing(open(self.tmp, "wb"))
        self.stream: Any = self.raw
        try:
            if compression == "gzip":
                self.stream = gzip.GzipFile(filename="", mode="wb", fileobj=self.raw, mtime=0, compresslevel=6)
            elif compression == "zstd":
                self.stream = zstandard().ZstdCompressor(level=3).stream_writer(self.raw, closefd=False)
        except BaseException:
            self.abort()
            raise

    def write(self, data: bytes) -> None:
        if data:
            self.stream.write(data)

    def commit(self, durable: bool = False, mode: int | None = None) -> None:
        if self.stream is not self.raw:
            self.stream.close()
        if durable:
            self.raw.flush()
            os.fsync(self.raw.fh.fileno())
        self.raw.close()
        if mode is not None:
            os.chmod(self.tmp, mode)
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.raw.close()
        finally:
            self.tmp.unlink(missing_ok=True)
