"""Score a Dask DataFrame of turns on a cluster (optional extra: ``pip install 'tonecheck[dask]'``).

    import dask.dataframe as dd
    from tonecheck.dask import score_dask

    turns = dd.read_parquet("s3://bucket/chats/*.parquet")     # one row per message
    scored = score_dask(turns)                                 # lazy: one row per agent reply
    scored.to_parquet("s3://bucket/scored/")                   # or .compute() when small

How it works: a conversation's turns must sit in one partition, so the frame is shuffled
on ``conversation_id`` (skip it with ``partitioned=True`` when the data is already split
by conversation, e.g. read from files written per conversation range). Before the
shuffle every row gets its global position, and each partition is put back in that
order, so turns without a ``turn`` column keep their file order. Each partition is then
scored with ``Analyzer.score_transcripts`` by an Analyzer built once per worker process
and thread (spaCy and the compiled lexicons load once, not once per partition).

The result has the ``score_transcripts`` columns (``author`` when the input has that
column, ``response_seconds`` when it has ``timestamp``), with the same values as the
single-process path; its rows are grouped by partition, so sort by
``conversation_id``/``turn`` (or the input order) if the order matters.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tonecheck.io import parse_column_map
from tonecheck.report.frames import SCORE_COLUMNS

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

    from tonecheck.analyzer import Analyzer
    from tonecheck.config import Config

__all__ = ["output_meta", "score_dask", "score_partition"]

_POS = "__tonecheck_position"
_local = threading.local()


def _analyzer(config: Config | Mapping[str, Any] | None) -> Analyzer:
    """One Analyzer per worker thread and configuration, built on first use."""
    from tonecheck.analyzer import Analyzer

    cache: dict[str, Analyzer] = getattr(_local, "analyzers", None) or {}
    _local.analyzers = cache
    key = repr(config)
    if key not in cache:
        cache[key] = Analyzer(config=config)
    return cache[key]


def output_meta(*, with_author: bool, with_response: bool = False) -> pd.DataFrame:
    """An empty frame with the result's columns and dtypes (Dask's ``meta``)."""
    import pandas as pd

    cols: dict[str, Any] = {"conversation_id": pd.Series([], dtype="object"), "turn": pd.Series([], dtype="int64")}
    if with_author:
        cols["author"] = pd.Series([], dtype="object")
    cols["text"] = pd.Series([], dtype="object")
    for c in SCORE_COLUMNS:
        cols[c] = pd.Series([], dtype="float64")
    cols["findings"] = pd.Series([], dtype="object")
    cols["n_findings"] = pd.Series([], dtype="int64")
    if with_response:
        cols["response_seconds"] = pd.Series([], dtype="float64")
    return pd.DataFrame(cols)


def score_partition(
    part: pd.DataFrame,
    config: Config | Mapping[str, Any] | None = None,
    *,
    with_author: bool = True,
    with_response: bool = False,
) -> pd.DataFrame:
    """Score one partition holding whole conversations (rows in input order, or with a
    position column from :func:`score_dask`); the columns are exactly ``output_meta``'s."""
    meta = output_meta(with_author=with_author, with_response=with_response)
    if _POS in part.columns:
        part = part.sort_values(_POS, kind="stable").drop(columns=[_POS])
    if len(part) == 0:
        return meta
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # empty replies are kept as rows; the warning is per partition
        scored = _analyzer(config).score_transcripts(part.reset_index(drop=True))
    for c in meta.columns:
        if c not in scored.columns:
            scored[c] = None
    return scored[list(meta.columns)].astype({c: meta[c].dtype for c in meta.columns if c != "author"})


def score_dask(
    turns: dd.DataFrame,
    config: Config | Mapping[str, Any] | None = None,
    *,
    columns: Mapping[str, str] | str | None = None,
    partitioned: bool = False,
) -> dd.DataFrame:
    """Score a Dask DataFrame of turns (the contract's columns; ``columns`` maps names
    as ``--columns`` does). Lazy: returns a Dask DataFrame with one row per agent reply.

    ``partitioned=True`` promises that every conversation already sits in one partition
    (in order) and skips the shuffle."""
    colmap = parse_column_map(columns)
    if colmap:
        turns = turns.rename(columns={src: name for name, src in colmap.items()})
    missing = [c for c in ("conversation_id", "role", "text") if c not in turns.columns]
    if missing:
        from tonecheck.errors import InputError

        raise InputError(f"missing required column(s): {', '.join(missing)}", file="Dask DataFrame")
    with_author = "author" in turns.columns
    with_response = "timestamp" in turns.columns
    if not partitioned:
        # Global row positions (before the shuffle mixes partitions), then one partition
        # per group of conversations.
        turns = turns.assign(**{_POS: 1})
        turns = turns.assign(**{_POS: turns[_POS].cumsum()})
        turns = turns.shuffle(on="conversation_id")
    meta = output_meta(with_author=with_author, with_response=with_response)
    return turns.map_partitions(
        score_partition, config, with_author=with_author, with_response=with_response, meta=meta
    )
