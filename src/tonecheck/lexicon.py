"""Word lists and phrase patterns shipped as data, compiled once per Analyzer.

Lexicons live in ``tonecheck/lexicons/*.yml`` (each file notes its source). Phrases are
compiled into one alternation per list: a single linear scan of the text finds every
phrase, instead of one regex per word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["PhraseMatcher", "compile_phrases", "load_lexicon", "phrase_pattern"]


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """Read ``lexicons/<name>.yml`` from the package (cached: files never change at run time)."""
    path = resources.files("tonecheck") / "lexicons" / f"{name}.yml"
    with path.open("r", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"lexicons/{name}.yml: expected a mapping at the top level")
    return data


def phrase_pattern(phrase: str) -> str:
    """Turn a plain phrase into a regex fragment.

    Spaces match any run of whitespace, straight and curly apostrophes match each other
    (and the one of "n't" may be left out, as chat writes "cant", "dont"),
    and a trailing ``*`` means "any word ending" (``frustrat*``). Everything else is
    literal. A phrase starting with ``re:`` is taken as a regex as it is.
    """
    if phrase.startswith("re:"):
        return literal_guard(phrase[3:].strip())
    star = phrase.endswith("*")
    if star:
        phrase = phrase[:-1]
    out = []
    for i, ch in enumerate(phrase):
        if ch == " ":
            out.append(r"\s+")
        elif ch in "'’" and phrase[i - 1 : i] == "n" and phrase[i + 1 : i + 2] == "t":
            out.append("['’]?")  # "can't afford" also as chat writes it: "cant afford"
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(ch))
    body = "".join(out)
    if star:
        body += r"\w{0,20}"
    return body


_WORDS_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_STOP = frozenset(["a", "an", "the", "i", "you", "we", "it", "is", "are", "to", "of", "in", "on", "for", "my", "your", "our", "and", "or", "not", "be"])
# One-entry caches for the last text. Each holds a (text, value) tuple that is replaced
# as a whole, so threads sharing an Analyzer (Dask's threaded workers) never see the key
# of one text with the value of another.
_cache: list[tuple[object, frozenset[str]]] = [(None, frozenset())]


def _words_of(text: str) -> frozenset[str]:
    """Lower-cased words of ``text`` (apostrophes normalised), cached for the last text:
    all matchers checking one reply share one scan."""
    key, words = _cache[0]
    if key is text:
        return words
    words = frozenset(_WORDS_RE.findall(text.lower().replace("’", "'")))
    _cache[0] = (text, words)
    return words


_lower_cache: list[tuple[object, str]] = [(None, "")]


def _lower_of(text: str) -> str:
    key, low = _lower_cache[0]
    if key is not text:
        low = text.lower().replace("’", "'")
        _lower_cache[0] = (text, low)
    return low


def _literal(phrase: str) -> str | None:
    """For a ``re:`` or ``*`` phrase: its longest literal word (3+ letters) outside any
    group, class or escape, which every match must contain; None when there is none."""
    body = phrase[3:] if phrase.startswith("re:") else phrase.rstrip("*")
    if not phrase.startswith("re:"):
        words = re.findall(r"[a-z']{3,}", body.lower())
        return max(words, key=len) if words else None
    prev = None
    while prev != body:
        prev, body = body, re.sub(r"\([^()]*\)|\[[^\]]*\]|\{[^}]*\}", " ", body)
    if "|" in body:
        return None  # a top-level alternation: no single literal is required
    body = re.sub(r"\\.", " ", body)
    body = re.sub(r"[a-z]\?|[a-z][*+]", " ", body.lower())  # optional or repeated letters
    words = re.findall(r"[a-z']{3,}", body)
    return max(words, key=len) if words else None


def _skip_group(src: str, i: int) -> int:
    """The index just after the parenthesised group that opens at ``src[i]``."""
    depth, j = 0, i
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            k = src.find("]", j + 2)
            j = (k if k != -1 else len(src) - 1) + 1
            continue
        depth += c == "("
        depth -= c == ")"
        j += 1
        if depth == 0:
            return j
    return len(src)


_LOOKBEHIND_GROUP_RE = re.compile(r"\(\?<[=!]|\(\?:\(\?<[=!]")
_LEADING_LITERAL_RE = re.compile(r"[A-Za-z]{2,}")


def literal_guard(src: str) -> str:
    """``src`` with a lookahead for the literal it starts with after its leading lookbehinds.

    Python's engine tries a pattern that opens with lookbehinds (``(?<!does )\\bhe\\s+...``)
    at every position of the text, evaluating each lookbehind there; a leading ``(?=he)``
    lets it skip to the places where the literal occurs, about twenty times faster on
    support replies. The result matches exactly what ``src`` matches: the lookbehinds and
    ``\\b`` are zero-width, so the literal is where the match starts. A pattern that does
    not open with lookbehinds, or has no plain literal after them, is returned unchanged.
    """
    i = 0
    while _LOOKBEHIND_GROUP_RE.match(src, i):
        j = _skip_group(src, i)
        if src.startswith("(?:", i) and not _only_lookbehinds(src[i + 3 : j - 1]):
            break  # "(?:(?<=a )|b)": a branch that consumes text
        i = j
    if i == 0:
        return src
    if src.startswith("\\b", i):
        i += 2
    m = _LEADING_LITERAL_RE.match(src, i)
    if m is None:
        return src
    lit = m.group()
    nxt = src[m.end() : m.end() + 1]
    if nxt in ("?", "*", "{"):
        lit = lit[:-1]  # the last letter is optional or repeated
    if len(lit) < 2 or not _top_level_free_of_bar(src, 0):
        return src
    return f"(?={lit}){src}"


def _only_lookbehinds(inner: str) -> bool:
    """Whether every top-level branch of ``inner`` is one lookbehind group."""
    k = 0
    while k < len(inner):
        if not inner.startswith(("(?<=", "(?<!"), k):
            return False
        k = _skip_group(inner, k)
        if k < len(inner):
            if inner[k] != "|":
                return False
            k += 1
    return True


def _top_level_free_of_bar(src: str, i: int) -> bool:
    """Whether ``src[i:]`` has no ``|`` outside groups (a top-level alternation can start
    with another branch)."""
    return len(_top_branches(src[i:])) == 1


def _anchor(phrase: str) -> str | None:
    """The word a plain phrase cannot match without (its longest non-stopword)."""
    words = [w for w in _WORDS_RE.findall(phrase.lower().replace("’", "'")) if w not in _STOP]
    return max(words, key=len) if words else None


def _top_branches(src: str) -> list[str]:
    """``src`` split at its top-level ``|`` (not those inside groups or classes)."""
    out, start, j = [], 0, 0
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
        elif c == "(":
            j = _skip_group(src, j)
        elif c == "[":
            k = src.find("]", j + 2)
            j = (k if k != -1 else len(src) - 1) + 1
        elif c == "|":
            out.append(src[start:j])
            j += 1
            start = j
        else:
            j += 1
    out.append(src[start:])
    return out


def _opens_with_word_char(src: str) -> bool:
    """Whether every match of ``src`` starts with a letter or digit, judged from its text:
    a plain one that is not optional, or a non-optional ``(?:...)`` whose every branch
    does. False when unsure."""
    if src[:1].isascii() and src[:1].isalnum():
        return src[1:2] not in ("?", "*", "{")
    if src.startswith("(?:"):
        j = _skip_group(src, 0)
        if src[j : j + 1] in ("?", "*", "{"):
            return False
        return all(b and _opens_with_word_char(b) for b in _top_branches(src[3 : j - 1]))
    return False


def bare_start(fragment: str) -> str:
    """``fragment`` without the ``\\b`` that opens a top-level branch before a letter or
    digit. Only for a fragment placed right after the ``(?<![\\w'’])`` of an alternation,
    where that ``\\b`` always holds. Why: Python's engine skips an alternation's branch on
    its first character only when it opens with a literal; a leading ``\\b`` makes it try
    every branch at every word (the topic scans ran about 1.6x slower). Same matches."""
    if "\\b" not in fragment:
        return fragment
    branches = _top_branches(fragment)
    for i, b in enumerate(branches):
        if b.startswith("\\b") and _opens_with_word_char(b[2:]):
            branches[i] = b[2:]
    return "|".join(branches)


def _alternation(items: list[str], flags: int) -> re.Pattern[str] | None:
    if not items:
        return None
    body = "|".join(bare_start(phrase_pattern(p)) for p in sorted(items, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’])(?:{body})(?![\w])", flags)


# --- a fast pre-check on lower-cased text ---------------------------------------------
# With IGNORECASE, Python's regex engine case-folds every alternative at every position;
# without it, an alternative is skipped on its first letter. So each case-insensitive
# alternation gets a twin compiled without the flag, run on the lower-cased text first:
# the twin matches wherever the original does (same pattern, every letter lower case on
# both sides), and when it finds nothing, the original scan - and its cost - is skipped.
# Most phrase lists match nothing in most replies. Results are the original's, always.
_FOLD = str.maketrans({"ı": "i", "ſ": "s"})  # IGNORECASE equates these with i and s
_ESCAPE_RE = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)")


def lower_twin(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive ``pattern`` for lower-cased text: the
    same pattern with its letters lower-cased (not those of escapes such as ``\\S`` or of
    group names), or None when that is not safe (inline flags, or it does not compile)."""
    if pattern is None or not pattern.flags & re.IGNORECASE:
        return None
    src = pattern.pattern
    bare = _ESCAPE_RE.sub("", src)
    if "(?" in bare.replace("(?:", "").replace("(?=", "").replace("(?!", "").replace("(?<", ""):
        return None
    if "\\N{" in src:
        return None
    pieces, pos = [], 0
    for m in _ESCAPE_RE.finditer(src):
        pieces.append(src[pos : m.start()].lower())
        pieces.append(m.group())
        pos = m.end()
    pieces.append(src[pos:].lower())
    try:
        return re.compile("".join(pieces), pattern.flags & ~re.IGNORECASE)
    except re.error:  # pragma: no cover - a construct lower-casing breaks
        return None


_fold_cache: list[tuple[object, str | None]] = [(None, None)]


def folded(text: str) -> str | None:
    """``text`` lower-cased for the twins (cached for the last text), or None when
    lower-casing changes its length (a rare character such as 'İ'): then no pre-check."""
    key, low = _fold_cache[0]
    if key is not text:
        low = text.lower()
        if "ı" in low or "ſ" in low:
            low = low.translate(_FOLD)
        if len(low) != len(text):
            low = None
        _fold_cache[0] = (text, low)
    return low


def _scan(pattern: re.Pattern[str], twin: re.Pattern[str] | None, text: str, pos: int, end: int) -> list[re.Match[str]]:
    """``pattern.finditer`` as a list, skipped when the twin finds nothing."""
    if twin is not None and pos == 0 and end >= len(text):
        low = folded(text)
        if low is not None and twin.search(low) is None:
            return []
    return list(pattern.finditer(text, pos, end))


class PhraseMatcher:
    """Finds any of a list of phrases, with the interface of a compiled regex
    (``finditer``, ``search``, ``findall``, ``pattern``).

    Plain phrases are gated by an anchor word: their alternation only runs when the
    text contains one of the anchors (one cached word scan per text), which skips most
    replies; regex (``re:``) and ``*`` phrases always run. Results are merged in text
    order without overlaps, longer first at the same start, as one alternation would be.
    """

    __slots__ = ("_anchors", "_gated", "_last", "_plain", "_plain_twin", "_raw", "_raw_twin", "pattern")

    def __init__(self, phrases: Iterable[str], flags: int = re.IGNORECASE) -> None:
        items = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
        plain, raw, anchors = [], [], set()
        gated: dict[str, list[str]] = {}
        for p in items:
            a = None if (p.startswith("re:") or p.endswith("*")) else _anchor(p)
            if a is not None:
                plain.append(p)
                anchors.add(a)
                continue
            trigger = _literal(p)
            if trigger is None:
                raw.append(p)
            else:
                gated.setdefault(trigger, []).append(p)
        self._plain = _alternation(plain, flags)
        self._raw = _alternation(raw, flags)
        # Regex phrases with a literal they cannot match without: run only when the
        # lower-cased text contains it.
        self._gated = [(t, _alternation(ps, flags)) for t, ps in sorted(gated.items())]
        self._anchors = frozenset(anchors)
        self._raw_twin = lower_twin(self._raw)
        self._plain_twin = lower_twin(self._plain)
        # The last call's arguments and result: several checks scan the same reply with
        # the same matcher (acknowledgements: unacknowledged-distress and the strength).
        self._last: tuple[object, int, int | None, list[re.Match[str]]] = (None, 0, None, [])
        body = "|".join(phrase_pattern(p) for p in items) or "(?!x)x"
        self.pattern = rf"(?<![\w'’])(?:{body})(?![\w])"

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        last = self._last
        if last[0] is text and last[1] == pos and last[2] == endpos:
            return iter(last[3])
        out = self._find(text, pos, endpos)
        self._last = (text, pos, endpos, out)
        return iter(out)

    def _find(self, text: str, pos: int, endpos: int | None) -> list[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        raw = _scan(self._raw, self._raw_twin, text, pos, end) if self._raw is not None else []
        if self._gated:
            low = _lower_of(text)
            for trigger, pattern in self._gated:
                if trigger in low and pattern is not None:
                    raw += pattern.finditer(text, pos, end)
            if len(raw) > 1:
                raw.sort(key=lambda m: (m.start(), -m.end()))
        plain: list[re.Match[str]] = []
        if self._plain is not None and not self._anchors.isdisjoint(_words_of(text)):
            plain = _scan(self._plain, self._plain_twin, text, pos, end)
        if not raw or not plain:
            return raw or plain
        merged = sorted(raw + plain, key=lambda m: (m.start(), -m.end()))
        out, last = [], -1
        for m in merged:
            if m.start() >= last:
                out.append(m)
                last = m.end() if m.end() > m.start() else m.start() + 1
        return out

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)

    def findall(self, text: str) -> list[str]:
        return [m.group() for m in self.finditer(text)]


def compile_phrases(phrases: Iterable[str], *, flags: int = re.IGNORECASE) -> PhraseMatcher:
    """A matcher for any of ``phrases`` on word boundaries, case-insensitive.

    Longer phrases win at the same position ("not my problem" over "problem"). An empty
    list never matches.
    """
    return PhraseMatcher(phrases, flags)
