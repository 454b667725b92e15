"""Corpus counts: large files counted in bounded memory give the same counts; the cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.synth import make_corpus
from cleaner import corpus, runner
from cleaner.walk import walk


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Small pages and two large dumps of the same sites (they share template lines)."""
    src = tmp_path_factory.mktemp("tree") / "src"
    make_corpus(src, 0.5, seed=41, sites=5, big=(0.1, 0.15))
    return src


@pytest.mark.parametrize("jobs", [1, 2])
def test_large_files_spilled_to_runs_count_like_small_files(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    files = [e for e in walk(tree) if e.skip is None]
    whole = runner.corpus_counts(files, 1)
    monkeypatch.setenv("CLEANER_STREAM_THRESHOLD", "60000")
    monkeypatch.setattr(corpus, "SPILL_KEYS", 40)  # many sorted runs per large file
    assert sum(e.size > 60000 for e in files) == 2
    spilled = runner.corpus_counts(files, jobs, tmp_path)
    assert spilled.files == whole.files == len(files)
    assert spilled.counts == whole.counts and len(whole.counts) > 20
    assert list(tmp_path.iterdir()) == []  # the runs are removed


def test_counts_cache_round_trip_and_signature(tree: Path, tmp_path: Path) -> None:
    files = [e for e in walk(tree) if e.skip is None]
    counts = runner.corpus_counts(files, 1)
    cache = corpus.CountsCache(tmp_path, files, "salt")
    assert cache.digest() is None and cache.load() is None
    cache.save(counts, corpus.counts_digest(counts))
    assert cache.digest() == corpus.counts_digest(counts)
    loaded = cache.load()
    assert loaded is not None and loaded.files == counts.files and loaded.counts == counts.counts
    assert corpus.CountsCache(tmp_path, files, "other salt").digest() is None
    os.utime(files[0].path, ns=(files[0].mtime_ns, files[0].mtime_ns + 1))
    touched = [e for e in walk(tree) if e.skip is None]
    assert corpus.CountsCache(tmp_path, touched, "salt").digest() is None
