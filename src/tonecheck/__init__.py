"""tonecheck: find where support agents failed the customer, reply by reply.

Public API (importing loads no model; the pipeline is built by the first ``Analyzer``)::

    import tonecheck
    scored = tonecheck.score_transcripts(df)          # one row per agent reply
    long = tonecheck.findings_frame(scored)           # one row per finding
    per_agent = tonecheck.summarize(scored, by="author")
    report = tonecheck.analyze_reply("Calm down.", context=[("customer", "This is the third time!")])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tonecheck.errors import ConfigError, InputError
from tonecheck.types import Category, Conversation, Finding, ReplyReport, Role, Severity, Turn

if TYPE_CHECKING:
    import pandas as pd

    from tonecheck.analyzer import Analyzer
    from tonecheck.config import Config

__version__ = "0.1.0"

__all__ = [
    "Analyzer",
    "Category",
    "Config",
    "ConfigError",
    "Conversation",
    "Finding",
    "InputError",
    "ReplyReport",
    "Role",
    "Severity",
    "Turn",
    "__version__",
    "analyze_reply",
    "findings_frame",
    "load_config",
    "score_transcripts",
    "summarize",
]

_default: Analyzer | None = None


def _analyzer() -> Analyzer:
    global _default
    if _default is None:
        from tonecheck.analyzer import Analyzer

        _default = Analyzer()
    return _default


def score_transcripts(turns: Any, **options: Any) -> pd.DataFrame:
    """Score every agent reply in ``turns`` (a DataFrame or a file path).

    Options: ``columns`` (``{"conversation_id": "ticket"}``), ``on_error``
    (``"raise"`` or ``"skip"``), ``config`` (a mapping or :class:`Config`; builds a
    one-off Analyzer). Returns one row per agent reply, in input order.
    """
    config = options.pop("config", None)
    analyzer = _analyzer() if config is None else __getattr__("Analyzer")(config=config)
    return analyzer.score_transcripts(turns, **options)


def analyze_reply(reply: str, context: Any = ()) -> ReplyReport:
    """Check one reply; ``context`` is the conversation before it as ``(role, text)`` pairs."""
    return _analyzer().analyze_reply(reply, context)


def findings_frame(scored: pd.DataFrame) -> pd.DataFrame:
    """One row per finding (long form) from a ``score_transcripts`` table."""
    from tonecheck.report.frames import findings_frame as _ff

    return _ff(scored)


def summarize(scored: pd.DataFrame, by: str | list[str] = "author") -> pd.DataFrame:
    """Mean scores and finding counts per agent (or any column)."""
    from tonecheck.report.frames import summarize as _s

    return _s(scored, by=by)


def load_config(path: Any) -> Config:
    """Read a ``tonecheck.toml`` or ``pyproject.toml`` into a :class:`Config`."""
    from tonecheck.config import load_config as _lc

    return _lc(path)


def __getattr__(name: str) -> Any:
    if name == "Analyzer":
        from tonecheck.analyzer import Analyzer

        return Analyzer
    if name == "Config":
        from tonecheck.config import Config

        return Config
    raise AttributeError(f"module 'tonecheck' has no attribute {name!r}")
