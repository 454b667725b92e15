"""Turn a file's raw bytes into text, or into a reason to skip it (Undecodable).

Order: empty; binary check of the first 8 KiB; byte-order mark (UTF-32/16/8);
strict UTF-8; else candidates utf-8, gb18030, big5 are ranked by cost() of a
<= 64 KiB sample from the first non-ASCII byte, cut on a character boundary;
above MAX_COST is mojibake. The best decodes the whole input strictly; failing
that, at most 1 + len(text) // 1000 bad sequences become U+FFFD, else the next is
tried. Big5 is decoded as cp950 (Big5 plus e.g. the euro sign) and reported as
"big5"; GBK/GB2312 are reported as "gb18030" (their superset); ASCII as "utf-8".
"""

from __future__ import annotations

import codecs
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

PREFIX_BYTES = 8 * 1024
SAMPLE_BYTES = 64 * 1024
MAX_COST = 9.5  # mean bits per non-ASCII character; real text ~7, mojibake 11+
PUNCT_COST, OTHER_COST = 6.0, 16.0
MAX_CONTROL_SHARE = 0.1
LEGACY = (("utf-8", "utf-8"), ("gb18030", "gb18030"), ("big5", "cp950"))  # name, codec

_MAGIC = tuple(
    (re.compile(pattern, re.DOTALL), kind)
    for pattern, kind in (
        (rb"\x89PNG\r\n\x1a\n", "PNG image"),
        (rb"\xff\xd8\xff", "JPEG image"),
        (rb"GIF8[79]a", "GIF image"),
        (rb"RIFF.{4}WEBP", "WebP image"),
        (rb"PK(\x03\x04|\x05\x06|\x07\x08)", "ZIP archive"),
        (rb"\x1f\x8b|BZh[1-9]1AY&SY|\xfd7zXZ\x00|\x28\xb5\x2f\xfd", "compressed data"),
        (rb"7z\xbc\xaf\x27\x1c|Rar!\x1a\x07", "7z or RAR archive"),
        (rb"%PDF-", "PDF document"),
        (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document"),
        (rb"\x7fELF", "ELF executable"),
        (rb"MZ.\x00|\xca\xfe\xba\xbe\x00|[\xce\xcf]\xfa\xed\xfe.\x00", "executable"),
        (rb"ID3[\x02-\x04]\x00|OggS\x00|fLaC|RIFF.{4}WAVE|\0\0..ftyp", "audio/video"),
    )
)
_BOMS = (  # UTF-32 LE first: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_NON_ASCII_CHAR = re.compile("[^\x00-\x7f]")
_PUNCT = re.compile("[\u00b7\u2010-\u205e\u3000-\u303f\uff01-\uff5e]")


@dataclass(frozen=True)
class Decoded:
    text: str  # BOM removed, newlines untouched
    encoding: str  # utf-8, utf-8-sig, utf-16, utf-32, gb18030 or big5


class Undecodable(Exception):
    """The bytes are not text this module will return; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@functools.cache
def han_costs() -> dict[str, float]:
    """log2(rank + 4) of each common Han character, from data/common-han.txt."""
    path = Path(__file__).with_name("data") / "common-han.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    ranked = [line.strip() for line in lines if not line.startswith("#")]
    pairs = [(ch, math.log2(rank + 4)) for rank, line in enumerate(ranked) for ch in line]
    return dict(reversed(pairs))  # a character on several lines keeps its best rank


def looks_binary(data: bytes) -> str | None:
    """A reason if the first PREFIX_BYTES look like a binary file, else None."""
    head = data[:PREFIX_BYTES]
    for pattern, kind in _MAGIC:
        if pattern.match(head):
            return f"binary file ({kind})"
    bom = next((b for b in _BOMS if head.startswith(b[0])), None)  # may hold NULs
    if bom is None and b"\x00" in head:
        return "binary file (NUL bytes)"
    text = head[len(bom[0]) :].decode(bom[1], "replace") if bom else head.decode("latin-1")
    if text and len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        return "binary file (control characters)"
    return None


def cost(text: str) -> float:
    """Mean cost of non-ASCII characters: log2(rank + 4) for common Han, PUNCT_COST
    for CJK punctuation, else OTHER_COST (rare Han, kana, PUA, U+FFFD...)."""
    chars = _NON_ASCII_CHAR.findall(text)
    if not chars:
        return OTHER_COST
    costs = han_costs()
    known = list(map(costs.get, chars))
    total = sum(c for c in known if c is not None)
    for ch, c in zip(chars, known):
        if c is None:
            total += PUNCT_COST if _PUNCT.match(ch) else OTHER_COST
    return total / len(chars)


def _full(body: bytes, codec: str, name: str) -> Decoded | None:
    try:
        return Decoded(body.decode(codec), name)
    except UnicodeDecodeError:
        text = body.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    return Decoded(text, name) if bad <= 1 + len(text) // 1000 else None


def decode(data: bytes) -> Decoded:
    """Decode ``data``; raise Undecodable with a reason when it is not text."""
    if not data:
        return Decoded("", "utf-8")
    reason = looks_binary(data)
    if reason is not None:
        raise Undecodable(reason)
    bom = next((b for b in _BOMS if data.startswith(b[0])), None)
    if bom is not None:
        found = _full(data[len(bom[0]) :], bom[1], bom[2])
        if found is None:
            raise Undecodable(f"not valid {bom[2]} text despite its byte-order mark")
        return found
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    begin = next(_NON_ASCII.finditer(data)).start()  # exists: ASCII is valid UTF-8
    sample = data[begin : begin + SAMPLE_BYTES]
    final = begin + SAMPLE_BYTES >= len(data)
    scored = []
    for name, codec in LEGACY:
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        scored.append((cost(decoder.decode(sample, final)), name, codec))
    scored.sort(key=lambda s: s[0])  # stable: ties keep the LEGACY order
    for value, name, codec in scored:
        if value > MAX_COST:
            break
        found = _full(data, codec, name)
        if found is not None:
            return found
    raise Undecodable(f"not text in any supported encoding ({', '.join(dict(LEGACY))})")
