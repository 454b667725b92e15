"""The `language` kind's detector: script first, langdetect only when needed.

Chinese (Simplified or Traditional) must come out as ``zh`` and never as
``ko`` (langdetect's known confusion), results must not change from call to
call, and langdetect's profiles must not even be loaded for CJK text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import load_rule_set
from cleaner.kinds.language import Language, LanguageOptions
from cleaner.pipeline import Pipeline

SAMPLES = {
    "zh-Hans": [
        "我爱北京天安门",
        "微信公众平台一直都在不断地更新和完善，力求为大家提供更好的服务。",
        "开发者可以协助其他合作商户制券。",
    ],
    "zh-Hant": [
        "微信公眾平臺一直都在不斷的更新，不斷的完善，力求為大家提供較好的服務。",
        "聯絡方式",
        "會員卡的展示能力更加強大與豐富。",
    ],
    "ja": [
        "東京駅の近くにある図書館で、週末に講演会が開かれます。",
        "開館時間は午前十時から午後八時までです。",
    ],
    "ko": [
        "서울의 새 도서관은 역에서 걸어서 오 분 거리에 있습니다.",
        "大韓民國의 首都는 서울이다.",
    ],
    "en": [
        "WeChat has opened three new card features to merchants this month.",
        "Developers can now create coupons on behalf of their partner merchants.",
    ],
    "fr": [
        "La nouvelle bibliothèque se trouve à cinq minutes à pied de la gare.",
        "Les développeurs peuvent désormais créer des coupons pour leurs partenaires.",
    ],
}
EXPECTED = {"zh-Hans": "zh", "zh-Hant": "zh", "ja": "ja", "ko": "ko", "en": "en", "fr": "fr"}
CASES = [(variant, text) for variant, texts in SAMPLES.items() for text in texts]


def _kind(**options: object) -> Language:
    return Language("language", LanguageOptions(**options), Path("."))  # type: ignore[arg-type]


@pytest.mark.parametrize(("variant", "text"), CASES, ids=[f"{v}:{t[:12]}" for v, t in CASES])
def test_detected_tag(variant: str, text: str) -> None:
    language, _how = _kind().detect(text)
    assert language == EXPECTED[variant]


@pytest.mark.parametrize("text", SAMPLES["zh-Hans"] + SAMPLES["zh-Hant"] + SAMPLES["ja"] + SAMPLES["ko"])
def test_cjk_is_decided_by_script_without_loading_langdetect(text: str) -> None:
    kind = _kind()
    _language, how = kind.detect(text)
    assert how == "script"
    assert kind._factory is None, "langdetect profiles were loaded for CJK text"


def test_latin_text_goes_to_langdetect() -> None:
    kind = _kind()
    assert kind.detect(SAMPLES["en"][0]) == ("en", "langdetect")
    assert kind._factory is not None


@pytest.mark.parametrize(
    "text",
    [
        "WeChat Pay API SDK version three document for developers 微信支付",
        "Open Platform developer guide and reference manual 开放平台",
    ],
)
def test_chinese_among_latin_is_never_korean(text: str) -> None:
    language, how = _kind().detect(text)
    assert how == "langdetect"  # too little Han for the script to decide
    assert language != "ko"


SHORT = ["Bonjour", "ok merci", "Hallo Welt", "ciao", "the end", SAMPLES["fr"][0]]


def test_deterministic_across_calls_and_instances() -> None:
    # langdetect samples at random: short texts flip between runs unless seeded
    kind, other = _kind(), _kind()
    first = [kind.detect(text) for text in SHORT]
    for _ in range(10):
        assert [kind.detect(text) for text in SHORT] == first
    assert [other.detect(text) for text in SHORT] == first


def test_no_letters_is_undetermined() -> None:
    assert _kind().detect("2015-09-15 12:30 ——") == ("und", "no letters")


def _pipeline(write_rules, body: str, hook_mode: bool = False) -> Pipeline:  # type: ignore[no-untyped-def]
    path = write_rules("version: 1\nrules:\n  - id: lang\n    kind: language\n" + body)
    return Pipeline(load_rule_set(str(path)), hook_mode=hook_mode)


def test_tagging_leaves_text_unchanged(write_rules) -> None:  # type: ignore[no-untyped-def]
    pipeline = _pipeline(write_rules, "")
    for variant, text in CASES:
        result = pipeline.clean(text + "\n")
        assert result.text == text + "\n"
        assert result.findings == []
        assert result.dropped is None
        assert result.tags["language"] == EXPECTED[variant]


def test_drop_outside_allow_list(write_rules) -> None:  # type: ignore[no-untyped-def]
    pipeline = _pipeline(write_rules, "    allow: [zh]\n    action: drop\n")
    result = pipeline.clean(SAMPLES["ja"][0] + "\n")
    assert result.text == ""
    assert result.dropped is not None and "ja" in result.dropped
    assert result.dropped_by == "lang"
    assert [(f.action, f.line) for f in result.findings] == [("drop", 1)]
    kept = pipeline.clean(SAMPLES["zh-Hant"][0])
    assert kept.dropped is None and kept.text == SAMPLES["zh-Hant"][0]


def test_drop_only_flags_in_hook_mode(write_rules) -> None:  # type: ignore[no-untyped-def]
    pipeline = _pipeline(write_rules, "    allow: [zh]\n    action: drop\n", hook_mode=True)
    text = SAMPLES["en"][0] + "\n"
    result = pipeline.clean(text)
    assert result.dropped is None
    assert result.text == text
    assert [f.action for f in result.findings] == ["flag"]


def test_flag_action_keeps_text(write_rules) -> None:  # type: ignore[no-untyped-def]
    pipeline = _pipeline(write_rules, "    allow: [zh, en]\n    action: flag\n")
    text = SAMPLES["ko"][0] + "\n"
    result = pipeline.clean(text)
    assert result.dropped is None
    assert result.text == text
    assert [f.action for f in result.findings] == ["flag"]
    assert pipeline.clean(SAMPLES["en"][0]).findings == []


def _probabilities(factory: object, texts: list[str]) -> list[object]:
    out: list[object] = []
    for text in texts:
        detector = factory.create()  # type: ignore[attr-defined]
        try:
            detector.append(text)
            out.append([(c.lang, c.prob) for c in detector.get_probabilities()])
        except Exception as exc:  # the same failures, with the same messages
            out.append(f"{type(exc).__name__}: {exc}")
    return out


def test_langdetect_rs_accelerator_gives_langdetect_results_bit_for_bit() -> None:
    """The optional `fast` extra is used only because this holds on our texts."""
    langdetect_rs = pytest.importorskip("langdetect_rs")
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    root = Path(__file__).resolve().parent.parent
    texts = [t for ts in SAMPLES.values() for t in ts] + ["", "1234 5678", "a", "Ünïcödé ✓ 中"]
    for page in sorted((root / "samples").glob("*.txt")):
        body = page.read_text(encoding="utf-8", errors="replace")
        texts += [body[:1500], body[1500:3000], body[::7][:300]]
    reference = DetectorFactory()
    reference.load_profile(PROFILES_DIRECTORY)
    reference.seed = 0
    fast = langdetect_rs.DetectorFactory()
    fast.load_profile(langdetect_rs.PROFILES_DIRECTORY)
    fast.seed = 0
    assert _probabilities(fast, texts) == _probabilities(reference, texts)
