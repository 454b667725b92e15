"""Tag each document's language; optionally drop or flag documents outside a list.

Chinese, Japanese and Korean are decided by script first (Han alone is
Chinese, kana means Japanese, Hangul means Korean), because langdetect
labels Chinese as Korean.  Only text the script cannot decide goes to
langdetect, on a bounded sample, with a fixed seed so results are
deterministic; its profiles load the first time that happens.  langdetect's
``ko`` without Hangul and ``ja`` without kana are never accepted.  With the
``fast`` extra installed, langdetect-rs gives the same probabilities bit for
bit, ~50x faster.

Options:
  allow (list of language codes, default []: all allowed), e.g. [zh, en]
  action ("tag" | "drop" | "flag", default "tag"): what to do with a document
    outside ``allow``.  In hook modes (check/fix) ``drop`` only flags.
  sample_chars (int, 1500): characters given to langdetect (twice as many are
    counted by script); langdetect's cost grows with the sample.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from cleaner.kinds.base import Kind
from cleaner.model import DocContext, Outcome
from cleaner.text.script import cjk_language, count_scripts


@dataclass(frozen=True)
class LanguageOptions:
    allow: list[str] = field(default_factory=list)
    action: Literal["tag", "drop", "flag"] = "tag"
    sample_chars: int = 1500


class Language(Kind):
    """Tag the language (script first, langdetect second); drop/flag others."""

    name = "language"
    # contextual: the page's language depends on all its lines, so a later round decides again
    Options = LanguageOptions

    def __init__(self, rule_id: str, options: LanguageOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self._factory: Any = None  # langdetect profiles, loaded on first use
        self._failure: type[Exception] = Exception

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        opts: LanguageOptions = self.options
        sample = "\n".join(lines)[: opts.sample_chars * 2]
        language, how = self.detect(sample)
        out = Outcome(tags={"language": language, "language_by": how})
        if opts.allow and language not in opts.allow:
            reason = f"language {language} not in allow-list ({', '.join(opts.allow)})"
            if opts.action == "drop":
                out.drop = reason
            elif opts.action == "flag":
                out.flag = reason
        return out

    def detect(self, text: str) -> tuple[str, str]:
        counts = count_scripts(text)
        if counts.letters == 0:
            return "und", "no letters"
        by_script = cjk_language(counts)
        if by_script:
            return by_script, "script"
        return self._langdetect(text[: self.options.sample_chars], counts.hangul > 0, counts.kana > 0), "langdetect"

    def _langdetect(self, text: str, hangul: bool, kana: bool) -> str:
        if self._factory is None:
            self._factory, self._failure = load_detector()
        detector = self._factory.create()
        try:
            detector.append(text)
            candidates = detector.get_probabilities()
        except self._failure:
            return "und"
        for cand in candidates:
            lang = "zh" if cand.lang.startswith("zh") else cand.lang
            if (lang == "ko" and not hangul) or (lang == "ja" and not kana):
                continue
            return str(lang)
        return "und"


def detector_backend() -> str:
    """``langdetect-rs`` when that accelerator is installed, else ``langdetect``."""
    try:
        import langdetect_rs  # noqa: F401
    except ImportError:
        return "langdetect"
    return "langdetect-rs"


def load_detector() -> tuple[Any, type[Exception]]:
    """A seeded detector factory with every profile loaded, and its failure exception.

    ``langdetect-rs`` (the ``fast`` extra) reproduces langdetect's random walk
    bit for bit, ~50x faster; tests/test_language.py checks that both give the
    same probabilities when it is installed.
    """
    if detector_backend() == "langdetect-rs":
        from langdetect_rs import PROFILES_DIRECTORY, DetectorFactory, LangDetectException
    else:
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
        from langdetect.lang_detect_exception import LangDetectException
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0  # deterministic: langdetect samples at random otherwise
    return factory, LangDetectException
