"""The one registry of kinds: name -> implementing class.

Classes are imported on first use so that `cleaner --help` does not pay for
OpenCC, langdetect or the regex engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleaner.kinds.base import Kind

KINDS: dict[str, str] = {
    "blank-lines": "cleaner.kinds.blank_lines:BlankLines",
    "brand-prefix": "cleaner.kinds.brand_prefix:BrandPrefix",
    "boilerplate-lines": "cleaner.kinds.boilerplate_lines:BoilerplateLines",
    "contact-block": "cleaner.kinds.contact_block:ContactBlock",
    "keyword-farms": "cleaner.kinds.keyword_farms:KeywordFarms",
    "end-tags": "cleaner.kinds.end_tags:EndTags",
    "feed-lists": "cleaner.kinds.feed_lists:FeedLists",
    "foreign-spam": "cleaner.kinds.foreign_spam:ForeignSpam",
    "keyword-lines": "cleaner.kinds.keyword_lines:KeywordLines",
    "jammer-noise": "cleaner.kinds.jammer_noise:JammerNoise",
    "language": "cleaner.kinds.language:Language",
    "opencc": "cleaner.kinds.opencc_convert:OpenCCConvert",
    "pinyin-annotations": "cleaner.kinds.pinyin:PinyinAnnotations",
    "promo-paragraphs": "cleaner.kinds.promo_paragraphs:PromoParagraphs",
    "regex-lines": "cleaner.kinds.regex_rules:RegexLines",
    "regex-replace": "cleaner.kinds.regex_rules:RegexReplace",
    "repeated-lines": "cleaner.kinds.repeated_lines:RepeatedLines",
    "sales-calls": "cleaner.kinds.sales_calls:SalesCalls",
    "spam-blocks": "cleaner.kinds.spam_blocks:SpamBlocks",
    "spam-phrases": "cleaner.kinds.spam_phrases:SpamPhrases",
    "watermarks": "cleaner.kinds.watermarks:Watermarks",
}


def kind_class(name: str) -> type[Kind]:
    """The class implementing kind ``name`` (KeyError when unknown)."""
    module, _, attr = KINDS[name].partition(":")
    cls: type[Kind] = getattr(importlib.import_module(module), attr)
    return cls
