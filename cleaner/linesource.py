"""Read a large file as lines with bounded memory: detect, decode, hash as it goes.

The encoding is decided by :func:`cleaner.decode.decode` on a *probe* (the
first MiB, cut at a line end; for a file that starts with ASCII only, its
first 8 KiB plus the 64 KiB sample that follows its first non-ASCII byte, as
decode() would rank them), then the whole file is decoded incrementally.
Lines are split as :func:`cleaner.pipeline.split_lines` splits them (at
``\\r\\n``, ``\\n`` or a lone ``\\r``).  Bad byte sequences become U+FFFD; if,
at the end, there are more than decode() allows (1 + 1 per 1000 characters),
the file is :class:`~cleaner.decode.Undecodable` — a file whose encoding
changes after the probe is refused rather than guessed again.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from typing import IO

from cleaner.decode import PREFIX_BYTES, SAMPLE_BYTES, Undecodable, decode

BLOCK_BYTES = 1 << 20
PROBE_BYTES = 1 << 20
#: decode()'s encoding names and the incremental codec that reads a whole file
#: in that encoding, byte-order mark included (the utf-16/32 codecs read it)
CODECS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf-16": "utf-16",
    "utf-32": "utf-32",
    "gb18030": "gb18030",
    "big5": "cp950",
}
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_LINE_END = re.compile(r"\r\n|\r|\n")  # as cleaner.pipeline.split_lines
_ERRORS = "cleaner-counted-replace"
_replaced = [0]  # bad sequences seen by the running decode() call (one per process at a time)


def _count_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _replaced[0] += 1
    return "\ufffd", exc.end  # what errors="replace" does


codecs.register_error(_ERRORS, _count_replace)


def _cut(data: bytes, keep: int) -> bytes:
    """``data`` up to its last line end, if that keeps at least ``keep`` bytes."""
    end = data.rfind(b"\n") + 1
    return data[:end] if end >= keep else data


def probe(fh: IO[bytes]) -> bytes:
    """The bytes to decide the encoding on (reads from the current position)."""
    head = fh.read(PROBE_BYTES)
    if head.startswith(_WIDE_BOMS):
        return head[: len(head) - len(head) % 4]
    found = _NON_ASCII.search(head)
    if found is None:
        if len(head) < PROBE_BYTES:
            return head
        while block := fh.read(BLOCK_BYTES):  # ASCII so far: find the first other byte
            found = _NON_ASCII.search(block)
            if found is not None:
                window = block[found.start() :] + fh.read(2 * SAMPLE_BYTES)
                return _cut(head[:PREFIX_BYTES], 1) + b"\n" + _cut(window, SAMPLE_BYTES)
        return head
    want = found.start() + 2 * SAMPLE_BYTES
    if len(head) == PROBE_BYTES and want > len(head):
        head += fh.read(want - len(head))
    return _cut(head, found.start() + SAMPLE_BYTES) if len(head) >= want else head


def detect(fh: IO[bytes]) -> str:
    """decode()'s encoding name for the file (raises Undecodable); rewinds ``fh``."""
    try:
        return decode(probe(fh)).encoding
    finally:
        fh.seek(0)


class LineSource:
    """Lines of an open binary file, with the facts the writer and the audit need."""

    def __init__(self, fh: IO[bytes], encoding: str) -> None:
        self.fh = fh
        self.encoding = encoding
        self.sha256 = hashlib.sha256()
        self.bytes = 0
        self.chars = 0
        self.fffd = 0  # U+FFFD in the decoded text, replaced or not
        self.replaced = 0
        self.ends = {"\n": 0, "\r\n": 0, "\r": 0}  # line ends seen, by kind
        self.final = False  # the text ended with a newline

    def lines(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(CODECS[self.encoding])(errors=_ERRORS)
        pending = ""
        while True:
            block = self.fh.read(BLOCK_BYTES)
            self.sha256.update(block)
            self.bytes += len(block)
            _replaced[0] = 0
            text = decoder.decode(block, final=not block)
            self.replaced += _replaced[0]
            self.chars += len(text)
            self.fffd += text.count("\ufffd")
            text = pending + text
            held = 1 if block and text.endswith("\r") else 0  # may be the first half of \r\n
            body = text[: len(text) - held]
            crlf = body.count("\r\n")
            self.ends["\r\n"] += crlf
            self.ends["\n"] += body.count("\n") - crlf
            self.ends["\r"] += body.count("\r") - crlf
            parts = _LINE_END.split(body)
            pending = parts.pop() + text[len(body) :]
            yield from parts
            if not block:
                break
        self.final = pending == "" and sum(self.ends.values()) > 0
        if pending:
            yield pending

    def check(self) -> None:
        """Raise Undecodable when decode() would have refused the whole file."""
        if self.replaced and self.fffd > 1 + self.chars // 1000:
            raise Undecodable(f"not valid {self.encoding} text (bad byte sequences after the first MiB)")

    def newline(self) -> str:
        """The file's newline style so far: the most common, as split_lines() decides it."""
        return max(self.ends, key=lambda k: self.ends[k])  # a tie keeps the earlier: "\n" first

    def drain(self) -> None:
        """Hash the rest of the file (after an error) so the record names the input."""
        while block := self.fh.read(BLOCK_BYTES):
            self.sha256.update(block)
            self.bytes += len(block)
