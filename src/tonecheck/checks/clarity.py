"""Clarity: words the customer can read without tripping.

- ``spelling`` (CLR002): misspelled words and chat shorthand, with a correction. Never
  names, capitalised words, product names, the team glossary, codes, URLs, emails,
  placeholders, or words the customer used first.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from tonecheck.checks.base import Check, Reply
from tonecheck.context import EMAIL_RE, PLACEHOLDER_RE, URL_RE, ConversationState
from tonecheck.lexicon import load_lexicon
from tonecheck.types import Finding, Severity

__all__ = ["CHECKS", "Dictionary", "Spelling", "load_dictionary"]

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Dictionary:
    """Known English words plus frequencies for suggestions.

    ``known(word)`` accepts a word found in the dictionaries directly or after removing a
    regular inflection or prefix ("refunded" -> "refund", "reactivate" -> "activate").
    """

    def __init__(self, words: set[str], freq: dict[str, int]) -> None:
        self.words = words
        self.freq = freq

    def known(self, word: str) -> bool:
        w = word.lower()
        if w in self.words:
            return True
        for stem in _stems(w):
            if stem in self.words:
                return True
        return False

    def suggest(self, word: str) -> str | None:
        """The most frequent known word one edit away (two for longer words), or None."""
        w = word.lower()
        cands = [c for c in _edits1(w) if c in self.freq]
        if not cands and len(w) > 5:
            cands = [e2 for e1 in _edits1(w) for e2 in _edits1(e1) if e2 in self.freq]
        if not cands:
            return None
        return max(cands, key=lambda c: (self.freq[c], c))


def _stems(w: str) -> Iterable[str]:
    """Candidate base forms under regular English inflection and common prefixes."""
    if w.endswith("'s") or w.endswith("’s"):
        yield w[:-2]
    for suf, rep in (
        ("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"), ("ily", "y"), ("es", ""), ("s", ""),
        ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("er", ""), ("er", "e"),
        ("est", ""), ("ly", ""), ("ness", ""), ("ment", ""), ("able", ""), ("able", "e"),
        ("ful", ""), ("less", ""), ("ity", ""), ("ation", "e"), ("ation", ""), ("isation", "ise"),
        ("ization", "ize"), ("ise", "ize"), ("ised", "ize"), ("ising", "ize"), ("our", "or"),
    ):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: len(w) - len(suf)] + rep
            yield base
            if len(base) >= 4 and base[-1] == base[-2] and suf in ("ed", "ing", "er", "est"):
                yield base[:-1]  # stopped -> stop
    for pre in ("re", "un", "pre", "non", "over", "under", "mis", "dis", "multi", "sub", "co", "de", "in"):
        if w.startswith(pre) and len(w) - len(pre) >= 4:
            rest = w[len(pre):].lstrip("-")
            yield rest
            for suf in ("ed", "ing", "s", "d"):
                if rest.endswith(suf) and len(rest) - len(suf) >= 3:
                    yield rest[: -len(suf)]
                    yield rest[: -len(suf)] + "e"


def _edits1(w: str) -> set[str]:
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


@cache
def load_dictionary() -> Dictionary:
    """Build the dictionary once per process from installed, licensed word lists."""
    freq: dict[str, int] = {}
    words: set[str] = set()
    try:
        import textblob

        path = Path(textblob.__file__).parent / "en" / "en-spelling.txt"
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith(";;;"):
                    continue
                parts = line.split()
                if len(parts) == 2:
                    freq[parts[0]] = int(parts[1])
    except (ImportError, OSError):  # pragma: no cover - dependency missing
        pass
    words.update(freq)
    try:
        import spacy_lookups_data

        data = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_index.json.gz"
        with gzip.open(data, "rt", encoding="utf-8") as fh:
            index = json.load(fh)
        for items in index.values():
            words.update(w.lower() for w in items if "_" not in w)
    except (ImportError, OSError):  # pragma: no cover
        pass
    lex = load_lexicon("spelling")
    words.update(w.lower() for w in lex.get("extra_words", []))
    for w in lex.get("extra_words", []):
        freq.setdefault(w.lower(), 1)
    for bad in lex.get("misspellings", {}):
        words.discard(bad.lower())
        freq.pop(bad.lower(), None)
    return Dictionary(words, freq)


_SKIP_SPANS_RE = re.compile(
    "|".join(p.pattern for p in (URL_RE, EMAIL_RE, PLACEHOLDER_RE))
    + r"|\b[\w.-]*\d[\w.-]*\b"  # anything with a digit: codes, order numbers
    + r"|@\w+|#\w+",
    re.IGNORECASE,
)


class Spelling(Check):
    code = "CLR002"
    name = "spelling"
    category = "clarity"
    default_severity = Severity.WARNING
    summary = "Misspelled words and chat shorthand in the agent's reply, with a correction."
    what = (
        "Flags lower-case words found in no dictionary (TextBlob's word list and WordNet, with "
        "regular inflections), known misspellings ('recieve'), and chat shorthand ('u', 'pls', "
        "'thx'), each with a suggested correction."
    )
    why = (
        "Spelling mistakes in a support reply make the company look careless and make customers "
        "doubt the answer itself, especially on security or billing matters."
    )
    limits = (
        "Never flags capitalised or all-caps words (names, products, acronyms), words with digits, "
        "URLs, emails, placeholders like #NAME#, team glossary terms, or words the customer used "
        "first. Real-word errors ('form' for 'from') are not found."
    )
    instead = "The suggested correction; add product and agent names to the glossary in tonecheck.toml."
    options = {"min_length": 3}
    examples = {
        "fail": [
            "You will recieve an email shortly.",
            "I have definately updated your acount.",
            "Thx for waiting, pls check ur inbox.",
        ],
        "pass": [
            "You will receive an email shortly.",
            {"context": [("customer", "My name is Siobhan Nguyen.")], "reply": "Thanks Siobhan, your Zorblix X2 is on its way."},
            "Please reply to #NAME# at [EMAIL] about order ORD-4471B.",
            {"context": [("customer", "The widgt on my dashbord is broken")], "reply": "Sorry the widgt is broken; I've reset your dashbord."},
        ],
    }

    def setup(self) -> None:
        self.dictionary = load_dictionary()
        lex = load_lexicon("spelling")
        self.misspellings = {k.lower(): v for k, v in lex.get("misspellings", {}).items()}
        self.shorthand = {str(k).lower(): v for k, v in lex.get("shorthand", {}).items()}
        self.min_length = int(self.opts["min_length"])

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        skip = [m.span() for m in _SKIP_SPANS_RE.finditer(text)] if any(c in text for c in "@#/[<{0123456789_") else []
        customer = state.customer_words
        glossary = reply.settings.glossary
        toks = reply.parsed.tokens
        for i, tok in enumerate(toks):
            if not tok.is_alpha:
                continue
            low = tok.lower
            if low in customer or low in glossary:
                continue
            if skip and any(s <= tok.idx < e for s, e in skip):
                continue
            # Token glued to an apostrophe ("dont" is one token; "don't" is two).
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and not tok.ws and nxt.text[:1] in "'’":
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            if low in self.misspellings:
                fix = _match_case(self.misspellings[low], tok.text)
                yield self.finding(start, end, f"\u201c{tok.text}\u201d is misspelled.", f"Write \u201c{fix}\u201d.")
                continue
            if tok.text[0].isupper():
                # Capitalised words are names, products or sentence starts: only a
                # sentence-initial shorthand or known misspelling would be flagged.
                if not (tok.is_sent_start and low in self.shorthand and low not in ("im",)):
                    continue
            if low in self.shorthand and not tok.is_upper:
                if low in ("k", "r", "u") and _part_of_code(text, start, end):
                    continue
                full = self.shorthand[low]
                yield self.finding(
                    start, end,
                    f"\u201c{tok.text}\u201d is chat shorthand, too casual for a support reply.",
                    f"Write \u201c{_match_case(full, tok.text)}\u201d.",
                )
                continue
            if len(tok.text) < self.min_length or tok.is_upper or tok.text[0].isupper():
                continue
            if self.dictionary.known(low):
                continue
            fix = self.dictionary.suggest(low)
            suggestion = f"Did you mean \u201c{fix}\u201d?" if fix else "Check the spelling, or add the word to the glossary."
            yield self.finding(start, end, f"\u201c{tok.text}\u201d is not a known word.", suggestion)


def _part_of_code(text: str, start: int, end: int) -> bool:
    """Single letters next to '-' or '.' are parts of codes ("plan B-2", "u.s.")."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in "-./" or after in "-./"


def _match_case(fix: str, original: str) -> str:
    if original[:1].isupper() and fix[:1].islower():
        return fix[:1].upper() + fix[1:]
    return fix


CHECKS = [Spelling]

