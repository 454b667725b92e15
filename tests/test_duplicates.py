"""Duplicated documents keep their text: a line recurring across files is template
only when it recurs more widely than the files' own content (`repeated-lines`)."""

from __future__ import annotations

from pathlib import Path

from tests.clirun import cli

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ARTICLE = [
    "市图书馆推出夜间自习室服务，开放时间延长至晚上十点。",
    "首批试点的分馆位于河东区、南开区和滨海新区，每个自习室设有四十至六十个座位。",
    "读者可通过图书馆的微信公众号提前一天预约座位，每人每天限约一次。",
    "自习室内请保持安静，手机调至静音，不得在室内饮食。",
    "图书馆负责人表示，试点结束后将根据读者的使用情况和意见决定是否推广。",
]


def _page(n: int) -> list[str]:
    """A distinct article: its own sentences, numbered so no two pages share one."""
    return [
        f"第{n}期社区活动报道：居民参加了第{n}场读书会。",
        f"本次读书会共有{n + 20}位居民到场，大家分享了各自喜爱的第{n}本书。",
        f"组织者介绍，第{n}场活动的场地由街道第{n}服务中心免费提供。",
    ]


def _template(site: str) -> tuple[list[str], list[str]]:
    head = [f"{site}欢迎您访问本站首页新闻中心", f"当前位置：{site}首页 > 新闻中心 > 正文"]
    foot = [f"版权所有 {site}信息技术有限公司 保留一切权利", f"本站所刊登的{site}各种新闻信息均来自网络"]
    return head, foot


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _run(src: Path, out: Path) -> None:
    assert cli("run", str(src), "--out", str(out)).code in (0, 1)


def test_an_article_copied_into_ten_files_among_ninety_keeps_its_text(tmp_path: Path) -> None:
    head, foot = _template("滨海")
    for n in range(90):
        _write(tmp_path / "src" / f"page{n:03}.txt", [*head, *_page(n), *foot])
    for n in range(10):
        _write(tmp_path / "src" / f"copy{n:02}.txt", [*head, *ARTICLE, *foot])
    _run(tmp_path / "src", tmp_path / "out")
    for n in range(10):
        assert _lines(tmp_path / "out" / f"copy{n:02}.txt") == ARTICLE
    assert _lines(tmp_path / "out" / "page000.txt") == _page(0)


def test_an_article_on_six_sister_sites_stays_while_each_template_goes(tmp_path: Path) -> None:
    sites = ["华东", "华南", "华北", "西南", "西北", "东北"]
    for s, site in enumerate(sites):
        head, foot = _template(site)
        for n in range(7):
            _write(tmp_path / "src" / f"site{s}" / f"page{n}.txt", [*head, *_page(s * 10 + n), *foot])
        _write(tmp_path / "src" / f"site{s}" / "repost.txt", [*head, *ARTICLE, *foot])
    _run(tmp_path / "src", tmp_path / "out")
    for s in range(len(sites)):
        assert _lines(tmp_path / "out" / f"site{s}" / "repost.txt") == ARTICLE
        assert _lines(tmp_path / "out" / f"site{s}" / "page3.txt") == _page(s * 10 + 3)


def test_a_small_site_template_goes_even_among_many_other_pages(tmp_path: Path) -> None:
    for n in range(200):  # the run's other pages: the site is 2% of it
        _write(tmp_path / "src" / "other" / f"p{n:03}.txt", _page(100 + n))
    head, foot = _template("小站")
    for n in range(4):
        _write(tmp_path / "src" / "small" / f"p{n}.txt", [*head, *_page(n), *foot])
    _run(tmp_path / "src", tmp_path / "out")
    for n in range(4):
        assert _lines(tmp_path / "out" / "small" / f"p{n}.txt") == _page(n)


def test_six_copies_of_a_page_clean_like_one_copy(tmp_path: Path) -> None:
    page = (SAMPLES / "traditional-spam-contact.txt").read_bytes()
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "page.txt").write_bytes(page)
    _run(tmp_path / "one", tmp_path / "one-out")
    single = (tmp_path / "one-out" / "page.txt").read_bytes()
    assert single.strip()
    (tmp_path / "six").mkdir()
    for n in range(6):
        (tmp_path / "six" / f"copy{n}.txt").write_bytes(page)
    _run(tmp_path / "six", tmp_path / "six-out")
    for n in range(6):
        assert (tmp_path / "six-out" / f"copy{n}.txt").read_bytes() == single
