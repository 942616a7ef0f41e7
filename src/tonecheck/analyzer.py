"""``Analyzer``: the loaded pipeline plus configuration, and the walk over conversations.

One Analyzer holds the NLP engine, the compiled checks and the state extractor; build it
once and reuse it (services keep one per process). Conversations are parsed in batches
(one spaCy ``pipe`` pass over all their turns), then walked turn by turn: customer turns
update the :class:`~tonecheck.context.ConversationState`, agent replies are checked
against it and scored.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from tonecheck.checks.base import Reply
from tonecheck.config import Config
from tonecheck.context import ConversationState, StateExtractor
from tonecheck.engine import Engine
from tonecheck.io import ReadLog, conversations_from_pairs, iter_conversations
from tonecheck.nlp import NlpEngine, Parsed
from tonecheck.registry import Registry
from tonecheck.scoring import score
from tonecheck.types import Conversation, ReplyReport, Role

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Analyzer"]

#: Turns parsed per spaCy batch: large enough to amortise, small enough for flat memory.
BATCH_TURNS = 2048
#: ... and at most about this many characters (a batch of megabyte replies stays small).
BATCH_CHARS = 2_000_000


class Analyzer:
    """Holds the loaded pipeline and configuration.

    ``config`` is a :class:`~tonecheck.config.Config`, a mapping with the same keys as
    ``tonecheck.toml`` (``select``, ``ignore``, ``min_severity``, ``glossary``,
    ``rules``), or ``None`` for the defaults. Nothing is read from disk implicitly.
    """

    def __init__(
        self,
        config: Config | Mapping[str, Any] | None = None,
        *,
        registry: Registry | None = None,
        nlp: NlpEngine | None = None,
    ) -> None:
        if config is None:
            config = Config()
        elif not isinstance(config, Config):
            config = Config.from_mapping(config)
        self.config = config
        self.registry = registry or Registry.default()
        self.engine = Engine(self.registry, config)
        self.nlp = nlp or NlpEngine()
        self.extractor = StateExtractor()

    # -- single reply -------------------------------------------------------------------
    def analyze_reply(self, reply: str, context: Iterable[tuple[str, str]] = ()) -> ReplyReport:
        """Check one reply; ``context`` is the conversation before it as ``(role, text)``."""
        conv = conversations_from_pairs(context, reply)
        _, reports = next(self._walk_batch([conv]))
        return reports[-1]

    # -- many conversations -----------------------------------------------------------
    def iter_reports(
        self,
        turns: Any,
        *,
        columns: Mapping[str, str] | str | None = None,
        on_error: str = "raise",
        log: ReadLog | None = None,
        jobs: int = 1,
    ) -> Iterator[ReplyReport]:
        """Stream one :class:`ReplyReport` per agent reply, conversation by conversation.

        ``turns`` is a DataFrame, a file path, or an iterable of
        :class:`~tonecheck.types.Conversation`. Memory stays flat: conversations are
        read, parsed and checked in batches.
        """
        for _conv, reports in self.iter_conversations(turns, columns=columns, on_error=on_error, log=log, jobs=jobs):
            yield from reports

    def iter_conversations(
        self,
        turns: Any,
        *,
        columns: Mapping[str, str] | str | None = None,
        on_error: str = "raise",
        log: ReadLog | None = None,
        jobs: int = 1,
    ) -> Iterator[tuple[Conversation, list[ReplyReport]]]:
        """Like :meth:`iter_reports`, but yields each conversation with its reports
        (what a report that shows the whole chat needs).

        ``jobs > 1`` scores batches of whole conversations in that many worker processes
        (each with its own Analyzer built from this one's configuration); the output order
        is the input order, and at most ``2 * jobs`` batches are in flight, so memory stays
        flat. ``jobs=0`` means one worker per CPU.
        """
        if isinstance(turns, (list, tuple)) and all(isinstance(c, Conversation) for c in turns):
            convs: Iterable[Conversation] = turns
        else:
            convs = iter_conversations(turns, columns=columns, on_error=on_error, log=log)
        batches = _batched(convs)
        jobs = _resolve_jobs(jobs)
        if jobs == 1:
            for batch in batches:
                yield from self._walk_batch(batch)
            return
        yield from _parallel(self, batches, jobs)

    def score_transcripts(
        self,
        turns: Any,
        *,
        columns: Mapping[str, str] | str | None = None,
        on_error: str = "raise",
        jobs: int = 1,
        redact: bool = False,
    ) -> pd.DataFrame:
        """One row per agent reply, in input order (see the contract for the columns).

        ``jobs`` > 1 uses that many worker processes (0: one per CPU); ``redact`` masks
        emails, phone, card and account numbers in the text and messages (same length, so
        offsets still match)."""
        from tonecheck.report.frames import reports_to_frame

        log = ReadLog()
        reports = [
            r
            for _, rs in self.iter_conversations(turns, columns=columns, on_error=on_error, log=log, jobs=jobs)
            for r in rs
        ]
        reports.sort(key=lambda r: r.position)
        if redact:
            from tonecheck.redact import redact_report

            reports = [redact_report(r) for r in reports]
        empty = sum(1 for r in reports if r.overall is None)
        if empty:
            warnings.warn(
                f"{empty} agent repl{'y' if empty == 1 else 'ies'} with empty text kept without scores",
                stacklevel=2,
            )
        return reports_to_frame(reports)

    # -- the walk -----------------------------------------------------------------------
    def _walk_batch(self, convs: list[Conversation]) -> Iterator[tuple[Conversation, list[ReplyReport]]]:
        # Agent replies get the full batched parse; other turns are parsed lazily.
        texts = [t.text or "" for c in convs for t in c.turns if t.role is Role.AGENT]
        parsed = iter(self.nlp.pipe(texts))
        lazy = self.nlp.lazy
        for conv in convs:
            items = [next(parsed) if t.role is Role.AGENT else lazy(t.text or "") for t in conv.turns]
            yield conv, list(self._walk(conv, items))

    def _walk(self, conv: Conversation, parsed: list[Parsed]) -> Iterator[ReplyReport]:
        state = ConversationState()
        extractor = self.extractor
        settings = self.engine.settings
        last_customer_ts: float | None = None
        for turn, p in zip(conv.turns, parsed, strict=True):
            if turn.role is Role.CUSTOMER:
                if turn.text:
                    extractor.add_customer_turn(state, turn.turn, p)
                    last_customer_ts = turn.timestamp if turn.timestamp is not None else last_customer_ts
                continue
            if turn.role is not Role.AGENT:
                continue  # system/bot turns are context only
            if turn.author:
                state.agent_names.add(turn.author.lower())
            response = None
            if turn.timestamp is not None and last_customer_ts is not None:
                response = turn.timestamp - last_customer_ts
                last_customer_ts = None
            if not turn.text or not turn.text.strip():
                yield ReplyReport(
                    text=turn.text or "",
                    findings=[],
                    scores={},
                    overall=None,
                    conversation_id=conv.id,
                    turn=turn.turn,
                    author=turn.author,
                    position=turn.position,
                    response_seconds=response,
                )
                continue
            reply = Reply(turn.text, p, turn.turn, settings)
            findings = self.engine.run(reply, state)
            scores, overall = score(findings, p)
            yield ReplyReport(
                text=turn.text,
                findings=findings,
                scores=scores,
                overall=overall,
                conversation_id=conv.id,
                turn=turn.turn,
                author=turn.author,
                position=turn.position,
                response_seconds=response,
            )
            extractor.add_agent_reply(state, turn.turn, p, tuple(f.code for f in findings))


def _batched(convs: Iterable[Conversation]) -> Iterator[list[Conversation]]:
    """Group whole conversations into batches of about ``BATCH_TURNS`` turns or
    ``BATCH_CHARS`` characters, whichever comes first (huge replies stay bounded)."""
    batch: list[Conversation] = []
    size = chars = 0
    for conv in convs:
        batch.append(conv)
        size += len(conv.turns)
        chars += sum(len(t.text or "") for t in conv.turns)
        if size >= BATCH_TURNS or chars >= BATCH_CHARS:
            yield batch
            batch, size, chars = [], 0, 0
    if batch:
        yield batch


def _resolve_jobs(jobs: int) -> int:
    import os

    if jobs < 0:
        raise ValueError("jobs must be >= 0")
    return (os.cpu_count() or 1) if jobs == 0 else jobs


# -- worker processes ------------------------------------------------------------------
_WORKER: Analyzer | None = None


def _init_worker(config: Config | None) -> None:
    """Worker start: under ``fork`` the parent's loaded Analyzer is inherited as it is;
    otherwise (spawn) one is built from the configuration."""
    global _WORKER
    if config is not None:
        _WORKER = Analyzer(config=config)


def _work(batch: list[Conversation]) -> list[list[ReplyReport]]:
    assert _WORKER is not None
    return [reports for _, reports in _WORKER._walk_batch(batch)]


def _parallel(
    analyzer: Analyzer, batches: Iterator[list[Conversation]], jobs: int
) -> Iterator[tuple[Conversation, list[ReplyReport]]]:
    """Score batches in ``jobs`` processes, yielding results in input order with a bounded
    number of batches in flight."""
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    forking = "fork" in mp.get_all_start_methods()
    if forking:
        analyzer.nlp.nlp  # build the pipeline and tables once, before the fork  # noqa: B018
        _ = analyzer.nlp.lemma_table
        for check in analyzer.engine.checks:
            check.prepare()
        _WORKER = analyzer
        ctx = mp.get_context("fork")
        initargs: tuple[Config | None] = (None,)
    else:  # pragma: no cover - platforms without fork
        ctx = mp.get_context()
        initargs = (analyzer.config,)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=initargs) as pool:
            pending: deque = deque()
            for batch in batches:
                pending.append((batch, pool.submit(_work, batch)))
                if len(pending) >= 2 * jobs:
                    done, fut = pending.popleft()
                    yield from zip(done, fut.result(), strict=True)
            while pending:
                done, fut = pending.popleft()
                yield from zip(done, fut.result(), strict=True)
    finally:
        if forking:
            _WORKER = None
