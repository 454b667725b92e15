"""Progress on stderr: a bar on a terminal, nothing when piped, names with -v."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, files: int, size: int, quiet: bool = False, verbose: bool = False) -> None:
        self.files, self.size = files, size
        self.done_files = self.done_size = 0
        self.quiet, self.verbose = quiet, verbose
        self.bar = not quiet and not verbose and sys.stderr.isatty() and files > 0
        self.started = self.last = time.monotonic()

    def advance(self, rel: str, size: int, status: str, reason: str | None = None) -> None:
        self.done_files += 1
        self.done_size += size
        if self.verbose and not self.quiet:
            print(f"{status:9s} {rel}" + (f" ({reason})" if reason else ""), file=sys.stderr)
        now = time.monotonic()
        if self.bar and (now - self.last >= 0.1 or self.done_files == self.files):
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.started, 1e-6)
        rate = self.done_size / elapsed / 1e6
        share = self.done_size / self.size if self.size else self.done_files / max(self.files, 1)
        eta = (elapsed / share - elapsed) if share > 0 else 0.0
        filled = int(share * 30)
        bar = "#" * filled + "-" * (30 - filled)
        sys.stderr.write(
            f"\r[{bar}] {self.done_files}/{self.files} files  {self.done_size / 1e6:.1f}/{self.size / 1e6:.1f} MB"
            f"  {rate:.1f} MB/s  ETA {eta:.0f}s "
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self.bar:
            sys.stderr.write("\n")
