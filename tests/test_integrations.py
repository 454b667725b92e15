"""Hugging Face datasets (cleaner.hf) and datatrove (cleaner.datatrove), on small in-memory data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cleaner import Cleaner
from tests.texts import CLEAN, DROP_RULES, ENGLISH, SPAM


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(DROP_RULES, encoding="utf-8")
    return path


def test_datasets_map_cleans_the_text_column_and_adds_summary_columns(tmp_path: Path, rules: Path) -> None:
    datasets = pytest.importorskip("datasets")
    import cleaner.hf

    texts = [SPAM, CLEAN, ENGLISH, SPAM + CLEAN] * 3
    ds = datasets.Dataset.from_dict({"id": list(range(len(texts))), "text": texts})
    c = Cleaner(rules)
    fn = cleaner.hf.map_batch(c, columns=["status", "removed_lines"])
    out = ds.map(fn, batched=True, batch_size=4, num_proc=2, cache_file_name=str(tmp_path / "cache.arrow"))
    assert out["id"] == list(range(len(texts)))
    assert out["text"] == [c.clean(t).text for t in texts]
    assert out["cleaner_status"] == ["cleaned", "unchanged", "dropped", "cleaned"] * 3
    assert out["cleaner_removed_lines"] == [1, 0, 0, 1] * 3
    kept = ds.map(cleaner.hf.map_batch(c, drop=True), batched=True)
    assert kept["id"] == [i for i, t in enumerate(texts) if t != ENGLISH]
    with pytest.raises(ValueError, match="unknown summary column"):
        cleaner.hf.map_batch(c, columns=["nope"])


def test_datatrove_step_cleans_records_metadata_and_drops_through_the_filter(tmp_path: Path, rules: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor

    from cleaner.datatrove import CleanerStep

    docs = [Document(text=t, id=str(i)) for i, t in enumerate([SPAM, CLEAN, ENGLISH])]
    seen: list[Any] = []

    def collect(data: Any, rank: int = 0, world_size: int = 1) -> Any:
        for doc in data:
            seen.append(doc)
            yield doc

    executor = LocalPipelineExecutor(pipeline=[docs, CleanerStep(rules), collect], logging_dir=str(tmp_path / "logs"))
    stats = executor.run()
    assert [d.id for d in seen] == ["0", "1"]
    assert seen[0].text == Cleaner(rules).clean(SPAM).text and seen[1].text == CLEAN
    assert seen[0].metadata["cleaner"]["status"] == "cleaned"
    assert seen[0].metadata["cleaner"]["rules"] == {"spam": 1}
    step = next(s for s in stats.stats if "cleaner" in s.name)
    counts = {k: v.total for k, v in step.stats.items()}
    assert counts["dropped"] == 1 and counts["dropped_chinese-only"] == 1 and counts["forwarded"] == 2
