"""cleaner.decode: raw bytes -> text or a reason to skip (hostile input)."""

from __future__ import annotations

import codecs
import gzip
import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner.decode import MAX_COST, PREFIX_BYTES, Decoded, Undecodable, cost, decode, looks_binary

# Realistic prose, written for these tests.
TRAD_NEWS = (
    "臺北市政府今天上午召開記者會，宣布明年起將擴大推動公共運輸優惠方案，凡持有市民卡的通勤族，"
    "每月只要支付一千二百元，就能不限次數搭乘捷運、公車及公共自行車。市長表示，這項政策的目的在於"
    "減少私人汽機車的使用，改善市區的交通壅塞與空氣品質。根據交通局的統計，去年全市捷運每日平均運量"
    "已突破兩百萬人次，但尖峰時段仍有不少路線車廂擁擠，市府將同步增加班次，並檢討轉乘動線的設計。"
    "部分議員則質疑，相關預算是否會排擠其他建設經費，要求市府在下次定期大會提出完整的財務評估報告。"
)
TRAD_WEATHER = (
    "香港天文台表示，一股強烈季候風正影響廣東沿岸，預料本港明日氣溫顯著下降，市區最低氣溫約攝氏十度，"
    "新界部分地區更低。天文台呼籲市民注意保暖，長者及長期病患者尤其要留意身體狀況。"
)
SIMP_NEWS = (
    "国家统计局今天发布的数据显示，今年前三季度全国居民人均可支配收入比去年同期名义增长百分之六点三，"
    "扣除价格因素后实际增长百分之五点九。专家认为，随着一系列稳就业、促消费政策的落实，居民收入保持了"
    "平稳增长的态势，但城乡之间、地区之间的差距仍然需要进一步缩小。"
)
MIXED = (
    "<title>科技新闻</title>\n<p>Apple 今天发布了 iPhone 16，售价 799 美元起。"
    "在使用 Python 3.11 处理大文件时，建议用 for line in f 逐行读取，内存占用基本不变。</p>\n"
)
WEATHER_CRLF = TRAD_WEATHER.replace("。", "。\r\n")
GBK_ONLY = "GBK 收录了「镕」「喆」「堃」等字，也收录了繁体字：臺灣、學習。"  # not encodable as GB2312
JAPANESE = "日本の首都は東京です。今日はとても良い天気なので、たくさんの人が公園で散歩を楽しみました。"

DECODES = [  # (id, bytes, expected encoding, expected text)
    ("ascii", b"plain ASCII text\n", "utf-8", "plain ASCII text\n"),
    ("utf-8", SIMP_NEWS.encode("utf-8"), "utf-8", SIMP_NEWS),
    ("utf-8 traditional", TRAD_NEWS.encode("utf-8"), "utf-8", TRAD_NEWS),
    ("utf-8 bom", codecs.BOM_UTF8 + "BOM 文本\n".encode(), "utf-8-sig", "BOM 文本\n"),
    ("utf-8 crlf", "第一行\r\n第二行\r\n".encode(), "utf-8", "第一行\r\n第二行\r\n"),
    ("utf-8 truncated", "完整的句子。".encode()[:-1], "utf-8", "完整的句子\ufffd"),
    ("utf-16 le", codecs.BOM_UTF16_LE + "中文 text\r\n".encode("utf-16-le"), "utf-16", "中文 text\r\n"),
    ("utf-16 be", codecs.BOM_UTF16_BE + "繁體中文\n".encode("utf-16-be"), "utf-16", "繁體中文\n"),
    ("utf-16 odd length", codecs.BOM_UTF16_LE + "中文".encode("utf-16-le") + b"a", "utf-16", "中文\ufffd"),
    ("utf-16 lone surrogate", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8b\x00", "utf-16", "a\ufffdb"),
    ("utf-32 le", codecs.BOM_UTF32_LE + "漢字\n".encode("utf-32-le"), "utf-32", "漢字\n"),
    ("gb18030 simplified", SIMP_NEWS.encode("gb18030"), "gb18030", SIMP_NEWS),
    ("gb18030 mixed ascii", MIXED.encode("gb18030"), "gb18030", MIXED),
    ("gb18030 four-byte", (SIMP_NEWS + "𠮷€").encode("gb18030"), "gb18030", SIMP_NEWS + "𠮷€"),
    ("gb18030 crlf", "第一行\r\n第二行\r\n".encode("gb18030"), "gb18030", "第一行\r\n第二行\r\n"),
    ("gb18030 after ascii", b"x" * 100_000 + SIMP_NEWS.encode("gb18030"), "gb18030", "x" * 100_000 + SIMP_NEWS),
    ("gbk", GBK_ONLY.encode("gbk"), "gb18030", GBK_ONLY),
    ("gb2312 short", "今天天气很好。".encode("gb2312"), "gb18030", "今天天气很好。"),
    ("big5 news", TRAD_NEWS.encode("big5"), "big5", TRAD_NEWS),
    ("big5 weather crlf", WEATHER_CRLF.encode("big5"), "big5", WEATHER_CRLF),
    ("big5 short sentence", "今天天氣很好。".encode("big5"), "big5", "今天天氣很好。"),
    ("big5 two chars", "中文".encode("big5"), "big5", "中文"),
    ("big5 thanks", "謝謝你的幫忙".encode("big5"), "big5", "謝謝你的幫忙"),
    ("big5 cp950 euro", "票價為 30 €。".encode("cp950"), "big5", "票價為 30 €。"),
    ("big5 truncated", TRAD_NEWS.encode("big5")[:-1], "big5", TRAD_NEWS[:-1] + "\ufffd"),
    ("big5 after ascii", b"id: 42\n" + TRAD_WEATHER.encode("big5"), "big5", "id: 42\n" + TRAD_WEATHER),
]


@pytest.mark.parametrize(("data", "encoding", "text"), [c[1:] for c in DECODES], ids=[c[0] for c in DECODES])
def test_decodes(data: bytes, encoding: str, text: str) -> None:
    assert decode(data) == Decoded(text, encoding)


def test_empty() -> None:
    assert decode(b"") == Decoded("", "utf-8")


@pytest.mark.parametrize("text", [TRAD_NEWS, TRAD_WEATHER, "今天天氣很好。", "中文", "謝謝你的幫忙"])
def test_big5_is_not_read_as_gb18030(text: str) -> None:
    data = text.encode("big5")
    data.decode("gb18030")  # the trap: these bytes are valid GB18030 too
    assert decode(data).encoding == "big5"


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
SKIPS = [  # (id, bytes, reason)
    ("png", PNG, "binary file (PNG image)"),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "binary file (JPEG image)"),
    ("gif", b"GIF89a\x10\x00\x10\x00", "binary file (GIF image)"),
    ("zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary file (ZIP archive)"),
    ("gzip", gzip.compress("压缩".encode()), "binary file (compressed data)"),
    ("7z", b"7z\xbc\xaf\x27\x1c\x00\x04", "binary file (7z or RAR archive)"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary file (PDF document)"),
    ("elf", b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary file (ELF executable)"),
    ("exe", b"MZ\x90\x00\x03\x00\x00\x00", "binary file (executable)"),
    ("nul bytes", "你好\x00世界".encode(), "binary file (NUL bytes)"),
    ("control characters", bytes(range(1, 9)) * 64, "binary file (control characters)"),
    ("utf-16 without bom", "中文 text".encode("utf-16-le"), "binary file (NUL bytes)"),
    ("shift_jis", JAPANESE.encode("shift_jis"), "not text in any supported encoding (utf-8, gb18030, big5)"),
    ("latin-1", "Café crème brûlée, déjà vu.".encode("latin-1"), "not text in any supported encoding"),
    ("cp1251", "Москва — столица России.".encode("cp1251"), "not text in any supported encoding"),
    ("utf-16 garbage", codecs.BOM_UTF16_LE + b"\x00\xd8" * 50, "not valid utf-16 text despite its byte-order mark"),
]


@pytest.mark.parametrize(("data", "reason"), [c[1:] for c in SKIPS], ids=[c[0] for c in SKIPS])
def test_skips(data: bytes, reason: str) -> None:
    with pytest.raises(Undecodable) as caught:
        decode(data)
    assert caught.value.reason.startswith(reason)
    assert str(caught.value) == caught.value.reason


@pytest.mark.parametrize("seed", range(8))
def test_random_bytes(seed: int) -> None:
    rnd = random.Random(seed)
    with pytest.raises(Undecodable):
        decode(rnd.randbytes(4096))
    high = bytes(rnd.randrange(0x80, 0x100) for _ in range(4096))  # no NUL, no control bytes
    with pytest.raises(Undecodable, match="not text in any supported encoding"):
        decode(high)


def test_mojibake_scores_above_the_limit() -> None:
    assert cost(SIMP_NEWS) < MAX_COST and cost(TRAD_NEWS) < MAX_COST
    assert cost(TRAD_NEWS.encode("big5").decode("gb18030")) > MAX_COST
    assert cost(SIMP_NEWS.encode("gb18030").decode("cp950", "replace")) > MAX_COST
    assert cost(SIMP_NEWS.encode("utf-8").decode("gb18030", "replace")) > MAX_COST


def test_looks_binary_checks_a_bounded_prefix() -> None:
    late_nul = b"a" * PREFIX_BYTES + b"\x00"
    assert looks_binary(late_nul) is None
    assert decode(late_nul).text.endswith("\x00")
    assert looks_binary(b"a" * (PREFIX_BYTES - 1) + b"\x00") == "binary file (NUL bytes)"
    assert looks_binary(codecs.BOM_UTF16_LE + "中文".encode("utf-16-le")) is None
    assert looks_binary("第一行\n\t第二行\x0c\x1b[0m\r\n".encode()) is None


def test_thirty_megabytes_on_one_line() -> None:
    body = SIMP_NEWS.replace("\n", "") * (30_000_000 // len(SIMP_NEWS.encode("gb18030")))
    data = body.encode("gb18030") + b"\xd6"  # cut inside a final character
    assert len(data) > 29_000_000 and b"\n" not in data
    result = decode(data)
    assert result.encoding == "gb18030"
    assert len(result.text) == len(body) + 1 and result.text.endswith("\ufffd")
    with pytest.raises(Undecodable):
        decode(random.Random(1).randbytes(30_000_000))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=512))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    try:
        result = decode(data)
    except Undecodable as exc:
        assert exc.reason
    else:
        result.text.encode("utf-8")  # no lone surrogates leak out


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le"]))
def test_unicode_round_trips(text: str, codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE}
    assume(not (codec == "utf-16-le" and text.startswith("\x00")))  # FF FE 00 00 is the UTF-32 LE BOM
    try:
        result = decode(bom.get(codec, b"") + text.encode(codec))
    except Undecodable as exc:  # Unicode text is only ever refused as binary (NULs, controls, magic)
        assert exc.reason.startswith("binary file")
        return
    assert result.text == (text[1:] if codec == "utf-8" and text.startswith("\ufeff") else text)
