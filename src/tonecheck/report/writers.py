"""Incremental writers: results go to disk as they are produced (flat memory).

CSV and JSONL are written row by row, Parquet by row group; the HTML report needs the
whole run and is rendered on close. Every writer writes the ``score_transcripts``
columns; CSV holds ``findings`` as a JSON string, JSONL and Parquet as a list.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tonecheck.errors import InputError
from tonecheck.report.frames import SCORE_COLUMNS, report_rows
from tonecheck.types import Conversation, ReplyReport

__all__ = ["FORMATS", "Writer", "format_for", "open_writer"]

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".html": "html", ".htm": "html"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def format_for(path: str | Path) -> str:
    """The output format named by a file suffix; an ``InputError`` for unknown ones."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError("unknown output type; use .csv, .jsonl, .parquet or .html", file=str(path))
    return fmt


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def guard_cell(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class Writer:
    """Base writer: ``write(reports)`` any number of times, then ``close()``."""

    def __init__(self, path: str | Path, *, with_author: bool = True) -> None:
        self.path = Path(path)
        self.with_author = with_author
        self.count = 0

    def write(self, reports: Iterable[ReplyReport], conversation: Conversation | None = None) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _columns(self) -> list[str]:
        keys = ["conversation_id", "turn", *(["author"] if self.with_author else []), "text"]
        return [*keys, *SCORE_COLUMNS, "findings", "n_findings"]

    def _open(self, mode: str, **kw: Any):
        try:
            return self.path.open(mode, **kw)
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror or exc}", file=str(self.path)) from None


class CsvWriter(Writer):
    def __init__(self, path: str | Path, *, with_author: bool = True, raw: bool = False) -> None:
        super().__init__(path, with_author=with_author)
        self.raw = raw
        self._fh = self._open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._fh)
        self._csv.writerow(self._columns())

    def write(self, reports: Iterable[ReplyReport], conversation: Conversation | None = None) -> None:
        cols = self._columns()
        for row in report_rows(reports, with_author=self.with_author):
            row["findings"] = json.dumps(row["findings"], ensure_ascii=False)
            values = [_clean(row.get(c)) for c in cols]
            if not self.raw:
                values = [guard_cell(v) if c in ("text", "author", "conversation_id") else v for c, v in zip(cols, values, strict=True)]
            self._csv.writerow(values)
            self.count += 1

    def close(self) -> None:
        self._fh.close()


class JsonlWriter(Writer):
    def __init__(self, path: str | Path, *, with_author: bool = True) -> None:
        super().__init__(path, with_author=with_author)
        self._fh = self._open("w", encoding="utf-8")

    def write(self, reports: Iterable[ReplyReport], conversation: Conversation | None = None) -> None:
        cols = self._columns()
        for row in report_rows(reports, with_author=self.with_author):
            self._fh.write(json.dumps({c: _clean(row.get(c)) for c in cols}, ensure_ascii=False) + "\n")
            self.count += 1

    def close(self) -> None:
        self._fh.close()


def _arrow_schema(with_author: bool):
    import pyarrow as pa

    evidence = pa.struct([("turn", pa.int64()), ("start", pa.int64()), ("end", pa.int64())])
    finding = pa.struct(
        [
            ("code", pa.string()), ("name", pa.string()), ("category", pa.string()),
            ("severity", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
            ("message", pa.string()), ("suggestion", pa.string()), ("evidence", evidence),
        ]
    )
    fields = [("conversation_id", pa.string()), ("turn", pa.int64())]
    if with_author:
        fields.append(("author", pa.string()))
    fields.append(("text", pa.string()))
    fields += [(c, pa.float64()) for c in SCORE_COLUMNS]
    fields += [("findings", pa.list_(finding)), ("n_findings", pa.int64())]
    return pa.schema(fields)


class ParquetWriter(Writer):
    """Parquet, one row group per ``ROW_GROUP_ROWS`` replies (or ``ROW_GROUP_CHARS`` of
    text, whichever comes first): rows are buffered until then, so memory stays bounded
    and the file is not made of thousands of tiny row groups (one per conversation),
    whose metadata would grow with the input and slow every reader."""

    ROW_GROUP_ROWS = 8192
    ROW_GROUP_CHARS = 32_000_000

    def __init__(self, path: str | Path, *, with_author: bool = True) -> None:
        super().__init__(path, with_author=with_author)
        import pyarrow.parquet as pq

        self.schema = _arrow_schema(with_author)
        self._rows: list[dict[str, Any]] = []
        self._chars = 0
        try:
            self._pq = pq.ParquetWriter(str(self.path), self.schema)
        except OSError as exc:
            raise InputError(f"cannot write: {exc}", file=str(self.path)) from None

    def write(self, reports: Iterable[ReplyReport], conversation: Conversation | None = None) -> None:
        cols = self.schema.names
        for r in report_rows(reports, with_author=self.with_author):
            self._rows.append({c: _clean(r.get(c)) for c in cols})
            self._chars += len(r["text"] or "")
            self.count += 1
        if len(self._rows) >= self.ROW_GROUP_ROWS or self._chars >= self.ROW_GROUP_CHARS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._pq.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self._rows, self._chars = [], 0

    def close(self) -> None:
        self._flush()
        self._pq.close()


class HtmlWriter(Writer):
    def __init__(self, path: str | Path, *, with_author: bool = True, title: str = "tonecheck report") -> None:
        super().__init__(path, with_author=with_author)
        self.title = title
        self._items: list[tuple[Conversation | None, list[ReplyReport]]] = []
        self._fh = self._open("w", encoding="utf-8")

    def write(self, reports: Iterable[ReplyReport], conversation: Conversation | None = None) -> None:
        reports = list(reports)
        self._items.append((conversation, reports))
        self.count += len(reports)

    def close(self) -> None:
        from tonecheck.report.html import render_html

        self._fh.write(render_html(self._items, title=self.title))
        self._fh.close()


def open_writer(path: str | Path, *, with_author: bool = True, raw_csv: bool = False) -> Writer:
    """A writer for ``path``, chosen by its suffix."""
    fmt = format_for(path)
    if fmt == "csv":
        return CsvWriter(path, with_author=with_author, raw=raw_csv)
    if fmt == "jsonl":
        return JsonlWriter(path, with_author=with_author)
    if fmt == "parquet":
        return ParquetWriter(path, with_author=with_author)
    return HtmlWriter(path, with_author=with_author)
