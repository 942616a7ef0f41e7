"""Clarity: words the customer can read without tripping.

- ``spelling`` (CLR002): misspelled words and chat shorthand, with a correction. Never
  names, capitalised words, product names, the team glossary, codes, URLs, emails,
  placeholders, or words the customer used first.
"""

from __future__ import annotations

import gzip
import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from spacy.lang.en.stop_words import STOP_WORDS

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
        self._deletes: dict[str, list[str]] | None = None  # built on first need

    def known(self, word: str) -> bool:
        """True for a listed word, or a regular derivation of one that is not a classic slip."""
        w = word.lower()
        if w in self.words:
            return True
        if len(w) <= MAX_SUGGEST_LEN and self.classic_slip(w) is not None:
            return False
        return any(stem in self.words for stem in _stems(w)) or self._compound(w)

    def _compound(self, w: str) -> bool:
        """Two common content words written as one ("runbook", "leaderboards").

        Trades and teams coin closed compounds faster than dictionaries list them. The word
        list also holds fragments ("ing", "pre", "sage"), so each part must be a common word
        (20 uses in TextBlob's counts, 50 for three letters; a plain plural of one counts),
        and glued function words ("eachother", "thankyou") are the classic slips of this
        shape, so neither part may be a stop word.
        """
        if not 7 <= len(w) <= MAX_SUGGEST_LEN:
            return False
        freq = self.freq

        def common(part: str) -> bool:
            if part in STOP_WORDS:
                return False
            need = 50 if len(part) == 3 else 20
            return freq.get(part, 0) >= need or (part.endswith("s") and len(part) > 4 and freq.get(part[:-1], 0) >= need)

        return any(common(w[:i]) and common(w[i:]) for i in range(3, len(w) - 2))

    def classic_slip(self, w: str) -> str | None:
        """The listed word that ``w`` is a classic slip of, else None.

        Stripping suffixes alone accepts "begining" (begin + ing) and "visable" (vis + able);
        these patterns catch the usual slips when the intended word is listed: a consonant
        not doubled (begining, shiping) or doubled (custommer), two vowels swapped (gaurd),
        -able/-ible, -ance/-ence, -ant/-ent and -ly/-ally mixed up (visable, basicly).
        "l" is left out of the doubling rules: both "cancelled" and "canceled" are right.
        """
        words = self.words
        n = len(w)
        for i in range(1, n):
            if w[i] == w[i - 1] != "l" and (c := w[:i] + w[i + 1:]) in words:
                return c
        for i in range(1, n - 1):
            ch = w[i]
            if ch not in "aeioulwxy" and ch != w[i - 1] and ch != w[i + 1] and (c := w[: i + 1] + ch + w[i + 1:]) in words:
                return c
        for i in range(n - 1):
            a, b = w[i], w[i + 1]
            if a != b and a in "aeiou" and b in "aeiou" and (c := w[:i] + b + a + w[i + 2:]) in words:
                return c
        if n > 4 and w.endswith("ys") and w[-3] not in "aeiou" and (c := w[:-2] + "ies") in words:
            return c  # "countrys", "deliverys": a -y plural without -ies
        for bad, good in _SUFFIX_SLIPS:
            if w.endswith(bad) and (c := w[: -len(bad)] + good) in words:
                return c
        return None

    def suggest(self, word: str, boost: frozenset[str] = frozenset()) -> str | None:
        """The likeliest intended word, or None.

        A classic slip's word first; else known words one edit away (two for longer words),
        ranked by frequency weighted by how people mistype: a left-out letter or two swapped
        letters are likelier than an extra letter, which is likelier than a wrong one.
        Words in ``boost`` (support vocabulary, the conversation's words) rank first. A
        word made of two glued words ("automaticallyactivated") gets them split.
        """
        w = word.lower()
        if len(w) > MAX_SUGGEST_LEN:
            return None  # edit candidates grow with the length: no suggestion for hostile input
        slip = self.classic_slip(w)
        if slip is not None:
            return slip
        freq, words = self.freq, self.words
        best: tuple[float, str] | None = None
        for cand, weight in _weighted_edits1(w):
            if cand not in words and cand not in boost:
                continue
            # Square-rooted frequency so that "he" does not beat "have" for "hve".
            score = (freq.get(cand, 0) + 1) ** 0.5 * weight * (30 if cand in boost else 1)
            if best is None or (score, cand) > best:
                best = (score, cand)
        if best is not None:
            return best[1]
        if len(w) >= 7:
            split = self._split(w)
            if split:
                return split
        if len(w) > 5:
            cands = [c for c in self._near(w) if _distance(w, c) <= 2]
            if cands:
                return max(cands, key=lambda c: (freq.get(c, 1) * (50 if c in boost else 1), c))
        return None

    def prepare(self) -> None:
        """Build the deletion index that ``_near`` otherwise builds on first need."""
        self._near("")

    def _near(self, w: str) -> set[str]:
        """Common words within about two edits of ``w``, from a deletion index (SymSpell's
        idea): a word matches when deleting at most one of its letters gives what deleting
        at most two of ``w``'s letters, or one edit of ``w``, gives. Thousands of times cheaper than generating
        every string two edits away."""
        index = self._deletes
        if index is None:
            index = {}
            for word in self.freq:
                if len(word) >= 4:
                    index.setdefault(word, []).append(word)
                    for i in range(len(word)):
                        index.setdefault(word[:i] + word[i + 1:], []).append(word)
            self._deletes = index
        keys = _edits1(w)  # also one edit of w against one deletion of the word
        keys.add(w)
        for i in range(len(w)):
            d1 = w[:i] + w[i + 1:]
            keys.add(d1)
            keys.update(d1[:j] + d1[j + 1:] for j in range(i, len(d1)))
        out: set[str] = set()
        for k in keys:
            hit = index.get(k)
            if hit:
                out.update(hit)
        return out

    def _split(self, w: str) -> str | None:
        """Two common words glued together ("thankyou" -> "thank you"), or None."""
        freq, words = self.freq, self.words
        best: tuple[int, str] | None = None
        for i in range(2, len(w) - 1):
            a, b = w[:i], w[i:]
            fa, fb = freq.get(a, 0), freq.get(b, 0)
            # Short parts must be common words; longer ones seen, or listed when long.
            ok_a = fa >= 5 or (len(a) > 3 and fa) or (len(a) > 5 and a in words)
            if ok_a and (fb >= 5 or (len(b) > 3 and fb) or (len(b) > 5 and b in words)):
                cand = (min(fa, fb) + 1, f"{a} {b}")
                if best is None or cand > best:
                    best = cand
        return best[1] if best else None


_SUFFIX_SLIPS = (
    ("able", "ible"), ("ible", "able"), ("ance", "ence"), ("ence", "ance"),
    ("ant", "ent"), ("ent", "ant"), ("ly", "ally"),
)


#: Longer "words" (hostile input, glued text) get no suggestion.
MAX_SUGGEST_LEN = 24


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
    for pre in (
        "re", "un", "pre", "non", "over", "under", "mis", "dis", "multi", "sub", "co", "de", "in",
        "bio", "eco", "micro", "auto", "tele", "cyber", "inter", "anti", "semi", "mini", "self",
    ):
        if w.startswith(pre) and len(w) - len(pre) >= 4:
            rest = w[len(pre):].lstrip("-")
            yield rest
            for suf in ("ed", "ing", "s", "d"):
                if rest.endswith(suf) and len(rest) - len(suf) >= 3:
                    yield rest[: -len(suf)]
                    yield rest[: -len(suf)] + "e"


def _weighted_edits1(w: str) -> Iterable[tuple[str, float]]:
    """Words one edit from ``w`` with how likely that slip is (left-out letter and swapped
    letters 8, extra letter 2, a vowel for a vowel 2, any other wrong letter 1)."""
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    for a, b in splits:
        for c in _LETTERS:
            yield a + c + b, 8.0
        if b:
            yield a + b[1:], 2.0
            for c in _LETTERS:
                if c != b[0]:
                    yield a + c + b[1:], 2.0 if (c in "aeiou" and b[0] in "aeiou") else 1.0
        if len(b) > 1 and b[0] != b[1]:
            yield a + b[1] + b[0] + b[2:], 8.0


def _distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (insert, delete, replace, swap neighbours)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


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
    + r"|\b[\w-]+(?:\.[\w-]+)+\b"  # dotted names: sync.example.com, file.pdf
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
            "It won't ship untill the begining of May.",
        ],
        "pass": [
            "You will receive an email shortly.",
            {"context": [("customer", "My name is Siobhan Nguyen.")], "reply": "Thanks Siobhan, your Zorblix X2 is on its way."},
            "Please reply to #NAME# at [EMAIL] about order ORD-4471B.",
            {"context": [("customer", "The widgt on my dashbord is broken")], "reply": "Sorry the widgt is broken; I've reset your dashbord."},
            "The colour is back in stock, so I've cancelled the old order; your username is dwhitfield88.",
        ],
    }

    def prepare(self) -> None:
        self.dictionary.prepare()

    def setup(self) -> None:
        self.dictionary = load_dictionary()
        lex = load_lexicon("spelling")
        self.misspellings = {k.lower(): v for k, v in lex.get("misspellings", {}).items()}
        self.shorthand = {str(k).lower(): v for k, v in lex.get("shorthand", {}).items()}
        # Missing apostrophes ("dont") are grammar findings, not spelling ones.
        grammar = load_lexicon("grammar")
        self.apostrophes = {str(k).lower() for k in grammar.get("apostrophes", {})}
        # One-word confusables ("alot") are grammar findings, not spelling ones.
        self.apostrophes |= {str(k).lower() for k in grammar.get("confusables", {}) if re.fullmatch(r"[a-z]+", str(k))}
        self.min_length = int(self.opts["min_length"])
        self.shorthand_keys = frozenset(self.shorthand)
        self._slips: dict[str, str | None] = {}  # classic_slip of capitalised unknown words
        self._suggested: dict[str | tuple[str, frozenset[str]], str | None] = {}  # word (and near customer words) -> fix
        # Support vocabulary ranks first among suggestions ("bok" -> "book", not "boy").
        self.boost = frozenset(str(w).lower() for w in lex.get("extra_words", [])) | frozenset(
            str(w).lower() for w in lex.get("suggest_first", [])
        )

    def _may_flag(self, low: str, text: str) -> bool:
        """Whether an unknown word could give a finding: it is written in lower case
        somewhere, or it is a listed misspelling or a classic slip (which are flagged even
        capitalised at a sentence start). Capitalised-only unknown words are names."""
        if "'" in low or "’" in low:
            return False
        if low in text or low in self.misspellings:
            return True
        slip = self._slips.get(low, 0)
        if slip == 0:
            slip = self._slips[low] = self.dictionary.classic_slip(low) if 5 <= len(low) <= MAX_SUGGEST_LEN else None
            if len(self._slips) > 10000:
                self._slips.clear()
        return slip is not None

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        words = self.dictionary.words
        flagged = self.misspellings
        shorthand = self.shorthand
        # Gate on the shared word set: most replies have no unknown word and no shorthand,
        # and two set operations in C decide that.
        seen = reply.parsed.words
        if not (seen & self.shorthand_keys) and not any(self._may_flag(w, text) for w in seen - words):
            return
        # One C-level scan for candidate words; almost every word is known and skipped
        # with one set lookup, so tokens are never built for this check.
        candidates = [
            m
            for m in _CANDIDATE_RE.finditer(text)
            if (low := m.group().lower()) not in words or low in flagged or low in shorthand
        ]
        if not candidates:
            return
        skip = [m.span() for m in _SKIP_SPANS_RE.finditer(text)] if any(c in text for c in "@#/[<{0123456789_.") else []
        skip_starts = [s for s, _ in skip]
        customer = state.customer_words
        glossary = reply.settings.glossary
        starts: set[int] | None = None  # sentence starts, built only for a capitalised candidate
        for m in candidates:
            word = m.group()
            low = word.lower()
            start, end = m.span()
            if low in customer or low in glossary or low in self.apostrophes or low in state.agent_names:
                continue  # the customer's words, team terms, grammar's words, agents' names
            if skip:
                # Spans come sorted and do not overlap: bisect instead of scanning them all.
                i = bisect_right(skip_starts, start) - 1
                if i >= 0 and start < skip[i][1]:
                    continue
            # Glued to an apostrophe, a hyphen, a placeholder or a currency sign: part of a
            # contraction, a compound, an anonymised value ("sidelo#PRS_ORG#d"), an amount
            # ("R$35"); after a dot, a file type (".acsm").
            after = text[end:end + 1]
            before = text[start - 1:start] if start else ""
            if after in _GLUED_AFTER or before in _GLUED_BEFORE:
                continue
            if _VALUE_BEFORE_RE.search(text, max(0, start - 30), start):
                continue  # "your username is anjahoehn": a value, not a word
            if low in flagged:
                fix = _match_case(flagged[low], word)
                yield self.finding(start, end, f"\u201c{word}\u201d is misspelled.", f"Write \u201c{fix}\u201d.")
                continue
            upper = word.isupper() and len(word) > 1
            if word[0].isupper():
                # Capitalised words are names, products or sentence starts: only a
                # sentence-initial shorthand or classic slip ("Begining") is flagged.
                if starts is None:
                    starts = {s for s, _ in reply.parsed.sentences}
                if upper or start not in starts:
                    continue
                if low not in shorthand:
                    if len(word) < 5 or low in words or any(c.isupper() for c in word[1:]):
                        continue
                    fix = self.dictionary.classic_slip(low)
                    if fix is None:
                        continue
                    yield self.finding(start, end, f"\u201c{word}\u201d is misspelled.", f"Write \u201c{_match_case(fix, word)}\u201d.")
                    continue
            if low in shorthand and not upper:
                if low in ("k", "r", "u") and _part_of_code(text, start, end):
                    continue
                full = shorthand[low]
                yield self.finding(
                    start, end,
                    f"\u201c{word}\u201d is chat shorthand, too casual for a support reply.",
                    f"Write \u201c{_match_case(full, word)}\u201d.",
                )
                continue
            if len(word) < self.min_length or upper or word[0].isupper():
                continue
            if self.dictionary.known(low):
                continue
            # Only the customer's words within two letters of this word's length can be a
            # suggestion (one edit, or two for long words): with none, the same typo gets the
            # same suggestion as before, from the cache.
            n = len(low)
            near = frozenset(c for c in customer if abs(len(c) - n) <= 2) if customer else frozenset()
            key = (low, near) if near else low
            fix = self._suggested.get(key, "")
            if fix == "":
                if len(self._suggested) > 10000:
                    self._suggested.clear()
                fix = self._suggested[key] = self.dictionary.suggest(low, self.boost | near if near else self.boost)
            suggestion = f"Did you mean \u201c{fix}\u201d?" if fix else "Check the spelling, or add the word to the glossary."
            yield self.finding(start, end, f"\u201c{word}\u201d is not a known word.", suggestion)


_CANDIDATE_RE = re.compile(r"(?<![\w@#])[A-Za-z]+(?![\w@])")
_GLUED_AFTER = frozenset("'’-_#$%/\\")
_GLUED_BEFORE = frozenset("-'’_.$%/\\")
_VALUE_BEFORE_RE = re.compile(
    r"\b(?:user\s?name|user\s?id|login|log-in|handle|nickname|password|passcode|account\s+name|"
    r"account\s+is|(?:is|as)\s+(?:listed|registered|saved)\s+(?:as|under))\s*(?:is|was|:|=)?\s*[\"'“‘]?$",
    re.IGNORECASE,
)


def _part_of_code(text: str, start: int, end: int) -> bool:
    """Single letters next to '-' or '.' are parts of codes ("plan B-2", "u.s.")."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in "-./" or after in "-./"


def _match_case(fix: str, original: str) -> str:
    if original[:1].isupper() and fix[:1].islower():
        return fix[:1].upper() + fix[1:]
    return fix


_WORDS_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PAREN_AFTER_RE = re.compile(r"\s*[(\[—–-]\s*[a-z]")
_EXPLAIN_AFTER_RE = re.compile(
    r"(?:\s+(?:number|code|id|reference|certificate|key|file|account|card|link|setting|settings|app|portal))?\s*(?:,\s*)?(?:\(|is\s+(?:a|an|the|our|your|just)|means|stands\s+for|refers\s+to|,\s*(?:which|that|i\.e\.|meaning|or|the)|i\.e\.|—|–|-\s"
    r"|,\s*so\s+you(?:'d|\s+would|'ll|\s+will)?\s+(?:only\s+)?(?:pay|get|see|be\s+charged))",
    re.IGNORECASE,
)
#: A gloss a few words after the term, after a clause break: "...; that's the code your
#: new provider needs", ". This is the number that ...".
_EXPLAIN_LATER_RE = re.compile(
    r"[;:.,—–]\s*(?:that's|that\s+is|this\s+is|it's|it\s+is|which\s+is)\s+(?:just\s+)?(?:the|a|an|your)\s+(?:\w+\s+){0,2}?"
    r"(?:code|number|reference|name|form|letter|document|tool|setting|box|device|part|term|word)\s+(?:that|which|you|your|we|to|for|the)\b",
    re.IGNORECASE,
)
#: A definition after a short phrase: "a chargeback on all three, which is a formal dispute".
_EXPLAIN_AFTER_PHRASE_RE = re.compile(r"(?:\s+[\w'’-]+){1,4}\s*,\s*(?:which|that)\s+(?:is|means)\s+(?:an?|the)\s+\w+", re.IGNORECASE)
_EXPLAIN_BEFORE_RE = re.compile(r"(?:\(|called|known\s+as|a\s+so-called|(?:an?|the)\s+\w+\s*\(|or)\s*[\"'“‘]?$", re.IGNORECASE)


class Jargon(Check):
    code = "CLR001"
    name = "jargon"
    category = "clarity"
    default_severity = Severity.WARNING
    summary = "Internal or technical terms a customer would not know, left unexplained."
    #: ``unknown_acronyms``: also flag abbreviations the lexicon does not list (not words,
    #: not everyday ones like PIN or VAT).
    options: ClassVar[dict[str, Any]] = {"unknown_acronyms": True}
    what = (
        "Flags terms from a curated lexicon (support process: RMA, SLA, L2; billing: KYC, proration, "
        "chargeback; network: ONT, DNS, firmware; software: SSO, propagation; logistics: SKU, 3PL; "
        "travel: PNR) with a plain-words alternative. Not flagged when the customer used the term "
        "first, when the reply explains it ('RMA (return authorisation)', 'an RMA is a return "
        "number'), or when it is in the team glossary. Abbreviations the lexicon does not list "
        "('held for a CoP mismatch', 'on the PTL') are flagged too, unless they are everyday ones "
        "(PIN, SIM, VAT, PDF), English words, part of a code ('DNP 481 276', 'starts with LX') or "
        "of a run of capitals (shouting); option `unknown_acronyms` (default true) turns this off."
    )
    why = (
        "Jargon makes the customer ask again or give up; it also signals that the reply was written "
        "for colleagues rather than for them."
    )
    limits = (
        "Only terms in the lexicon are known (add yours with the glossary to exempt them, or a "
        "rule file to flag them); an explanation in a later sentence is not recognised."
    )
    instead = "Use the plain words, or explain the term the first time: 'RMA (return authorisation)'."
    examples = {
        "fail": [
            "Your ONT needs a firmware reflash.",
            "I've escalated it to L2 per SLA.",
            "Your account is in the KYC queue pending EDD review.",
        ],
        "pass": [
            "Please quote your RMA (return authorisation) number on the box.",
            {"context": [("customer", "Is the DNS broken again?")], "reply": "Yes, the DNS change is still spreading; give it an hour."},
            "An RMA is a return number; I've created one for you.",
            "Your router needs a restart.",
            "Your PIN, the SMS code and the PDF are on the IT team page; your return is RMA-4471B.",
        ],
    }

    def setup(self) -> None:
        lex = load_lexicon("jargon")
        self.plain: dict[str, str] = {}
        self.category_of: dict[str, str] = {}
        exact: list[str] = []
        folded: list[str] = []
        for category, terms in lex.items():
            for term, plain in (terms or {}).items():
                term = str(term)
                key = term if _is_acronym(term) else term.lower()
                self.plain[key] = str(plain)
                self.category_of[key] = category.replace("_", " ")
                (exact if _is_acronym(term) else folded).append(re.escape(term).replace("\\ ", r"\s+"))
        exact.sort(key=len, reverse=True)
        folded.sort(key=len, reverse=True)
        # The rarest letters-only part of each term ("mac" of "MAC address"): a reply
        # without any of them in its word set cannot contain a term, and the two big
        # regexes are skipped.
        freq = load_dictionary().freq
        anchors = set()
        for terms in lex.values():
            for term in terms or {}:
                parts = _LETTER_RUN_RE.findall(str(term).lower())
                if parts:
                    anchors.add(min(parts, key=lambda w: (freq.get(w, 0), -len(w))))
        self.anchors = frozenset(anchors)
        self._term_res: dict[str, re.Pattern[str]] = {}
        self.freq = freq
        self.unknown_acronyms = bool(self.opts["unknown_acronyms"])
        self.exact_re = re.compile(r"(?<![\w^-])(?:" + "|".join(exact) + r")(?![\w-])") if exact else None
        self.folded_re = re.compile(r"(?<![\w-])(?:" + "|".join(folded) + r")(?![\w-])", re.IGNORECASE) if folded else None

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        listed = False
        if reply.parsed.words & self.anchors:
            for f in self._listed(reply, state):
                listed = True
                yield f
        if not listed and self.unknown_acronyms:
            yield from self._unknown_acronyms(reply, state)

    def _unknown_acronyms(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        """An acronym the lexicon does not list, that is not a word, not one every customer
        knows (PIN, SIM, VAT), not the customer's, not explained: "held for a CoP mismatch"."""
        text = reply.text
        if not _ACRONYM_GATE_RE.search(text):
            return
        skip = [m.span() for rx in (URL_RE, EMAIL_RE, PLACEHOLDER_RE) for m in rx.finditer(text)]
        freq = self.freq
        for m in _ACRONYM_RE.finditer(text):
            term = m.group(1)
            bare = term.replace("-", "")
            if term in self.plain or bare.upper() in _COMMON_ACRONYMS or (bare.isupper() and freq.get(bare.lower(), 0) >= 1):
                continue
            s, e = m.span(1)
            if _CODE_AFTER_RE.match(text, e) or _CODE_BEFORE_RE.search(text, max(0, s - 20), s):
                continue  # "DNP 481 276", "it starts with LX": part of a code
            if _OPTION_BEFORE_RE.search(text, max(0, s - 24), s):
                continue  # "choose MEO or Vodafone PT": an option or a name on the screen
            if _CAPS_NEIGHBOUR_RE.match(text, e) or _CAPS_BEFORE_RE.search(text, max(0, s - 12), s):
                continue  # "CHECK YOUR SPAM FOLDER": shouting, not an abbreviation
            if any(a <= s < b for a, b in skip) or reply.parsed.in_quotes(s, e) or reply.in_glossary(term):
                continue
            if len(bare) <= 3 and not text[e:].strip() and _SIGN_OFF_BEFORE_RE.search(text, max(0, s - 4), s):
                continue  # initials signing the reply ("Thanks, JD")
            if term.lower() in state.customer_words or self._customer_used(term, state):
                continue
            if _explained(text, s, e) or self._explained_before(term, state):
                continue
            yield self.finding(
                s, e, f"\u201c{term}\u201d is an abbreviation the customer may not know.",
                f"Spell it out or explain it the first time: \u201c{term} (...)\u201d.",
            )
            return

    def _listed(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        glossary = reply.settings.glossary
        # Every occurrence per term first: one explanation anywhere in the reply covers
        # them all ("Restart the ONT. The ONT is the white box where the fibre comes in.").
        found: dict[str, list[re.Match[str]]] = {}
        for pattern, fold in ((self.exact_re, False), (self.folded_re, True)):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                key = " ".join(m.group().lower().split()) if fold else m.group()
                found.setdefault(key, []).append(m)
        for key, matches in found.items():
            if key.lower() in glossary or all(w in glossary for w in key.lower().split()):
                continue
            if any(_explained(text, m.start(), m.end()) or reply.parsed.in_quotes(m.start(), m.end()) for m in matches):
                continue
            if self._customer_used(key, state):
                continue  # the customer used it first
            if self._explained_before(key, state):
                continue  # an earlier reply explained it ("SSO (single sign-on)")
            plain = self.plain.get(key) or self.plain.get(key.lower(), "")
            if plain and plain.lower() in reply.parsed.lower:
                continue  # the plain words are in the reply too
            m = matches[0]
            term = m.group()
            category = self.category_of.get(key, self.category_of.get(key.lower(), "internal"))
            yield self.finding(
                m.start(),
                m.end(),
                f"\u201c{term}\u201d is {category} jargon the customer may not know.",
                f"Say \u201c{plain}\u201d, or explain it: \u201c{term} ({plain})\u201d." if plain else "Use plain words.",
            )

    def _explained_before(self, key: str, state: ConversationState) -> bool:
        """Whether an earlier agent reply of the conversation explained the term."""
        if not state.agent_replies:
            return False
        rx = self._term_re(key)
        return any(
            _explained(ar.text, m.start(), m.end()) for ar in state.agent_replies for m in rx.finditer(ar.text)
        )

    def _term_re(self, key: str) -> re.Pattern[str]:
        """The term as a case-insensitive whole-word pattern (compiled once per term)."""
        rx = self._term_res.get(key)
        if rx is None:
            body = re.escape(key).replace("\\ ", r"\s+")
            rx = self._term_res[key] = re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)
        return rx

    def _customer_used(self, key: str, state: ConversationState) -> bool:
        """Whether an earlier customer turn has the term, in any case ("is the dns down?")."""
        if not all(w in state.customer_words for w in _LETTER_RUN_RE.findall(key.lower())):
            return False  # one set lookup per word rules out most replies
        rx = self._term_re(key)
        return any(rx.search(parsed.text) for _, parsed in state.customer_turns)


_LETTER_RUN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


#: A capital pair anywhere: the cheap gate before the acronym scan.
_ACRONYM_GATE_RE = re.compile(r"[A-Z][A-Za-z]?[A-Z]")
#: An all-caps abbreviation of 2-5 letters, or a mixed one ("CoP", "e-RS"), standing alone.
_ACRONYM_RE = re.compile(r"(?<![\w#\[<@/.&'’-])([A-Z]{2,5}|[A-Z][a-z][A-Z]|[a-z]-[A-Z]{2,4})(?![\w\]>&'’-]|\.\w)")
_CODE_AFTER_RE = re.compile(r"[ -]?\d")
_CODE_BEFORE_RE = re.compile(r"\b(?:starts?|starting|begins?|beginning)\s+with\s+(?:the\s+letters\s+)?['\"‘“]?$|\bprefix\s+['\"‘“]?$", re.IGNORECASE)
_OPTION_BEFORE_RE = re.compile(
    r"(?:\b(?:choose|select|tap|click|press|pick|type|enter|text|texting|txt|reply|replying|send|sending)\s+(?:the\s+(?:word\s+)?|on\s+)?['\"‘“*]?|\b[A-Z][a-z]{2,}\s+)$"
)
_SIGN_OFF_BEFORE_RE = re.compile(r"(?:\n|[,.!]\s|[-\u2013\u2014~]\s?)\s*$")
_CAPS_NEIGHBOUR_RE = re.compile(r"\s+[A-Z]{2,}\b")
_CAPS_BEFORE_RE = re.compile(r"\b[A-Z]{2,}\s+$")
#: Abbreviations every customer knows (units, countries, everyday banking and devices).
_COMMON_ACRONYMS = frozenset(
    ["UK", "US", "USA", "EU", "UAE", "GB", "MB", "KB", "TB", "GHZ", "PIN", "SIM", "SMS", "MMS", "PDF", "ID", "OK", "VAT", "PO", "IT", "QR", "HDMI", "USB", "TV", "PC", "NHS", "IBAN", "BIC", "PUK", "PAC", "ATM", "FAQ", "CEO", "DIY", "GPS", "ISA", "ISP", "PAYG", "VIP", "WIFI", "EV", "AM", "PM", "BST", "GMT", "UTC", "CET", "EST", "PST", "EDT", "ASAP", "FYI", "NB", "PS", "DVD", "CD", "HD", "UHD", "LED", "LCD", "AI", "APP", "IOS", "URL", "WWW", "MOT", "DVLA", "HMRC", "BBC", "ITV", "DM", "AC", "DC", "ETA", "RSVP", "PPS", "UPS", "DHL", "DPD", "TNT", "USPS", "GP", "A&E", "AE", "NI", "NIN", "SSN", "DOB", "NO", "NA", "TBA", "AKA", "EUR", "GBP", "USD", "AUD", "CAD", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "VPN", "PAYE", "CV", "MR", "MRS", "MS", "DR", "TSB", "HSBC", "RBS", "BT", "EE", "MP", "CSV", "XLS", "JPG", "PNG", "ZIP", "MP3", "MP4", "SUV", "RRP", "PTO", "CTRL", "ALT", "ESC", "DEL", "TAB", "EPUB", "MOBI"]
)


def _is_acronym(term: str) -> bool:
    return any(c.isdigit() for c in term) or (term.upper() == term and any(c.isalpha() for c in term)) or (
        sum(c.isupper() for c in term) >= 2
    )


def _spelled_out(text: str, term: str) -> bool:
    """Whether the reply spells an acronym out in words with its initials ("PAC" ->
    "Porting Authorisation Code", "SLA" -> "service level agreement")."""
    letters = term.split()[0]
    if not (3 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()):
        return False
    pattern = r"\b" + r"[\w']*[\s-]+(?:(?:of|the|and|for|to|a)\s+)?".join(re.escape(c) for c in letters) + r"\w*"
    for m in re.finditer(pattern, text, re.IGNORECASE):
        words = [w for w in re.split(r"[\s-]+", m.group()) if w.lower() not in ("of", "the", "and", "for", "to", "a")]
        if len(words) < len(letters):
            continue  # the acronym itself
        # Capitalised initials ("Porting Authorisation Code"), or framed as a gloss.
        if all(w[:1].isupper() for w in words) or _GLOSS_BEFORE_RE.search(text, max(0, m.start() - 16), m.start()):
            return True
    return False


_GLOSS_BEFORE_RE = re.compile(r"(?:\(|stands\s+for|short\s+for|means|is\s+an?|that's\s+(?:an?|the)|it's\s+(?:an?|the)|,\s*(?:our|your|the|an?))\s*$", re.IGNORECASE)


def _explained(text: str, start: int, end: int) -> bool:
    """An explanation right after the term ('RMA (return ...)', 'RMA, which is ...', 'RMA is a ...')
    or a framing right before it ('a return number (RMA)')."""
    if _EXPLAIN_AFTER_RE.match(text, end):
        return True
    if (m := _NEXT_WORD_RE.match(text, end)) and _EXPLAIN_AFTER_RE.match(text, m.end()) and text[m.end():m.end() + 3].lstrip().startswith("("):
        return True  # "a firmware update (the software inside the controller itself)"
    if _EXPLAIN_AFTER_PHRASE_RE.match(text, end):
        return True  # "a chargeback on all three, which is a formal dispute where ..."
    if _EXPLAIN_LATER_RE.search(text, end, min(len(text), end + 90)):
        return True  # "your PAC code by text; that's the code your new provider needs"
    if _spelled_out(text, text[start:end]):
        return True  # "PAC ... That's a Porting Authorisation Code"
    head = text[start:end].split()[0]
    if re.search(
        rf"[.;:!?]\s+(?:an?\s+|the\s+|your\s+)?{re.escape(head)}(?:\s+\w+)?\s+(?:is|are|means|stands\s+for)\s+(?:a|an|the|just|basically|simply)\b",
        text[end : end + 160],
    ):
        return True  # "... an SPF record yet. SPF is a short line of text in your domain settings"
    before = text[max(0, start - 25):start]
    return _EXPLAIN_BEFORE_RE.search(before) is not None and "(" in before[-3:]


_NEXT_WORD_RE = re.compile(r"\s+[a-z]+\b")
_REPEAT_RE = re.compile(r"(?<![\w'’-])([A-Za-z]+)\s+\1\b", re.IGNORECASE)
_PARTICLES = {"in", "on", "out", "up", "over", "off", "down", "by"}
_PHRASAL_BEFORE_RE = re.compile(r"(?:\w(?:ed|ing)|\b(?:sign|log|check|plug|fill|hand|turn|drop|lock|opt|get|put|come|go)s?|-)\s*$", re.IGNORECASE)
_LOWER_I_RE = re.compile(r"(?<![\w'’.-])i(?=(?:['’](?:m|ll|ve|d))?(?:\s|[,!?;:]|\.(?!\w)|$))")
_SENT_PUNCT_RE = re.compile(r"[.!?]")
# Punctuation inside a sentence that shows its clauses were separated.
_INNER_PUNCT_RE = re.compile(r"[,;:()—–]|\s-\s|\n")


class Grammar(Check):
    code = "CLR003"
    name = "grammar"
    category = "clarity"
    default_severity = Severity.WARNING
    summary = "Mechanical errors: repeated words, lowercase 'i', missing capitals, no punctuation, 'your welcome'."
    what = (
        "High-precision mechanical checks: a word written twice ('the the'), the pronoun 'i' in lower "
        "case, a sentence starting with a lower-case letter, a long reply with no sentence "
        "punctuation at all, missing apostrophes ('dont', 'thats'), and confusables that are almost "
        "always wrong ('your welcome', 'could of', 'alot', 'you're account', 'more then')."
    )
    why = "Mechanical errors are the first thing customers notice and screenshot; they cost trust in the answer."
    limits = "No grammar engine: agreement, tense and word order errors are not found."
    instead = "Proof-read before sending; the suggestion gives the fix."
    options = {"run_on_words": 35}
    examples = {
        "fail": [
            "i will send it today.",
            "Please check the the settings page.",
            "Your welcome, have a nice day.",
            "I could of sent it sooner. thanks for waiting.",
            "Returns are inspected on arrival and the boots must be unworn with all the packaging and the box must "
            "not have any tape on it because that counts as damage and our check found a label so it came back to you.",
        ],
        "pass": [
            "I will send it today.",
            "You're welcome, have a nice day.",
            "I had had no reply from the courier, so I called them.",
            "Visit example.com/help i.e. the help page.",
            "We would of course refund it. Delivery takes approx. two days.",
            "Steps:\n1. open the app\n2. tap Settings",
        ],
    }

    def setup(self) -> None:
        lex = load_lexicon("grammar")
        self.fixes: dict[str, str] = {}
        pats = []
        for phrase, fix in lex.get("confusables", {}).items():
            pats.append(phrase)
            self.fixes[phrase] = fix
        # One regex per entry, each run only when its trigger word is in the reply: a
        # combined alternation is several times slower in Python's engine.
        # Each entry is tried only when its trigger word is among the reply's words (one
        # set intersection for all of them) and, for "your (?=right|...)" entries, one of
        # the words after it too.
        self.by_trigger: dict[str, list[tuple[re.Pattern[str], str, frozenset[str]]]] = {}
        self.untriggered: list[tuple[re.Pattern[str], str, frozenset[str]]] = []
        for phrase, fix in self.fixes.items():
            entry = (re.compile(phrase_pattern_for(phrase), re.IGNORECASE), fix, _lookahead_words(phrase))
            trigger = _trigger(phrase)
            if trigger is None:
                self.untriggered.append(entry)
            else:
                for variant in {trigger, trigger.replace("'", "\u2019")}:
                    self.by_trigger.setdefault(variant, []).append(entry)
        self.trigger_keys = frozenset(self.by_trigger)
        self.apostrophes = {str(k).lower(): v for k, v in lex.get("apostrophes", {}).items()}
        self.double_ok = {str(w).lower() for w in lex.get("double_ok", [])}
        self.run_on_words = int(self.opts["run_on_words"])

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        parsed = reply.parsed
        ws = parsed.lower.split()
        # A C-level pass over neighbouring words decides whether the regex is needed.
        for m in _REPEAT_RE.finditer(text) if any(map(str.__eq__, ws, ws[1:])) else ():
            if m.group(1).lower() in self.double_ok or parsed.in_quotes(m.start(), m.end()):
                continue
            if m.group(1).lower() in _PARTICLES and _PHRASAL_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()):
                continue  # "signed in in Lisbon", "logged on on Monday"
            yield self.finding(m.start(), m.end(), f"\u201c{m.group(1)}\u201d is written twice.", f"Write \u201c{m.group(1)}\u201d once.")
        for m in _LOWER_I_RE.finditer(text) if "i" in parsed.words else ():
            yield self.finding(m.start(), m.end(), "The pronoun \u201ci\u201d is written in lower case.", "Write \u201cI\u201d.")
        words = parsed.words
        entries = [e for t in sorted(words & self.trigger_keys) for e in self.by_trigger[t]] + self.untriggered
        for pattern, fix, after in entries:
            if after and not (words & after):
                continue
            for m in pattern.finditer(text):
                if parsed.in_quotes(m.start(), m.end()):
                    continue
                found = m.group().rstrip()
                yield self.finding(
                    m.start(), m.start() + len(found),
                    f"\u201c{found}\u201d is a common grammar slip.", f"Write \u201c{_match_case(fix, found)}\u201d.",
                )
        if self.apostrophes:
            for w in parsed.words & self.apostrophes.keys():
                for m in re.finditer(rf"(?<![\w'’]){re.escape(w)}(?![\w'’])", text, re.IGNORECASE):
                    if m.group() == m.group().upper() and len(w) > 2:
                        continue  # "IM", "ID" are acronyms
                    fix = self.apostrophes[w]
                    yield self.finding(m.start(), m.end(), f"\u201c{m.group()}\u201d is missing its apostrophe.", f"Write \u201c{fix}\u201d.")
        yield from self._capitals(reply)
        if len(text) < 59:
            return  # too short for 30 words
        if not _SENT_PUNCT_RE.search(text):
            words = len(_WORDS_RE.findall(text))
            if words >= 30:
                start, end, hint = _run_on_evidence(text, 0, len(text.rstrip()))
                yield self.finding(start, end, f"A {words}-word reply with no sentence punctuation.", hint)
                return
        min_chars = 2 * self.run_on_words - 1
        for s, e in parsed.sentences:
            # One long sentence with not a comma in it: clauses strung together with "and".
            if e - s >= min_chars and not _INNER_PUNCT_RE.search(text, s, e):
                n = len(_WORDS_RE.findall(text, s, e))
                if n >= self.run_on_words:
                    start, end, hint = _run_on_evidence(text, s, e)
                    yield self.finding(start, end, f"A {n}-word run-on sentence without a single comma.", hint)
                    break

    def _capitals(self, reply: Reply) -> Iterable[Finding]:
        text = reply.text
        sents = reply.parsed.sentences
        for i, (s, e) in enumerate(sents):
            if not text[s].islower() and text[s] not in "\"'“‘(":
                continue  # the usual case: a capital, a digit or a symbol
            chunk = text[s:e]
            m = _LOWER_START_RE.match(chunk)
            if m is None:
                continue
            word = m.group(1)
            if text[max(0, s - 1) : s] == "[" or re.match(r"[a-z]+\]", chunk):
                continue  # "[internal] check with fleet": a tag, not the start of a sentence
            if len(chunk.split()) < 3 or word in ("i",) or any(c.isupper() or c.isdigit() or c == "_" for c in word[1:]):
                continue  # "iPhone", "eBay", "dwhitfield88"; lowercase "i" has its own rule
            if len(word) == 1 and chunk[m.end(1):m.end(1) + 1] in (".", ")"):
                continue  # a list marker: "a. Open the app"
            if reply.in_glossary(word) or re.match(r"(?:https?://|www\.|\S+@|\S+\.(?:com|org|net|co)\b)", chunk[m.start(1):]):
                continue
            if i > 0:
                prev = text[sents[i - 1][0]:sents[i - 1][1]].rstrip()
                between = text[sents[i - 1][1]:s]
                # After a line break without end punctuation the line continues a list or a heading.
                if "\n" in between and not prev.endswith((".", "!", "?")):
                    continue
                if prev.endswith((":", ",", ";", '?"', '!"', "?”", "!”", "?'", "!’")) or _LIST_MARKER_RE.match(prev):
                    continue  # "1. open the app", "a) tap Settings"
                if _ABBREV_END_RE.search(prev):
                    continue  # "approx. two days": the sentencizer split after an abbreviation
            start = s + m.start(1)
            yield self.finding(start, start + len(word), "The sentence starts with a lower-case letter.", f"Write \u201c{word[:1].upper() + word[1:]}\u201d.")
            return  # one capital finding per reply is enough


_LOWER_START_RE = re.compile(r"[\"'“‘(]*([a-z][\w'’-]*)")
_ABBREV_END_RE = re.compile(
    r"\b(?:approx|incl|excl|ref|no|nos|vs|etc|e\.g|i\.e|est|dept|tel|ext|misc|qty|min|max|avg|govt|"
    r"mr|mrs|ms|dr|st|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)\.$",
    re.IGNORECASE,
)
#: A list marker that ends the previous "sentence": the whole of it ("1."), or after a colon,
#: a comma or a line break inside it ("costs £25: 1. open Manage Booking, 2. choose ...").
_LIST_MARKER_RE = re.compile(r"(?:\s*|.*(?:[:,;]|\n)\s*)(?:\d{1,2}|[A-Za-z]|[ivx]{1,4})[.)]$", re.DOTALL)


def _lookahead_words(phrase: str) -> frozenset[str]:
    """The words of a lookahead alternation in a confusable entry ("your (?=right|correct)"):
    one of them must be among the reply's words for the entry to match (empty: no gate)."""
    m = re.search(r"\(\?=\(\?:([^()]*)\)", phrase)
    if m is None:
        return frozenset()
    alts = m.group(1).split("|")
    parts = [re.sub(r"\\[a-z]\+?", " ", a).split() for a in alts if a.strip()]
    firsts = [p[0] for p in parts if p]
    if len(firsts) < len(parts) or not all(re.fullmatch(r"[a-z']+", w) for w in firsts):
        return frozenset()
    return frozenset(firsts)


def _trigger(phrase: str) -> str | None:
    """The longest literal word outside any group of a confusable entry: the reply must
    have it among its words for the entry to match (None when there is none to rely on)."""
    body = phrase[3:] if phrase.startswith("re:") else phrase
    prev = None
    while prev != body:
        prev, body = body, re.sub(r"\([^()]*\)", " ", body)
    body = re.sub(r"\\[A-Za-z]", " ", body)
    words = [w for w in re.findall(r"[a-z']{2,}", body.lower())]
    return max(words, key=len) if words else None


def phrase_pattern_for(phrase: str) -> str:
    """A confusable entry as a regex (plain phrases on word boundaries)."""
    from tonecheck.lexicon import phrase_pattern

    if phrase.startswith("re:"):
        # An apostrophe in a raw entry matches the curly one too ("you’re account").
        return phrase_pattern(phrase).replace("'", "['’]")
    return rf"(?<![\w'’]){phrase_pattern(phrase)}(?![\w'’])"


_SUBORDINATE_RE = re.compile(
    r"\b(?:which|whereby|whereas|although|though|unless|provided\s+that|in\s+which|so\s+that|notwithstanding|"
    r"whereupon|insofar|pursuant|thereof|therein|hereby|where|whose|whom|whilst|wherein|in\s+accordance\s+with|"
    r"subject\s+to|in\s+the\s+event\s+that|prior\s+to|with\s+regard\s+to)\b",
    re.IGNORECASE,
)
_VOWELS_RE = re.compile(r"[aeiouy]+")
_SENT_END_RE = re.compile(r"[.!?]+(?:\s|$)")


def syllables(word: str) -> int:
    """A rough English syllable count (vowel groups, silent final e), good enough for Flesch."""
    w = word.lower()
    n = len(_VOWELS_RE.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    return max(1, n)


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease (higher is easier) from words, sentences and syllables."""
    words = _WORDS_RE.findall(text)
    if not words:
        return 100.0
    sentences = max(1, len(_SENT_END_RE.findall(text)))
    syl = sum(map(syllables, words))
    return 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syl / len(words))


class HardToRead(Check):
    code = "CLR004"
    name = "hard-to-read"
    category = "clarity"
    default_severity = Severity.INFO
    summary = "Long convoluted sentences, walls of text, or very low readability for a support reply."
    what = (
        "Flags a sentence longer than max_sentence_words (default 40); a sentence of nested_min_words "
        "(30) or more stacking subordinate clauses ('which ... whereby ... provided that': more than "
        "max_subordinates (2), two of them between three commas, or one inside four commas); a reply of more than "
        "max_block_words (150) words without a paragraph break whose sentences average 20 words or "
        "more; and a long reply (60+ words) "
        "whose Flesch reading ease is below min_reading_ease (default 30). Short replies are not "
        "scored by formula."
    )
    why = "Customers read support replies on a phone, often while upset; dense text gets skimmed and misread."
    limits = (
        "The Flesch score uses a syllable heuristic; thresholds were set so that ordinary real "
        "support replies pass. Technical content can be legitimately dense."
    )
    instead = "Split long sentences, put one step per line, and lead with the answer."
    options = {
        "max_sentence_words": 40,
        "max_block_words": 150,
        "min_reading_ease": 30.0,
        "max_subordinates": 2,
        "nested_min_words": 30,
    }
    examples = {
        "fail": [
            "Following a review of the account which was undertaken by our specialist team, whereby the "
            "transactions that were flagged were assessed against the criteria that apply to accounts of "
            "this type, provided that no further information is received, the restriction that was applied "
            "will remain in place until such time as the review is complete and a decision has been made.",
            "Refunds, which are issued to the original card unless it has expired, in which case we pay by "
            "transfer, are sent once the item, which must be unused, reaches us.",
        ],
        "pass": [
            "Your refund is on its way. It reaches your card in 3 to 5 working days.",
            "Thanks for waiting. I've checked the order, and it left our warehouse this morning.",
            "I've checked your order today. It left the warehouse this morning. The courier has it now. "
            "It should reach you on Friday. You'll get a text with a one-hour slot on the day. "
            "If you're out, the driver leaves it with a neighbour or at the post office.",
        ],
    }

    def setup(self) -> None:
        self.max_words = int(self.opts["max_sentence_words"])
        self.max_subs = int(self.opts["max_subordinates"])
        self.nested_min = int(self.opts["nested_min_words"])
        self.max_block = int(self.opts["max_block_words"])
        self.min_ease = float(self.opts["min_reading_ease"])
        # Fewer characters than this cannot hold any sentence or reply worth flagging.
        self.min_chars = 2 * min(self.max_words + 1, self.nested_min, 30) - 1

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        if len(text) < self.min_chars:
            return  # short replies are not scored
        max_words, max_subs, nested_min = self.max_words, self.max_subs, self.nested_min
        sents = reply.parsed.sentences
        # Words are counted only in sentences long enough (in characters) to matter.
        for s, e in sents:
            if e - s < self.min_chars:
                continue
            n = len(_WORDS_RE.findall(text, s, e))
            nested = False
            if n >= nested_min:
                subs = len(_SUBORDINATE_RE.findall(text, s, e))
                # Nested: several subordinate clauses, two of them between three commas, or
                # one inside four commas ("Please be advised that, in accordance with ...").
                commas = text.count(",", s, e)
                nested = subs > max_subs or (subs >= max_subs and commas >= 3) or (subs >= 1 and commas >= 4)
            if n > max_words or nested:
                sent = text[s:e]
                cut = _split_point(sent)
                hint = f"Split it after \u201c{cut}\u201d." if cut else "Split it into shorter sentences."
                why = f"{n} words" + (f" and {subs} subordinate clauses" if nested else "")
                yield self.finding(s, e, f"A sentence of {why} is hard to follow.", hint)
                return
        punctuated = _SENT_PUNCT_RE.search(text) is not None
        if punctuated and len(text) < 119:
            return  # fewer than 60 words: not scored by formula
        total = len(_WORDS_RE.findall(text))
        end = len(text.rstrip())
        if total >= 30 and not punctuated:
            yield self.finding(0, end, f"A {total}-word run-on with no sentence punctuation.", "Break it into short sentences.")
            return
        # A long block of short sentences reads fine; a long block of long ones does not.
        if total > self.max_block and "\n" not in text.strip() and total / max(1, len(sents)) >= 20:
            yield self.finding(0, end, f"A {total}-word block of text with no paragraph break.", "Break it into short paragraphs, one step or point each.")
            return
        if total >= 60:
            ease = flesch_reading_ease(text)
            if ease < self.min_ease:
                yield self.finding(0, end, f"Very hard to read (Flesch reading ease {ease:.0f}).", "Use shorter sentences and everyday words.")


def _run_on_evidence(text: str, s: int, e: int) -> tuple[int, int, str]:
    """Where a run-on needs its first full stop: the words before the natural split point,
    so that the finding does not swallow the word-level ones ("i", "the the") in the same
    reply; the whole run when there is no such point."""
    cut = _split_point(text[s:e])
    if cut:
        at = text.find(cut, s, e)
        if at >= 0:
            return at, at + len(cut), f"Put a full stop after \u201c{cut}\u201d and split the rest into short sentences."
    return s, e, "Break it into sentences with full stops."


def _split_point(sentence: str) -> str | None:
    """A natural place to split: the words before the first comma or conjunction past 12 words."""
    words = sentence.split()
    for i in range(12, min(len(words) - 5, 40)):
        w = words[i]
        if w.endswith((",", ";", ":")) or words[i + 1].lower() in ("and", "but", "which", "so", "because", "whereby"):
            return " ".join(words[max(0, i - 2): i + 1]).rstrip(",;:")
    return None


CHECKS = [Jargon, Spelling, Grammar, HardToRead]

