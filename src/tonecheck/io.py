"""Reading turns from DataFrames and files; every user mistake named by file, row, column.

Supported input: a ``pandas.DataFrame``; ``.csv``; ``.jsonl``/``.ndjson`` (one object a
line); ``.json`` (a list of objects); ``.parquet``; ``.txt`` transcripts with
``Agent:``/``Customer:`` prefixes. Files are read as a stream of records and grouped
into conversations; when a file keeps each conversation's rows together (the usual
export), conversations are yielded as soon as they end, so a large export never sits
in memory at once. A first cheap pass over the ids tells whether that holds; if not,
the file is grouped in memory.

Row-level problems (an unknown role, a missing id, bytes that are not UTF-8) either
raise :class:`InputError` (``on_error="raise"``) or are collected and the row skipped
(``on_error="skip"``); every valid row still comes out.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tonecheck.errors import InputError
from tonecheck.types import Conversation, Role, Turn

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "ROLE_SYNONYMS",
    "InputError",
    "ReadLog",
    "iter_conversations",
    "parse_column_map",
    "parse_transcript",
]

REQUIRED = ("conversation_id", "role", "text")
COLUMNS = (*REQUIRED, "turn", "timestamp", "author")
ROLE_SYNONYMS: dict[str, Role] = {
    **dict.fromkeys(("agent", "rep", "support", "staff", "advisor", "adviser", "outbound"), Role.AGENT),
    **dict.fromkeys(("customer", "user", "client", "caller", "inbound"), Role.CUSTOMER),
    **dict.fromkeys(("system", "bot"), Role.SYSTEM),
}
_SUFFIXES = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "txt",
}
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass
class ReadLog:
    """What reading skipped or tolerated: row problems and empty texts, for warnings."""

    problems: list[InputError] = field(default_factory=list)
    empty_texts: int = 0
    rows: int = 0


def parse_column_map(spec: str | Iterable[str] | Mapping[str, str] | None) -> dict[str, str]:
    """Read ``conversation_id=ticket,text=body`` (contract name = source column)."""
    if spec is None:
        return {}
    if isinstance(spec, Mapping):
        pairs = list(spec.items())
    else:
        items = [spec] if isinstance(spec, str) else list(spec)
        pairs = []
        for item in items:
            for part in item.split(","):
                if not part.strip():
                    continue
                if "=" not in part:
                    raise InputError(f"expected NAME=COLUMN, got {part.strip()!r}", file="--columns")
                k, v = part.split("=", 1)
                pairs.append((k.strip(), v.strip()))
    out: dict[str, str] = {}
    for k, v in pairs:
        if k not in COLUMNS:
            raise InputError(f"{k!r} is not a tonecheck column ({', '.join(COLUMNS)})", file="--columns")
        if not v:
            raise InputError(f"{k}: empty source column name", file="--columns")
        out[k] = v
    return out


# --- records -------------------------------------------------------------------------
# A record is (line or None, mapping of source column -> value).
Record = tuple[int | None, Mapping[str, Any]]


def _kind_of(path: Path) -> str:
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            f"unknown file type {path.suffix or '(none)'!r}; expected .csv, .jsonl, .json, .parquet or .txt",
            file=str(path),
        )
    return kind


def _check_text_file(path: Path, kind: str) -> None:
    """Refuse a file that is not what its suffix says before reading rows from it."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
    if head.startswith(b"PAR1"):
        raise InputError(f"this is a Parquet file, not {kind.upper()}; rename it to .parquet", file=str(path))
    if b"\x00" in head or head.startswith((b"PK\x03\x04", b"\x1f\x8b")):
        raise InputError(f"binary content, not a {kind.upper()} text file", file=str(path))


def _open_text(path: Path):
    return path.open("r", encoding="utf-8", errors="surrogateescape", newline="")


def _csv_records(path: Path) -> Iterator[Record]:
    _check_text_file(path, "csv")
    with _open_text(path) as fh:
        first = fh.read(1)
        if first and first != "\ufeff":
            fh.seek(0)
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("empty file (no header row)", file=str(path)) from None
        except csv.Error as exc:
            raise InputError(f"not valid CSV: {exc}", file=str(path), line=1) from None
        header = [h.strip() for h in header]
        yield (1, {"__header__": header})
        prev = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield (prev + 1, {"__error__": f"not valid CSV: {exc}"})
                prev = reader.line_num
                continue
            line = prev + 1
            prev = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) > len(header):
                yield (line, {"__error__": f"{len(row)} fields but the header has {len(header)}"})
                continue
            yield (line, dict(zip(header, row, strict=False)))


def _jsonl_records(path: Path) -> Iterator[Record]:
    _check_text_file(path, "jsonl")
    with _open_text(path) as fh:
        seen_any = False
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except (json.JSONDecodeError, UnicodeEncodeError) as exc:
                if not seen_any and lineno == 1 and line.lstrip()[:1] not in "{[":
                    raise InputError("not a JSON Lines file (the first line is not JSON)", file=str(path), line=1) from None
                yield (lineno, {"__error__": f"not valid JSON: {getattr(exc, 'msg', exc)}"})
                continue
            seen_any = True
            if not isinstance(obj, dict):
                yield (lineno, {"__error__": "expected a JSON object on this line"})
                continue
            yield (lineno, obj)


def _json_records(path: Path) -> Iterator[Record]:
    _check_text_file(path, "json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})", file=str(path)) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=str(path), line=exc.lineno) from None
    if isinstance(data, dict):
        data = data.get("turns", data.get("messages"))
    if not isinstance(data, list):
        raise InputError("expected a list of turn objects", file=str(path))
    for i, obj in enumerate(data, 1):
        if not isinstance(obj, dict):
            yield (i, {"__error__": "expected a JSON object"})
        else:
            yield (i, obj)


def _parquet_records(path: Path) -> Iterator[Record]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowInvalid, pa.ArrowException, OSError) as exc:
        raise InputError(f"not a Parquet file: {exc}", file=str(path)) from None
    yield (None, {"__header__": list(pf.schema_arrow.names)})
    n = 0
    for batch in pf.iter_batches(batch_size=8192):
        for rec in batch.to_pylist():
            n += 1
            yield (n, rec)


_PREFIX_RE = re.compile(
    r"^\s{0,8}(?P<role>agent|rep|support|staff|advisor|adviser|outbound|customer|user|client|caller|inbound|system|bot)"
    r"(?:\s{0,4}\((?P<author>[^()\n]{1,80})\))?\s{0,4}:\s?(?P<text>.*)$",
    re.IGNORECASE,
)
_HEADER_RE = re.compile(r"^\s{0,8}###\s*(?P<id>\S.*?)\s*$")


def parse_transcript(text: str, default_id: str, source: str = "<text>") -> Iterator[Record]:
    """Records from a plain-text transcript (see module docs); lines are 1-based."""
    conv_id = default_id
    current: dict[str, Any] | None = None
    current_line = 0
    pending_blank = 0
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        h = _HEADER_RE.match(line)
        if h:
            if current is not None:
                yield (current_line, current)
                current = None
            conv_id = h.group("id")
            pending_blank = 0
            continue
        m = _PREFIX_RE.match(line)
        if m:
            if current is not None:
                yield (current_line, current)
            current = {
                "conversation_id": conv_id,
                "role": m.group("role"),
                "author": (m.group("author") or "").strip() or None,
                "text": m.group("text").strip(),
            }
            current_line = lineno
            pending_blank = 0
            continue
        if not line.strip():
            pending_blank += 1
            continue
        if current is None:
            yield (lineno, {"__error__": "no speaker prefix (expected 'Agent:' or 'Customer:')", "__column__": "role"})
            continue
        sep = "\n\n" if pending_blank else "\n"
        current["text"] = (current["text"] + sep + line.strip()) if current["text"] else line.strip()
        pending_blank = 0
    if current is not None:
        yield (current_line, current)


def _txt_records(path: Path) -> Iterator[Record]:
    _check_text_file(path, "txt")
    with _open_text(path) as fh:
        text = fh.read()
    yield (None, {"__header__": list(COLUMNS)})
    yield from parse_transcript(text, path.stem, str(path))


def _frame_records(df: pd.DataFrame) -> Iterator[Record]:
    yield (None, {"__header__": [str(c) for c in df.columns]})
    cols = [str(c) for c in df.columns]
    for i, values in enumerate(df.itertuples(index=False, name=None)):
        yield (i, dict(zip(cols, values, strict=True)))


_READERS: dict[str, Callable[[Path], Iterator[Record]]] = {
    "csv": _csv_records,
    "jsonl": _jsonl_records,
    "json": _json_records,
    "parquet": _parquet_records,
    "txt": _txt_records,
}


# --- normalising values ----------------------------------------------------------------
def _missing(value: Any) -> bool:
    """None, NaN, pandas' NA/NaT, or a blank string."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value or value.isspace()
    if isinstance(value, float):
        return math.isnan(value)
    name = type(value).__name__
    return name in ("NAType", "NaTType")


_BAD_BYTES_RE = re.compile("[\udc80-\udcff]")


def _has_bad_bytes(value: str) -> bool:
    """Bytes that were not UTF-8 survive decoding as lone surrogates (surrogateescape)."""
    return _BAD_BYTES_RE.search(value) is not None


def _as_id(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _as_turn(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    s = str(value).strip()
    return int(float(s)) if re.fullmatch(r"[+-]?\d+(?:\.0+)?", s) else int(s)


def _as_timestamp(value: Any) -> float:
    if hasattr(value, "timestamp"):
        return float(value.timestamp())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        v = float(value)
        return v / 1000.0 if v > 1e11 else v  # epoch milliseconds
    s = str(value).strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return _as_timestamp(float(s))
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


class _Normaliser:
    """Turns records into :class:`Turn` objects, or row problems."""

    def __init__(self, source: str, columns: Mapping[str, str], header: list[str]) -> None:
        self.source = source
        self.cols = {name: columns.get(name, name) for name in COLUMNS}
        missing = [self.cols[n] for n in REQUIRED if self.cols[n] not in header]
        if missing:
            have = ", ".join(header[:12]) + (" ..." if len(header) > 12 else "")
            hint = " (map names with --columns conversation_id=ticket,...)" if have else ""
            raise InputError(
                f"missing required column(s): {', '.join(missing)}; found: {have or 'none'}{hint}",
                file=source,
                line=1 if source.endswith(".csv") else None,
            )
        self.has_turn = self.cols["turn"] in header
        self.has_ts = self.cols["timestamp"] in header
        self.has_author = self.cols["author"] in header

    def __call__(self, line: int | None, rec: Mapping[str, Any], position: int) -> Turn:
        c = self.cols

        def err(column: str, message: str) -> InputError:
            return InputError(message, file=self.source, line=line, column=column)

        for col in (c["conversation_id"], c["role"], c["text"], c["author"]):
            v = rec.get(col)
            if isinstance(v, str) and _has_bad_bytes(v):
                raise err(col, "not valid UTF-8")
        conv = rec.get(c["conversation_id"])
        if _missing(conv):
            raise err(c["conversation_id"], "missing conversation id")
        raw_role = rec.get(c["role"])
        if _missing(raw_role):
            raise err(c["role"], "missing role")
        role = ROLE_SYNONYMS.get(str(raw_role).strip().lower())
        if role is None:
            raise err(c["role"], f"unknown role {str(raw_role)[:40]!r} (expected agent or customer, or a synonym)")
        text = rec.get(c["text"])
        text = None if _missing(text) else str(text)
        turn = 0
        if self.has_turn and not _missing(rec.get(c["turn"])):
            try:
                turn = _as_turn(rec.get(c["turn"]))
            except (ValueError, TypeError, OverflowError):
                raise err(c["turn"], f"not a whole number: {str(rec.get(c['turn']))[:40]!r}") from None
        ts = None
        if self.has_ts and not _missing(rec.get(c["timestamp"])):
            try:
                ts = _as_timestamp(rec.get(c["timestamp"]))
            except (ValueError, TypeError, OverflowError, OSError):
                raise err(c["timestamp"], f"not an ISO 8601 or epoch time: {str(rec.get(c['timestamp']))[:40]!r}") from None
        author = rec.get(c["author"]) if self.has_author else None
        author = None if _missing(author) else str(author).strip()
        return Turn(_as_id(conv), turn, role, text, author, ts, position, line)


def _order(conv_id: str, turns: list[Turn]) -> Conversation:
    """Order turns by their ``turn`` value when every turn has one, else by file order;
    give each its output turn number (given, or 1-based position)."""
    if turns and all(t.turn for t in turns):
        ordered = sorted(turns, key=lambda t: (t.turn, t.position))
        return Conversation(conv_id, tuple(ordered))
    out = []
    for i, t in enumerate(turns, 1):
        out.append(Turn(t.conversation_id, i, t.role, t.text, t.author, t.timestamp, t.position, t.line))
    return Conversation(conv_id, tuple(out))


def _records_for(source: Any) -> tuple[str, Callable[[], Iterator[Record]]]:
    try:
        import pandas as pd

        if isinstance(source, pd.DataFrame):
            return "DataFrame", lambda: _frame_records(source)
    except ImportError:  # pragma: no cover
        pass
    if isinstance(source, (str, Path)):
        path = Path(source)
        kind = _kind_of(path)
        if not path.exists():
            raise InputError("no such file", file=str(path))
        if path.is_dir():
            raise InputError("is a directory, not a file", file=str(path))
        reader = _READERS[kind]
        return str(path), lambda: reader(path)
    raise TypeError(f"cannot read turns from {type(source).__name__}; pass a DataFrame or a file path")


def iter_conversations(
    source: Any,
    *,
    columns: Mapping[str, str] | str | None = None,
    on_error: str = "raise",
    log: ReadLog | None = None,
) -> Iterator[Conversation]:
    """Yield the conversations of ``source`` (a DataFrame or a file path).

    ``on_error="raise"`` raises the first row problem as :class:`InputError`;
    ``"skip"`` records it in ``log.problems`` and goes on. Whole-file problems (a missing
    column, a file that is not what its suffix says) always raise.
    """
    if on_error not in ("raise", "skip"):
        raise ValueError("on_error must be 'raise' or 'skip'")
    log = log if log is not None else ReadLog()
    colmap = parse_column_map(columns)
    name, make = _records_for(source)

    records = make()
    header: list[str] | None = None
    first = next(records, None)
    if first is None:
        raise InputError("empty file", file=name)
    if "__header__" in first[1]:
        header = list(first[1]["__header__"])
    else:
        records = _chain([first], records)
    if header is None:  # JSON(L): columns are the union of keys; peek at the first record
        peek = next(records, None)
        if peek is None:
            raise InputError("no rows", file=name)
        header = [k for k in peek[1] if not k.startswith("__")] or list(REQUIRED)
        if "__error__" in peek[1]:
            header = list(COLUMNS)
        records = _chain([peek], records)
        jsonlike = True
    else:
        jsonlike = False
    normalise = _Normaliser(name, colmap, header)
    if jsonlike:  # keys vary per line: only the required ones must be there
        normalise.has_turn = normalise.has_ts = normalise.has_author = True

    def turns() -> Iterator[Turn]:
        position = 0
        for line, rec in records:
            if "__header__" in rec:
                continue
            log.rows += 1
            problem: InputError | None = None
            if "__error__" in rec:
                problem = InputError(rec["__error__"], file=name, line=line, column=rec.get("__column__"))
            else:
                try:
                    turn = normalise(line, rec, position)
                except InputError as exc:
                    problem = exc
            if problem is not None:
                if on_error == "raise":
                    raise problem
                log.problems.append(problem)
                warnings.warn(str(problem), stacklevel=4)
                continue
            position += 1
            if turn.text is None:
                log.empty_texts += 1
            yield turn

    if name != "DataFrame" and _is_grouped(make, normalise):
        yield from _stream_grouped(turns())
    else:
        yield from _group_in_memory(turns())


def _chain(head: list[Record], tail: Iterator[Record]) -> Iterator[Record]:
    yield from head
    yield from tail


def _is_grouped(make: Callable[[], Iterator[Record]], normalise: _Normaliser) -> bool:
    """One cheap pass over the ids: are each conversation's rows contiguous?"""
    key = normalise.cols["conversation_id"]
    done: set[str] = set()
    current: str | None = None
    for _, rec in make():
        if "__header__" in rec or "__error__" in rec:
            continue
        v = rec.get(key)
        if _missing(v):
            continue
        cid = _as_id(v)
        if cid != current:
            if cid in done:
                return False
            if current is not None:
                done.add(current)
            current = cid
    return True


def _stream_grouped(turns: Iterator[Turn]) -> Iterator[Conversation]:
    current: list[Turn] = []
    for t in turns:
        if current and t.conversation_id != current[0].conversation_id:
            yield _order(current[0].conversation_id, current)
            current = []
        current.append(t)
    if current:
        yield _order(current[0].conversation_id, current)


def _group_in_memory(turns: Iterator[Turn]) -> Iterator[Conversation]:
    groups: dict[str, list[Turn]] = {}
    for t in turns:
        groups.setdefault(t.conversation_id, []).append(t)
    for cid, items in groups.items():
        yield _order(cid, items)


def conversations_from_pairs(pairs: Iterable[tuple[str, str]], reply: str) -> Conversation:
    """A one-conversation input from ``(role, text)`` context pairs plus the reply."""
    turns = []
    for i, (role, text) in enumerate(pairs, 1):
        r = ROLE_SYNONYMS.get(str(role).strip().lower())
        if r is None:
            raise InputError(f"unknown role {role!r} in context item {i}", file="context", column="role")
        turns.append(Turn("reply", i, r, text, None, None, i - 1))
    n = len(turns) + 1
    turns.append(Turn("reply", n, Role.AGENT, reply, None, None, n - 1))
    return Conversation("reply", tuple(turns))
