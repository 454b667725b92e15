"""Clean record files (JSON lines, gzip/zstd JSON lines, Parquet) batch by batch.

The files are read in the driver as one stream of batches of records
(:data:`BATCH_RECORDS` records or :data:`BATCH_BYTES` bytes), the batches are
cleaned by a *mapper* — in this process, in worker processes or in Ray tasks,
always yielding results in order — and the driver writes each file's output
and its per-record audit lines as the results come back.  Markers in the
stream tell the writer where a file starts and ends, so the workers stay busy
across file boundaries, memory holds only the batches in flight, and the
output bytes depend on the input alone, not on the number of workers.

Parquet output keeps the input's schema (plus a ``cleaner_dropped`` string
column with ``keep_dropped``), its row groups (less any dropped rows) and the
compression of its first column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.api import Cleaner
from cleaner.audit import record
from cleaner.config import RuleSet
from cleaner.recordio import Format, LineReader, MissingExtra, Sink, pyarrow
from cleaner.records import (
    DROPPED_FIELD,
    LineBatch,
    LineBatchDone,
    Outcome,
    RecordOptions,
    TextBatch,
    TextBatchDone,
    clean_line_batch,
    clean_text_batch,
)

BATCH_RECORDS = 512
BATCH_BYTES = 2 << 20
MAX_PROBLEMS = 1_000  # invalid records named on stderr per file; the audit names them all

Mapper = Callable[[Callable[[Cleaner, Any], Any], Iterator[Any]], Iterator[Any]]


@dataclass
class RecordFile:
    rel: str
    path: Path
    out: Path
    fmt: Format
    audit: Path  # where its per-record audit lines go


@dataclass
class Start:
    number: int


@dataclass
class End:
    number: int
    error: str | None = None
    sha256: str | None = None
    bytes: int = 0


@dataclass
class Written:
    """One record file done: its file-level audit record and its problems."""

    file: RecordFile
    record: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def dispatch(cleaner: Cleaner, item: Any) -> Any:
    """Runs on a worker: clean a batch; markers come back as they went."""
    if isinstance(item, LineBatch):
        return clean_line_batch(cleaner, item)
    if isinstance(item, TextBatch):
        return clean_text_batch(cleaner, item)
    return item


def clean_files(files: list[RecordFile], opts: RecordOptions, rule_set: RuleSet, mapper: Mapper) -> Iterator[Written]:
    """Clean ``files`` in order; yield each one's result as its last batch is written."""
    tables: dict[tuple[int, int], Any] = {}  # parquet: the input batches in flight, for the writer
    writer: _Writer | None = None
    done = 0
    try:
        for item in mapper(dispatch, _stream(files, opts, tables)):
            if isinstance(item, Start):
                writer = _Writer(files[item.number], opts, rule_set, tables, item.number)
            elif isinstance(item, End):
                assert writer is not None
                yield writer.finish(item)
                writer, done = None, done + 1
            else:
                assert writer is not None
                writer.add(item)
    except Exception as exc:  # a worker died (BrokenProcessPool, a failed Ray task): the rest fail, not the run
        reason = " ".join(f"not cleaned: a worker failed ({type(exc).__name__}: {exc})".split())[:300]
        reason += "; run again to clean the files that are left"
        if writer is not None:
            writer.abort()
        for f in files[done:]:
            yield _Writer(f, opts, rule_set, tables, files.index(f)).finish(End(0, reason))


def _stream(files: list[RecordFile], opts: RecordOptions, tables: dict[tuple[int, int], Any]) -> Iterator[Any]:
    for number, f in enumerate(files):
        yield Start(number)
        reader = _jsonl_batches if f.fmt.kind == "jsonl" else _parquet_batches
        end = End(number)
        try:
            end.sha256, end.bytes = yield from reader(f, opts, number, tables)
        except MissingExtra as exc:
            end.error = str(exc)
        except (OSError, EOFError, ValueError) as exc:  # unreadable, or a corrupt gzip/zstd/Parquet file
            end.error = f"cannot read: {getattr(exc, 'strerror', None) or exc}"
        except Exception as exc:  # pyarrow's own errors: the file fails, not the run
            end.error = f"cannot read: {type(exc).__name__}: {exc}"
        yield end


def _jsonl_batches(
    f: RecordFile, opts: RecordOptions, number: int, tables: Any
) -> Generator[Any, None, tuple[str, int]]:
    reader = LineReader(f.path, f.fmt.compression)
    try:
        lines: list[bytes] = []
        size = index = 0
        line = first = 1
        for raw in reader:
            lines.append(raw)
            size += len(raw)
            line += 1
            if len(lines) >= BATCH_RECORDS or size >= BATCH_BYTES:
                yield LineBatch(f.rel, opts, index, first, lines)
                index += sum(1 for x in lines if x.strip())
                lines, size, first = [], 0, line
        if lines:
            yield LineBatch(f.rel, opts, index, first, lines)
        reader.drain()
        return reader.raw.sha256.hexdigest(), reader.raw.bytes
    finally:
        reader.close()


def _parquet_batches(
    f: RecordFile, opts: RecordOptions, number: int, tables: Any
) -> Generator[Any, None, tuple[str, int]]:
    pq = pyarrow()
    with pq.ParquetFile(f.path) as pf:
        names = pf.schema_arrow.names
        if opts.text_field not in names:
            raise ValueError(f"no {opts.text_field!r} column")
        index = seq = 0
        for group in range(pf.num_row_groups):
            for batch in pf.iter_batches(batch_size=BATCH_RECORDS, row_groups=[group], use_threads=False):
                tables[number, seq] = (group, batch)
                texts = batch.column(opts.text_field).to_pylist()
                ids = batch.column(opts.id_field).to_pylist() if opts.id_field in names else []
                yield TextBatch(f.rel, opts, index, texts, ids)
                index += len(texts)
                seq += 1
    return _digest(f.path)


def record_texts(path: Path, fmt: Format, text_field: str) -> Iterator[str]:
    """The texts of a record file's valid records (for the corpus counts of repeated-lines)."""
    if fmt.kind == "parquet":
        with pyarrow().ParquetFile(path) as pf:
            if text_field not in pf.schema_arrow.names:
                return
            for batch in pf.iter_batches(batch_size=BATCH_RECORDS, columns=[text_field], use_threads=False):
                yield from (t for t in batch.column(0).to_pylist() if isinstance(t, str))
        return
    reader = LineReader(path, fmt.compression)
    try:
        for raw in reader:
            try:
                obj = json.loads(raw)
            except ValueError:
                continue
            if isinstance(obj, dict) and isinstance(obj.get(text_field), str):
                yield obj[text_field]
    finally:
        reader.close()


def _digest(path: Path) -> tuple[str, int]:
    import hashlib

    h, n = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
            n += len(block)
    return h.hexdigest(), n


class _Writer:
    """Writes one record file's output and audit lines as its batches come back."""

    def __init__(
        self, f: RecordFile, opts: RecordOptions, rule_set: RuleSet, tables: dict[tuple[int, int], Any], number: int
    ) -> None:
        self.f, self.opts, self.rule_set, self.tables, self.number = f, opts, rule_set, tables, number
        self.outcome = Outcome()
        self.audit: Sink | None = None  # the per-record audit lines, written as they come
        self.problems: list[str] = []
        self.sink: Sink | None = None
        self.parquet: _ParquetOut | None = None
        self.seq = 0
        self.error: str | None = None

    def add(self, done: LineBatchDone | TextBatchDone) -> None:
        self.outcome.merge(done.outcome)
        room = MAX_PROBLEMS - len(self.problems)
        self.problems.extend(done.outcome.problems[: max(0, room)])
        if self.error is not None:
            return
        try:
            if self.audit is None:
                self.audit = Sink(self.f.audit)
            self.audit.write(b"".join(line + b"\n" for line in done.outcome.audit))
            if isinstance(done, LineBatchDone):
                if self.sink is None:
                    self.sink = Sink(self.f.out, self.f.fmt.compression)
                self.sink.write(done.output)
            else:
                group, batch = self.tables.pop((self.number, self.seq))
                self.seq += 1
                if self.parquet is None:
                    self.parquet = _ParquetOut(self.f, self.opts, batch.schema)
                self.parquet.add(group, batch, done)
        except OSError as exc:
            self.error = f"cannot write output: {exc.strerror or exc}"

    def finish(self, end: End) -> Written:
        error = end.error or self.error
        for key in [k for k in self.tables if k[0] == self.number]:
            del self.tables[key]
        invalid = self.outcome.statuses["invalid"]
        if invalid > len(self.problems):
            self.problems.append(f"{self.f.rel}: … and {invalid - len(self.problems)} more invalid records")
        try:
            if error is None:
                out = self._commit()
                if self.audit is None:
                    self.audit = Sink(self.f.audit)
                self.audit.commit()
        except OSError as exc:
            error = f"cannot write output: {exc.strerror or exc}"
        if error is not None:
            self.abort()
            self.f.out.unlink(missing_ok=True)
            self.f.audit.unlink(missing_ok=True)
            rec = record(self.f.rel, "error", self.rule_set, reason=error)
            if end.sha256 is not None:
                rec["input"] = {"sha256": end.sha256, "bytes": end.bytes}
            return Written(self.f, rec, self.problems)
        return Written(self.f, self._record(end, out), self.problems)

    def _commit(self) -> tuple[str, int]:
        if self.parquet is None and self.f.fmt.kind == "parquet":  # no row groups: the schema alone
            self.parquet = _ParquetOut(self.f, self.opts, pyarrow().ParquetFile(self.f.path).schema_arrow)
        if self.parquet is not None:
            return self.parquet.commit()
        if self.sink is None:  # an empty input: an empty output, compressed the same way
            self.sink = Sink(self.f.out, self.f.fmt.compression)
        self.sink.commit()
        return self.sink.raw.sha256.hexdigest(), self.sink.raw.bytes

    def abort(self) -> None:
        if self.audit is not None:
            self.audit.abort()
        if self.sink is not None:
            self.sink.abort()
        if self.parquet is not None:
            self.parquet.abort()

    def _record(self, end: End, out: tuple[str, int]) -> dict[str, Any]:
        o = self.outcome
        changed = o.statuses["cleaned"] + o.statuses["dropped"]
        rec = record(self.f.rel, "cleaned" if changed else "unchanged", self.rule_set)
        if o.statuses["invalid"]:
            rec["reason"] = f"{o.statuses['invalid']} invalid record(s) copied unchanged"
        rec["encoding"] = "utf-8"
        rec["language"] = o.languages.most_common(1)[0][0] if o.languages else None
        rec["input"] = {"sha256": end.sha256, "bytes": end.bytes}
        rec["output"] = {"sha256": out[0], "bytes": out[1]}
        rec["format"] = self.f.fmt.kind + (f"+{self.f.fmt.compression}" if self.f.fmt.compression else "")
        rec["records"] = {s: o.statuses[s] for s in ("cleaned", "unchanged", "dropped", "error", "invalid")}
        rec["rules"] = [
            {
                "id": r.id,
                "kind": r.kind,
                "removed_lines": o.removed[r.id],
                "changed_lines": o.changed[r.id],
                "chars_removed": o.chars[r.id],
            }
            for r in self.rule_set.rules
            if o.removed[r.id] or o.changed[r.id]
        ]
        return rec


class _ParquetOut:
    """A Parquet output: one row group per input row group, written through a temporary file."""

    def __init__(self, f: RecordFile, opts: RecordOptions, schema: Any) -> None:
        import pyarrow as pa

        pq = pyarrow()
        self.pa, self.opts = pa, opts
        meta = pq.ParquetFile(f.path).metadata
        codec = meta.row_group(0).column(0).compression.lower() if meta.num_row_groups else "snappy"
        self.schema = schema
        if opts.keep_dropped and DROPPED_FIELD not in schema.names:
            self.schema = schema.append(pa.field(DROPPED_FIELD, pa.string()))
        self.sink = Sink(f.out)
        self.writer = pq.ParquetWriter(self.sink.stream, self.schema, compression=codec)
        self.group: int | None = None
        self.pending: list[Any] = []

    def add(self, group: int, batch: Any, done: TextBatchDone) -> None:
        pa = self.pa
        if group != self.group:
            self._flush()
            self.group = group
        col = batch.schema.get_field_index(self.opts.text_field)
        arrays = list(batch.columns)
        arrays[col] = pa.array(done.texts, type=batch.schema.field(col).type)
        if self.opts.keep_dropped:
            dropped = pa.array(done.dropped, type=pa.string())
            if DROPPED_FIELD in batch.schema.names:
                arrays[batch.schema.get_field_index(DROPPED_FIELD)] = dropped
            else:
                arrays.append(dropped)
        out = pa.RecordBatch.from_arrays(arrays, schema=self.schema)
        self.pending.append(out.filter(pa.array(done.keep)))

    def _flush(self) -> None:
        if self.pending:
            table = self.pa.Table.from_batches(self.pending, schema=self.schema)
            self.writer.write_table(table, row_group_size=max(1, table.num_rows))
            self.pending = []

    def commit(self) -> tuple[str, int]:
        self._flush()
        self.writer.close()
        self.sink.commit()
        return self.sink.raw.sha256.hexdigest(), self.sink.raw.bytes

    def abort(self) -> None:
        try:
            self.writer.close()
        finally:
            self.sink.abort()


def audit_lines(audit: Path) -> Iterator[bytes]:
    """The per-record audit lines a run kept for one record file (none if missing)."""
    try:
        with open(audit, "rb") as fh:
            for line in fh:
                yield line.rstrip(b"\n")
    except FileNotFoundError:
        return
