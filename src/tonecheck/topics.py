"""Topic and intent: what the customer's problem is about, and what a reply works on.

The intents (account security, login/password, billing/refund, delivery, ...) are data in
``lexicons/topics.yml``. Each intent has words matched against the lemmas the NLP pass
already produced, customer phrases, and solution phrases for replies. All phrases of one
side are compiled into a single alternation with one named group per intent, so one
linear scan of a turn finds every intent; lemma lookups are one dict probe per token.

``off-topic-reply`` compares the two sides: a reply whose every solution belongs to an
intent the customer never raised (nor a related one) solves a different problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tonecheck.lexicon import bare_start, folded, load_lexicon, lower_twin, phrase_pattern
from tonecheck.nlp import Parsed

__all__ = ["TopicHit", "TopicLexicon", "shared_lexicon"]

_WORD_RE = re.compile(r"[a-z0-9]+")
#: Topic words that describe the customer, not an item, after "I" or "we".
_PERSON_VERBS = frozenset({"arrive", "arrived", "arriving", "late"})
_ARRIVED_BROKEN_RE = re.compile(
    r"(?:\s+(?:today|yesterday|this\s+morning|this\s+afternoon|last\s+night|on\s+\w+day))?"
    r"\s+(?:with\s+(?:a|an|the|its|one|two|some)?\s*(?:\w+\s+){0,3}(?:crack|cracked|broken|hole|dent|damage|damaged|scratch|missing|stain|smashed|shattered|torn|ripped|leaking|dented)"
    r"|damaged|broken|cracked|smashed|shattered|faulty|in pieces|dented|scratched|open|wet|leaking"
    # "arrived today but the box was crushed and the lamp base inside is cracked"
    r"|[,;]?\s*(?:but|and)\s+(?:the|my|it|its|one|a|both)\b[^.!?]{0,30}?\b(?:was|is|were|are|'s|came)\s+(?:all\s+|completely\s+|badly\s+)?"
    r"(?:damaged|broken|cracked|smashed|shattered|crushed|dented|scratched|torn|ripped|leaking|in\s+pieces|missing|empty))"
)
#: The intent of an item that arrived damaged ("arrived today with the shade smashed").
_DAMAGED_INTENT = "returns-exchange"
_FROZEN_FOOD_RE = re.compile(
    r"\s+(?:stuff|food|foods|items?|goods|meals?|bags?|pizzas?|peas|chicken|fish|veg\w*|section|things|desserts?|ice|shopping|groceries)\b"
)
_PAYING_WHO_RE = re.compile(r"\s+(?:customer|member|client|subscriber|user)s?\b")
_FIRST_PERSON_RE = re.compile(r"\b(?:i|we|i'm|we're|i was|we were|i am|we are)(?:\s+(?:just|only|finally|have|had|'ve))?\s+$")


@dataclass(frozen=True, slots=True)
class TopicHit:
    """One place in a turn that shows an intent."""

    intent: str
    start: int
    end: int
    text: str


def _alternation(groups: dict[str, list[str]]) -> re.Pattern[str] | None:
    parts = []
    for i, phrases in enumerate(groups.values()):
        items = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
        if items:
            parts.append(f"(?P<t{i}>{'|'.join(bare_start(phrase_pattern(p)) for p in items)})")
    if not parts:
        return None
    return re.compile(rf"(?<![\w'’])(?:{'|'.join(parts)})(?![\w])", re.IGNORECASE)


class TopicLexicon:
    """The compiled topic lexicon (built once per Analyzer)."""

    def __init__(self, name: str = "topics") -> None:
        data = load_lexicon(name)["intents"]
        self.intents: list[str] = list(data)
        self.labels: dict[str, str] = {k: str(v.get("label", k)) for k, v in data.items()}
        self.related: dict[str, frozenset[str]] = {k: frozenset(v.get("related") or ()) for k, v in data.items()}
        for k, rel in self.related.items():
            unknown = rel - set(self.intents)
            if unknown:
                raise ValueError(f"lexicons/{name}.yml: intents.{k}.related names unknown {sorted(unknown)}")
        self._group_intent = {f"t{i}": k for i, k in enumerate(self.intents)}
        self.lemma_intent: dict[str, str] = {}
        for k, v in data.items():
            for lemma in v.get("lemmas") or ():
                self.lemma_intent.setdefault(str(lemma).lower(), k)
        self.customer_re = _alternation({k: list(v.get("customer") or ()) for k, v in data.items()})
        self.solution_re = _alternation({k: list(v.get("solutions") or ()) for k, v in data.items()})
        # Case-sensitive twins run on the lower-cased text: same matches, several times
        # faster (see lexicon.lower_twin); the evidence text comes from the original.
        self._twins = {id(p): lower_twin(p) for p in (self.customer_re, self.solution_re) if p is not None}

    def _scan(self, pattern: re.Pattern[str] | None, text: str) -> list[TopicHit]:
        if pattern is None:
            return []
        group_intent = self._group_intent
        twin = self._twins.get(id(pattern))
        low = folded(text) if twin is not None else None
        if twin is not None and low is not None:
            return [
                TopicHit(group_intent[m.lastgroup or ""], m.start(), m.end(), text[m.start() : m.end()])
                for m in twin.finditer(low)
            ]
        return [
            TopicHit(group_intent[m.lastgroup or ""], m.start(), m.end(), m.group()) for m in pattern.finditer(text)
        ]

    def customer_hits(self, parsed: Parsed) -> list[TopicHit]:
        """Where a customer turn raises each intent (phrases, then lemmas), in text order."""
        hits = self._scan(self.customer_re, parsed.text)
        lemma_intent = self.lemma_intent
        # Words by regex and lemmas by table lookup: customer turns are not tokenized.
        low = parsed.lower
        for m in _WORD_RE.finditer(low):
            w = m.group()
            intent = lemma_intent.get(w) or lemma_intent.get(parsed.lemma(w))
            if intent is not None:
                if w in _PERSON_VERBS and _FIRST_PERSON_RE.search(low, max(0, m.start() - 12), m.start()):
                    continue  # "I arrived this morning": the customer travelled, no parcel did
                if w in _PERSON_VERBS and _ARRIVED_BROKEN_RE.match(low, m.end()):
                    # "it arrived cracked": the delivery happened; the damaged item is the problem
                    if _DAMAGED_INTENT in self.labels:
                        hits.append(TopicHit(_DAMAGED_INTENT, m.start(), m.end(), parsed.text[m.start() : m.end()]))
                    continue
                if w == "frozen" and _FROZEN_FOOD_RE.match(low, m.end()):
                    continue  # "the frozen stuff will be ruined": groceries, not a frozen screen
                if w == "paying" and _PAYING_WHO_RE.match(low, m.end()):
                    continue  # "I'm a paying customer": who they are, not a billing problem

                hits.append(TopicHit(intent, m.start(), m.end(), parsed.text[m.start() : m.end()]))
        hits.sort(key=lambda h: h.start)
        return hits

    def solution_hits(self, parsed: Parsed) -> list[TopicHit]:
        """Where a reply works on each intent (solution phrases only). Memoised on the
        parsed reply: off-topic-reply and unanswered-question both ask."""
        memo = parsed.__dict__
        key = ("solution_hits", id(self))
        hits = memo.get(key)
        if hits is None:
            hits = memo[key] = self._scan(self.solution_re, parsed.text)
        return hits

    def allowed(self, raised: set[str] | frozenset[str]) -> set[str]:
        """The intents a reply may work on when the customer raised ``raised``."""
        out = set(raised)
        for k in raised:
            out |= self.related.get(k, frozenset())
        return out


@cache
def shared_lexicon() -> TopicLexicon:
    """The process-wide compiled topic lexicon (read-only after creation): the conversation
    state and the attention checks read the same one, so it is compiled once."""
    return TopicLexicon()
