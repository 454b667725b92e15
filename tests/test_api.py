"""The Python API gives what `cleaner run` gives, is picklable, and imports nothing eagerly."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner, CleanResult
from cleaner.errors import ConfigError
from tests.clirun import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SPAM = "国产精品-久久久久-一区二区三区-免费视频-在线观看-无码专区\n春天来了，小区门口的樱花开得正好。\n"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="module")
def run_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("api-run")
    assert cli("run", str(SAMPLES), "--out", str(out), "-j", "1", "-q").code == 0
    return out


def _samples() -> list[str]:
    return sorted(p.name for p in SAMPLES.iterdir() if p.suffix == ".txt")


@pytest.mark.parametrize("name", _samples())
def test_api_equals_the_cli_on_each_sample(cleaner: Cleaner, run_out: Path, name: str) -> None:
    data = (SAMPLES / name).read_bytes()
    got = cleaner.clean(data, name=name)
    assert got.text.encode("utf-8") == (run_out / name).read_bytes()
    audit = {json.loads(line)["path"]: json.loads(line) for line in (run_out / "audit.jsonl").read_text().splitlines()}
    want = audit[name]
    # the run counts lines across its files for repeated-lines; a lone text has no such counts
    assert {k: v for k, v in got.record.items() if k != "notes"} == {k: v for k, v in want.items() if k != "notes"}
    if got.record["encoding"] == "utf-8":  # a str gives the same as its UTF-8 bytes
        assert cleaner.clean(data.decode("utf-8"), name=name).record == got.record


def test_result_fields(cleaner: Cleaner) -> None:
    r = cleaner.clean(SPAM)
    assert isinstance(r, CleanResult)
    assert r.changed and not r.dropped and r.status == "cleaned"
    assert r.text == "春天来了，小区门口的樱花开得正好。\n"
    assert r.language == "zh"
    assert [f.rule for f in r.findings] == ["spam-keywords"]
    assert r.record["rules"][0]["id"] == "spam-keywords"
    same = cleaner.clean(r.text)
    assert not same.changed and same.text == r.text and same.findings == ()


def test_clean_many_keeps_order_whatever_the_jobs(cleaner: Cleaner) -> None:
    texts = [f"第{i}段正文，写的是春天。\n" + (SPAM if i % 3 == 0 else "") for i in range(40)]
    one = [(r.text, r.status) for r in cleaner.clean_many(texts)]
    two = [(r.text, r.status) for r in cleaner.clean_many(iter(texts), jobs=2, batch=3)]
    assert one == two == [(cleaner.clean(t).text, cleaner.clean(t).status) for t in texts]


def test_pickles_as_its_rule_file(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: 1\nrules:\n  - id: ads\n    kind: regex-lines\n    pattern: '^广告'\n", encoding="utf-8")
    c = Cleaner(rules)
    copy = pickle.loads(pickle.dumps(c))
    assert copy.clean("广告一则\n正文\n").text == c.clean("广告一则\n正文\n").text == "正文\n"
    data = pickle.dumps(c)
    rules.write_text(rules.read_text(encoding="utf-8").replace("广告", "推广"), encoding="utf-8")
    with pytest.raises(ConfigError, match="changed since"):
        pickle.loads(data)


def test_a_bad_rule_file_raises_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nrules:\n  - id: x\n    kind: keyword-line\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="did you mean 'keyword-lines'"):
        Cleaner(str(bad))


def test_import_is_lazy_and_typed() -> None:
    code = "import sys, cleaner; print('cleaner.config' in sys.modules, 'yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
    import cleaner as pkg

    assert (Path(pkg.__file__).parent / "py.typed").is_file()
