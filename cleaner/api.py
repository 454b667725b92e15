"""The Python API: clean texts with a rule set exactly as ``cleaner run`` does.

    from cleaner import Cleaner
    c = Cleaner()                      # the shipped rules; Cleaner("rules.yaml") or Cleaner(rule_set)
    r = c.clean("…page text…")         # r.text, r.changed, r.dropped, r.language, r.findings, r.record
    for r in c.clean_many(texts, jobs=2): ...

A :class:`Cleaner` validates and builds its rule set once (word lists,
OpenCC, langdetect profiles) and is then cheap to call.  It pickles as the
path of its rule file and that file's sha256: a worker process or a Ray task
rebuilds it from the file, and refuses a rule file edited in between.  The
batch runner, the record-file cleaner and the integrations all clean a
document through :meth:`Cleaner.cleaned`, so their results are the same.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cleaner.config import RuleSet, load_rule_set
from cleaner.errors import ConfigError
from cleaner.kinds.repeated_lines import CorpusCounts
from cleaner.model import Finding
from cleaner.pipeline import Pipeline
from cleaner.work import Cleaned, clean_bytes, clean_text

RulesSpec = str | os.PathLike[str] | RuleSet | None


@dataclass(frozen=True)
class CleanResult:
    """What cleaning one text gave.

    ``status`` is ``unchanged``, ``cleaned``, ``dropped`` (a rule dropped the
    whole text: ``text`` is empty and ``reason`` says why), ``error`` (a rule
    failed on it: ``text`` is the input) or ``skipped`` (bytes that are not
    text).  ``record`` is the audit record `cleaner run` writes for a file.
    """

    text: str
    status: str
    reason: str | None
    language: str | None
    findings: tuple[Finding, ...]
    record: dict[str, Any]

    @property
    def changed(self) -> bool:
        return self.status in ("cleaned", "dropped")

    @property
    def dropped(self) -> bool:
        return self.status == "dropped"

    def summary(self) -> dict[str, Any]:
        """What cleaning did, as plain data (datatrove metadata, dataset columns):
        status, reason, language, lines removed and changed, characters removed,
        and per rule the number of lines it removed or changed."""
        rules = self.record.get("rules", [])
        return {
            "status": self.status,
            "reason": self.reason,
            "language": self.language,
            "removed_lines": sum(r["removed_lines"] for r in rules),
            "changed_lines": sum(r["changed_lines"] for r in rules),
            "chars_removed": sum(r["chars_removed"] for r in rules),
            "rules": {r["id"]: r["removed_lines"] + r["changed_lines"] for r in rules},
        }

    @classmethod
    def of(cls, done: Cleaned) -> CleanResult:
        result = done.result
        if done.status in ("cleaned", "unchanged") and result is not None:
            text = result.text
        else:
            text = "" if done.status == "dropped" else (done.text or "")
        return cls(
            text,
            done.status,
            done.record.get("reason"),
            done.record.get("language"),
            tuple(result.findings) if result is not None else (),
            done.record,
        )


class Cleaner:
    """A validated rule set, ready to clean many texts (see the module docstring)."""

    def __init__(self, rules: RulesSpec = None, *, corpus: CorpusCounts | None = None, hook_mode: bool = False) -> None:
        if isinstance(rules, RuleSet):
            self.rule_set = rules
        else:
            self.rule_set = load_rule_set(None if rules is None else os.fspath(rules))
        self.corpus = corpus
        self.hook_mode = hook_mode
        self.pipeline = Pipeline(self.rule_set, hook_mode=hook_mode, corpus=corpus)
        self._spec = "default" if self.rule_set.path == "default" else os.path.abspath(self.rule_set.path)

    def clean(self, text: str | bytes, name: str = "<text>") -> CleanResult:
        """Clean one text; bytes are decoded as `cleaner run` decodes a file."""
        return CleanResult.of(self.cleaned(name, text))

    def cleaned(self, name: str, text: str | bytes) -> Cleaned:
        """The runner's form of :meth:`clean`: the record, and the output bytes to write."""
        if isinstance(text, bytes):
            return clean_bytes(name, text, self.pipeline)
        return clean_text(name, text, self.pipeline)

    def clean_many(self, texts: Iterable[str], jobs: int = 1, batch: int = 64) -> Iterator[CleanResult]:
        """Clean ``texts`` in order; ``jobs`` > 1 uses that many worker processes.

        The results are the same, in the same order, whatever ``jobs`` is.
        """
        if jobs <= 1:
            yield from (self.clean(t) for t in texts)
            return
        from cleaner.ordered import local_map

        for results in local_map(_clean_batch, _batches(texts, batch), jobs, self):
            yield from results

    def __getstate__(self) -> dict[str, Any]:
        return {"spec": self._spec, "sha256": self.rule_set.sha256, "corpus": self.corpus, "hook": self.hook_mode}

    def __setstate__(self, state: dict[str, Any]) -> None:
        rule_set = load_rule_set(state["spec"])
        if rule_set.sha256 != state["sha256"]:
            raise ConfigError(state["spec"], "the rule file changed since this Cleaner was built")
        self.__init__(rule_set, corpus=state["corpus"], hook_mode=state["hook"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"Cleaner({self._spec!r}, {len(self.rule_set.active)} rules)"


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _clean_batch(cleaner: Cleaner, texts: list[str]) -> list[CleanResult]:
    return [cleaner.clean(t) for t in texts]
