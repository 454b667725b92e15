"""Drive headless Chromium from the command line (no selenium, no playwright).

Used by the report's browser test, its size benchmark and the screenshot
script.  ``--dump-dom`` prints the DOM after the page's scripts ran;
``--virtual-time-budget`` lets pending timers finish first.  A throw-away
profile directory keeps every run independent of the user's.
"""

from __future__ import annotations

import struct
import subprocess
import tempfile
import time
import zlib
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",  # CI containers run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def available() -> bool:
    return CHROMIUM.is_file()


def run(url: str, *extra: str, timeout: float = 60) -> tuple[str, float]:
    """Chromium's stdout for ``url`` and the wall time it took (seconds)."""
    with tempfile.TemporaryDirectory(prefix="cleaner-chromium-") as profile:
        started = time.perf_counter()
        done = subprocess.run(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *extra, url],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited {done.returncode}: {done.stderr.decode(errors='replace')[-2000:]}")
    return done.stdout.decode("utf-8", "replace"), seconds


def dump_dom(url: str, budget_ms: int = 5000) -> str:
    """The DOM of ``url`` once its scripts ran."""
    return run(url, f"--virtual-time-budget={budget_ms}", "--dump-dom")[0]


def screenshot(url: str, path: Path, width: int = 1280, height: int = 1600) -> None:
    """A PNG of the first ``width`` x ``height`` CSS pixels of ``url``."""
    with tempfile.TemporaryDirectory(prefix="cleaner-shot-") as tmp:
        shot = Path(tmp) / "shot.png"
        # new headless mode keeps room for browser UI: the viewport is ~150 px shorter than
        # the window and the rest of the image stays blank, so ask for more and crop
        run(url, "--virtual-time-budget=5000", f"--window-size={width},{height + UI_PX}", f"--screenshot={shot}")
        path.write_bytes(crop_png(shot.read_bytes(), height))


UI_PX = 200


def crop_png(data: bytes, height: int) -> bytes:
    """Keep the top ``height`` rows of a non-interlaced 8-bit RGB(A) PNG.

    Every PNG row filter refers only to rows above, so the top rows can be
    kept as they are: no decoding of the filters is needed.
    """
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks: list[tuple[bytes, bytes]] = []
    pos = 8
    while pos < len(data):
        (size,) = struct.unpack(">I", data[pos : pos + 4])
        chunks.append((data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + size]))
        pos += 12 + size
    ihdr = chunks[0][1]
    width, old_height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
    assert depth == 8 and colour in (2, 6) and interlace == 0, "only 8-bit RGB(A), non-interlaced"
    row = 1 + width * (3 if colour == 2 else 4)
    pixels = zlib.decompress(b"".join(body for name, body in chunks if name == b"IDAT"))
    keep = min(height, old_height)
    out = [(b"IHDR", struct.pack(">II", width, keep) + ihdr[8:]), (b"IDAT", zlib.compress(pixels[: row * keep], 9))]
    out += [(b"IEND", b"")]

    def chunk(name: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + name + body + struct.pack(">I", zlib.crc32(name + body))

    return data[:8] + b"".join(chunk(n, b) for n, b in out)
