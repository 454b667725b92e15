"""Record files in `cleaner run`, `check` and `fix`: JSONL (plain, gzip, zstd), JSON-lines .json, Parquet."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from cleaner import Cleaner
from tests.clirun import cli
from tests.texts import CLEAN, DROP_RULES, ENGLISH, SPAM


def _text(i: int) -> str:
    """Spam, clean, or both; every article line its own (a line in many records is a template)."""
    spam = SPAM.splitlines()[0] + "\n"
    article = f"第{i}天，{CLEAN}"
    return [spam + f"第{i}天，春天来了。\n", article, spam + article][i % 3]


def _records(n: int = 12) -> list[dict[str, Any]]:
    return [{"id": f"r{i}", "url": f"https://example.org/{i}", "text": _text(i), "n": i, "x": 1.5e3} for i in range(n)]


def _jsonl(records: list[dict[str, Any]], ascii: bool = False) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=ascii) + "\n" for r in records).encode("utf-8")


def _zstd(data: bytes) -> bytes:
    zstandard = pytest.importorskip("zstandard")
    return bytes(zstandard.ZstdCompressor().compress(data))


def _unzstd(data: bytes) -> bytes:
    zstandard = pytest.importorskip("zstandard")
    return bytes(zstandard.ZstdDecompressor().decompressobj().decompress(data))


def _audit(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    ("name", "pack", "unpack"),
    [
        ("pages.jsonl", lambda b: b, lambda b: b),
        ("pages.json", lambda b: b, lambda b: b),
        ("pages.jsonl.gz", gzip.compress, gzip.decompress),
        ("pages.jsonl.zst", _zstd, _unzstd),
    ],
)
def test_json_lines_round_trip_keeps_other_fields_and_order(tmp_path: Path, name: str, pack: Any, unpack: Any) -> None:
    records = _records()
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / name).write_bytes(pack(_jsonl(records, ascii=name.endswith(".gz"))))
    run = cli("run", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "-j", "1", "--id-field", "id")
    assert run.code == 0, run.err
    lines = unpack((tmp_path / "out" / name).read_bytes()).decode("utf-8").splitlines()
    c = Cleaner()
    assert [json.loads(line) for line in lines] == [{**r, "text": c.clean(r["text"]).text} for r in records]
    for line, rec in zip(lines, records):  # only the text value's bytes change
        original = json.dumps(rec, ensure_ascii=name.endswith(".gz"))
        if rec["n"] % 3 == 1:
            assert line == original
        assert line.split('"text": ')[0] == original.split('"text": ')[0]
        assert line.endswith(f', "n": {rec["n"]}, "x": 1500.0}}')
    audit = _audit(tmp_path / "out")
    assert audit[0]["path"] == name and audit[0]["status"] == "cleaned"
    assert audit[0]["records"] == {"cleaned": 8, "unchanged": 4, "dropped": 0, "error": 0, "invalid": 0}
    assert [(a["path"], a["record"], a["id"], a["line"]) for a in audit[1:]] == [
        (name, i, f"r{i}", i + 1) for i in range(12)
    ]
    assert all(a["status"] == ("unchanged" if i % 3 == 1 else "cleaned") for i, a in enumerate(audit[1:]))
    report = cli("report", str(tmp_path / "out" / "audit.jsonl"), "-o", str(tmp_path / "r.html"))
    assert report.code == 0 and "report of 12 files" in report.err  # one entry per record


def test_parquet_round_trip_keeps_schema_row_groups_and_order(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    records = _records(10)
    table = pa.Table.from_pylist(records)
    (tmp_path / "src").mkdir()
    pq.write_table(table, tmp_path / "src" / "pages.parquet", row_group_size=4, compression="zstd")
    run = cli("run", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "-j", "2", "--id-field", "id")
    assert run.code == 0, run.err
    out = pq.ParquetFile(tmp_path / "out" / "pages.parquet")
    assert out.schema_arrow == table.schema
    assert [out.metadata.row_group(i).num_rows for i in range(out.num_row_groups)] == [4, 4, 2]
    assert out.metadata.row_group(0).column(0).compression == "ZSTD"
    c = Cleaner()
    assert out.read().to_pylist() == [{**r, "text": c.clean(r["text"]).text} for r in records]
    assert [(a["record"], a["id"]) for a in _audit(tmp_path / "out")[1:]] == [(i, f"r{i}") for i in range(10)]


def test_bad_records_are_reported_and_passed_through(tmp_path: Path) -> None:
    good = _jsonl(_records(2)).splitlines(keepends=True)
    bad = [b"{not json\n", b'{"id": "b", "body": "x"}\n', b'{"id": "c", "text": 42}\n', b"[1, 2]\n", b"\xff\xfe\n"]
    data = b"".join([good[0], *bad, b"\n", good[1]])
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "p.jsonl").write_bytes(data)
    (tmp_path / "src" / "page.txt").write_text(SPAM, encoding="utf-8")
    run = cli("run", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "-j", "1")
    assert run.code == 1  # the records that could not be cleaned are named, the run finished
    for where in ("p.jsonl:2: not valid JSON", "p.jsonl:3: no 'text' field", "p.jsonl:4: field 'text' is not a string"):
        assert where in run.err
    assert "p.jsonl:5: not a JSON object (a list)" in run.err and "p.jsonl:6: not UTF-8" in run.err
    out = (tmp_path / "out" / "p.jsonl").read_bytes().splitlines(keepends=True)
    assert out[1:7] == [*bad, b"\n"]  # copied as they were, the blank line too
    assert json.loads(out[0])["text"] == Cleaner().clean(_text(0)).text
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8") == Cleaner().clean(SPAM).text
    invalid = [a for a in _audit(tmp_path / "out") if a["status"] == "invalid"]
    assert [(a["record"], a["line"]) for a in invalid] == [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6)]


@pytest.mark.parametrize("keep", [False, True])
def test_dropped_records_left_out_or_kept_with_a_reason(tmp_path: Path, keep: bool) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(DROP_RULES, encoding="utf-8")
    records = [{"id": 1, "text": CLEAN}, {"id": 2, "text": ENGLISH, "cleaner_dropped": None}]
    records.append({"id": 3, "text": ENGLISH})
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "p.jsonl").write_bytes(_jsonl(records))
    args = ["run", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "-j", "1", "--rules", str(rules)]
    run = cli(*args, *(["--keep-dropped"] if keep else []))
    assert run.code == 0, run.err
    got = [json.loads(line) for line in (tmp_path / "out" / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    if keep:
        reason = "rule 'chinese-only': language en not allowed"
        assert [r["id"] for r in got] == [1, 2, 3]
        assert got[1] == {"id": 2, "text": "", "cleaner_dropped": got[1]["cleaner_dropped"]}
        assert got[1]["cleaner_dropped"].startswith("rule 'chinese-only'") and got[2]["text"] == ""
        assert got[2]["cleaner_dropped"] == got[1]["cleaner_dropped"]
        assert "cleaner_dropped" not in got[0] and reason.split(":")[0] in got[2]["cleaner_dropped"]
    else:
        assert got == [records[0]]
    audit = _audit(tmp_path / "out")
    assert audit[0]["records"]["dropped"] == 2
    assert [a["status"] for a in audit[1:]] == ["unchanged", "dropped", "dropped"]
    assert audit[2]["reason"].startswith("rule 'chinese-only'")


def test_output_is_byte_identical_for_any_number_of_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cleaner.recordfile.BATCH_RECORDS", 5)  # several batches per file
    src = tmp_path / "src"
    src.mkdir()
    for k in range(3):
        (src / f"shard-{k}.jsonl").write_bytes(_jsonl(_records(23 + k)))
    (src / "shard-9.jsonl.gz").write_bytes(gzip.compress(_jsonl(_records(17))))
    (src / "page.txt").write_text(SPAM, encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert cli("run", str(src), "--out", str(out), "-j", jobs, "-q").code == 0
        outs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert sorted(outs[0]) == sorted(outs[1])
    for rel in outs[0]:
        if ".cleaner/" not in rel:
            assert outs[0][rel] == outs[1][rel], rel
    again = cli("run", str(src), "--out", str(tmp_path / "out2"), "-j", "2")
    assert again.code == 0 and "(5 up to date)" in again.err
    assert (tmp_path / "out2" / "audit.jsonl").read_bytes() == outs[1]["audit.jsonl"]


def test_a_pretty_printed_json_file_is_text(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "doc.json").write_text('{\n  "text": "a"\n}\n', encoding="utf-8")
    assert cli("run", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "-j", "1").code == 0
    assert "records" not in _audit(tmp_path / "out")[0]


def test_a_missing_extra_fails_the_file_with_the_extra_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    monkeypatch.setitem(sys.modules, "zstandard", None)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.parquet").write_bytes(b"PAR1")
    (tmp_path / "src" / "b.jsonl.zst").write_bytes(b"\x28\xb5\x2f\xfd")
    (tmp_path / "src" / "c.jsonl").write_bytes(_jsonl(_records(2)))
    run = cli("run", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "-j", "1")
    assert run.code == 1
    assert "a.parquet: error: Parquet files need pyarrow: pip install 'cleaner[parquet]'" in run.err
    assert "b.jsonl.zst: error: zstd files need zstandard: pip install 'cleaner[zstd]'" in run.err
    assert (tmp_path / "out" / "c.jsonl").exists() and not (tmp_path / "out" / "a.parquet").exists()


def test_check_and_fix_on_a_jsonl_file(tmp_path: Path) -> None:
    page = tmp_path / "p.jsonl"
    data = _jsonl(_records(3))
    page.write_bytes(data)
    page.chmod(0o640)
    check = cli("check", str(page))
    assert check.code == 1
    assert f"{page}:record 0:line 1: spam-keywords: removes line: " in check.out
    assert f"{page}:record 2:line 1: spam-keywords: " in check.out and "record 1:" not in check.out
    assert page.read_bytes() == data and sorted(p.name for p in tmp_path.iterdir()) == ["p.jsonl"]
    audit = tmp_path / "audit.jsonl"
    fix = cli("fix", str(page), "--audit", str(audit))
    assert fix.code == 1 and "1 file(s) fixed" in fix.err
    assert [json.loads(line)["text"] for line in page.read_text(encoding="utf-8").splitlines()] == [
        Cleaner().clean(r["text"]).text for r in _records(3)
    ]
    assert page.stat().st_mode & 0o777 == 0o640
    logged = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    assert [(a["path"], a.get("record")) for a in logged] == [(str(page), None), (str(page), 0), (str(page), 2)]
    assert cli("fix", str(page), "--audit", str(audit)).code == 0
    assert cli("check", str(page)).code == 0


def test_pages_as_jsonl_shards_clean_exactly_as_the_text_files(tmp_path: Path) -> None:
    from benchmarks.synth import make_corpus
    from cleaner.decode import decode

    make_corpus(tmp_path / "pages", 0.6, seed=11, sites=8)  # as test_parallel: site templates repeat
    pages = sorted(p for p in (tmp_path / "pages").rglob("*") if p.is_file())
    texts = {p.relative_to(tmp_path / "pages").as_posix(): decode(p.read_bytes()).text for p in pages}
    (tmp_path / "shards").mkdir()
    names = sorted(texts)
    for k in range(0, len(names), 25):
        rows = [{"id": n, "text": texts[n]} for n in names[k : k + 25]]
        (tmp_path / "shards" / f"s{k:04d}.jsonl").write_bytes(_jsonl(rows))
    assert cli("run", str(tmp_path / "pages"), "--out", str(tmp_path / "a"), "-j", "2", "-q").code == 0
    assert cli("run", str(tmp_path / "shards"), "--out", str(tmp_path / "b"), "-j", "2", "-q").code == 0
    got = {}
    for shard in sorted((tmp_path / "b").glob("s*.jsonl")):
        lines = shard.read_bytes().splitlines()  # bytes: split at \n only (U+2028 may stand in a text)
        got.update((r["id"], r["text"]) for r in map(json.loads, lines))
    assert len(got) == len(names) > 80
    for n in names:  # the repeated-lines counts see each record as a page, as each file
        assert got[n] == (tmp_path / "a" / n).read_text(encoding="utf-8"), n
    repeated = sum(r["removed_lines"] for a in _audit(tmp_path / "b") for r in a["rules"] if r["id"] == "repeated")
    assert repeated > 20


@pytest.mark.parametrize("keep", [False, True])
def test_parquet_dropped_rows_and_fix_in_place(tmp_path: Path, keep: bool) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rules = tmp_path / "rules.yaml"
    rules.write_text(DROP_RULES, encoding="utf-8")
    rows = [{"id": 1, "text": SPAM}, {"id": 2, "text": ENGLISH}, {"id": 3, "text": None}]
    (tmp_path / "src").mkdir()
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "src" / "p.parquet")
    args = ["run", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "-j", "1", "--rules", str(rules)]
    run = cli(*args, *(["--keep-dropped"] if keep else []))
    assert run.code == 1 and "p.parquet:record 2: text is null" in run.err  # passed through, named
    got = pq.read_table(tmp_path / "out" / "p.parquet").to_pylist()
    cleaned = Cleaner(rules).clean(SPAM).text
    if keep:
        assert [(r["id"], r["text"]) for r in got] == [(1, cleaned), (2, ""), (3, None)]
        assert got[1]["cleaner_dropped"].startswith("rule 'chinese-only'") and got[0]["cleaner_dropped"] is None
    else:
        assert got == [{"id": 1, "text": cleaned}, {"id": 3, "text": None}]
    page = tmp_path / "src" / "p.parquet"
    fixed = cli("fix", str(page), "--rules", str(rules), "--audit", str(tmp_path / "audit.jsonl"))
    assert fixed.code == 1 and f"{page}:record 0:line 1: spam: removes line" in fixed.out
    assert f"{page}:record 1:line 1: chinese-only: flags record" in fixed.out  # a hook never drops
    assert pq.read_table(page).to_pylist() == [{"id": 1, "text": cleaned}, *rows[1:]]
