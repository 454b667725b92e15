"""Hostile input trees: every file gets a record, nothing crashes, SRC is never touched.

One source tree holds every kind of bad input a scrape produces: each text
encoding cleaner reads, CRLF and classic-Mac line ends, mojibake, binary files,
empty files, very deep folders, awkward names (spaces, CJK, emoji, a newline,
bytes that are not UTF-8), symlinks out of the tree and in loops, a FIFO and a
file named like the audit.  It is cleaned with a small rule set whose effect is
exact (an advertising line anchored at both ends, then blank-lines), and again
with the default rule set in a separate process.  A 30 MB file with no newline
must finish quickly in bounded memory.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import random
import stat
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import clirun
import pytest

AD_S = "广告：特价机票酒店预订，欢迎联系我们"
AD_T = "廣告：特價機票酒店預訂，歡迎聯繫我們"
BODY_S = (
    "今天上午，市图书馆举办了一场关于古籍修复的讲座。\n"
    "讲座结束后，不少读者留下来参观了修复工作室，工作人员现场演示了如何修补破损的书页。\n"
)
BODY_T = (
    "今天上午，市圖書館舉辦了一場關於古籍修復的講座。\n"
    "講座結束後，不少讀者留下來參觀了修復工作室，工作人員現場演示了如何修補破損的書頁。\n"
)
PAGE_S, PAGE_T = AD_S + "\n" + BODY_S, AD_T + "\n" + BODY_T
# `$` must meet the end of the line: only true if rules never see the "\r" of CRLF
RULES = """\
version: 1
rules:
  - id: ads
    kind: regex-lines
    pattern: "^(广告|廣告)：.*(联系我们|聯繫我們)$"
    reason: advertising line
  - id: blank-lines
    kind: blank-lines
"""


@dataclass
class Expect:
    status: str
    output: bytes | None = None  # exact output bytes; None: no output file
    encoding: str | None = None
    reason: str | None = None  # a fragment of the reason


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def text_files() -> dict[str, tuple[bytes, Expect]]:
    """Pages in every encoding and line-end style: the ad line goes, the rest is UTF-8."""
    s, t = BODY_S.encode("utf-8"), BODY_T.encode("utf-8")
    pages: dict[str, tuple[bytes, Expect]] = {
        "enc/utf-8.txt": (PAGE_S.encode("utf-8"), Expect("cleaned", s, "utf-8")),
        "enc/utf-8-bom.txt": (codecs.BOM_UTF8 + PAGE_S.encode("utf-8"), Expect("cleaned", s, "utf-8-sig")),
        "enc/utf-16-le.txt": (codecs.BOM_UTF16_LE + PAGE_S.encode("utf-16-le"), Expect("cleaned", s, "utf-16")),
        "enc/utf-16-be.txt": (codecs.BOM_UTF16_BE + PAGE_T.encode("utf-16-be"), Expect("cleaned", t, "utf-16")),
        "enc/gb18030.txt": (
            (PAGE_S + "𠮷€\n").encode("gb18030"),
            Expect("cleaned", (BODY_S + "𠮷€\n").encode(), "gb18030"),
        ),
        "enc/gbk.txt": (PAGE_S.encode("gbk"), Expect("cleaned", s, "gb18030")),
        "enc/big5.txt": (PAGE_T.encode("big5"), Expect("cleaned", t, "big5")),
        "eol/crlf.txt": (crlf(PAGE_S).encode("utf-8"), Expect("cleaned", crlf(BODY_S).encode(), "utf-8")),
        "eol/gbk-crlf.txt": (crlf(PAGE_S).encode("gbk"), Expect("cleaned", crlf(BODY_S).encode(), "gb18030")),
        "eol/big5-crlf.txt": (crlf(PAGE_T).encode("big5"), Expect("cleaned", crlf(BODY_T).encode(), "big5")),
        "eol/utf-16-crlf.txt": (
            codecs.BOM_UTF16_LE + crlf(PAGE_S).encode("utf-16-le"),
            Expect("cleaned", crlf(BODY_S).encode(), "utf-16"),
        ),
        "eol/classic-mac-cr.txt": (
            PAGE_S.replace("\n", "\r").encode(),
            Expect("cleaned", BODY_S.replace("\n", "\r").encode(), "utf-8"),
        ),
        "eol/no-final-newline.txt": (PAGE_S.rstrip("\n").encode(), Expect("cleaned", BODY_S.rstrip("\n").encode())),
        "empty.txt": (b"", Expect("unchanged", b"", "utf-8")),
        "blank-lines-only.txt": (b"\n\n\r\n", Expect("cleaned", b"")),
        "ascii.txt": (b"plain ASCII text\n", Expect("unchanged", b"plain ASCII text\n", "utf-8")),
    }
    names = [
        "名字 with spaces/文件 名.txt",
        "emoji 😀/x.txt",
        "-dash.txt",
        " leading space.txt",
        "new\nline.txt",
        "很长的名字" * 16 + ".txt",
        "deep/" + "d/" * 200 + "leaf.txt",
    ]
    for name in names:
        pages[name] = (PAGE_S.encode("utf-8"), Expect("cleaned", s, "utf-8"))
    return pages


def mojibake() -> bytes:
    rnd = random.Random(6)
    return bytes(rnd.randrange(0x80, 0x100) for _ in range(4096))


def a_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("page.txt", PAGE_S)
    return buf.getvalue()


def skipped_files() -> dict[str, tuple[bytes, Expect]]:
    binary = {
        "bin/image.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "bin/photo.jpg": b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4,
        "bin/archive.zip": a_zip(),
        "bin/page.txt.gz": gzip.compress(PAGE_S.encode(), mtime=0),
        "bin/program": b"\x7fELF\x02\x01\x01" + bytes(200),
        "bin/doc.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "bin/nul-bytes.txt": PAGE_S.encode() + b"\x00\x00\x00" + PAGE_S.encode(),
        "bin/controls.txt": bytes(range(1, 9)) * 200,
    }
    out = {k: (v, Expect("skipped", reason="binary file")) for k, v in binary.items()}
    out["bad/mojibake.txt"] = (mojibake(), Expect("skipped", reason="not text in any supported encoding"))
    out["bad/utf-16-broken.txt"] = (
        codecs.BOM_UTF16_LE + b"\x00\xd8" * 100,
        Expect("skipped", reason="despite its byte-order mark"),
    )
    out["audit.jsonl"] = (b"{}\n", Expect("skipped", reason="would overwrite the run's audit.jsonl"))
    return out


def build(root: Path) -> dict[str, Expect]:
    """Write the hostile tree under root/src (and a file outside it); return what to expect."""
    src = root / "src"
    expect: dict[str, Expect] = {}
    for rel, (data, exp) in {**text_files(), **skipped_files()}.items():
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expect[rel] = exp
    bad_name = os.fsdecode(b"latin1-\xe9.txt")  # not UTF-8: Python hands it over with a lone surrogate
    (src / bad_name).write_bytes(PAGE_S.encode())
    expect[bad_name] = Expect("cleaned", BODY_S.encode(), "utf-8")
    (root / "outside").mkdir()
    (root / "outside" / "secret.txt").write_text(PAGE_S, encoding="utf-8")
    links = {
        "links/outside": ("../../outside/secret.txt", "symlink pointing outside the source tree"),
        "links/outside-dir": ("../../outside", "symlink pointing outside the source tree"),
        "links/loop-a": ("loop-b", "symlink loop"),
        "links/loop-b": ("loop-a", "symlink loop"),
        "links/self": ("self", "symlink loop"),
        "links/dangling": ("no-such-file", "broken symlink"),
        "links/to-dir": ("../enc", "symlink to a directory (not followed)"),
    }
    (src / "links").mkdir()
    for rel, (target, reason) in links.items():
        os.symlink(target, src / rel)
        expect[rel] = Expect("skipped", reason=reason)
    os.symlink("../enc/utf-8.txt", src / "links" / "inside")
    expect["links/inside"] = Expect("cleaned", BODY_S.encode(), "utf-8")
    (src / "special").mkdir()
    os.mkfifo(src / "special" / "fifo")
    expect["special/fifo"] = Expect("skipped", reason="not a regular file")
    return expect


def digest(root: Path) -> str:
    """Names, types, modes, sizes, mtimes, contents and link targets of a tree."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            h.update(os.fsencode(path) + f"|{st.st_mode}|{st.st_size}|{st.st_mtime_ns}|".encode())
            if stat.S_ISLNK(st.st_mode):
                h.update(os.fsencode(os.readlink(path)))
            elif stat.S_ISREG(st.st_mode):
                h.update(Path(path).read_bytes())
    return h.hexdigest()


def records(out: Path) -> dict[str, dict[str, Any]]:
    rows = [json.loads(line) for line in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    by_path = {r["path"]: r for r in rows}
    assert len(by_path) == len(rows), "one record per file"
    return by_path


def cli(*args: str) -> tuple[int, str]:
    run = clirun.cli(*args)
    return run.code, run.err


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Expect]]:
    root = tmp_path_factory.mktemp("hostile")
    expect = build(root)
    (root / "rules.yaml").write_text(RULES, encoding="utf-8")
    return root, expect


@dataclass
class Cleaned:
    root: Path
    expect: dict[str, Expect]
    code: int
    err: str
    before: str  # digest of SRC before the run
    after: str


def run_exact_rules(root: Path) -> tuple[int, str]:
    return cli("run", str(root / "src"), "--out", str(root / "out"), "--rules", str(root / "rules.yaml"), "-j", "1")


@pytest.fixture(scope="module")
def cleaned(hostile: tuple[Path, dict[str, Expect]]) -> Cleaned:
    root, expect = hostile
    before = digest(root / "src")
    code, err = run_exact_rules(root)
    return Cleaned(root, expect, code, err, before, digest(root / "src"))


def test_every_file_has_its_record(cleaned: Cleaned) -> None:
    root, expect, code, err = cleaned.root, cleaned.expect, cleaned.code, cleaned.err
    assert code == 0, err
    got = records(root / "out")
    assert set(got) == set(expect)
    for rel, exp in expect.items():
        rec = got[rel]
        assert rec["status"] == exp.status, (rel, rec["reason"])
        if exp.encoding:
            assert rec["encoding"] == exp.encoding, rel
        if exp.reason:
            assert exp.reason in rec["reason"], (rel, rec["reason"])


def test_outputs_are_exact_utf8_and_nothing_else_is_written(cleaned: Cleaned) -> None:
    expect, out = cleaned.expect, cleaned.root / "out"
    for rel, exp in expect.items():
        if rel == "audit.jsonl":  # that name is the audit's
            continue
        if exp.output is None:
            assert not os.path.lexists(out / rel), f"{rel} must not be written"
        else:
            data = (out / rel).read_bytes()
            assert data == exp.output, rel
            data.decode("utf-8")
    written = {os.path.relpath(os.path.join(d, f), out) for d, _, files in os.walk(out) for f in files} - {
        "audit.jsonl"
    }
    written = {w for w in written if not w.startswith(".cleaner/")}
    assert written == {rel for rel, exp in expect.items() if exp.output is not None}


def test_skipped_files_are_named_on_stderr(cleaned: Cleaned) -> None:
    expect, err = cleaned.expect, cleaned.err
    assert "Traceback" not in err
    for rel, exp in expect.items():
        if exp.status == "skipped" and "\n" not in rel:
            assert any(line.startswith(f"{rel}: skipped: ") for line in err.splitlines()), rel
    assert err.splitlines()[-1].startswith("cleaner: ")


def test_source_tree_is_never_modified(cleaned: Cleaned) -> None:
    assert cleaned.before == cleaned.after


def test_audit_is_utf8_and_a_bad_name_round_trips(cleaned: Cleaned) -> None:
    root = cleaned.root
    raw = (root / "out" / "audit.jsonl").read_bytes()
    raw.decode("utf-8")  # strict: lone surrogates are written as \\udcXX escapes
    names = {os.fsencode(p) for p in records(root / "out")}
    assert b"latin1-\xe9.txt" in names


def test_second_run_is_up_to_date_and_identical(cleaned: Cleaned) -> None:
    root = cleaned.root
    audit = (root / "out" / "audit.jsonl").read_bytes()
    code, err = run_exact_rules(root)
    assert code == 0, err
    assert (root / "out" / "audit.jsonl").read_bytes() == audit
    assert "up to date" in err.splitlines()[-1]


def test_default_rules_in_a_process(hostile: tuple[Path, dict[str, Expect]]) -> None:
    """The shipped rule set, two workers, a real process: no traceback, same statuses for bad input."""
    root, expect = hostile
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "run", "src", "--out", "out-default", "--jobs", "2"],
        cwd=root,
        capture_output=True,
        timeout=300,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    got = records(root / "out-default")
    assert set(got) == set(expect)
    for rel, exp in expect.items():
        if exp.status == "skipped":
            assert got[rel]["status"] == "skipped", rel
        else:
            assert got[rel]["status"] in ("cleaned", "unchanged"), (rel, got[rel]["reason"])
            assert got[rel]["encoding"] == (exp.encoding or got[rel]["encoding"])
            (root / "out-default" / rel).read_bytes().decode("utf-8")


FOREIGN = {  # text in encodings cleaner does not read: skipped, or decoded exactly, never mojibake
    "shift-jis.txt": ("日本の首都は東京です。今日はとても良い天気なので、公園で散歩を楽しみました。\n", "shift_jis"),
    "euc-kr.txt": ("대한민국의 수도는 서울입니다. 오늘은 날씨가 아주 좋아서 공원에서 산책을 즐겼습니다.\n", "euc_kr"),
    "latin-1.txt": ("Le château de la forêt était très célèbre à l'époque médiévale.\n", "latin-1"),
    "utf-16-no-bom.txt": ("国家统计局今天发布的数据显示，居民收入保持了平稳增长的态势。\n", "utf-16-le"),
}


def test_foreign_encodings_are_skipped_not_garbled(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name, (text, codec) in FOREIGN.items():
        (src / name).write_bytes(text.encode(codec))
    code, err = cli("run", str(src), "--out", str(tmp_path / "out"), "--rules", _rules(tmp_path), "-j", "1")
    assert code == 0, err
    for name, (text, _) in FOREIGN.items():
        rec = records(tmp_path / "out")[name]
        if rec["status"] == "skipped":
            assert rec["reason"], name
        else:
            assert (tmp_path / "out" / name).read_text(encoding="utf-8") == text, f"{name} written as mojibake"


def test_unreadable_file_gets_an_error_record(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads a chmod 000 file; tests/test_faults.py injects the read error instead")
    src = tmp_path / "src"
    src.mkdir()
    (src / "ok.txt").write_text(PAGE_S, encoding="utf-8")
    locked = src / "locked.txt"
    locked.write_text(PAGE_S, encoding="utf-8")
    locked.chmod(0)
    try:
        code, err = cli("run", str(src), "--out", str(tmp_path / "out"), "--rules", _rules(tmp_path), "-j", "1")
    finally:
        locked.chmod(0o644)
    assert code == 1
    assert "locked.txt: error: cannot read: Permission denied" in err.splitlines()
    assert records(tmp_path / "out")["locked.txt"]["status"] == "error"
    assert (tmp_path / "out" / "ok.txt").read_bytes() == BODY_S.encode()


def _rules(tmp_path: Path) -> str:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return str(path)


# --- 30 MB and not one newline -----------------------------------------------------
MEASURE = """
import resource, sys
from cleaner.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(f"maxrss_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


def test_thirty_megabytes_without_a_newline(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    chunk = ("这一页没有换行符，整页只有一行。" + AD_S + " abc 123 ").encode("utf-8")
    data = (chunk * (30_000_000 // len(chunk) + 1))[:30_000_000]
    data = data[: len(data.decode("utf-8", "ignore").encode("utf-8"))]  # end on a whole character
    (src / "one-line.txt").write_bytes(data)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, "run", "src", "--out", "out", "--jobs", "1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr
    assert seconds < 60
    maxrss_mb = int(proc.stderr.rsplit("maxrss_kb=", 1)[1]) / 1024
    assert maxrss_mb < 1024, f"peak memory {maxrss_mb:.0f} MB for a 30 MB file"
    rec = records(tmp_path / "out")["one-line.txt"]
    assert rec["status"] == "unchanged"
    assert any("kept as is" in n for n in rec["notes"])
    assert (tmp_path / "out" / "one-line.txt").read_bytes() == data
