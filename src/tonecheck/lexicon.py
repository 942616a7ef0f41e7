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

    Spaces match any run of whitespace, straight and curly apostrophes match each other,
    and a trailing ``*`` means "any word ending" (``frustrat*``). Everything else is
    literal. A phrase starting with ``re:`` is taken as a regex as it is.
    """
    if phrase.startswith("re:"):
        return phrase[3:].strip()
    star = phrase.endswith("*")
    if star:
        phrase = phrase[:-1]
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"\s+")
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
_cache: list[object] = [None, frozenset()]


def _words_of(text: str) -> frozenset[str]:
    """Lower-cased words of ``text`` (apostrophes normalised), cached for the last text:
    all matchers checking one reply share one scan."""
    if _cache[0] is text:
        return _cache[1]  # type: ignore[return-value]
    words = frozenset(_WORDS_RE.findall(text.lower().replace("’", "'")))
    _cache[0], _cache[1] = text, words
    return words


_lower_cache: list[object] = [None, ""]


def _lower_of(text: str) -> str:
    if _lower_cache[0] is not text:
        _lower_cache[0], _lower_cache[1] = text, text.lower().replace("’", "'")
    return _lower_cache[1]  # type: ignore[return-value]


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


def _anchor(phrase: str) -> str | None:
    """The word a plain phrase cannot match without (its longest non-stopword)."""
    words = [w for w in _WORDS_RE.findall(phrase.lower().replace("’", "'")) if w not in _STOP]
    return max(words, key=len) if words else None


def _alternation(items: list[str], flags: int) -> re.Pattern[str] | None:
    if not items:
        return None
    body = "|".join(phrase_pattern(p) for p in sorted(items, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’])(?:{body})(?![\w])", flags)


class PhraseMatcher:
    """Finds any of a list of phrases, with the interface of a compiled regex
    (``finditer``, ``search``, ``findall``, ``pattern``).

    Plain phrases are gated by an anchor word: their alternation only runs when the
    text contains one of the anchors (one cached word scan per text), which skips most
    replies; regex (``re:``) and ``*`` phrases always run. Results are merged in text
    order without overlaps, longer first at the same start, as one alternation would be.
    """

    __slots__ = ("_anchors", "_gated", "_plain", "_raw", "pattern")

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
        body = "|".join(phrase_pattern(p) for p in items) or "(?!x)x"
        self.pattern = rf"(?<![\w'’])(?:{body})(?![\w])"

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        raw = list(self._raw.finditer(text, pos, end)) if self._raw is not None else []
        if self._gated:
            low = _lower_of(text)
            for trigger, pattern in self._gated:
                if trigger in low and pattern is not None:
                    raw += pattern.finditer(text, pos, end)
            if len(raw) > 1:
                raw.sort(key=lambda m: (m.start(), -m.end()))
        plain: list[re.Match[str]] = []
        if self._plain is not None and not self._anchors.isdisjoint(_words_of(text)):
            plain = list(self._plain.finditer(text, pos, end))
        if not raw or not plain:
            return iter(raw or plain)
        merged = sorted(raw + plain, key=lambda m: (m.start(), -m.end()))
        out, last = [], -1
        for m in merged:
            if m.start() >= last:
                out.append(m)
                last = m.end() if m.end() > m.start() else m.start() + 1
        return iter(out)

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
