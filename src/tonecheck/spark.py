"""A PySpark recipe: score turns with ``groupBy("conversation_id").applyInPandas``.

Optional extra: ``pip install 'tonecheck[spark]'`` (PySpark; Java 17 on the driver and
the executors, and tonecheck installed on every executor)::

    from pyspark.sql import functions as F
    from tonecheck.spark import score_group, schema

    turns = spark.read.parquet("s3://bucket/chats/")            # one row per message
    turns = turns.withColumn("_row", F.monotonically_increasing_id())  # keeps file order
    scored = turns.groupBy("conversation_id").applyInPandas(score_group(), schema())
    scored.write.parquet("s3://bucket/scored/")

or, the same in one call: ``scored = score_spark(turns)``.

Spark hands each conversation's rows to the function as one pandas DataFrame, in no
particular order: the function sorts by ``turn`` when given (as tonecheck always does)
and otherwise by ``_row``, the ``monotonically_increasing_id`` added above, so turns
without numbers keep their file order. Each Python worker builds one Analyzer on first
use and keeps it for every group it scores. ``findings`` is an array of structs, so
``explode`` gives one row per finding in Spark SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from tonecheck.report.frames import SCORE_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from tonecheck.analyzer import Analyzer
    from tonecheck.config import Config

__all__ = ["ROW", "schema", "score_group", "score_spark"]

#: The ordering column ``score_spark`` adds (``monotonically_increasing_id``).
ROW = "_row"
_ANALYZERS: dict[str, Analyzer] = {}

_FINDING = (
    "struct<code:string,name:string,category:string,severity:string,start:bigint,end:bigint,"
    "message:string,suggestion:string,evidence:struct<turn:bigint,start:bigint,end:bigint>>"
)


def schema(*, with_author: bool = True, with_response: bool = False) -> str:
    """The result schema as a Spark DDL string (the ``score_transcripts`` columns;
    ``with_response`` adds ``response_seconds``, for input with a ``timestamp``)."""
    cols = ["conversation_id string", "turn bigint"]
    if with_author:
        cols.append("author string")
    cols.append("text string")
    cols += [f"{c} double" for c in SCORE_COLUMNS]
    cols += [f"findings array<{_FINDING}>", "n_findings bigint"]
    if with_response:
        cols.append("response_seconds double")
    return ", ".join(cols)


def _analyzer(config: Config | Mapping[str, Any] | None) -> Analyzer:
    from tonecheck.analyzer import Analyzer

    key = repr(config)
    if key not in _ANALYZERS:
        _ANALYZERS[key] = Analyzer(config=config)
    return _ANALYZERS[key]


def _evidence(f: dict[str, Any]) -> dict[str, Any]:
    ev = f.get("evidence")
    out = dict(f)
    out["evidence"] = (
        {"turn": ev.get("turn"), "start": ev.get("start"), "end": ev.get("end")} if isinstance(ev, dict) else None
    )
    return out


def score_group(
    config: Config | Mapping[str, Any] | None = None, *, with_author: bool = True, with_response: bool = False
) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """The function for ``applyInPandas``: one conversation's turns in, its scored agent
    replies out, with the columns of :func:`schema` (same keyword arguments)."""
    columns = [c.split(" ", 1)[0] for c in schema(with_author=with_author, with_response=with_response).split(", ")]

    def score(pdf: pd.DataFrame) -> pd.DataFrame:
        import warnings

        import pandas as pd

        if ("turn" not in pdf.columns or pdf["turn"].isna().any()) and ROW in pdf.columns:
            pdf = pdf.sort_values(ROW, kind="stable")
        pdf = pdf.drop(columns=[ROW], errors="ignore").reset_index(drop=True)
        if len(pdf) == 0:
            return pd.DataFrame(columns=columns)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = _analyzer(config).score_transcripts(pdf)
        for c in columns:
            if c not in out.columns:
                out[c] = None
        out["findings"] = [[_evidence(f) for f in fs] for fs in out["findings"]]
        return out[columns]

    return score


def score_spark(turns: Any, config: Config | Mapping[str, Any] | None = None) -> Any:
    """Score a Spark DataFrame of turns (the contract's column names): adds the ordering
    column, groups by ``conversation_id`` and applies :func:`score_group`."""
    from pyspark.sql import functions as F

    kw = {"with_author": "author" in turns.columns, "with_response": "timestamp" in turns.columns}
    if ROW not in turns.columns:
        turns = turns.withColumn(ROW, F.monotonically_increasing_id())
    return turns.groupBy("conversation_id").applyInPandas(score_group(config, **kw), schema(**kw))
