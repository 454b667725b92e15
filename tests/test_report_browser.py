"""The report in a real browser: headless Chromium renders it, filters it from the URL, screenshots it.

Chromium is driven from the command line (`--dump-dom` prints the DOM after
the page's script ran), so no browser-automation package is needed.  CI
installs Debian's `chromium`; without /usr/bin/chromium these tests skip.
"""

from __future__ import annotations

import json
import struct
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from benchmarks import chromium
from cleaner.cli import main
from cleaner.report import ReportOptions, build, render

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not chromium.available(), reason=f"{chromium.CHROMIUM} is missing: apt-get install -y chromium"
)


class Dom(HTMLParser):
    """What the tests read from a dumped DOM: file rows, the match count, opened details."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.files: list[str] = []
        self.statuses: list[str] = []
        self.ids: dict[str, str] = {}
        self.details: list[str] = []
        self.tags: list[str] = []
        self.attrs_seen: list[dict[str, str]] = []
        self._capture: list[tuple[str, int]] = []  # (what, depth)
        self._depth = 0
        self._buf: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        self.attrs_seen.append(a)
        self._depth += 1
        classes = a.get("class", "").split()
        if tag == "tr" and "file" in classes:
            self.files.append(a["data-path"])
            self.statuses.append(a["data-status"])
        key = a.get("id") or ("detail" if tag == "tr" and "detail" in classes else "")
        if key:
            self._capture.append((key, self._depth))
            self._buf[key] = []

    def handle_endtag(self, tag: str) -> None:
        if self._capture and self._capture[-1][1] == self._depth:
            key, _ = self._capture.pop()
            text = "".join(self._buf.pop(key))
            if key == "detail":
                self.details.append(text)
            else:
                self.ids[key] = text
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        for key, _ in self._capture:
            self._buf[key].append(data)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """`cleaner run samples --out tmp` then `cleaner report`: the report and the audit records."""
    tmp = tmp_path_factory.mktemp("report")
    runner = CliRunner()
    result = runner.invoke(main, ["run", str(ROOT / "samples"), "--out", str(tmp / "out"), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    audit = tmp / "out" / "audit.jsonl"
    result = runner.invoke(main, ["report", str(audit), "-o", str(tmp / "report.html"), "--src", str(ROOT / "samples")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    return tmp / "report.html", records


def dom(report: Path, fragment: str = "") -> Dom:
    return Dom(chromium.dump_dom(report.as_uri() + fragment))


def with_rule(records: list[dict[str, Any]], rule: str) -> list[str]:
    return [r["path"] for r in records if any(e["id"] == rule for e in r["rules"])]


def test_tables_render(run: tuple[Path, list[dict[str, Any]]]) -> None:
    report, records = run
    page = dom(report)
    assert page.files == [r["path"] for r in records]
    assert page.statuses == [r["status"] for r in records]
    assert page.ids["count"] == f"{len(records)} of {len(records)} files match"
    rules = {e["id"] for r in records for e in r["rules"]}
    assert rules and all(rule in page.ids["rules"] for rule in rules)
    assert "免费视频" in page.ids["keywords"]  # a keyword the samples' spam lines hold
    assert "电话" in page.ids["fields"]
    assert page.tags.count("rect") >= 21  # the share chart: 20 bins and dropped
    assert "Not drawn:" in page.ids["chart-note"]


def test_fragment_filters_by_rule(run: tuple[Path, list[dict[str, Any]]]) -> None:
    report, records = run
    expected = with_rule(records, "spam-keywords")
    assert 0 < len(expected) < len(records)
    page = dom(report, "#rule=spam-keywords")
    assert page.files == expected
    assert page.ids["count"] == f"{len(expected)} of {len(records)} files match"


def test_query_string_filters_by_status_and_rule(run: tuple[Path, list[dict[str, Any]]]) -> None:
    report, records = run
    expected = [p for p in with_rule(records, "contact") if p.endswith(".txt")]
    page = dom(report, "?rule=contact&q=.txt&status=cleaned")
    assert page.files == expected and expected


def test_open_file_shows_its_findings_in_context(run: tuple[Path, list[dict[str, Any]]]) -> None:
    report, records = run
    (target,) = [r for r in records if r["path"] == "traditional-spam-contact.txt"]
    page = dom(report, "#open=traditional-spam-contact.txt&q=traditional")
    assert page.files == ["traditional-spam-contact.txt"]
    (detail,) = page.details
    for e in target["rules"]:
        assert e["id"] in detail
        for f in e["findings"]:
            assert f["reason"] in detail
            shown = f.get("text", f.get("redacted"))
            if shown:
                assert shown in detail  # contact text as the audit holds it: redacted
    assert "kept" in detail  # input lines around the findings (--src)


DRIVER = """<script>
const log = [];
document.querySelector("tr.file[data-path='simplified-spam.txt']").click();
log.push(document.querySelectorAll("tr.detail").length);
[...document.querySelectorAll("#rules a")].find((a) => a.textContent === "contact").click();
setTimeout(() => {
  log.push(location.hash, document.getElementById("rule").value, document.querySelectorAll("tr.file").length);
  const q = document.getElementById("q");
  q.value = "GB18030";
  q.dispatchEvent(new Event("input"));
  setTimeout(() => {
    log.push([...document.querySelectorAll("tr.file")].map((t) => t.dataset.path).join(","));
    document.body.dataset.log = JSON.stringify(log);
  }, 500);
}, 200);
</script>"""


def test_clicks_and_search_box(run: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    report, records = run
    driven = tmp_path / "driven.html"
    driven.write_text(report.read_text(encoding="utf-8") + DRIVER, encoding="utf-8")
    page = dom(driven)
    (body,) = [a for tag, a in zip(page.tags, page.attrs_seen) if tag == "body"]
    contact = with_rule(records, "contact")
    assert json.loads(body["data-log"]) == [
        1,  # clicking a file row opened its findings
        "#rule=contact",
        "contact",
        len(contact),  # a rule link filtered the list
        ",".join(p for p in contact if "gb18030" in p),  # the search box narrows it, case-insensitively
    ]


def test_pages_of_100_and_escaped_text(tmp_path: Path) -> None:
    evil = '<img src=x onerror="document.title=1">'
    records = [{"path": f"f{i:03d}.txt", "status": "unchanged", "rules": []} for i in range(250)]
    records[0]["path"] = evil
    report = tmp_path / "r.html"
    report.write_text(render(build(ReportOptions(tmp_path / "a", report), records), "t"), encoding="utf-8")
    first = dom(report)
    assert len(first.files) == 100 and first.files[0] == evil  # shown as text
    assert "img" not in first.tags
    last = dom(report, "#p=3")
    assert last.files == [f"f{i:03d}.txt" for i in range(200, 250)]
    assert "page 3 of 3" in last.ids["pager-top"]


def test_screenshot(tmp_path: Path) -> None:
    from benchmarks.report_screenshot import make

    out = tmp_path / "report.png"
    make(out)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 1600)
