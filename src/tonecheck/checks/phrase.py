"""Phrase rules: checks that are data (Vale-style), read from ``rules/*.yml``.

A rule file names its phrases (or ``re:`` patterns), a message and a suggestion; this
module turns it into a :class:`~tonecheck.checks.base.Check` subclass. Matches inside
quotation marks are skipped (the agent quoting the customer is not the agent speaking),
and so, when the rule asks, are negated ones ("I'm not blaming you").
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from tonecheck.checks.base import Check, Reply
from tonecheck.context import ConversationState
from tonecheck.lexicon import compile_phrases
from tonecheck.types import CATEGORIES, Finding, Severity

__all__ = ["PhraseCheck", "RuleFileError", "phrase_check_from_spec"]

_REQUIRED = ("code", "name", "category", "severity", "summary", "message", "suggestion", "phrases", "examples")
_OPTIONAL = (
    "what", "why", "limits", "instead", "skip_quoted", "skip_negated", "negation_window",
    "exceptions", "suggestions",
)


#: A group that contains a quantifier and is itself quantified: (a+)+, (\w*)*, (x{2,})+ ...
#: Python's regex engine backtracks, so rules from users are checked for this at load time.
_NESTED_QUANTIFIER_RE = re.compile(r"\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\})")


class RuleFileError(ValueError):
    """A rule file is malformed; the message names the file and the key."""


class PhraseCheck(Check):
    """A check that flags any phrase from a compiled list, quote- and negation-aware."""

    phrases: ClassVar[tuple[str, ...]] = ()
    exceptions: ClassVar[tuple[str, ...]] = ()
    message: ClassVar[str] = ""
    suggestion_text: ClassVar[str] = ""
    suggestions: ClassVar[Mapping[str, str]] = {}
    skip_quoted: ClassVar[bool] = True
    skip_negated: ClassVar[bool] = False
    negation_window: ClassVar[int] = 25
    #: Seconds a user-supplied rule may spend on one reply (None for shipped rules). User
    #: rules run on the ``regex`` engine, which can stop a match that takes too long.
    time_budget: ClassVar[float | None] = None

    def setup(self) -> None:
        self.pattern = compile_phrases(self.phrases)
        self.exception_re = compile_phrases(self.exceptions)
        self._suggest = {k.lower(): v for k, v in self.suggestions.items()}
        self._budgeted = None
        if self.time_budget is not None:
            try:
                import regex
            except ImportError:  # pragma: no cover - regex is a dependency
                regex = None
            if regex is not None:
                self._budgeted = regex.compile(self.pattern.pattern, regex.IGNORECASE | regex.V0)

    def _matches(self, text: str) -> Iterable[re.Match[str]]:
        if self._budgeted is None:
            return self.pattern.finditer(text)
        try:
            return list(self._budgeted.finditer(text, timeout=self.time_budget))
        except TimeoutError:
            warnings.warn(
                f"rule {self.name}: gave up on a reply after {self.time_budget}s (the pattern is too slow for it)",
                stacklevel=2,
            )
            return []

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        parsed = reply.parsed
        text = reply.text
        blocked = [m.span() for m in self.exception_re.finditer(text)] if self.exceptions else []
        for m in self._matches(text):
            start, end = m.span()
            if self.skip_quoted and parsed.in_quotes(start, end):
                continue
            if self.skip_negated and parsed.negated(start, self.negation_window):
                continue
            if any(bs <= start < be for bs, be in blocked):
                continue
            phrase = m.group()
            suggestion = self._suggest.get(" ".join(phrase.lower().split()), self.suggestion_text)
            yield self.finding(
                start, end, self.message.format(match=phrase), suggestion.format(match=phrase)
            )


#: Per-reply time budget for phrase rules read from user files (seconds).
USER_RULE_BUDGET = 0.25


def phrase_check_from_spec(spec: Mapping[str, Any], source: str, *, user: bool = False) -> type[PhraseCheck]:
    """Validate a YAML rule mapping and build its check class.

    ``source`` (the file name) goes into every error, with the offending key. ``user``
    rules (from ``rule_files``) run with a time budget per reply.
    """
    if not isinstance(spec, Mapping):
        raise RuleFileError(f"{source}: a rule must be a mapping of keys")
    missing = [k for k in _REQUIRED if k not in spec]
    if missing:
        raise RuleFileError(f"{source}: missing key(s): {', '.join(missing)}")
    unknown = sorted(set(spec) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise RuleFileError(f"{source}: unknown key(s): {', '.join(unknown)}")
    name = str(spec["name"])
    where = f"{source}: {name}"
    if spec["category"] not in CATEGORIES:
        raise RuleFileError(f"{where}: category: {spec['category']!r} is not one of {', '.join(CATEGORIES)}")
    try:
        severity = Severity.parse(spec["severity"])
    except ValueError as exc:
        raise RuleFileError(f"{where}: severity: {exc}") from None
    phrases = spec["phrases"]
    if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) for p in phrases):
        raise RuleFileError(f"{where}: phrases: expected a non-empty list of strings")
    examples = spec["examples"]
    if not isinstance(examples, Mapping) or not examples.get("fail") or not examples.get("pass"):
        raise RuleFileError(f"{where}: examples: needs non-empty 'fail' and 'pass' lists")
    for key in ("phrases", "exceptions"):
        for p in spec.get(key) or []:
            if isinstance(p, str) and p.startswith("re:") and _NESTED_QUANTIFIER_RE.search(p[3:]):
                raise RuleFileError(
                    f"{where}: {key}: {p[:60]!r} repeats a repeated group (like (a+)+); such patterns can take "
                    "exponential time on some texts, so they are refused"
                )
    try:
        compile_phrases(phrases)
        compile_phrases(spec.get("exceptions", []))
    except Exception as exc:  # re.error and friends
        raise RuleFileError(f"{where}: phrases: does not compile: {exc}") from None
    attrs: dict[str, Any] = {
        "code": str(spec["code"]),
        "name": name,
        "category": spec["category"],
        "default_severity": severity,
        "summary": str(spec["summary"]).strip(),
        "what": str(spec.get("what", "")).strip(),
        "why": str(spec.get("why", "")).strip(),
        "limits": str(spec.get("limits", "")).strip(),
        "instead": str(spec.get("instead", "")).strip(),
        "examples": examples,
        "phrases": tuple(phrases),
        "exceptions": tuple(spec.get("exceptions", ())),
        "message": str(spec["message"]).strip(),
        "suggestion_text": str(spec["suggestion"]).strip(),
        "suggestions": dict(spec.get("suggestions", {}) or {}),
        "skip_quoted": bool(spec.get("skip_quoted", True)),
        "skip_negated": bool(spec.get("skip_negated", False)),
        "negation_window": int(spec.get("negation_window", 25)),
        "time_budget": USER_RULE_BUDGET if user else None,
        "__doc__": f"Phrase rule {name} from {source}.",
    }
    cls_name = "".join(p.capitalize() for p in name.split("-")) + "Rule"
    return type(cls_name, (PhraseCheck,), attrs)
