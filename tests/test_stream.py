"""A file cleaned in chunks (cleaner.stream) comes out exactly as cleaned whole."""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.synth import Writer, write_big
from cleaner import linesource, stream
from cleaner.audit import dumps
from cleaner.cli import main
from cleaner.config import RuleSet, load_rule_set
from cleaner.pipeline import Pipeline
from cleaner.work import clean_bytes


@pytest.fixture(scope="module")
def rule_set() -> RuleSet:
    return load_rule_set(None)


def _pages(seed: int, size: int) -> str:
    writer = Writer(seed)
    sites = [writer.site(i) for i in range(6)]
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(writer.page(writer.rng.choice(sites)))
    return "".join(parts)


def _edges(seed: int) -> str:
    """Pages with blank runs, spam lines and contact blocks packed together, so
    that many chunk edges fall inside them."""
    rng = random.Random(seed)
    out = []
    for i in range(400):
        out.append(f"　　第{i}段正文，会议强调要切实做好民生保障，各部门要加强协调配合。")
        out += [""] * rng.choice([0, 1, 3, 5])
        if rng.random() < 0.3:
            out += ["国产精品-久久久久-一区二区三区-免费视频-在线观看", "", "", ""]
        if rng.random() < 0.2:
            out += ["联系方式:", "", f"电话:022-2345{i:04d}", "邮编:300220", ""]
    return "\n".join(out) + "\n"


def _streamed(
    tmp_path: Path, data: bytes, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, bytes | None]:
    monkeypatch.setenv("CLEANER_STREAM_CHUNK", "3000")
    src, out = tmp_path / "in.txt", tmp_path / "out" / "in.txt"
    src.write_bytes(data)
    done = stream.clean_file("in.txt", src, out, pipeline, margin=2000)
    assert not list(out.parent.glob("*.cleaner-tmp")) if out.parent.exists() else True
    return dumps(done.record), out.read_bytes() if out.exists() else None


def _whole(data: bytes, pipeline: Pipeline) -> tuple[str, bytes | None]:
    done = clean_bytes("in.txt", data, pipeline)
    return dumps(done.record), done.output


def _bad_bytes(text: str, every: int) -> bytes:
    data = bytearray(text.encode("utf-8"))
    for i in range(1000, len(data), every):
        data[i] = 0xFF
    return bytes(data)


VARIANTS = {
    "utf-8": lambda: _pages(1, 60_000).encode("utf-8"),
    "blank runs and blocks at chunk edges": lambda: _edges(2).encode("utf-8"),
    "no final newline": lambda: _pages(3, 30_000).rstrip("\n").encode("utf-8"),
    "crlf": lambda: _pages(4, 30_000).replace("\n", "\r\n").encode("utf-8"),
    "mostly crlf after an lf start": lambda: (_pages(5, 8_000) + _pages(6, 30_000).replace("\n", "\r\n")).encode(),
    "lines ending in two cr": lambda: _pages(7, 20_000).replace("\n", "\r\r\n").encode("utf-8"),
    "gb18030": lambda: _pages(8, 30_000).encode("gb18030"),
    "ascii first, gb18030 later": lambda: ("hello world\n" * 3000 + _pages(9, 5_000)).encode("gb18030"),
    "big5": lambda: _pages(10, 30_000).encode("cp950", "replace"),
    "utf-16 with bom": lambda: codecs.BOM_UTF16_LE + _pages(11, 30_000).encode("utf-16-le"),
    "utf-8 with bom": lambda: codecs.BOM_UTF8 + _pages(12, 30_000).encode("utf-8"),
    "a few bad bytes": lambda: _bad_bytes(_pages(13, 30_000), 25_000),
    "too many bad bytes": lambda: _bad_bytes(_pages(14, 30_000), 300),
    "binary": lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 400,
    "english": lambda: ("The new version improves performance on large data sets.\n\n" * 2000).encode(),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_streamed_equals_whole(name: str, rule_set: RuleSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linesource, "PROBE_BYTES", 16_384)  # the probe's ways with a small file
    data = VARIANTS[name]()
    pipeline = Pipeline(rule_set)
    assert _streamed(tmp_path, data, pipeline, monkeypatch) == _whole(data, pipeline)


def test_dropped_file_lists_the_findings_of_the_rules_before(
    write_rules: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = write_rules(
        "version: 1\nrules:\n  - id: pinyin\n    kind: pinyin-annotations\n"
        "  - id: lang\n    kind: language\n    allow: [en]\n    action: drop\n"
        "  - id: blank\n    kind: blank-lines\n"
    )
    pipeline = Pipeline(load_rule_set(str(rules)))
    data = ("物聯(lián)網(wǎng)的應用\n\n" * 600).encode("utf-8")  # several chunks, under the findings cap
    streamed, whole = _streamed(tmp_path, data, pipeline, monkeypatch), _whole(data, pipeline)
    assert streamed == whole
    record, output = streamed
    assert output is None
    assert '"status":"dropped"' in record and '"action":"drop"' in record and '"changed_lines":600' in record


def test_findings_are_capped_but_counted(rule_set: RuleSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "FINDINGS_CAP", 5)
    pipeline = Pipeline(rule_set)
    data = _edges(3).encode("utf-8")
    import json

    streamed = json.loads(_streamed(tmp_path, data, pipeline, monkeypatch)[0])
    whole = json.loads(_whole(data, pipeline)[0])
    for s, w in zip(streamed["rules"], whole["rules"], strict=True):
        assert len(s["findings"]) == min(5, len(w["findings"]))
        assert s["findings"] == w["findings"][:5]
        assert s.get("findings_omitted", 0) == len(w["findings"]) - len(s["findings"])
        assert (s["removed_lines"], s["changed_lines"]) == (w["removed_lines"], w["changed_lines"])
    assert any(s.get("findings_omitted") for s in streamed["rules"])


def test_windows_cover_every_line_once_and_cut_after_blank_lines() -> None:
    lines = [("" if i % 7 == 0 else "x" * (i % 13)) for i in range(5000)]
    seen: list[str] = []
    ws = list(stream.windows(iter(lines), 500, 200))
    assert len(ws) > 20 and ws[0].first and not any(w.first for w in ws[1:])
    for w in ws:
        assert w.start + w.core == len(seen)  # cores are contiguous
        seen += w.lines[w.core : w.end]
        if w is not ws[-1]:
            assert w.lines[w.end - 1] == "" and sum(len(x) + 1 for x in w.lines[w.end :]) >= 200
        if not w.first:
            assert sum(len(x) + 1 for x in w.lines[: w.core]) >= 200
    assert seen == lines


def test_cli_streams_a_3mb_file_like_it_cleans_it_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    write_big(src / "dump.txt", 3_000_000, seed=5)
    (src / "small.txt").write_text(_pages(15, 3_000), encoding="utf-8")
    monkeypatch.setattr(stream, "FINDINGS_CAP", 10**6)  # the cap is tested on its own
    runs = {}
    for name, limit in (("whole", str(10**9)), ("streamed", "1000000")):
        monkeypatch.setenv("CLEANER_STREAM_THRESHOLD", limit)
        monkeypatch.setenv("CLEANER_STREAM_CHUNK", "400000")
        result = CliRunner().invoke(main, ["run", str(src), "--out", str(tmp_path / name), "-j", "1"])
        assert result.exit_code == 0, result.output
        runs[name] = tmp_path / name
    for rel in ("dump.txt", "small.txt", "audit.jsonl"):
        assert (runs["streamed"] / rel).read_bytes() == (runs["whole"] / rel).read_bytes(), rel
