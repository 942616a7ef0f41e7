"""Masking personal data in outputs (``--redact``): reports get forwarded.

Emails, phone numbers, card numbers and other long digit runs (account, order and IBAN
numbers) are masked character by character with ``•``, keeping separators (``@``, ``.``,
spaces, dashes). Masks have the same length as what they hide, so every finding's
``start``/``end`` still points at the same words in the text that is shown. Messages and
suggestions, which quote values back ("... gave in turn 1 (“dana@example.org”)"), are
masked with the same rules.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tonecheck.context import EMAIL_RE
from tonecheck.types import Conversation, Finding, ReplyReport

__all__ = ["MASK", "redact_conversation", "redact_report", "redact_text"]

MASK = "•"
# Long digit runs with separators: phones, cards, accounts, IBAN-like codes.
_DIGITS_RE = re.compile(r"(?<![\w])(?:[A-Z]{2}\d{2}[\s-]?)?\+?\(?\d(?:[\d\s().-]{4,30}\d)(?![\w])")
_KEEP = frozenset("@.-_ ()+/")


def _mask(s: str) -> str:
    return "".join(c if c in _KEEP or c.isspace() else MASK for c in s)


def redact_text(text: str) -> str:
    """``text`` with personal data masked; same length, so offsets stay valid."""
    if not text:
        return text
    chars = list(text)
    for m in EMAIL_RE.finditer(text):
        chars[m.start():m.end()] = _mask(m.group())
    for m in _DIGITS_RE.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= 6:
            chars[m.start():m.end()] = _mask(m.group())
    out = "".join(chars)
    assert len(out) == len(text)
    return out


def redact_report(report: ReplyReport) -> ReplyReport:
    """A copy of ``report`` with its text, messages and suggestions masked."""
    findings = [
        Finding(
            f.code, f.name, f.category, f.severity, f.start, f.end,
            redact_text(f.message), redact_text(f.suggestion), f.evidence,
        )
        for f in report.findings
    ]
    return replace(report, text=redact_text(report.text), findings=findings)


def redact_conversation(conv: Conversation) -> Conversation:
    """A copy of ``conv`` with every turn's text masked (for reports that show the chat)."""
    turns = tuple(replace(t, text=redact_text(t.text)) if t.text else t for t in conv.turns)
    return Conversation(conv.id, turns)


