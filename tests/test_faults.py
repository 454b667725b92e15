"""Faults during a run: kill -9 and resume, two runs at once, I/O errors, dying workers.

* A run killed with SIGKILL (twice, at different points) and run again gives
  an output tree and audit byte-identical to an uninterrupted run, with no
  temporary files and exactly one audit record per file; no worker outlives
  the killed run.
* A second run into the same OUT refuses (exit 2, one line) and writes nothing.
* A file that cannot be read, vanishes, or cannot be written (disk full) gets
  an error record and a stderr line; the others are written; exit 1; the
  next run retries it.  A full disk under the audit itself is one line, exit 1.
* A worker killed mid-file, or a rule file deleted once validated, does not
  hang the run.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cleaner.fsutil
import cleaner.runner
import cleaner.walk
from cleaner.config import load_rule_set
from cleaner.runner import RunOptions, run

RULES = """\
version: 1
rules:
  - id: ads
    kind: regex-lines
    pattern: "^广告："
  - id: blank-lines
    kind: blank-lines
"""
WORDS = (
    "今天 上午 图书馆 举办 讲座 读者 参观 工作室 修复 古籍 天气 北京 上海 学生 老师 春天 公园 散步 "
    "新闻 记者 报道 市民 地铁 线路 开通 比赛 冠军 历史 博物馆 展览"
).split()
SPAM = "国产精品-久久久久-一区二区三区-免费视频-在线观看-无码专区"
CONTACT = ["联系方式:", "地址:济南市历下区泉城路88号", "电话:0531-86123456"]


def write_tree(src: Path, n: int) -> int:
    """n small pages (some spam, some GBK, a few binary or empty) in 40 folders; returns n."""
    rnd = random.Random(n)
    for i in range(n):
        lines = ["".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 14))) + "。" for _ in range(rnd.randint(1, 8))]
        if i % 7 == 0:
            lines.insert(0, SPAM)
        if i % 11 == 0:
            lines += CONTACT
        if i % 13 == 0:
            lines.insert(1, "广告：欢迎订购")
        data = ("\n".join(lines) + "\n").encode("gbk" if i % 5 == 0 else "utf-8")
        if i % 97 == 0:
            data = b"\x89PNG\r\n\x1a\n" + bytes(64)
        elif i % 101 == 0:
            data = b""
        path = src / f"{i % 40:02d}" / f"page {i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return n


def cleaner_cmd(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", "run", str(src), "--out", str(out), "-q", *extra]


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under root except the run state, by relative path."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".cleaner"]
        for name in filenames:
            path = Path(dirpath) / name
            files[str(path.relative_to(root))] = path.read_bytes()
    return files


def audit(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines()]


def journal_lines(out: Path) -> int:
    try:
        return (out / ".cleaner" / "journal.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, dict[str, bytes]]:
    """A tree of 3,000 pages and its uninterrupted reference run (default rules, 2 workers)."""
    root = tmp_path_factory.mktemp("faults")
    n = write_tree(root / "src", 3000)
    proc = subprocess.run(
        cleaner_cmd(root / "src", root / "ref", "--jobs", "2"), capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return root, n, tree_bytes(root / "ref")


def kill_when(cmd: list[str], out: Path, lines: int) -> int:
    """Start a run, SIGKILL it once its journal holds ``lines`` records; return the count seen."""
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while journal_lines(out) < lines and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the run ended before it could be killed: raise the file count"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    seen = journal_lines(out)
    if sys.platform == "linux":  # workers die with the run (PR_SET_PDEATHSIG)
        deadline = time.monotonic() + 10
        while group_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not group_alive(proc.pid), "a worker outlived the killed run"
    return seen


def test_kill_and_resume_is_byte_identical(corpus: tuple[Path, int, dict[str, bytes]]) -> None:
    root, n, reference = corpus
    out = root / "killed"
    cmd = cleaner_cmd(root / "src", out, "--jobs", "2")
    first = kill_when(cmd, out, n // 5)
    second = kill_when(cmd, out, first + n // 4)  # the resumed run is killed too
    assert 0 < first < second < n
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    reused = int(proc.stderr.rsplit("(", 1)[1].split()[0])
    assert reused >= second, "finished files must not be cleaned again"
    got = tree_bytes(out)
    assert sorted(got) == sorted(reference)
    assert [k for k in got if got[k] != reference[k]] == []
    assert not [p for p in out.rglob("*") if p.name.endswith(".cleaner-tmp")]
    paths = [r["path"] for r in audit(out)]
    assert len(paths) == len(set(paths)) == n


def test_second_run_into_the_same_out_refuses(corpus: tuple[Path, int, dict[str, bytes]]) -> None:
    root, _, reference = corpus
    out = root / "locked"
    first = subprocess.Popen(
        cleaner_cmd(root / "src", out, "--jobs", "1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while journal_lines(out) < 50 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    second = subprocess.run(cleaner_cmd(root / "src", out, "--jobs", "1"), capture_output=True, text=True, timeout=60)
    still_running = first.poll() is None
    _, err = first.communicate(timeout=300)
    assert still_running, "the first run ended before the second started: the test proved nothing"
    assert second.returncode == 2
    assert second.stderr.splitlines() == [
        f"cleaner: another cleaner run is writing to {out} (lock .cleaner/lock is held)"
    ]
    assert first.returncode == 0, err
    assert tree_bytes(out) == reference


# --- I/O faults, injected in-process (jobs=1) ---------------------------------------------
@pytest.fixture
def pages(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.txt", "victim.txt", "z.txt"):
        (src / name).write_text("广告：今日特价\n正文第一段。\n", encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    return tmp_path


def run_here(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    rules = str(root / "rules.yaml")
    code = run(RunOptions(root / "src", root / "out", rules, jobs=1), load_rule_set(rules))
    return code, capsys.readouterr().err.splitlines()


def check_one_failed(root: Path, code: int, err: list[str], reason: str) -> None:
    assert code == 1
    assert f"victim.txt: error: {reason}" in err
    assert not any("Traceback" in line for line in err)
    records = {r["path"]: r for r in audit(root / "out")}
    assert records["victim.txt"]["status"] == "error"
    assert records["victim.txt"]["reason"] == reason
    assert not (root / "out" / "victim.txt").exists()
    for name in ("a.txt", "z.txt"):
        assert (root / "out" / name).read_text(encoding="utf-8") == "正文第一段。\n"
    assert not [p for p in (root / "out").rglob("*") if p.name.endswith(".cleaner-tmp")]


def failing_open(victim: str, error: int, real: Callable[..., Any] = open) -> Callable[..., Any]:
    def fake(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith(victim):
            raise OSError(error, os.strerror(error), str(file))
        return real(file, *args, **kwargs)

    return fake


def test_unreadable_file(pages: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(cleaner.runner, "open", failing_open("victim.txt", errno.EACCES), raising=False)
    code, err = run_here(pages, capsys)
    check_one_failed(pages, code, err, "cannot read: Permission denied")


def test_file_vanishes_after_the_walk(
    pages: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_walk = cleaner.walk.walk

    def walk_then_delete(root: Path) -> Any:
        entries = list(real_walk(root))
        (root / "victim.txt").unlink()
        return iter(entries)

    monkeypatch.setattr(cleaner.runner, "walk", walk_then_delete)
    code, err = run_here(pages, capsys)
    check_one_failed(pages, code, err, "cannot read: No such file or directory")


class FullDisk:
    """A file object that writes half of what it is given, then reports ENOSPC."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()

    def write(self, data: bytes) -> int:
        self.fh.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.fh, name)


def full_disk_for(name: str, real: Callable[..., Any] = open) -> Callable[..., Any]:
    def fake(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        fh = real(file, mode, *args, **kwargs)
        return FullDisk(fh) if f".{name}." in str(file) and "w" in mode else fh

    return fake


def test_disk_full_for_one_output(
    pages: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(cleaner.fsutil, "open", full_disk_for("victim.txt"), raising=False)
        code, err = run_here(pages, capsys)
    check_one_failed(pages, code, err, "cannot write output: No space left on device")
    code, err = run_here(pages, capsys)  # space again: the failed file is retried
    assert code == 0, err
    assert (pages / "out" / "victim.txt").read_text(encoding="utf-8") == "正文第一段。\n"


def test_disk_full_for_the_audit(
    pages: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(cleaner.fsutil, "open", full_disk_for("audit.jsonl"), raising=False)
        code, err = run_here(pages, capsys)
    assert code == 1
    assert len(err) == 1 and err[0].startswith("cleaner: cannot write ")
    assert err[0].endswith(": No space left on device; run again to resume")
    assert not [p for p in (pages / "out").rglob("*") if p.name.endswith(".cleaner-tmp")]
    code, err = run_here(pages, capsys)
    assert code == 0, err
    assert len(audit(pages / "out")) == 3


# --- processes that die or files that change under the run ------------------------------------
POISON = """
import os, signal, sys
import cleaner.runner as runner
real = runner.process_file
def process_file(task, pipeline):
    if task.rel == "poison.txt":  # as if the OOM killer chose this worker
        os.kill(os.getpid(), signal.SIGKILL)
    return real(task, pipeline)
runner.process_file = process_file
from cleaner.cli import main
main(sys.argv[1:])
"""


def test_a_worker_killed_mid_file_does_not_hang_the_run(pages: Path) -> None:
    for i in range(40):
        (pages / "src" / f"p{i:02d}.txt").write_text("正文。\n" * (i + 1), encoding="utf-8")
    (pages / "src" / "poison.txt").write_text("正文。\n" * 20, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", POISON, "run", "src", "--out", "out", "--rules", "rules.yaml", "--jobs", "2"],
        cwd=pages,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    records = {r["path"]: r for r in audit(pages / "out")}
    assert records["poison.txt"]["status"] == "error"
    assert "worker process died" in records["poison.txt"]["reason"]
    assert [p for p, r in records.items() if r["status"] == "error"] == ["poison.txt"]
    assert len(records) == 44


DELETE_RULES = """
import sys
from pathlib import Path
import cleaner.config as config
real = config.load_rule_set
def load_then_delete(spec):
    rule_set = real(spec)
    if spec and Path(spec).exists():
        Path(spec).unlink()  # edited away once validated: workers must not read it again
    return rule_set
config.load_rule_set = load_then_delete
from cleaner.cli import main
main(sys.argv[1:])
"""


def test_rule_file_deleted_once_validated(pages: Path) -> None:
    for i in range(20):
        (pages / "src" / f"p{i:02d}.txt").write_text("广告：特价\n正文。\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", DELETE_RULES, "run", "src", "--out", "out", "--rules", "rules.yaml", "--jobs", "2"],
        cwd=pages,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert not (pages / "rules.yaml").exists()
    assert {r["status"] for r in audit(pages / "out")} == {"cleaned"}
