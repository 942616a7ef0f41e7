"""Empathy: does the reply hear how the customer feels?

- ``unacknowledged-distress`` (EMP001): the customer expressed frustration, worry, loss,
  illness, urgency or repeated failure since the previous reply, and the reply does not
  acknowledge it. A stock "sorry for the inconvenience" does not acknowledge a hardship.
- ``dismissive-language`` (EMP002) and ``blaming-language`` (EMP003) are phrase rules in
  ``rules/empathy.yml``.

The acknowledgement detector is shared with the ``acknowledges-feelings`` strength.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tonecheck.checks.base import Check, Reply
from tonecheck.context import ConversationState
from tonecheck.lexicon import compile_phrases, load_lexicon
from tonecheck.types import Finding, Severity

__all__ = ["CHECKS", "Acknowledgement", "UnacknowledgedDistress"]

_KIND_WORDS = {
    "emotion": "how they feel",
    "hardship": "what they are going through",
    "urgency": "their urgency",
    "repeated": "that they have tried several times",
    "typographic": "how upset they are",
}


@dataclass(frozen=True)
class Acknowledgement:
    """Compiled acknowledgement phrases (``lexicons/empathy.yml``), built once."""

    specific: re.Pattern[str]
    hardship: re.Pattern[str]
    stock: re.Pattern[str]

    @classmethod
    def load(cls) -> Acknowledgement:
        lex = load_lexicon("empathy")
        return cls(
            compile_phrases(lex["acknowledge"]),
            compile_phrases(lex["hardship_ack"]),
            compile_phrases(lex["stock"]),
        )

    def find_text(self, text: str) -> re.Match[str] | None:
        """The first specific or hardship acknowledgement in plain text (quotes not checked)."""
        return self.specific.search(text) or self.hardship.search(text)

    def find(self, reply: Reply, *, hardship: bool = False) -> re.Match[str] | None:
        """The first acknowledgement in the reply (outside quotes), or None. With
        ``hardship``, only words that respond to a loss, illness or similar count."""
        # Memoised on the parsed reply: the distress check and the strength both ask.
        memo = reply.parsed.__dict__
        key = ("acknowledgement", id(self), hardship)
        if key in memo:
            return memo[key]
        pattern = self.hardship if hardship else self.specific
        found = None
        for m in pattern.finditer(reply.text):
            if not reply.parsed.in_quotes(m.start(), m.end()):
                found = m
                break
        memo[key] = found
        return found


_ACK: Acknowledgement | None = None


def acknowledgement() -> Acknowledgement:
    """The process-wide compiled acknowledgement patterns (read-only after creation)."""
    global _ACK
    if _ACK is None:
        _ACK = Acknowledgement.load()
    return _ACK


class UnacknowledgedDistress(Check):
    code = "EMP001"
    name = "unacknowledged-distress"
    category = "empathy"
    default_severity = Severity.WARNING
    summary = "The customer is upset, worried, grieving or in a hurry, and the reply does not acknowledge it."
    what = (
        "Looks at the customer turns since the previous agent reply for distress: a stated emotion "
        "(frustrated, worried, 'ridiculous', 'not acceptable'), a hardship (a death, illness, money "
        "trouble, a deadline at risk), urgency, repeated failed attempts ('third time') or typographic "
        "anger ('!!!', shouting). Flags a reply that does not acknowledge it; for a hardship, the "
        "acknowledgement must respond to the situation ('I'm so sorry about your mother'), and a "
        "stock 'sorry for the inconvenience' does not count."
    )
    why = (
        "Customers judge a support contact first by whether they felt heard. Solving the problem "
        "while ignoring a bereavement or three failed attempts reads as cold, and it is what "
        "customers remember."
    )
    limits = (
        "Distress and acknowledgement are found from phrase lists over the words already parsed; "
        "sarcasm, and acknowledgement in unusual words, can be missed. A bare 'as I said' is not "
        "distress on its own."
    )
    instead = "Open by naming what the customer is going through, then solve it: 'I'm so sorry about your mother.'"
    examples = {
        "fail": [
            {"context": [("customer", "This is the third time I've asked. It's ridiculous.")], "reply": "Please send your order number."},
            {
                "context": [("customer", "My mother passed away and I need to return the things she ordered.")],
                "reply": "Sorry for the inconvenience. Please fill in the returns form.",
            },
            {"context": [("customer", "I'm really worried someone is using my account!!!")], "reply": "Can I have your username?"},
        ],
        "pass": [
            {
                "context": [("customer", "My mother passed away and I need to return the things she ordered.")],
                "reply": "I'm so sorry about your mother. I've arranged a free pickup for Thursday.",
            },
            {
                "context": [("customer", "This is the third time I've asked. It's ridiculous.")],
                "reply": "I understand how frustrating this is after three tries. I've fixed it now.",
            },
            {"context": [("customer", "No worries, not urgent. When does the sale end?")], "reply": "The sale ends on Sunday."},
            {"context": [("customer", "As I said, the order is 5531.")], "reply": "Thanks, I've found order 5531."},
        ],
    }

    def setup(self) -> None:
        self.ack = acknowledgement()

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        signals = state.distress
        if not signals:
            return
        if (
            state.agent_replies
            and all(_THANKS_OPENER_RE.match(p.text) for _, p in state.pending_customer)
            and self.ack.find_text(state.agent_replies[-1].text) is not None
        ):
            return  # a calm "Thank you. ..." follow-up to a reply that already acknowledged it
        hardship = next((s for s in signals if s.kind == "hardship"), None)
        if hardship is not None:
            if self.ack.find(reply, hardship=True) is not None:
                return
            specific = self.ack.find(reply)
            if specific is not None and _FEELING_RE.search(reply.text, *reply.parsed.sentence_at(specific.start())):
                return  # "I understand how frightening this is, so close to your treatment"
            if (specific is not None or _UNDERSTAND_RE.search(reply.text)) and _restates(hardship.text, reply):
                return  # "I understand $67 is a real hit on a fixed income"
            if _weighs(hardship.text, reply):
                return  # "Going without insulin is serious, so please go to a pharmacy tonight"
            signal = hardship
        else:
            if self.ack.find(reply) is not None or self.ack.find(reply, hardship=True) is not None:
                return
            if all(sig.kind == "repeated" for sig in signals) and (_TRIED_THANKS_RE.search(reply.text) or _STILL_RE.search(reply.text)):
                return  # "Thanks for trying that": the repeated attempt is acknowledged
            if all(sig.kind == "urgency" for sig in signals) and _meets_deadline(state, reply):
                return  # "Deadline was the 20th" -> "you should be able to pay until the 20th as planned"
            if _APOLOGY_RE.search(reply.text) and not self.ack.stock.search(reply.text):
                return  # frustration or a repeat answered with a real (not scripted) apology
            if all(sig.kind == "typographic" for sig in signals) and _APOLOGY_RE.search(_first_text(reply)):
                return  # "i asked WHEN IT ARRIVES" -> "Sorry about that. It arrives Friday.": capitals alone, apologised for first
            signal = signals[0]
        start, end = _first_sentence(reply)
        stock = self.ack.stock.search(reply.text)
        message = (
            f"The customer wrote \u201c{_short(signal.text)}\u201d (turn {signal.turn}); the reply does not "
            f"acknowledge {_KIND_WORDS.get(signal.kind, 'it')}"
            + (f" (\u201c{stock.group()}\u201d is a stock phrase)." if stock else ".")
        )
        suggestion = (
            "Acknowledge the loss or situation itself first, e.g. \u201cI'm so sorry to hear about ...\u201d."
            if signal.kind == "hardship"
            else "Acknowledge it first, e.g. \u201cI understand how frustrating this is.\u201d, then solve it."
        )
        yield self.finding(start, end, message, suggestion, evidence=signal.evidence())


_DATE_TOKEN_RE = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight)\b", re.IGNORECASE
)


def _meets_deadline(state: ConversationState, reply: Reply) -> bool:
    """Whether the reply plans around the customer's own deadline: it names the same day
    after "by", "until", "before", "for" or "in time for" ("until the 20th as planned")."""
    said = {m.group().lower() for _, p in state.pending_customer for m in _DATE_TOKEN_RE.finditer(p.text)}
    if not said:
        return False
    low = reply.parsed.lower
    for m in _DATE_TOKEN_RE.finditer(low):
        if m.group() in said and re.search(r"\b(?:by|until|till|before|for|on)\s+(?:the\s+|this\s+|next\s+)?$", low[max(0, m.start() - 20) : m.start()]):
            return True
    return False


def _first_text(reply: Reply) -> str:
    """The reply's first sentence."""
    start, end = _first_sentence(reply)
    return reply.text[start:end]


_TRIED_THANKS_RE = re.compile(
    r"\b(?:thanks|thank\s+you)\s+(?:so\s+much\s+)?for\s+(?:trying|doing|checking)\s+(?:that|those|it|this|all\s+that)\b", re.IGNORECASE
)
#: The reply takes up that the fault persists: "As it's still dropping, I've booked him again".
_STILL_RE = re.compile(r"\b(?:as|since|because|given\s+that)\s+(?:it's|it\s+is|it\s+keeps|they're|they\s+are|the\s+\w+\s+(?:is|keeps))\s+(?:still\s+)?(?:still|happening|dropping|failing|not\s+working)\b", re.IGNORECASE)
_THANKS_OPENER_RE = re.compile(r"\W*(?:thanks|thank\s+you|cheers|brilliant|great|perfect|ok(?:ay)?\s+thanks)\b", re.IGNORECASE)
#: An apology in the agent's own words. Enough for frustration, urgency or a repeat (a
#: hardship needs words about the situation; a stock "sorry for the inconvenience" never counts).
_APOLOGY_RE = re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b", re.IGNORECASE)


#: Words of feeling in a specific acknowledgement: with them it answers a hardship too
#: ("That sounds really worrying", "I know how frightening it is"), unlike a bare "I understand".
_FEELING_RE = re.compile(
    r"\b(?:horrible|awful|terrible|difficult|stressful|tough|hard|worr\w+|scar\w+|frighten\w+|rotten|miserable|upsetting|"
    r"distressing|sorry|condolences|heartbreaking|devastating|nightmare|shock|panic\w*|serious|gutting)\b",
    re.IGNORECASE,
)
_CONTENT_WORD_RE = re.compile(r"[a-z]{4,}")
_UNDERSTAND_RE = re.compile(r"\b(?:i\s+(?:completely\s+|totally\s+|fully\s+|really\s+)?understand|i(?:'m|\s+am)\s+(?:so\s+|really\s+|very\s+)?sorry)\b", re.IGNORECASE)


def _restates(signal_text: str, reply: Reply) -> bool:
    """Whether the reply repeats a content word of the hardship ("your rent money")."""
    words = reply.parsed.words
    return any(w in words for w in _CONTENT_WORD_RE.findall(signal_text.lower()))


def _weighs(signal_text: str, reply: Reply) -> bool:
    """Whether one sentence of the reply names the hardship (a content word of it) and
    says how grave or hard it is: the situation itself is acknowledged."""
    words = set(_CONTENT_WORD_RE.findall(signal_text.lower()))
    text = reply.text
    for s, e in reply.parsed.sentences:
        sent = text[s:e]
        if words & set(_CONTENT_WORD_RE.findall(sent.lower())) and any(
            m.group().lower() != "sorry" for m in _FEELING_RE.finditer(sent)
        ):
            return True  # a bare "sorry" beside the word is not enough ("Sorry, hospital cover ...")
    return False


def _first_sentence(reply: Reply) -> tuple[int, int]:
    sents = reply.parsed.sentences
    if sents:
        return sents[0]
    n = len(reply.text.rstrip())
    return (0, n)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:47] + "..."


CHECKS = [UnacknowledgedDistress]
