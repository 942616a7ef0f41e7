"""The value types every module shares: turns, conversations, findings and reports.

They are frozen dataclasses (attrs-style values) so that a finding or a turn can be
hashed, compared in tests and passed between processes without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "CATEGORIES",
    "PROBLEM_CATEGORIES",
    "Category",
    "Conversation",
    "Finding",
    "ReplyReport",
    "Role",
    "Severity",
    "Turn",
]


class Severity(StrEnum):
    """How bad a finding is. Ordered: ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error: used for ``--min-severity`` and ``--fail-on``."""
        return _SEVERITY_RANK[self.value]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """Read a severity from user text ("Warning", "error"), raising ``ValueError`` if unknown."""
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None


_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Category(StrEnum):
    """The five problem categories plus ``strength`` for things done well."""

    EMPATHY = "empathy"
    CLARITY = "clarity"
    ATTENTION = "attention"
    PROFESSIONALISM = "professionalism"
    PRESSURE = "pressure"
    STRENGTH = "strength"


#: The five scored categories, in the order they appear in every output table.
PROBLEM_CATEGORIES: tuple[str, ...] = (
    "empathy",
    "clarity",
    "attention",
    "professionalism",
    "pressure",
)
CATEGORIES: tuple[str, ...] = (*PROBLEM_CATEGORIES, "strength")


class Role(StrEnum):
    """Who wrote a turn. Only agent turns are scored; system/bot turns are context."""

    AGENT = "agent"
    CUSTOMER = "customer"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class Turn:
    """One message of a conversation.

    ``position`` is the 0-based order of the row in the input (file order), used to
    return results in input order; ``line`` is where the row starts in its file (for
    error messages), or ``None`` for in-memory input.
    """

    conversation_id: str
    turn: int
    role: Role
    text: str | None
    author: str | None = None
    timestamp: float | None = None
    position: int = 0
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Conversation:
    """The ordered turns of one conversation."""

    id: str
    turns: tuple[Turn, ...]

    def agent_turns(self) -> list[Turn]:
        """The turns that get scored."""
        return [t for t in self.turns if t.role is Role.AGENT]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem or strength found in an agent reply.

    ``reply[start:end]`` is the evidence in the reply itself; ``evidence`` optionally
    points at an earlier turn (``{"turn": 1, "start": 87, "end": 98}``).
    """

    code: str
    name: str
    category: str
    severity: Severity
    start: int
    end: int
    message: str
    suggestion: str
    evidence: dict[str, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The plain-dict form used in DataFrames, JSONL and HTML."""
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "suggestion": self.suggestion,
            "evidence": dict(self.evidence) if self.evidence else None,
        }


@dataclass(frozen=True, slots=True)
class ReplyReport:
    """Everything tonecheck says about one agent reply.

    ``scores`` maps each of the five categories to 0-100 (higher is better); it is
    empty, and ``overall`` is ``None``, for a reply with no text (the row is kept).
    """

    text: str
    findings: list[Finding]
    scores: dict[str, float]
    overall: float | None
    conversation_id: str | None = None
    turn: int | None = None
    author: str | None = None
    position: int = 0
    response_seconds: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def problems(self) -> list[Finding]:
        """Findings that are not strengths."""
        return [f for f in self.findings if f.category != "strength"]

    @property
    def strengths(self) -> list[Finding]:
        """Findings of category ``strength``."""
        return [f for f in self.findings if f.category == "strength"]
