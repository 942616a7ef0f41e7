"""Professionalism: words an agent must never send to a customer.

- ``profanity`` (PRO001): swearing, slurs and insults, including masked ("f***", "sh*t") and
  leetspeak ("sh1t", "a$$") forms. Terms come from the Surge AI list (MIT, derived copy in
  ``lexicons/profanity.yml``) plus our own additions in ``lexicons/professionalism.yml``.
  The finding's severity rises with the term's rating.
- ``misdirected-message`` (PRO002): text meant for a colleague, not the customer: the
  customer in the third person ("this guy", "she keeps asking"), internal chatter ("lol",
  "ugh", "brb", "@Sam can you take this"), a greeting to a colleague, notes to self.
- ``shouting`` (PRO003): all-caps words and runs of "!!!" or "???", allowing acronyms,
  product codes, button labels and the team glossary.

Only agent replies are checked: the customer's own swearing or shouting is never a finding
(``context.py`` reads it as distress).

Speed: one word regex over the reply, then set and dict look-ups. Lexicons (about 1,600
terms) are read and compiled once per process; no regex per word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, ClassVar

import yaml

from tonecheck.checks.base import Check, Example, Reply
from tonecheck.checks.clarity import _spelled_out
from tonecheck.context import EMAIL_RE, PLACEHOLDER_RE, URL_RE, ConversationState
from tonecheck.types import Finding, Severity

__all__ = [
    "CHECKS",
    "MisdirectedMessage",
    "Profanity",
    "ProfanityMatcher",
    "Shouting",
    "Term",
    "profanity_matcher",
]


def _read_yaml(name: str) -> dict[str, Any]:
    """Read ``lexicons/<name>.yml`` with the C loader when available (the list is long)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    path = resources.files("tonecheck") / "lexicons" / f"{name}.yml"
    with path.open("r", encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader)
    if not isinstance(data, dict):
        raise ValueError(f"lexicons/{name}.yml: expected a mapping at the top level")
    return data


# ---------------------------------------------------------------------------------------
# Profanity matching
# ---------------------------------------------------------------------------------------

#: Candidate words: letters, digits and the symbols leetspeak and masking use. Apostrophes
#: join ("mf'ers"); hyphens, dots and spaces separate (multi-word terms are matched as
#: word sequences). Bounded so that a long run of symbols cannot cost much.
_WORD_RE = re.compile(r"[\w@$*!+#%|]{1,40}(?:['’][\w@$*!+#%|]{1,20})?")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                       "@": "a", "$": "s", "!": "i", "+": "t", "|": "l", "’": "'"})
_LEET_L = str.maketrans({"1": "l", "!": "l", "|": "i"})
_MASK_CHARS = frozenset("*#%")
_SEP_RE = re.compile(r"[\s_\-]+")
#: Shapes that need the slow path: a letter next to a digit or symbol (leetspeak, masking),
#: a letter tripled (stretching), dashes inside a word, letters spelled out with dots.
_ODD_RE = re.compile(r"[a-z][0-9$*+#%|@!]|[0-9$*!+#%|@][a-z]|--|([a-z])\1\1|[._][a-z@$][._]")
_ALPHA_RE = re.compile(r"[a-z]+")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_@$*!+#%|")
_RUN_RE = re.compile(r"([a-z])\1\1")
_STOP = frozenset({"the", "a", "an", "of", "to", "you", "your", "my", "me", "off", "up", "on",
                   "in", "out", "it", "is", "and", "or", "what", "go", "get", "i", "he", "she",
                   "his", "her", "no", "for", "with", "at", "by", "this", "that"})
#: Letters spelled out with dots or underscores: "f.u.c.k", "s_h_i_t".
_SPELLED_RE = re.compile(r"(?<![\w.])(?:[a-z@$][._](?!\s)){2,6}[a-z@$](?![\w])")
_DASHED_RE = re.compile(r"(?<![\w-])[a-z]{1,4}-{2,5}[a-z]{0,4}(?![\w-])")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx", "sir", "van", "von", "de",
                         "st", "lord", "lady", "prof", "uncle", "aunt", "father"})
#: Well-known words a masked form ("f***", "sh*t", "a**hole") may stand for, most likely first.
_MASK_TARGETS = (
    "fuck", "fucking", "fucked", "fucker", "fuckers", "fucks", "fuckin", "motherfucker",
    "motherfucking", "shit", "shitty", "shits", "bullshit", "bitch", "bitches", "bitching",
    "cunt", "cunts", "cock", "dick", "dickhead", "ass", "asses", "asshole", "assholes",
    "arse", "arsehole", "bastard", "bastards", "piss", "pissed", "pissing", "damn", "crap",
    "crappy", "hell", "twat", "wanker", "prick", "whore", "slut", "nigger", "nigga", "faggot",
    "fag", "retard", "retarded", "bollocks", "bugger", "pussy", "idiot", "moron", "stupid",
    "wtf", "stfu", "bloody", "shitshow", "dumbass", "jackass", "sodding", "bollocks",
)


@dataclass(frozen=True, slots=True)
class Term:
    """A lexicon entry: the term, its rating on Surge's 1-3 scale and its kind."""

    term: str
    rating: float
    kind: str  # slur, insult, swear


@dataclass(frozen=True, slots=True)
class Hit:
    """A matched term in a text (character offsets)."""

    start: int
    end: int
    term: Term
    masked: bool = False


def alpha_words(parsed: Any) -> frozenset[str]:
    """The set of lower-case letter runs in a parsed reply, computed once and shared by the
    three checks (kept on the ``Parsed`` object, which allows extra attributes)."""
    cache = parsed.__dict__
    words = cache.get("_professionalism_words")
    if words is None:
        words = cache["_professionalism_words"] = frozenset(_ALPHA_RE.findall(parsed.lower))
    return words


def _norm_key(term: str) -> str:
    return _SEP_RE.sub(" ", term.lower().replace("’", "'")).strip()


class ProfanityMatcher:
    """Finds swears, slurs and insult nouns in a text with one word scan and dict look-ups.

    Plain words are screened with a set intersection first, so a clean reply costs one
    ``findall`` and one set operation. Words with digits or symbols are normalised from
    leetspeak ("sh1t" -> "shit", "a$$" -> "ass") and masked words ("f***ing") are matched
    against well-known targets of the same length.
    """

    def __init__(self) -> None:
        surge = _read_yaml("profanity")["terms"]
        ours = _read_yaml("professionalism")
        self.terms: dict[str, Term] = {}
        for raw, (rating, kind) in {**surge, **ours["extra_terms"]}.items():
            key = _norm_key(str(raw))
            if key:
                self.terms[key] = Term(key, float(rating), str(kind))
        for word in ours["insult_nouns"]:
            self.terms.setdefault(word, Term(word, 2.0, "insult"))
        self.name_sensitive = frozenset(ours["name_sensitive"])
        self.max_words = max(k.count(" ") + 1 for k in self.terms)
        #: First word of every multi-word term -> the lengths to try at that word.
        self.multi_first: dict[str, tuple[int, ...]] = {}
        lengths: dict[str, set[int]] = {}
        for key in self.terms:
            parts = key.split(" ")
            if len(parts) > 1:
                lengths.setdefault(parts[0], set()).add(len(parts))
        self.multi_first = {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()}
        # The screen holds every single-word term and, for each multi-word term, its most
        # distinctive word ("hell" for "what the hell"), so that common words like "the"
        # do not send every reply down the slow path.
        from tonecheck.checks.clarity import load_dictionary

        freq = load_dictionary().freq
        screen: dict[str, set[frozenset[str]]] = {}
        for key in self.terms:
            words = re.findall(r"[a-z]+", key)
            if " " not in key and key.isalpha():
                screen.setdefault(key, set()).add(frozenset())
                continue
            parts = [w for w in words if w not in _STOP and len(w) > 1]
            if not parts:
                continue  # "f_u_c_k", "s.o.b.": only reachable as odd shapes
            rare = min(parts, key=lambda w: (freq.get(w, 0), -len(w)))
            screen.setdefault(rare, set()).add(frozenset(parts) - {rare})
        #: word -> the other words a term with it needs ("wet" for "back" in "wet back").
        self.screen_needs = {w: tuple(sorted(r, key=len)) for w, r in screen.items()}
        self.screen = frozenset(screen)
        by_len: dict[int, list[str]] = {}
        for t in _MASK_TARGETS:
            by_len.setdefault(len(t), []).append(t)
        self.mask_targets = by_len

    # -- normalisation ---------------------------------------------------------------
    def lookup(self, word: str) -> tuple[Term | None, bool]:
        """The term a single word stands for (plain, leetspeak, stretched or masked).

        Returns ``(term, masked)``; ``(None, False)`` when the word is not profane.
        """
        t = self.terms.get(word)
        if t is not None:
            return t, False
        if word.isalpha():
            if len(word) > 3 and _has_run(word):
                return self._stretched(word), False
            return None, False
        if not any(c.isalpha() for c in word):
            return None, False
        w = word.lstrip("#").rstrip("!.")
        if not w:
            return None, False
        if any(c in _MASK_CHARS for c in w):
            return self._masked(w)
        if any(c.isdigit() for c in w):
            # "a55", "x69": letters then digits only is a product code, not leetspeak.
            first_digit = next(i for i, c in enumerate(w) if c.isdigit())
            if not any(c.isalpha() for c in w[first_digit:]):
                return None, False
        t = self.terms.get(w)
        if t is not None:
            return t, False
        for table in (_LEET, None):
            cand = w.translate(table) if table else w.translate(_LEET_L).translate(_LEET)
            if not cand.replace("'", "").isalpha():
                continue
            t = self.terms.get(cand)
            if t is not None:
                return t, False
            if _has_run(cand):
                t = self._stretched(cand)
                if t is not None:
                    return t, False
        return None, False

    def _stretched(self, word: str) -> Term | None:
        """'fuuuuck' -> 'fuck', 'shiiit' -> 'shit' (runs of three or more letters)."""
        t = self.terms.get(_RUN_SUB_RE.sub(_one, word))
        if t is None:
            t = self.terms.get(_RUN_SUB_RE.sub(_two, word))
        return t

    def _masked(self, w: str) -> tuple[Term | None, bool]:
        if w[0] in _MASK_CHARS:
            # "*sigh*", "**bold**": emphasis, not masking.
            return None, False
        stars = sum(c in _MASK_CHARS for c in w)
        if stars == 1 and w[-1] in _MASK_CHARS:
            return None, False  # "price*": a footnote marker
        letters = w.translate(_LEET)
        for target in self.mask_targets.get(len(w), ()):
            if all(a == b or a in _MASK_CHARS for a, b in zip(letters, target, strict=True)):
                t = self.terms.get(target)
                if t is not None:
                    return t, True
        return None, False

    # -- scanning --------------------------------------------------------------------
    def might_match(self, low: str, words: Iterable[str] | None = None) -> bool:
        """Cheap screen: could ``low`` (lower-cased text) contain a term at all?

        One set intersection for plain words and one regex scan for the shapes that
        leetspeak, masking, stretching and spelling-out need.
        """
        return self._plain(low, words) or _ODD_RE.search(low) is not None

    def _plain(self, low: str, words: Iterable[str] | None) -> bool:
        words = frozenset(_ALPHA_RE.findall(low)) if words is None else frozenset(words)
        return any(
            any(need <= words for need in self.screen_needs[w]) for w in self.screen.intersection(words)
        )

    def find(self, text: str, low: str | None = None, words: Iterable[str] | None = None) -> list[Hit]:
        """Every term in ``text``, longest match first, as character spans."""
        low = text.lower() if low is None else low
        if len(low) != len(text):
            low = "".join(c.lower()[:1] or c for c in text)
        if not self._plain(low, words):
            # Only odd shapes (leetspeak, masking, stretching, spelled-out letters) can
            # match: look at the words that contain them, not at every word. Links and
            # email addresses are blanked out first (same length, so offsets hold).
            if "http" in low or "www." in low:
                low = URL_RE.sub(_blank, low)
            if "@" in low and "." in low:
                low = EMAIL_RE.sub(_blank, low)
            return self._odd_hits(low) if _ODD_RE.search(low) else []
        toks = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(low)]
        hits: list[Hit] = []
        i = 0
        n = len(toks)
        while i < n:
            s, e, w = toks[i]
            lens = self.multi_first.get(w)
            matched = False
            if lens:
                for k in lens:
                    if i + k > n:
                        continue
                    key = " ".join(t[2] for t in toks[i : i + k])
                    term = self.terms.get(key)
                    if term is not None and _adjacent(low, toks, i, k):
                        hits.append(Hit(s, toks[i + k - 1][1], term))
                        i += k
                        matched = True
                        break
            if matched:
                continue
            if w[0] == "#" or (s > 0 and low[s - 1] == "#") or low.startswith(("…", "&#8230;"), e):
                i += 1  # a hashtag is a tag, not a word used; "nig…" is a word cut short
                continue
            if w in self.terms:
                term, masked = self.terms[w], False
            elif w.isalpha() and (len(w) < 4 or not _RUN_RE.search(w)):
                i += 1
                continue
            else:
                term, masked = self.lookup(w)
            if term is not None:
                end = e
                # Trailing "!" or "." belong to the sentence, not the word.
                while end > s + 1 and low[end - 1] in "!." and not masked:
                    if self.terms.get(low[s : end - 1]) is None and term.term != low[s:end]:
                        end -= 1
                    else:
                        break
                hits.append(Hit(s, end, term, masked))
            i += 1
        return self._extra_hits(low, hits)

    def _odd_hits(self, low: str) -> list[Hit]:
        hits: list[Hit] = []
        seen = -1
        for o in _ODD_RE.finditer(low):
            if o.start() < seen:
                continue
            left = o.start()
            floor = max(0, left - 64)  # words are short: never walk back further (linear time)
            while left > floor and low[left - 1] in _WORD_CHARS:
                left -= 1
            m = _WORD_RE.match(low, left)
            if m is None:
                seen = o.end()
                continue
            s, e, w = m.start(), m.end(), m.group()
            seen = e
            if w[0] == "#" or (s > 0 and low[s - 1] in "#/=&.") or low.startswith(("…", "&#8230;"), e):
                continue  # hashtags, URL paths and queries, domain parts, cut-off words
            if len(w) > 16:
                continue  # codes and tokens, not words
            term, masked = self.lookup(w)
            if term is not None:
                end = e
                while end > s + 1 and low[end - 1] in "!." and not masked and term.term != low[s:end]:
                    end -= 1
                hits.append(Hit(s, end, term, masked))
        return self._extra_hits(low, hits)

    def _extra_hits(self, low: str, hits: list[Hit]) -> list[Hit]:
        """Spelled-out ("f.u.c.k") and dashed ("f--k") forms, then sort."""
        for m in _SPELLED_RE.finditer(low):
            word = re.sub(r"[._]", "", m.group())
            term, _ = self.lookup(word)
            if term is not None and not any(h.start <= m.start() < h.end for h in hits):
                hits.append(Hit(m.start(), m.end(), term, True))
        if "--" in low:
            for m in _DASHED_RE.finditer(low):
                term, _ = self._masked(m.group().replace("-", "*"))
                if term is not None:
                    hits.append(Hit(m.start(), m.end(), term, True))
        hits.sort(key=lambda h: h.start)
        return hits


_RUN_SUB_RE = re.compile(r"(.)\1{2,}")


def _one(m: re.Match[str]) -> str:
    return m.group(1)


def _two(m: re.Match[str]) -> str:
    return m.group(1) * 2


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def _has_run(word: str) -> bool:
    """A letter three times in a row ("fuuuck")."""
    return _RUN_RE.search(word) is not None


def _adjacent(low: str, toks: list[tuple[int, int, str]], i: int, k: int) -> bool:
    """Tokens i..i+k-1 are separated only by spaces, hyphens or underscores."""
    for j in range(i, i + k - 1):
        gap = low[toks[j][1] : toks[j + 1][0]]
        if len(gap) > 3 or gap.strip(" -_\t") != "":
            return False
    return True


@cache
def profanity_matcher() -> ProfanityMatcher:
    """The shared matcher (built once per process: the lexicons never change at run time)."""
    return ProfanityMatcher()


# ---------------------------------------------------------------------------------------
# PRO001 profanity
# ---------------------------------------------------------------------------------------

_INSULT_KINDS = frozenset({"insult", "slur"})
#: "I'm such an idiot", "I feel stupid": the agent about themself, not the customer.
#: A word talked about rather than used: "the word X", "the term X", "say X".
_WORD_MENTION_RE = re.compile(r"\b(?:the|that|this|a)\s+(?:word|term|slur|phrase|expression)\s+['\"‘“]?$")
_SELF_RE = re.compile(
    r"\b(?:i(?:'m|’m| am| was| feel| felt)|made me (?:look|feel)|me|myself)"
    r"(?:\s+(?:such|so|like|a|an|total|complete|bit|of|really|very|being)){0,4}\s*$"
)
#: Reported speech: "the message calling you an idiot".
_REPORTED_RE = re.compile(
    r"\b(?:call(?:ed|ing|s)?|referr(?:ed|ing) to|describ(?:ed|ing))\s+(?:you|him|her|them|a customer|"
    r"customers?|someone)\s+(?:as\s+)?(?:an?\s+)?(?:\w+\s+)?$"
)
#: "don't be such a baby", "stop being an idiot": an order, not a negation.
_DONT_BE_RE = re.compile(r"\b(?:don'?t|do\s+not|stop|quit)\s+(?:be|being|acting\s+like)\s+(?:such\s+)?(?:an?\s+)?$")
_NEG_NEAR_RE = re.compile(r"\b(?:not|never|no|nobody|nothing|n't|none)\b|n't\b")


def _title(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _sentence_start(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in " \t\"'“‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:"


_PREV_WORD_RE = re.compile(r"([A-Za-z][A-Za-z'’]*)(\.?) +$")
_NEXT_WORD_RE = re.compile(r" +([A-Za-z][A-Za-z'’]*)")


def _looks_like_name(text: str, start: int, end: int, sensitive: bool) -> bool:
    """'Dick Van Dyke', 'Mr Coon', 'ask Dick about it': a capitalised term used as a name.

    A title-case term next to another capitalised word or after an honorific is a name;
    a name-like term ("Dick", "Dyke") in title case anywhere but a sentence start is too.
    """
    if not _title(text[start:end]):
        return False
    prev = _PREV_WORD_RE.search(text, max(0, start - 30), start)
    if prev:
        pw = prev.group(1)
        if pw.lower() in _HONORIFICS or (_title(pw) and not prev.group(2)):
            return True
    nxt = _NEXT_WORD_RE.match(text, end)
    if nxt and _title(nxt.group(1)):
        return True
    return sensitive and not _sentence_start(text, start)


def _alt(words: Iterable[str]) -> str:
    items = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[- ]?") for w in items)


_INTENS = (
    r"(?:so|really|just|being|completely|totally|clearly|very|too|that|a\s+bit|kind\s+of|kinda|"
    r"pretty|quite|absolutely|utterly|incredibly|genuinely|such|beyond|plain|downright|simply|"
    r"seriously|bloody|fucking|f\*+ing|a|an|the|biggest|total|complete|absolute|real|right|"
    r"proper|massive|huge|little|stupid|dumb|useless|lazy|some|an?\s+actual|actual)"
)
_YOU = (
    r"(?:you(?:'re|’re|\s+are|\s+r|\s+were|\s+must\s+be|\s+seem(?:\s+like)?|\s+sound(?:\s+like)?|"
    r"\s+look(?:\s+like)?|\s+act(?:ing)?(?:\s+like)?|\s+being)|ur|u\s+r|are\s+you|aren't\s+you|"
    r"(?:such|what)\s+an?)"
)
_THIRD = (
    r"(?:(?:he|she)(?:'s|’s|\s+is|\s+was)|they(?:'re|’re|\s+are)|(?:this|that)\s+"
    r"(?:guy|woman|lady|man|customer|client|person|one|dude|bloke|girl|chick|fella|caller)"
    r"(?:'s|’s|\s+is|\s+was))"
)
_PEOPLE = (
    r"(?:customers?|clients?|guys?|m[ae]n|wom[ae]n|lady|ladies|persons?|people|dudes?|blokes?|"
    r"fellas?|users?|callers?|girls?|boys?|karens?|cows?|pricks?|questions?|requests?|"
    r"complaints?|ideas?|people)"
)


def _insult_frames(lex: dict[str, Any]) -> re.Pattern[str]:
    """One regex for insults that need a frame: '(you're|such a|he's) NOUN/ADJ', 'ADJ customer'."""
    nouns = _alt(lex["insult_frame_nouns"])
    you_nouns = _alt(lex["insult_you_nouns"])
    adjs = _alt(lex["insult_adjectives"])
    you_adjs = _alt(lex["insult_you_adjectives"])
    return re.compile(
        rf"\b(?:{_YOU}|{_THIRD}|you)\s+(?:{_INTENS}\s+){{0,3}}(?P<noun>{nouns})\b"
        rf"|\b(?:{_YOU})\s+(?:{_INTENS}\s+){{0,3}}(?P<ynoun>{you_nouns})\b(?!\s+(?:of|for|to|with|in)\b)"
        rf"|\b(?:{_YOU}|{_THIRD})\s+(?:{_INTENS}\s+){{0,3}}(?P<adj>{adjs})\b(?!\s+to\b)"
        rf"|\b(?:{_YOU})\s+(?:{_INTENS}\s+){{0,3}}(?P<yadj>{you_adjs})\b(?!\s+(?:to|with|about|at)\b)"
        rf"|\b(?P<adjn>{adjs})\s+(?:(?:little|old|f\*+ing|fucking|bloody)\s+)?{_PEOPLE}\b"
        rf"|\b(?:bunch|load|pack)\s+of\s+(?P<bunch>{nouns}|amateurs|jokers|monkeys|cowboys|muppets)\b",
        re.IGNORECASE,
    )


class Profanity(Check):
    code = "PRO001"
    name = "profanity"
    category = "professionalism"
    default_severity = Severity.ERROR
    summary = "Swearing, slurs or insults in the reply, including masked forms like 'f***'."
    what = (
        "Finds swear words, slurs and insults in the agent's reply: about 1,500 terms rated for "
        "severity (the Surge AI profanity list, MIT) plus insults aimed at the customer ('idiot', "
        "'you're stupid', 'this clown'). Masked and leetspeak forms count: 'f***ing', 'sh*t', "
        "'sh1t', 'a$$', 'f.u.c.k'. Severity rises with the term: mild swears ('damn', 'crap') "
        "are warnings; strong swears, slurs and insults are errors."
    )
    why = (
        "One swear word or insult in a reply is the kind of message customers screenshot and "
        "post. It ends trust in the agent and the company, whatever else the reply got right."
    )
    limits = (
        "Matches whole words, so 'class', 'Scunthorpe' and 'cocktail' are safe, and a "
        "capitalised term used as a name ('Dick Van Dyke') is skipped; a swear glued to "
        "another word ('shitshow' aside) or spelled with spaces between every letter is missed. "
        "Words in quotation marks are treated as quoted, not used. Words that are insults only "
        "in context ('slow', 'clown') need a frame such as 'you're so ...'."
    )
    instead = "Remove the word. Describe the problem in neutral terms; never call the customer names."
    examples: ClassVar[dict[str, list[Example]]] = {
        "fail": [
            "Ugh, this guy is such a f***ing idiot. I can't deal with this shit today.",
            "Honestly, that's a stupid question, the answer is on the website.",
            "Sorry, the damn system is down again.",
            "Tell your sh1tty manager to call us.",
            "Are you deaf? I said the refund is processing.",
        ],
        "pass": [
            "Your class starts on Monday; we'll assess the damage when the courier collects it.",
            "The cocktail shaker ships from our Scunthorpe warehouse.",
            "Our guest tonight is Dick Van Dyke.",
            "There's no such thing as a stupid question, happy to explain.",
            {
                "context": [("customer", "This is complete shit. Fix it NOW.")],
                "reply": "I'm sorry it's been so frustrating. I've reset the router and it's back online.",
            },
            "You wrote \"this is crap\" and you're right to be annoyed: I've refunded you.",
        ],
    }

    def setup(self) -> None:
        from tonecheck.lexicon import compile_phrases

        self.matcher = profanity_matcher()
        lex = _read_yaml("professionalism")
        self.frames = _insult_frames(lex)
        self.innocent = compile_phrases(lex["innocent_phrases"])
        self.homographs = frozenset(lex["foreign_homographs"])
        self.senses = {k: frozenset(v) for k, v in lex["sense_contexts"].items()}
        self.foreign_words = frozenset(lex["foreign_function_words"])
        # A cheap screen for the frame regex: any frame word present at all?
        words: set[str] = set()
        for key in ("insult_frame_nouns", "insult_you_nouns", "insult_adjectives", "insult_you_adjectives"):
            for w in lex[key]:
                parts = [x for x in re.findall(r"[a-z]+", w.lower()) if x not in _STOP]
                words.update(parts[:1])
        self.frame_screen = frozenset(words)

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        parsed = reply.parsed
        low = parsed.lower
        taken: list[tuple[int, int]] = []
        words = alpha_words(parsed)
        hits = self.matcher.find(text, low, words)
        safe: list[tuple[int, int]] = []
        if hits:
            safe = [m.span() for m in self.innocent.finditer(text)]
        foreign: bool | None = None
        for hit in hits:
            if any(a <= hit.start and hit.end <= b for a, b in safe):
                continue  # "doo-wop", "pussy willow", "Moby Dick"
            sense = self.senses.get(hit.term.term)
            if sense is not None and not sense.isdisjoint(words):
                continue  # "the tranny fluid" at a garage, "a garden hoe"
            if hit.term.term in self.homographs:
                if foreign is None:
                    foreign = self._foreign(low)
                if foreign:
                    continue  # Dutch "hoe" (how), Spanish "negro" (black)
            if self._skip(reply, hit.start, hit.end, hit.term):
                continue
            taken.append((hit.start, hit.end))
            yield self._term_finding(text, hit)
        if self.frame_screen.intersection(words):
            for m in self.frames.finditer(low):
                group = next(g for g in ("noun", "ynoun", "adj", "yadj", "adjn", "bunch") if m.group(g))
                s, e = m.span(group)
                if any(ts < e and s < te for ts, te in taken):
                    continue
                if self._skip(reply, s, e, None, frame_start=m.start()):
                    continue
                taken.append((s, e))
                yield self.finding(
                    m.start() if group != "adjn" else s,
                    m.end(),
                    f"Insults the customer: '{text[m.start():m.end()]}'.",
                    "Never describe the customer or their question this way. Answer the "
                    "question, or say what you need from them in neutral words.",
                    severity=Severity.ERROR,
                )

    def _foreign(self, low: str) -> bool:
        """Does the reply read as Dutch, Spanish, Portuguese, German or Danish?"""
        words = set(_WORD_RE.findall(low))
        return len(words & self.foreign_words) >= 2

    def _skip(self, reply: Reply, start: int, end: int, term: Term | None, frame_start: int | None = None) -> bool:
        text = reply.text
        parsed = reply.parsed
        if parsed.in_quotes(start, end):
            return True  # quoted, not used: 'you wrote "this is crap"'
        if _WORD_MENTION_RE.search(parsed.lower, max(0, start - 30), start):
            return True  # talked about, not used: 'we removed the word "idiot" from your review'
        word = parsed.lower[start:end]
        if reply.in_glossary(text[start:end]):
            return True
        if term is not None and _looks_like_name(text, start, end, word in self.matcher.name_sensitive):
            return True
        if term is not None and term.term in ("af", "wth") and not text[start:end].islower():
            return True  # "AF" (autofocus), "WTH" as an acronym
        if term is None or (term.kind in _INSULT_KINDS and term.rating < 2.4):
            lo = frame_start if frame_start is not None else start
            s_start, _ = parsed.sentence_at(lo)
            before = parsed.lower[max(s_start, lo - 40) : lo]
            if _NEG_NEAR_RE.search(before) and not _DONT_BE_RE.search(before):
                return True  # "you're not stupid", "no such thing as a stupid question"
            if frame_start is None and (_SELF_RE.search(before) or _REPORTED_RE.search(before)):
                return True  # "I'm such an idiot", "the message calling you an idiot"
        return False

    def _term_finding(self, text: str, hit: Hit) -> Finding:
        term = hit.term
        shown = text[hit.start : hit.end]
        if term.kind == "slur":
            what, sev = "a slur", Severity.ERROR
        elif term.kind == "insult":
            what, sev = "an insult", Severity.ERROR
        elif term.rating >= 1.5:
            what, sev = "strong swearing", Severity.ERROR
        else:
            what, sev = "swearing", Severity.WARNING
        if hit.masked:
            what += " (masked, but still read as such)"
        return self.finding(
            hit.start,
            hit.end,
            f"'{shown}' is {what}.",
            "Remove it. Say what went wrong in neutral words; a customer can quote this reply anywhere.",
            severity=sev,
        )


# ---------------------------------------------------------------------------------------
# PRO003 shouting
# ---------------------------------------------------------------------------------------

_CAPS_RE = re.compile(r"(?<![\w@#/.^~-])[A-Z][A-Z'’]{1,30}(?![\w@/-])")
#: Capital words joined by hyphens, letters only: "NON-REFUNDABLE", "FOLLOW-UP" (codes with
#: digits, "RMA-20931", are not matched).
_HYPHEN_CAPS_RE = re.compile(r"(?<![\w@#/.^~-])[A-Z]{2,}(?:-[A-Z]{2,})+(?![\w@/-])")
#: Agent initials signing a message: "... ^JAY", "- CM" at the very end.
_SIGNATURE_RE = re.compile(r"(?:[\^~-]\s?|\s)[A-Z]{2,4}\s*$")
_CAPS_RUN_GAP_RE = re.compile(r"^(?:[\s,;:&-]{1,4}|\s+(?:I|A|&)\s+)$")
_PUNCT_RUN_RE = re.compile(r"[!?]{3,}|[!?](?:\s?[!?]){3,}")
#: "click SAVE", "type CANCEL", "the SUBMIT button": interface labels and keywords, not shouting.
_LABEL_BEFORE_RE = re.compile(
    r"(?:\b(?:click|tap|press|select|choose|hit|type|enter|reply|text|send|say|mark|marked|"
    r"label(?:l)?ed|called|named|says|reads|shows|showing|displays|status|option|button|tab|"
    r"menu|word|code|promo|coupon|voucher|keyword|field|set\s+to|shown\s+as|appears\s+as|"
    r"see|error|message|prompt|warning|notice|light|indicator|printed|written|stamped|titled|"
    r"subject|heading|saying|reading|read|display|screen|"
    r"under|in|on|from|to|via)\b[\s\"'“‘(*]{1,4}(?:(?:the|on|a|an)\s+[*]{0,2})?|[\"'“‘(>:*+]\s?)$",
    re.IGNORECASE,
)
#: A place word before the capitals ("in the", "under"): a menu path when nothing follows,
#: emphasis when an ordinary lower-case word does ("in a SEPARATE bag").
_PREP_BEFORE_RE = re.compile(r"\b(?:under|in|on|from|to|via)\s+(?:(?:the|a|an)\s+)?$")
_LOWER_WORD_AFTER_RE = re.compile(r"^\s+[a-z]{2,}\b")
_LABEL_AFTER_RE = re.compile(
    r"^[\"'”’)*]{0,2}\s{0,2}(?:button|tab|menu|option|key|link|field|screen|page|setting|mode|"
    r"status|box|icon|plan|tier|package|bundle|edition|model|code|account|card|app|feature|"
    r"section|folder)s?\b",
    re.IGNORECASE,
)


_GREETED_RE = re.compile(r"\b(?:hi|hello|hey|dear|thanks|thank\s+you),?\s+$", re.IGNORECASE)


def _customer_wrote(state: ConversationState, word: str) -> bool:
    """Did the customer write this capitalised word themselves (their acronym or product)?"""
    pattern = re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])")
    return any(pattern.search(parsed.text) for _, parsed in state.customer_turns)


class Shouting(Check):
    code = "PRO003"
    name = "shouting"
    category = "professionalism"
    default_severity = Severity.WARNING
    summary = "All-caps words or runs of '!!!' / '???' in the reply."
    what = (
        "Flags words written in capitals for emphasis ('PLEASE READ THE EMAIL', 'the NEW "
        "password') and runs of three or more exclamation or question marks. Acronyms (PIN, "
        "RMA, DNS), product codes with digits, interface labels ('click SAVE', 'the SUBMIT "
        "button'), placeholders, quoted words and the team glossary are not shouting."
    )
    why = (
        "Capitals and '!!!' read as raised voices. Aimed at a customer who is already "
        "frustrated, they sound impatient or condescending."
    )
    limits = (
        "A capitalised word counts as shouting when it is a common English word; a rare "
        "word in capitals is taken for an acronym. Add your own acronyms and product names "
        "to the glossary. Option `min_word_length` (default 2) sets the shortest word counted."
    )
    instead = "Write in sentence case. If something matters, say why it matters in plain words."
    options: ClassVar[dict[str, Any]] = {"min_word_length": 2}
    examples: ClassVar[dict[str, list[Example]]] = {
        "fail": [
            "You have to log in with the NEW password. PLEASE READ THE EMAIL!!!",
            "Why would you do that???",
            "I HAVE ALREADY EXPLAINED THIS.",
        ],
        "pass": [
            "Your RMA number is RMA-20931 and the PIN is on the back of the SIM card.",
            "Click SAVE, then tap the SUBMIT button.",
            "Use the code WELCOME15 at checkout.",
            "Great news, it's fixed!",
            {
                "context": [("customer", "WHY IS THIS STILL BROKEN???")],
                "reply": "I'm sorry it's still not working. I've reset the line; it should be back in five minutes.",
            },
        ],
    }

    def setup(self) -> None:
        from tonecheck.checks.clarity import load_dictionary

        lex = _read_yaml("professionalism")
        self.acronyms = frozenset(w.upper() for w in lex["acronyms"])
        self.freq = load_dictionary().freq
        self.min_len = int(self.opts["min_word_length"])

    def _shouted_word(self, reply: Reply, word: str) -> bool:
        """A capitalised common English word (not an acronym, code or glossary term)."""
        bare = word.rstrip("'’S") if word.endswith(("'S", "’S")) else word
        if len(bare) < max(2, self.min_len) or bare in self.acronyms or reply.in_glossary(bare):
            return False
        return self.freq.get(bare.lower(), 0) >= 2

    def _shouted_part(self, reply: Reply, part: str) -> bool:
        """A part of a hyphenated capital word that is a common English word of four or more
        letters, or one with "-ABLE"/"-IBLE" on a common word ("REFUNDABLE")."""
        if len(part) < 4:
            return False
        if self._shouted_word(reply, part):
            return True
        root = part[:-4] if part.endswith(("ABLE", "IBLE")) else ""
        return len(root) >= 4 and self._shouted_word(reply, root)

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        has_caps = any("A" <= c <= "Z" for c in text) and (
            _CAPS_RE.search(text) is not None or ("-" in text and _HYPHEN_CAPS_RE.search(text) is not None)
        )
        if has_caps:
            yield from self._caps(reply, state)
        if "!!" in text or "??" in text or "?!" in text or "!?" in text:
            for m in _PUNCT_RUN_RE.finditer(text):
                if reply.parsed.in_quotes(m.start(), m.end()):
                    continue
                yield self.finding(
                    m.start(),
                    m.end(),
                    f"'{m.group()}' reads as shouting or exasperation.",
                    "Use one '!' or '?' at most.",
                )

    def _caps(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        skip = [m.span() for rx in (URL_RE, EMAIL_RE, PLACEHOLDER_RE) for m in rx.finditer(text)]
        names = state.name_parts() | state.agent_names
        words: list[tuple[int, int, bool]] = []  # (start, end, shouted)
        for m in _CAPS_RE.finditer(text):
            s, e = m.span()
            if any(a <= s < b for a, b in skip) or reply.parsed.in_quotes(s, e):
                continue
            w = m.group()
            if w.lower() in names or w in state.customer_caps:
                continue  # a name, or capitals the customer quoted ("'KLMX DIGITAL'")
            if 3 <= len(w) <= 6 and _spelled_out(text, w):
                continue  # "PAS, our Patient Administration Service": an acronym, explained
            words.append((s, e, self._shouted_word(reply, w)))
        if "-" in text:
            for m in _HYPHEN_CAPS_RE.finditer(text):
                s, e = m.span()
                if any(a <= s < b for a, b in skip) or reply.parsed.in_quotes(s, e) or m.group() in state.customer_caps:
                    continue
                if any(self._shouted_part(reply, part) for part in m.group().split("-")):
                    words.append((s, e, True))  # "NON-REFUNDABLE", "FOLLOW-UP" (not "UK-EU")
            words.sort()
        # Group neighbouring capitalised words into runs ("PLEASE READ THE EMAIL").
        runs: list[list[tuple[int, int, bool]]] = []
        for item in words:
            if runs and _CAPS_RUN_GAP_RE.match(text[runs[-1][-1][1] : item[0]]):
                runs[-1].append(item)
            else:
                runs.append([item])
        for run in runs:
            shouted = [w for w in run if w[2]]
            if not shouted:
                continue
            s, e = run[0][0], run[-1][1]
            if len(run) == 1 and (
                (e - s < 3 and text[s:e] not in _EMPHATIC_SHORT) or (e >= len(text.rstrip()) and _SIGNATURE_RE.search(text))
            ):
                continue  # a short capital word alone ("OK", "AM"); initials signing the reply
            if len(run) == 1 and (_GREETED_RE.search(text, max(0, s - 12), s) or _customer_wrote(state, text[s:e])):
                continue  # "Hi JOHN", or the customer's own capitalised term ("my ECHO speaker")
            if len(run) <= 3:
                before = text[max(0, s - 30) : s]
                after = text[e : e + 20]
                label_before = _LABEL_BEFORE_RE.search(before)
                if label_before and e - s >= 5 and _PREP_BEFORE_RE.search(before) and _LOWER_WORD_AFTER_RE.match(after):
                    label_before = None  # "in a SEPARATE bag": a stressed word ("in the MOP queue" may be an acronym)
                if label_before or _LABEL_AFTER_RE.match(after) or _KEYWORD_PAIR_RE.search(before):
                    continue  # "click SAVE", "click on **END CHAT**", "the PREMIUM plan"
            shown = text[s:e]
            yield self.finding(
                s,
                e,
                f"'{shown}' is written in capitals, which reads as shouting.",
                f"Write it in sentence case ('{shown.capitalize() if len(run) > 1 else shown.lower()}').",
            )


#: The second of two keywords to type: "Reply YES or NO", "text STOP or HELP".
_KEYWORD_PAIR_RE = re.compile(r"\b(?:reply|text|type|send|enter|say)\s+[A-Z]{2,}\s+(?:or|and)\s+$", re.IGNORECASE)
#: Two-letter words that are only ever capitalised for emphasis ("I am SO sorry", "NO refunds").
_EMPHATIC_SHORT = frozenset({"NO", "SO", "DO", "ME", "MY", "WE", "IS", "BE"})


# ---------------------------------------------------------------------------------------
# PRO002 misdirected-message
# ---------------------------------------------------------------------------------------

#: Laughter in chat shorthand, and the words that show a reply speaks to the customer.
_LAUGH_CHATTER = frozenset({"lol", "lmao", "lmfao", "rofl"})
_SECOND_PERSON_SCREEN = frozenset({"you", "your", "yours", "u", "ur", "mate", "sorry", "apologies", "thanks", "thank"})

#: People a "he"/"she" in a reply can legitimately refer to.
_PERSON_NOUNS = (
    r"courier|driver|engineer|technician|tech|installer|colleague|manager|supervisor|lead|"
    r"agent|rep|representative|advisor|adviser|specialist|team|member|husband|wife|partner|"
    r"son|daughter|mother|mum|mom|father|dad|parent|brother|sister|friend|neighbou?r|landlord|"
    r"landlady|tenant|boss|owner|holder|seller|vendor|merchant|doctor|nurse|postman|postwoman|"
    r"carrier|delivery\s+person|person|recipient|sender|caller|guest|child|kid|baby|boy|girl|"
    r"grandmother|grandfather|gran|grandma|grandpa|aunt|uncle|cousin|nephew|niece|fiancee?|"
    r"boyfriend|girlfriend|client|employee|staff|officer|accountant|lawyer|solicitor|"
    r"executor|carer|caregiver|student|pupil|teacher|user|beneficiary|account\s+holder|"
    r"expert|gentleman|receptionist|cashier|clerk|assistant|associate|consultant|analyst|pilot|"
    r"captain|crew|host|chef|operator|dispatcher|inspector|surveyor|plumber|electrician|builder|"
    r"fitter|mechanic|doorman|concierge|guard|porter|fiancé|spouse|adjuster|assessor|valuer|"
    r"relative|family|developer|designer|author|artist|moderator|administrator|rider|cyclist|van\s+driver|postie|porter|steward|stewardess|attendant|"
    r"paramedic|pharmacist|dentist|vet|therapist|physio|optician|caretaker|cleaner|gardener|"
    r"cat|dog|puppy|kitten|horse|pet"
)
_PERSON_RE = re.compile(rf"\b(?:{_PERSON_NOUNS})s?\b", re.IGNORECASE)
#: A man or woman the customer mentions ("the man at the station", "a lady in the shop"):
#: someone else "he" or "she" can be, though not a word to count as a person in the reply.
_BYSTANDER_RE = re.compile(r"\b(?:the|a|this|that|one|your)\s+(?:man|woman|lady|gentleman|guy|bloke|guard|conductor|receptionist|cashier|assistant|officer|clerk|steward|stewardess|pilot)\b", re.IGNORECASE)
#: A capitalised word not at a sentence start: a name that "he"/"she" may refer to.
_NAME_RE = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{1,20}\b|(?<=\bI'm )[A-Z][a-z]+|\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z]")
#: "he"/"she"/"him"/"her"/"his": the customer in the third person when nobody else is around.
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]ers?)\b(?:'s|’s|'ll|'d)?")
#: ... and the pronoun doing what a customer does in a colleague's complaint about them.
_PRONOUN_STRONG_RE = re.compile(
    r"(?:he|she)(?:'s|’s|\s+(?:is|was|has|keeps|kept|wants|won't|will\s+not|doesn't|does\s+not|"
    r"didn't|can't|cannot|just|still|says|said|thinks|claims|insists|refuses|asked|asks|"
    r"isn't|wasn't|hasn't|needs|literally|already|really|actually|clearly|obviously|never|"
    r"always|apparently|seems|sounds|reckons))\b(?!\s+(?:available|in\s+(?:the\s+)?office|here))"
    r"|why\s+(?:does|is|did|won't|can't|would)\s+(?:he|she)\b"
    r"|(?:take|handle|deal\s+with|talk\s+to|grab|escalate|calm|ignore|block|let|get\s+rid\s+of|mute|"
    r"stew)\s+(?:him|her)\b(?!\s+(?:to|at|on|back|know))",
    re.IGNORECASE,
)
_GENERIC_PRONOUN_RE = re.compile(
    r"\b(?:he\s+or\s+she|she\s+or\s+he|his\s+or\s+her|her\s+or\s+his|him\s+or\s+her|"
    r"he/she|his/her|him/her|s/he)\b",
    re.IGNORECASE,
)
_POLICY_VERBS = r"(?!is\s+(?:responsible|required|entitled|liable|obliged|able|eligible))"
#: The customer in the third person: "this guy", "the customer keeps asking", "cust wants".
_THIRD_PERSON_RE = re.compile(
    r"\b(?:this|that)\s+(?:guy|lady|dude|chick|bloke|woman|man|girl|fella|karen|clown|idiot|"
    r"muppet|numpty|moron|genius|one\s+again|cust|cx)\b(?!\s+(?:who|that|from)\b)"
    r"|\b(?:this|that)\s+(?:customer|client|caller|cust|cx)(?:'s|’s|\s+(?:is|was|has|keeps|kept|"
    r"wants|won't|doesn't|didn't|can't|just|still|says|said|thinks|claims|insists|refuses|asked|"
    r"asks|again|literally|already|really|actually|clearly|obviously|never|apparently|seems|"
    r"sounds|gets|reckons))\b"
    r"|\bthe\s+(?:customer|client|caller|cust|cx)\s+(?:keeps|kept|wants|won't|doesn't\s+(?:get|understand)|"
    r"just|still|says|said|thinks|claims|insists|refuses|is\s+(?:asking|being|angry|upset|complaining|"
    r"annoying|still|back|on\s+the\s+phone|shouting|yelling|rude|a\s+known|getting)|asked\s+again|"
    r"called\s+(?:again|back)|again|literally|clearly|obviously|apparently|reckons|needs\s+to\s+calm)\b"
    rf"|(?:^|[.:;!?(]\s*)(?:cust|cx|customer|client|caller|dude|guy|lady|woman|bloke)\s+{_POLICY_VERBS}"
    r"(?:is|was|has|wants|says|said|keeps|asking|asked|claims|insists|refuses|being|angry|upset|"
    r"annoyed|difficult|rude|again|called|threatening|won't|will\s+not|doesn't|just|still|getting)\b"
    r"|\b(?:cust|cx)\s+(?:is|was|has|wants|says|said|keeps|called|asked|asks|needs|claims)\b"
    r"|\b(?:the\s+)?same\s+(?:guy|lady|woman|man|dude|bloke|chick|girl|customer|one)\s+"
    r"(?:from|as|again|who\s+called)\b"
    r"|\bwho\s+wants\s+(?:him|her|this\s+one)\b"
    r"|\bnot\s+(?:him|her|this\s+guy|this\s+lady|this\s+one)\s+again\b",
    re.IGNORECASE,
)
#: Chatter meant for colleagues, never for a customer.
_CHATTER_RE = re.compile(
    r"[\[(](?:internal|int|note|private|staff|internal\s+note)(?:[\])]|\s*:)"
    r"|(?:^|[.!?]\s+)(?:internal(?:\s+note)?|private\s+note|staff\s+only|todo|to\s+do|fyi\s+team)\s*:"
    r"|\b(?:lol|lmao|lmfao|rofl|ugh+|brb|smh|jfc|fml|omfg|ffs|afk|ttyl|ikr|wtf|"
    r"kill\s+me(?:\s+now)?|can'?t\s+deal\s+with\s+(?:him|her|them|this\s+(?:one|guy|shit|crap|today|anymore))|"
    r"so\s+done\s+with|"
    r"(?:take|taking)\s+over\s+(?:this|him|her)|over\s+to\s+you|your\s+turn|(?<!sorry, )(?<!sorry )(?<!sorry - )(?<!apologies, )(?<!apologies )wrong\s+(?:chat|window|tab)(?!\s*[-–,.;:]?\s*(?:my\s+mistake|my\s+apologies|apologies|sorry))|"
    r"note\s+to\s+self|internal\s+note|not\s+for\s+(?:the\s+)?(?:customer|cust)|"
    r"anyone\s+(?:know|free|around|cover|take|grab|want)|"
    r"can\s+(?:someone|anyone|you|u)\s+(?:else\s+)?(?:take\s+(?:over|him|her|this\s+one)|cover|grab|deal\s+with\s+(?:him|her)|handle\s+(?:him|her|this\s+one))|"
    r"can\s+someone\s+(?:else\s+)?(?:take|check|deal|look|handle|jump|do\s+(?:it|this|that)(?=\W*$))|"
    r"someone\s+(?:take|grab|cover)|(?:cover|watch)\s+my\s+(?:queue|chats?|tickets?|inbox)|"
    r"(?:this\s+one'?s|he'?s|she'?s)\s+(?:all\s+)?yours|"
    r"pls\s+(?:take|grab|help|escalate)|take\s+this\s+one|help\s+me\s+out\s+here)\b",
    re.IGNORECASE,
)
#: On their own these are unprofessional venting at the customer (profanity's business at
#: most), not proof of a message meant for someone else; with another sign they are.
_WEAK_CHATTER = frozenset({"lol", "lmao", "lmfao", "rofl", "brb", "afk", "ttyl", "ikr", "smh", "jfc",
                           "fml", "omfg", "ffs", "wtf"})
#: "@Sam can you ...": a colleague tagged in a request.
_MENTION_RE = re.compile(r"(?<![\w.])@([A-Za-z][\w.]{1,30})")
_MENTION_REQUEST_RE = re.compile(
    r"[,:]?\s+(?:can|could|would|will|pls|please|plz|take|grab|handle|deal|help|look|check|fyi|"
    r"this|he|she|him|her|cust|any|u|you|are|r\s+u|do\s+you|need|over|is|was|did|does|has|have)\b",
    re.IGNORECASE,
)
#: Words one of which every pattern above needs: replies without any skip the regexes.
_THIRD_SCREEN = frozenset({
    "guy", "lady", "dude", "chick", "bloke", "woman", "man", "girl", "fella", "karen", "clown",
    "idiot", "muppet", "numpty", "moron", "genius", "cust", "him", "her", "cx", "customer", "client",
    "caller", "same", "wants",
})
_CHATTER_SCREEN = frozenset({
    "lol", "lmao", "lmfao", "rofl", "ugh", "ughh", "ughhh", "ughhhh", "brb", "smh", "jfc", "fml",
    "omfg", "ffs", "afk", "ttyl", "ikr", "wtf", "kill", "deal", "done", "over", "turn", "wrong",
    "self", "internal", "int", "private", "staff", "note", "todo", "do", "anyone", "someone",
    "pls", "take", "help", "cover", "grab", "yours", "fyi", "handle", "watch",
})
_PRONOUN_SCREEN = frozenset({"he", "she", "him", "her", "his", "hers"})
_SELF_INTRO_RE = re.compile(r"\s+here\b|\s*,\s*(?:i'm|i\s+am|from|speaking)\b|\s+(?:from|speaking)\b", re.IGNORECASE)
_GREETING_RE = re.compile(r"^\W{0,3}(?i:hi|hey|hello|yo|morning|hiya|dear)\b[\s,!]+([A-Z][a-z]{1,20})\b")


_DOMAIN_RE = re.compile(r"\.[a-z]{2,}$", re.IGNORECASE)


class MisdirectedMessage(Check):
    code = "PRO002"
    name = "misdirected-message"
    category = "professionalism"
    default_severity = Severity.ERROR
    summary = "Text meant for a colleague, not the customer: 'lol this guy', '@Sam can you take this'."
    what = (
        "Finds replies written as if to a colleague: the customer in the third person ('this "
        "guy', 'the customer keeps asking', 'she won't stop', 'cust wants'), internal chatter "
        "('lol', 'ugh', 'brb', 'kill me'), a colleague tagged with a request ('@Sam can you take "
        "him'), a greeting to a colleague by name, and notes to self ('note to self', 'TODO:'). "
        "'He' or 'she' about a courier, a colleague or a relative the conversation mentions is "
        "the legitimate third person and is not flagged."
    )
    why = (
        "A message about the customer that reaches the customer is one of the worst things a "
        "support team can send: it shows what the team really thinks and cannot be taken back."
    )
    limits = (
        "'He' or 'she' with no person mentioned anywhere in the conversation is read as the "
        "customer; a name the reply mentions in passing counts as a person it may refer to. "
        "A friendly 'lol' on its own is not flagged; with other signs it is."
    )
    instead = (
        "Keep internal messages in internal channels. Before sending, check which window you are "
        "typing in; address the customer as 'you'."
    )
    examples: ClassVar[dict[str, list[Example]]] = {
        "fail": [
            "Ugh, this guy is such a pain, he's been going on about a 15% code for ten minutes. @Sam can you take him lol",
            "She keeps asking for a refund she isn't entitled to.",
            {
                "context": [("customer", "My order hasn't arrived."), ("agent", "Let me check."), ("customer", "Any news?")],
                "reply": "the customer is asking again, can someone take over this one",
            },
            "note to self: check the refund for order 55102 tomorrow",
        ],
        "pass": [
            "The courier said he'll be there between 9 and 12.",
            {
                "context": [("customer", "My husband placed the order but I can't see it.")],
                "reply": "He can add you as a second user; once he does, you'll see it.",
            },
            "I've spoken to Mark in billing and he's refunded the difference.",
            "Haha, that's a great name for a dog! Your order ships today.",
            "Thanks for your patience, I've sent the new code to your email.",
        ],
    }

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        low = reply.parsed.lower
        words = alpha_words(reply.parsed)
        signals: list[tuple[int, int, str, bool]] = []  # (start, end, what, strong)
        third = not _THIRD_SCREEN.isdisjoint(words)
        chatter = not _CHATTER_SCREEN.isdisjoint(words) or "[" in text
        for m in _THIRD_PERSON_RE.finditer(text) if third else ():
            if not reply.parsed.in_quotes(m.start(), m.end()):
                signals.append((m.start(), m.end(), "the customer in the third person", True))
        for m in _CHATTER_RE.finditer(text) if chatter else ():
            if reply.parsed.in_quotes(m.start(), m.end()):
                continue
            word = low[m.start() : m.end()]
            weak = word in _WEAK_CHATTER or word.startswith("ugh") or word in ("over to you", "your turn")
            signals.append((m.start(), m.end(), "internal chatter", not weak))
        if "@" in text:
            for m in _MENTION_RE.finditer(text):
                if EMAIL_RE.match(text, max(0, m.start() - 64)) and "." in text[m.end() : m.end() + 1]:
                    continue
                if _DOMAIN_RE.search(m.group(1).rstrip(".")):
                    continue  # "the one ending @example.org": an address, not a colleague
                name = m.group(1).lower()
                if name in state.name_parts():
                    continue
                if _MENTION_REQUEST_RE.match(text, m.end()) or name in state.agent_names:
                    signals.append((m.start(), m.end(), "a colleague tagged in the reply", True))
        g = _GREETING_RE.match(text) if state.agent_names else None
        if (
            g
            and g.group(1).lower() in state.agent_names
            and g.group(1).lower() not in state.name_parts()
            and not _SELF_INTRO_RE.match(text, g.end(1))  # "Hi, Omar here, I'm a supervisor"
        ):
            signals.append((g.start(1), g.end(1), "a greeting to a colleague", True))
        if not _PRONOUN_SCREEN.isdisjoint(words):
            generic = [m.span() for m in _GENERIC_PRONOUN_RE.finditer(text)]
            pron = [
                m
                for m in _PRONOUN_RE.finditer(text)
                if not reply.parsed.in_quotes(m.start(), m.end())
                and not any(a <= m.start() < b for a, b in generic)
            ]
            if pron and not self._has_antecedent(reply, state, pron[0].start()):
                # Nobody else in the conversation for "he"/"she" to be: it is the customer,
                # certainly so when they "keep asking", "won't stop", or are to be "handled".
                for m in pron:
                    lo = max(0, m.start() - 16)
                    strong = bool(
                        _PRONOUN_STRONG_RE.match(text, m.start())
                        or _PRONOUN_STRONG_RE.search(text, lo, m.end())
                    )
                    signals.append((m.start(), m.end(), "the customer as 'he' or 'she'", strong))
        if not signals:
            return
        strong = [x for x in signals if x[3]]
        if (
            not strong
            and len({x[2] for x in signals}) < 2
            and any(x[2] == "internal chatter" and low[x[0] : x[1]] in _LAUGH_CHATTER for x in signals)
            and _SECOND_PERSON_SCREEN.isdisjoint(words)
        ):
            # "lol third one today, these riders are crap": a laugh and a swear word, with no
            # word to the customer, is talk among colleagues ("Ugh, sorry, the app's been
            # crap all week" is said to the customer).
            for hit in profanity_matcher().find(text, low, words):
                if not reply.parsed.in_quotes(hit.start, hit.end):
                    signals.append((hit.start, hit.end, "a swear word beside the chatter", True))
                    strong = [signals[-1]]
                    break
        if not strong and len({x[2] for x in signals}) < 2:
            return  # one weak sign ("lol", a lone "she" with no one else around) is not enough
        signals.sort()
        s, e = signals[0][0], signals[-1][1]
        kinds = list(dict.fromkeys(x[2] for x in signals))
        yield self.finding(
            s,
            e,
            "This reads as a message meant for a colleague, not the customer ("
            + ", ".join(kinds)
            + ").",
            "Keep internal messages in internal channels, and address the customer as 'you'. "
            "If it was sent by mistake, apologise plainly.",
        )

    @staticmethod
    def _has_antecedent(reply: Reply, state: ConversationState, before: int) -> bool:
        """Is there a person other than the customer that 'he'/'she' can refer to?"""
        text = reply.text
        if _PERSON_RE.search(text) or _NAME_RE.search(text, 0, before):
            return True
        # "he'll" about someone the customer mentioned: "my husband", "the driver", "the man
        # at the station".
        for _, parsed in state.customer_turns[-6:]:
            if _PERSON_RE.search(parsed.text) or _BYSTANDER_RE.search(parsed.text) or re.search(r"\b(?:he|she|him|her|his)\b", parsed.lower):
                return True
        return any(_PERSON_RE.search(ar.text) for ar in state.agent_replies[-3:])


CHECKS: list[type[Check]] = [Profanity, MisdirectedMessage, Shouting]
