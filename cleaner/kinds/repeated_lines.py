"""Remove lines that recur across the files of a site or of the run (templates).

Batch runs make a first pass that counts, for every normalised line (folded,
spaces removed), the number of files containing it: over the whole run, and
over the files of the same folder (a crawl keeps a folder per site, so a
folder's recurring lines are that site's template, learnt from its own pages
even when the site has only a handful of them).  A line is template when

* it is in at least ``min_files`` files and ``min_share`` of all files, or in
  at least ``min_site_files`` files and ``min_site_share`` of its folder's; and
* it recurs more widely than the file's own content does.

The second condition is what keeps duplicated documents whole: the file's
*content level* is the number of files holding its least repeated lines
(those that make up ``own_share`` of its text).  On a unique page that is 1,
so every recurring line above the thresholds goes; on an article copied into
ten files it is 10, so the article (in exactly those ten) stays and only a
template recurring in more files than that goes.  The same article reposted
on six sister sites keeps its text on all six while each site's template goes.
De-duplication is not this rule's job.

Short lines (``min_chars``), lines of digits and punctuation only (numbering)
and ``allow`` lines are never removed.  With ``--jobs`` the counting pass is
split across workers and merged, so results do not depend on the number of
workers.  On a subset of files (``cleaner check``/``fix`` in a pre-commit
hook) there are no counts and the rule is skipped with a note in the audit.

Options:
  min_files (int, 3), min_share (float, 0.05), min_site_files (int, 3),
  min_site_share (float, 0.5), own_share (float, 0.15), min_chars (int, 6),
  allow (list of str, []): lines never removed (compared after folding).
"""

from __future__ import annotations

import hashlib
import posixpath
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex

from cleaner.kinds.base import Kind
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_lines, fold_text

TRIVIAL = regex.compile(r"^[\p{P}\p{S}\p{N}\s]*$")


def _hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=8).digest()


def _key(text: str) -> bytes | None:
    """The corpus-count key of a folded line with its spaces removed (None: blank)."""
    if not text:
        return None
    return _hash(text.encode("utf-8", "surrogatepass"))


def site_of(rel: str) -> str:
    """The site a file belongs to: the folder holding it, relative to the tree ("" at the top)."""
    return posixpath.dirname(rel.replace("\\", "/"))


def site_key(site: str, key: bytes) -> bytes:
    """The key of a line counted within one site (kept in the same counter as the run's keys)."""
    return _hash(b"site\0" + site.encode("utf-8", "surrogatepass") + b"\0" + key)


def site_files_key(site: str) -> bytes:
    """A key every file of ``site`` holds once: its count is the site's number of files."""
    return _hash(b"files\0" + site.encode("utf-8", "surrogatepass"))


def line_keys(lines: list[str]) -> list[bytes | None]:
    """The corpus-count key of each line (None: blank), folded in one pass over their joined text."""
    return [_key(f.replace(" ", "")) for f in fold_lines(lines)]


def site_keys(keys: set[bytes], site: str) -> set[bytes]:
    """The run keys of a file and their per-site twins, plus the site's file-count key."""
    return keys | {site_key(site, k) for k in keys} | {site_files_key(site)}


def file_keys(lines: list[str], site: str = "") -> set[bytes]:
    """The keys a file adds to the counts (its lines over the run and within its site)."""
    return site_keys({k for k in line_keys(lines) if k is not None}, site)


@dataclass
class CorpusCounts:
    """How many files hold each line key, over ``files`` files."""

    files: int = 0
    counts: Counter[bytes] = field(default_factory=Counter)

    def add(self, keys: set[bytes]) -> None:
        self.files += 1
        self.counts.update(keys)

    def merge(self, other: CorpusCounts) -> None:
        self.files += other.files
        self.counts.update(other.counts)


@dataclass(frozen=True)
class RepeatedOptions:
    min_files: int = 3
    min_share: float = 0.05
    min_site_files: int = 3
    min_site_share: float = 0.5
    own_share: float = 0.15
    min_chars: int = 6
    allow: list[str] = field(default_factory=list)


def content_level(spread: list[tuple[int, int]], own_share: float) -> int:
    """The number of files holding the file's own content: ``spread`` is (files, chars) per line."""
    total = sum(chars for _, chars in spread)
    seen = 0
    for files, chars in sorted(spread):
        seen += chars
        if seen >= own_share * total:
            return files
    return 1


class RepeatedLines(Kind):
    """Remove lines that recur across a site's or the run's files, more widely than the file's own content."""

    name = "repeated-lines"
    contextual = False
    Options = RepeatedOptions
    needs_corpus = True

    def __init__(self, rule_id: str, options: RepeatedOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self.allow = {fold_text(a).replace(" ", "") for a in options.allow}

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        corpus = ctx.corpus
        if not isinstance(corpus, CorpusCounts) or corpus.files == 0:
            return Outcome(notes=["skipped: no corpus counts (only batch runs count lines across files)"])
        o: RepeatedOptions = self.options
        site = ctx.site or ""
        counts = corpus.counts
        site_files = counts.get(site_files_key(site), 0)
        texts = [f.replace(" ", "") for f in ctx.fold(lines)]
        keys = [_key(t) for t in texts]
        run = [max(1, counts.get(k, 0)) if k else 0 for k in keys]
        own = [max(1, counts.get(site_key(site, k), 0)) if k else 0 for k in keys]
        level_run = content_level([(n, len(t)) for n, t in zip(run, texts) if n], o.own_share)
        level_site = content_level([(n, len(t)) for n, t in zip(own, texts) if n], o.own_share)
        need_run = max(o.min_files, o.min_share * corpus.files)
        need_site = max(o.min_site_files, o.min_site_share * site_files)
        edits = []
        for i, text in enumerate(texts):
            if len(text) < o.min_chars or text in self.allow or TRIVIAL.match(text):
                continue
            if run[i] >= need_run and run[i] > level_run:
                reason = f"repeated in {run[i]} of {corpus.files} files"
            elif own[i] >= need_site and own[i] > level_site:
                reason = f"repeated in {own[i]} of the {site_files} files of its site"
            else:
                continue
            edits.append(LineEdit(i, None, reason, {"files": run[i], "site_files": own[i]}))
        return Outcome(edits)
