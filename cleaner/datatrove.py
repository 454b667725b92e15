"""A datatrove pipeline step: ``cleaner.datatrove.CleanerStep`` (``pip install 'cleaner[datatrove]'``).

    from datatrove.executor import LocalPipelineExecutor
    from cleaner.datatrove import CleanerStep
    LocalPipelineExecutor(pipeline=[reader, CleanerStep(), writer], tasks=4).run()

Each Document's text is cleaned with the rules (the default set, a rule file,
or a :class:`cleaner.Cleaner`); what was removed goes into
``doc.metadata["cleaner"]`` (status, language, lines removed and changed per
rule).  A document the rules drop is excluded through datatrove's own filter
mechanism (it is a ``BaseFilter``): it counts as ``dropped`` and
``dropped_<rule id>`` in the step's stats, and goes to the
``exclusion_writer`` when one is given, with the reason in
``metadata["filter_reason"]``.
"""

from __future__ import annotations

from typing import Any

from cleaner.api import Cleaner, RulesSpec

try:
    from datatrove.pipeline.filters.base_filter import BaseFilter
except ImportError:  # pragma: no cover - depends on the environment
    raise ImportError("cleaner.datatrove needs datatrove: pip install 'cleaner[datatrove]'") from None


class CleanerStep(BaseFilter):  # type: ignore[misc]
    """Clean each document's text with cleaner's rules; drop what the rules drop."""

    name = "🧹 cleaner"

    def __init__(self, rules: RulesSpec | Cleaner = None, exclusion_writer: Any = None) -> None:
        super().__init__(exclusion_writer)
        self.cleaner = rules if isinstance(rules, Cleaner) else Cleaner(rules)

    def filter(self, doc: Any) -> bool | tuple[bool, str]:
        result = self.cleaner.clean(doc.text, name=str(doc.id))
        doc.metadata["cleaner"] = result.summary()
        self.stat_update(f"cleaner_{result.status}")
        if result.dropped:
            return False, str(result.findings[-1].rule) if result.findings else "cleaner"
        if result.status == "cleaned":
            doc.text = result.text
        return True
