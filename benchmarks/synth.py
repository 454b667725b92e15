"""A seeded synthetic corpus in the style of scraped Chinese web pages.

Pages look like ``shared/samples/seed-page.txt``: a spam keyword list on the
first line, a title, a date/source line, indented paragraphs (some with toned
pinyin after Han characters, some English), a promo line of the host site,
a contact block and a "spider pool" footer; each site repeats its own
template lines (navigation, copyright) on every page, so the repeated-lines
rule has something to do.  A share of pages is Traditional Chinese (the
fragments converted with OpenCC s2t once), a few pages are in GB18030 or Big5,
and a few are English.  Everything depends only on the seed.

Used by the benchmarks and by the tests (which must not need ``shared/``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FRAGMENTS = [
    "为了让更多商户能够使用卡券功能",
    "公众平台一直都在不断地更新和完善",
    "力求为大家提供更好、更快捷的服务",
    "开发者可以协助其他合作商户制作优惠券",
    "审核通过后即可获得相应的能力",
    "已认证的公众号可以通过开放平台授权",
    "该模式仅支持普通券类型",
    "申请路径可以在帮助文档中查看",
    "商户制作优惠券后即可投放使用",
    "为保证质量，平台保留实时抽查的权利",
    "若在抽查中发现违规，将关闭快速通道",
    "会员卡的展示能力更加强大与丰富",
    "用户填写过的信息可以反复使用",
    "从而实现支付与会员卡优惠的闭环",
    "市政府近日召开常务会议研究部署相关工作",
    "会议强调要切实做好民生保障",
    "各部门要加强协调配合，形成工作合力",
    "今年以来全市经济运行总体平稳",
    "规模以上工业增加值同比增长百分之六",
    "新建改建农村公路一千二百公里",
    "学校将于九月一日正式开学",
    "新生报到时需携带录取通知书和身份证",
    "图书馆开放时间调整为每天早上八点至晚上十点",
    "本次讲座邀请了多位业内专家",
    "与会代表围绕产业升级展开了深入讨论",
    "该项目总投资约三点五亿元",
    "预计明年底建成投入使用",
    "公司在技术研发方面持续加大投入",
    "产品已经出口到三十多个国家和地区",
    "消费者在购买前应仔细阅读说明书",
    "如遇质量问题可以申请退换货",
    "天气预报显示本周后期将有一次降温过程",
    "请广大市民注意添衣保暖",
    "交通管理部门提醒驾驶人减速慢行",
    "医院开通了网上预约挂号服务",
    "患者可以通过手机查询检查结果",
    "社区志愿者为老人送去了米面油等生活物资",
    "活动现场气氛热烈，吸引了众多市民参与",
    "比赛共设置十二个项目，三百余名选手参赛",
    "专家建议每天保持适量的运动",
    "饮食方面要注意荤素搭配、少油少盐",
    "这项技术可以显著降低生产成本",
    "软件新版本修复了已知的若干问题",
    "用户反馈的意见我们会认真研究",
    "数据显示，线上销售额占比进一步提高",
    "乡村振兴战略的实施带来了新的发展机遇",
    "当地特色农产品通过电商平台销往全国",
    "文化馆举办了书法和摄影作品展览",
    "展览将持续到下个月底，免费向公众开放",
    "景区在节假日期间实行预约入园",
    "游客可以通过官方网站提前购票",
    "研究团队在国际期刊上发表了论文",
    "实验结果表明新材料的强度提高了一倍",
    "企业应当依法为职工缴纳社会保险",
    "劳动者的合法权益受到法律保护",
]
PINYIN = [("联", "lián"), ("网", "wǎng"), ("务", "wù"), ("应", "yìng"), ("开", "kāi"), ("发", "fā")]
ENGLISH = [
    "The new version improves performance on large data sets.",
    "Please read the installation guide before you start.",
    "Our team has worked on this project for three years.",
    "The conference will be held in Beijing next spring.",
    "Registration closes at the end of the month.",
    "Results are published on the website every Friday.",
    "This article explains how the new service works.",
    "Customers can return products within seven days.",
]
SPAM_ITEMS = [
    "国产精品",
    "久久久久",
    "一区二区三区",
    "免费视频",
    "在线观看",
    "亚洲无码",
    "精品人妻",
    "av天堂",
    "一本道",
    "日韩欧美",
    "高清在线",
    "午夜福利",
    "成人影院",
    "无码专区",
]
SEO_ITEMS = ["网站建设", "网站制作", "网站优化", "seo优化", "关键词排名", "网页设计", "域名注册", "主机租用"]
CITIES = ["天津", "北京", "上海", "广州", "深圳", "成都", "武汉", "南京", "杭州", "西安"]
ROADS = ["南京路", "中山路", "人民路", "解放路", "建设路", "和平路", "长江路", "黄河路"]
NAV = ["首页", "新闻中心", "产品展示", "关于我们", "联系我们", "在线留言", "人才招聘", "服务支持"]


@lru_cache(maxsize=1)
def _traditional() -> dict[str, str]:
    """Each fragment and template word converted to Traditional once (OpenCC s2t)."""
    import opencc

    words = FRAGMENTS + SPAM_ITEMS + SEO_ITEMS + CITIES + ROADS + NAV + [p[0] for p in PINYIN]
    words += ["联系方式", "地址", "电话", "邮编", "时间", "来源", "版权所有", "本站", "您的位置"]
    out = opencc.OpenCC("s2t").convert("\n".join(words)).split("\n")
    return dict(zip(words, out))


@dataclass
class Site:
    """What every page of one site shares: its name, template lines and style."""

    name: str
    city: str
    traditional: bool
    encoding: str
    template: list[str] = field(default_factory=list)


class Writer:
    """Builds pages for a seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.trad = _traditional()

    def t(self, text: str, trad: bool) -> str:
        return self.trad.get(text, text) if trad else text

    def site(self, index: int) -> Site:
        r = self.rng
        city = r.choice(CITIES)
        trad = r.random() < 0.35
        encoding = "utf-8"
        roll = r.random()
        if roll < 0.05:
            encoding = "big5" if trad else "gb18030"
        name = f"{city}{r.choice(['文率', '华信', '博远', '恒通', '新创'])}科技{index}"
        site = Site(name, city, trad, encoding)
        nav = r.sample(NAV, 5)
        site.template = [
            " | ".join(self.t(n, trad) for n in nav),
            f"{self.t('您的位置', trad)}:{self.t('首页', trad)} > {self.t('新闻中心', trad)}",
            f"本站部分内容来源于网络，如有侵权请联系删除。{name}",
            f"Copyright © 2015-2024 {name} {self.t('版权所有', trad)} 津ICP备{r.randrange(10**7, 10**8)}号",
        ]
        return site

    def paragraph(self, trad: bool) -> str:
        r = self.rng
        parts = [self.t(f, trad) for f in r.sample(FRAGMENTS, r.randint(2, 5))]
        text = "，".join(parts) + "。"
        if r.random() < 0.15:  # toned pinyin after a Han character
            han, tone = r.choice(PINYIN)
            han = self.t(han, trad)
            if han in text:
                text = text.replace(han, f"{han}({tone})", 1)
        if r.random() < 0.1:
            text += " " + r.choice(ENGLISH)
        return "\u3000\u3000" + text

    def spam_line(self, trad: bool) -> str:
        items = self.rng.sample(SPAM_ITEMS, self.rng.randint(4, 7))
        return "-".join(self.t(i, trad) for i in items)

    def page(self, site: Site) -> str:
        r, trad = self.rng, site.traditional
        if r.random() < 0.03:
            return "\n".join(r.sample(ENGLISH, 5)) + "\n"
        lines = [self.spam_line(trad), ""] if r.random() < 0.5 else []
        lines += site.template[:2]
        a, b = r.sample(FRAGMENTS, 2)
        lines += [self.t(a, trad) + "：" + self.t(b, trad)[: r.randint(4, 10)], ""]
        date = f"20{r.randint(10, 24)}-0{r.randint(1, 9)}-1{r.randint(0, 9)}"
        lines.append(f"{self.t('时间', trad)}:{date} {self.t('来源', trad)}:")
        lines.append("")
        for _ in range(r.randint(4, 24)):
            lines.append(self.paragraph(trad))
            if r.random() < 0.3:
                lines += ["", ""] if r.random() < 0.5 else ["", "", "", ""]
        if r.random() < 0.4:
            seo = r.sample(SEO_ITEMS, 3)
            lines.append(f"{site.name}专业提供{'、'.join(self.t(s, trad) for s in seo)}一站式服务，欢迎咨询。")
        if r.random() < 0.6:
            lines += ["", f"{self.t('联系方式', trad)}:", ""]
            lines.append(f"中国 · {self.t(site.city, trad)}市{self.t(r.choice(ROADS), trad)}{r.randint(1, 300)}号")
            lines.append(f"{self.t('电话', trad)}:1{r.randrange(10**9, 10**10)}")
            lines.append(f"{self.t('邮编', trad)}:{r.randrange(100000, 999999)}")
        lines += ["", *site.template[2:]]
        if r.random() < 0.3:
            lines += ["", "主站蜘蛛池模板: " + " | ".join(self.t(i, trad) for i in r.sample(SPAM_ITEMS, 8)) + " |"]
        return "\n".join(lines) + "\n"


def encode(text: str, encoding: str) -> bytes:
    return text.encode("cp950" if encoding == "big5" else encoding, "replace")


def pages(writer: Writer, sites: list[Site], size: int) -> Iterator[tuple[Site, str]]:
    """Pages of random sites until ``size`` bytes (UTF-8) are reached."""
    done = 0
    while done < size:
        site = writer.rng.choice(sites)
        text = writer.page(site)
        done += len(text.encode("utf-8"))
        yield site, text


def make_corpus(root: Path, mb: float, seed: int = 1, sites: int = 40, big: tuple[float, ...] = ()) -> list[Path]:
    """Write about ``mb`` MB of pages under ``root``; ``big`` lists sizes (MB) of
    extra large files (concatenated pages), counted within ``mb``."""
    writer = Writer(seed)
    site_list = [writer.site(i) for i in range(sites)]
    written: list[Path] = []
    for n, big_mb in enumerate(big):
        path = root / "dumps" / f"dump-{n:02d}.txt"
        written.append(write_big(path, int(big_mb * 1e6), seed + 1000 + n, writer, site_list))
    rest = int(mb * 1e6) - sum(int(b * 1e6) for b in big)
    counter: dict[str, int] = {}
    for site, text in pages(writer, site_list, max(rest, 0)):
        n = counter[site.name] = counter.get(site.name, 0) + 1
        path = root / f"site-{site_list.index(site):02d}" / f"page-{n:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encode(text, site.encoding))
        written.append(path)
    return written


def write_big(path: Path, size: int, seed: int, writer: Writer | None = None, sites: list[Site] | None = None) -> Path:
    """One UTF-8 file of ``size`` bytes or a little more, written page by page."""
    writer = writer or Writer(seed)
    sites = sites or [writer.site(i) for i in range(40)]
    utf8 = [s for s in sites if s.encoding == "utf-8"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        batch: list[str] = []
        for _site, text in pages(writer, utf8, size):
            batch.append(text)
            if len(batch) >= 256:
                fh.write("".join(batch).encode("utf-8"))
                batch = []
        fh.write("".join(batch).encode("utf-8"))
    return path
