"""Hugging Face ``datasets``: clean a Dataset's text column with ``Dataset.map``.

    from datasets import Dataset
    import cleaner.hf
    from cleaner import Cleaner
    ds = ds.map(cleaner.hf.map_batch(Cleaner(), columns=["status", "removed_lines"]), batched=True, num_proc=2)

:func:`map_batch` returns a picklable function of a batch (``batched=True``;
``num_proc`` works: the Cleaner travels to the worker processes as its rule
file).  It replaces the text column with the clean text and adds one
``cleaner_<name>`` column per requested summary field (:data:`COLUMNS`).  A
text the rules drop becomes ``""`` with ``cleaner_status == "dropped"``; with
``drop=True`` its row is left out instead (the batch is returned whole, so
``datasets`` accepts the changed number of rows).  A value of the text column
that is not a string (None) is kept as it is, with status ``skipped``.
"""

from __future__ import annotations

from typing import Any

from cleaner.api import Cleaner

COLUMNS = ("status", "reason", "language", "removed_lines", "changed_lines", "chars_removed")


class MapBatch:
    """The function :func:`map_batch` returns (a class, so that it pickles)."""

    def __init__(self, cleaner: Cleaner, text_column: str, columns: tuple[str, ...], drop: bool) -> None:
        unknown = [c for c in columns if c not in COLUMNS]
        if unknown:
            raise ValueError(f"unknown summary column(s) {unknown}: choose from {list(COLUMNS)}")
        self.cleaner, self.text_column, self.columns, self.drop = cleaner, text_column, columns, drop

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        texts = batch[self.text_column]
        out = dict(batch)
        new: list[Any] = []
        extra: dict[str, list[Any]] = {f"cleaner_{c}": [] for c in self.columns}
        keep: list[bool] = []
        for value in texts:
            if isinstance(value, str):
                result = self.cleaner.clean(value)
                info = result.summary()
                new.append(result.text)
                keep.append(not (self.drop and result.dropped))
            else:
                info = {"status": "skipped", "reason": "not a string", "language": None}
                info.update(removed_lines=0, changed_lines=0, chars_removed=0)
                new.append(value)
                keep.append(True)
            for c in self.columns:
                extra[f"cleaner_{c}"].append(info[c])
        out[self.text_column] = new
        out.update(extra)
        if all(keep):
            return out
        return {k: [v for v, k_ in zip(values, keep) if k_] for k, values in out.items()}


def map_batch(
    cleaner: Cleaner | None = None,
    text_column: str = "text",
    columns: list[str] | tuple[str, ...] = (),
    drop: bool = False,
) -> MapBatch:
    """A function for ``Dataset.map(..., batched=True)`` that cleans ``text_column``."""
    return MapBatch(cleaner or Cleaner(), text_column, tuple(columns), drop)
