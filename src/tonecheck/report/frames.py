"""Reports as DataFrames: the per-reply table, the long findings table, summaries."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd

from tonecheck.types import PROBLEM_CATEGORIES, ReplyReport

__all__ = ["KEY_COLUMNS", "SCORE_COLUMNS", "findings_frame", "report_rows", "reports_to_frame", "summarize"]

SCORE_COLUMNS = (*PROBLEM_CATEGORIES, "overall")
KEY_COLUMNS = ("conversation_id", "turn", "author")


def report_rows(reports: Iterable[ReplyReport], *, with_author: bool = True) -> list[dict[str, Any]]:
    """One plain dict per report, with the contract's column names."""
    rows = []
    for r in reports:
        row: dict[str, Any] = {"conversation_id": r.conversation_id, "turn": r.turn}
        if with_author:
            row["author"] = r.author
        row["text"] = r.text
        for c in PROBLEM_CATEGORIES:
            row[c] = r.scores.get(c) if r.scores else None
        row["overall"] = r.overall
        row["findings"] = [f.to_dict() for f in r.findings]
        row["n_findings"] = len(r.findings)
        if r.response_seconds is not None:
            row["response_seconds"] = r.response_seconds
        rows.append(row)
    return rows


def reports_to_frame(reports: list[ReplyReport]) -> pd.DataFrame:
    """The ``score_transcripts`` table. ``author`` appears when any reply has one;
    ``response_seconds`` when timestamps were given."""
    with_author = any(r.author is not None for r in reports)
    rows = report_rows(reports, with_author=with_author)
    columns = ["conversation_id", "turn", *(["author"] if with_author else []), "text", *SCORE_COLUMNS, "findings", "n_findings"]
    if any("response_seconds" in r for r in rows):
        columns.append("response_seconds")
    df = pd.DataFrame(rows, columns=columns)
    for c in SCORE_COLUMNS:
        df[c] = df[c].astype("float64")
    df["turn"] = df["turn"].astype("int64")
    df["n_findings"] = df["n_findings"].astype("int64")
    return df


def _findings_list(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        return json.loads(value) if value else []
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return list(value)


def findings_frame(scored: pd.DataFrame) -> pd.DataFrame:
    """One row per finding (long form) with the reply keys; accepts the ``findings``
    column as lists or as JSON strings (a table read back from CSV)."""
    keys = [c for c in KEY_COLUMNS if c in scored.columns]
    fields = ["code", "name", "category", "severity", "start", "end", "message", "suggestion", "evidence"]
    rows = []
    for rec in scored[[*keys, "text", "findings"]].itertuples(index=False, name=None):
        base = dict(zip(keys, rec[: len(keys)], strict=True))
        text = rec[len(keys)]
        for f in _findings_list(rec[-1]):
            row = dict(base)
            row.update({k: f.get(k) for k in fields})
            row["evidence_text"] = text[f["start"]:f["end"]] if isinstance(text, str) else None
            rows.append(row)
    return pd.DataFrame(rows, columns=[*keys, *fields, "evidence_text"])


def summarize(scored: pd.DataFrame, by: str | list[str] = "author") -> pd.DataFrame:
    """One row per agent (or team, or any column or columns of ``scored``) with what a QA
    lead compares them on.

    Columns: the ``by`` columns; ``replies`` (rows, empty replies included) and ``scored``
    (replies that got scores); the mean of each category score and of ``overall``
    (empty replies left out); ``n_<category>`` problem findings per category,
    ``n_strengths``, ``n_problems`` (all problem findings), ``n_findings`` (problems and
    strengths, as in the per-reply column); ``problem_share`` and
    ``error_share``, the share of replies with at least one problem and with at least one
    ``error``; ``most_frequent``, the check that fired most in the group (``None`` if
    none did). Rows are ordered worst mean ``overall`` first; a missing value of a ``by``
    column (a reply without author) is a group of its own. A team is any column you add,
    e.g. ``summarize(scored.assign(team=scored["author"].map(teams)), by="team")``.
    Accepts ``findings`` as lists or JSON strings (a table read back from CSV).
    """
    by_cols = [by] if isinstance(by, str) else list(by)
    if not by_cols:
        raise ValueError("summarize: give at least one column to group by")
    for col in by_cols:
        if col not in scored.columns:
            have = ", ".join(map(str, scored.columns))
            raise KeyError(f"summarize: no column {col!r} in the scored table (columns: {have})")
    counts: dict[str, list[int]] = {c: [] for c in (*PROBLEM_CATEGORIES, "strength")}
    has_error: list[bool] = []
    top: list[Counter[str]] = []
    for value in scored["findings"]:
        fs = _findings_list(value)
        per = Counter(f["category"] for f in fs)
        for c, vals in counts.items():
            vals.append(per.get(c, 0))
        has_error.append(any(f["severity"] == "error" and f["category"] != "strength" for f in fs))
        top.append(Counter(f["name"] for f in fs if f["category"] != "strength"))
    work = scored[by_cols].copy()
    for c in SCORE_COLUMNS:
        work[c] = pd.to_numeric(scored[c], errors="coerce") if c in scored.columns else float("nan")
    for c, vals in counts.items():
        work["n_strengths" if c == "strength" else f"n_{c}"] = vals
    work["n_problems"] = work[[f"n_{c}" for c in PROBLEM_CATEGORIES]].sum(axis=1)
    work["n_findings"] = work["n_problems"] + work["n_strengths"]
    work["_problem"] = work["n_problems"] > 0
    work["_error"] = has_error
    work["_top"] = top

    agg: dict[str, Any] = {"replies": ("overall", "size"), "scored": ("overall", "count")}
    for c in SCORE_COLUMNS:
        agg[c] = (c, "mean")
    for c in PROBLEM_CATEGORIES:
        agg[f"n_{c}"] = (f"n_{c}", "sum")
    agg["n_strengths"] = ("n_strengths", "sum")
    agg["n_problems"] = ("n_problems", "sum")
    agg["n_findings"] = ("n_findings", "sum")
    agg["problem_share"] = ("_problem", "mean")
    agg["error_share"] = ("_error", "mean")
    agg["most_frequent"] = ("_top", _most_frequent)
    out = work.groupby(by_cols, dropna=False, sort=True).agg(**agg).reset_index()
    for c in SCORE_COLUMNS:
        out[c] = out[c].astype("float64").round(1)
    for c in ("problem_share", "error_share"):
        out[c] = out[c].astype("float64").round(3)
    for c in ("replies", "scored", *(f"n_{c}" for c in PROBLEM_CATEGORIES), "n_strengths", "n_problems", "n_findings"):
        out[c] = out[c].astype("int64")
    top_name = out["most_frequent"].astype(object)
    out["most_frequent"] = top_name.where(top_name.notna(), None)
    return out.sort_values("overall", kind="stable", na_position="last").reset_index(drop=True)


def _most_frequent(counters: pd.Series) -> str | None:
    """The name with the highest total count (ties: alphabetical), or ``None``."""
    total: Counter[str] = Counter()
    for c in counters:
        total.update(c)
    if not total:
        return None
    return min(total.items(), key=lambda kv: (-kv[1], kv[0]))[0]
