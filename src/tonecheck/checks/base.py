"""The shape every check has, built-in or from YAML.

A check declares who it is (``code``, ``name``, ``category``, ``default_severity``,
``summary``), documents itself for ``tonecheck explain`` (``what``, ``why``, ``limits``,
``instead``), and carries examples that fail and pass. ``run(reply, state)`` returns the
findings for one agent reply, given the conversation state before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from tonecheck.context import ConversationState
from tonecheck.nlp import Parsed
from tonecheck.types import Finding, Severity

__all__ = ["Check", "Example", "Reply", "Settings"]

#: An example is a reply alone, or ``{"context": [(role, text), ...], "reply": text}``.
Example = str | Mapping[str, Any]


@dataclass(frozen=True)
class Settings:
    """What the configuration tells checks: the team glossary and per-rule options."""

    glossary: frozenset[str] = frozenset()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def options_for(self, name: str) -> Mapping[str, Any]:
        """The ``[rules.<name>]`` table from configuration (empty when absent)."""
        return self.rule_options.get(name, {})


@dataclass(slots=True)
class Reply:
    """The agent reply being checked, with its parse and its place in the conversation."""

    text: str
    parsed: Parsed
    turn: int
    settings: Settings

    def in_glossary(self, word: str) -> bool:
        """True when ``word`` (any case) is a team glossary term."""
        return word.lower() in self.settings.glossary


class Check:
    """Base class of all checks. Subclasses set the class attributes and ``run``."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str]
    what: ClassVar[str] = ""
    why: ClassVar[str] = ""
    limits: ClassVar[str] = ""
    instead: ClassVar[str] = ""
    examples: ClassVar[Mapping[str, Sequence[Example]]] = {}
    #: Default per-rule options; ``[rules.<name>]`` in configuration overrides them.
    options: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        merged = dict(self.options)
        user = dict(self.settings.options_for(self.name))
        severity = user.pop("severity", None)
        unknown = sorted(set(user) - set(merged))
        if unknown:
            raise ValueError(
                f"rules.{self.name}: unknown option(s) {', '.join(unknown)}"
                + (f" (known: {', '.join(sorted(merged))})" if merged else "")
            )
        merged.update(user)
        self.opts: dict[str, Any] = merged
        self.severity = Severity.parse(severity) if severity else self.default_severity
        self.setup()

    def setup(self) -> None:
        """Compile lexicons and patterns once per Analyzer. Override as needed."""

    def prepare(self) -> None:
        """Build what ``setup`` leaves for first use (large indexes most runs never need).

        Called before worker processes are forked, so that they share one copy instead of
        each building its own. Override when a check has such a structure."""

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        """Return the findings for ``reply`` given the conversation ``state`` before it."""
        raise NotImplementedError

    def finding(
        self,
        start: int,
        end: int,
        message: str,
        suggestion: str,
        *,
        severity: Severity | None = None,
        evidence: dict[str, int] | None = None,
    ) -> Finding:
        """Build a finding of this check (severity defaults to the configured one)."""
        return Finding(
            code=self.code,
            name=self.name,
            category=self.category,
            severity=severity or self.severity,
            start=start,
            end=end,
            message=message,
            suggestion=suggestion,
            evidence=evidence,
        )

    @classmethod
    def describe(cls) -> dict[str, Any]:
        """The catalog entry: what ``tonecheck rules`` and ``explain`` print."""
        return {
            "code": cls.code,
            "name": cls.name,
            "category": cls.category,
            "severity": cls.default_severity.value,
            "summary": cls.summary,
            "what": cls.what or cls.summary,
            "why": cls.why,
            "limits": cls.limits,
            "instead": cls.instead,
            "examples": cls.examples,
            "options": dict(cls.options),
        }
