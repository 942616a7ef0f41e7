"""The one NLP pass every check shares.

``NlpEngine`` wraps a blank English spaCy pipeline (tokenizer + sentencizer + lookup
lemmatizer from ``spacy-lookups-data``). It never downloads anything: ``spacy.blank``
needs no model package and the lemma tables ship in a registry package.

``Parsed`` is the read-only view of one turn that checks use: the spaCy ``Doc`` plus
cheap, lazily computed derivatives (lower-cased text, sentence bounds, quoted ranges,
tokens as plain tuples). Checks never re-tokenise; they read these.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported lazily: importing tonecheck must not load spaCy
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["NlpEngine", "Parsed", "Tok"]

#: spaCy refuses longer texts by default (1,000,000 chars); a blank pipeline needs little
#: memory per character, so we allow long replies and rely on linear-time checks.
MAX_TEXT_CHARS = 20_000_000

# Quoted stretches inside one line. Bounded repetition keeps these linear.
_QUOTE_RE = re.compile(
    r'"[^"\n]{1,300}"'
    r"|“[^”\n]{1,300}”"
    r"|‘[^’\n]{1,300}’"
    r"|(?<![\w'])'[^'\n]{1,300}'(?![\w])"
)
_NEGATION_RE = re.compile(
    r"\b(?:not|never|no|nobody|nothing|neither|nor|without|hardly|n't)\b|n't\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Tok:
    """A token as plain data: cheaper to read in hot loops than spaCy attributes."""

    text: str
    lower: str
    lemma: str
    idx: int
    is_alpha: bool
    is_upper: bool
    is_title: bool
    like_num: bool
    like_url: bool
    like_email: bool
    is_sent_start: bool
    ws: bool  # followed by whitespace


class Parsed:
    """A parsed turn: text, spaCy doc and derived views, computed once on demand."""

    __slots__ = ("__dict__", "doc", "text")

    def __init__(self, text: str, doc: Doc | None) -> None:
        self.text = text
        self.doc = doc

    @cached_property
    def lower(self) -> str:
        """The lower-cased text; same length as ``text`` for offset-safe regex search."""
        low = self.text.lower()
        # A few characters change length when lower-cased (e.g. 'İ'); keep offsets valid.
        return low if len(low) == len(self.text) else "".join(c.lower()[:1] or c for c in self.text)

    @cached_property
    def tokens(self) -> list[Tok]:
        """Tokens as :class:`Tok` tuples (empty when there is no doc)."""
        if self.doc is None:
            return []
        out = []
        for t in self.doc:
            out.append(
                Tok(
                    t.text,
                    t.lower_,
                    t.lemma_.lower() if t.lemma_ else t.lower_,
                    t.idx,
                    t.is_alpha,
                    t.is_upper,
                    t.is_title,
                    t.like_num,
                    t.like_url,
                    t.like_email,
                    bool(t.is_sent_start),
                    bool(t.whitespace_),
                )
            )
        return out

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """The set of lower-cased lemmas of alphabetic tokens."""
        return frozenset(t.lemma for t in self.tokens if t.is_alpha)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Character ``(start, end)`` of each sentence, also split at line breaks."""
        if self.doc is None:
            bounds = [(0, len(self.text))] if self.text else []
        else:
            bounds = [(s.start_char, s.end_char) for s in self.doc.sents]
        out: list[tuple[int, int]] = []
        for start, end in bounds:
            chunk = self.text[start:end]
            pos = start
            for piece in re.split(r"(\n\s*)", chunk):
                if not piece:
                    continue
                if piece.strip():
                    lead = len(piece) - len(piece.lstrip())
                    trail = len(piece.rstrip())
                    out.append((pos + lead, pos + trail))
                pos += len(piece)
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence that contains ``offset`` (or the nearest one before it)."""
        sents = self.sentences
        if not sents:
            return (0, len(self.text))
        i = bisect_right(self._sentence_starts, offset) - 1
        return sents[max(i, 0)]

    @cached_property
    def quoted(self) -> list[tuple[int, int]]:
        """Character ranges inside quotation marks (the quoted words, marks included)."""
        return [m.span() for m in _QUOTE_RE.finditer(self.text)]

    def in_quotes(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` lies inside a quoted stretch."""
        return any(qs <= start and end <= qe for qs, qe in self.quoted)

    def negated(self, start: int, window: int = 40) -> bool:
        """True when a negation word precedes ``start`` in the same sentence, close by."""
        s_start, _ = self.sentence_at(start)
        lo = max(s_start, start - window)
        return _NEGATION_RE.search(self.text, lo, start) is not None


class NlpEngine:
    """Loads the blank English pipeline once and parses texts in batches.

    The pipeline is built on first use so that creating an ``Analyzer`` in a process that
    only reads configuration stays cheap.
    """

    def __init__(self, *, lemmatizer: bool = True, batch_size: int = 512) -> None:
        self.lemmatizer = lemmatizer
        self.batch_size = batch_size
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        """The spaCy ``Language`` object, built on first access."""
        if self._nlp is None:
            self._nlp = self._build()
        return self._nlp

    def _build(self) -> Language:
        import spacy

        nlp = spacy.blank("en")
        nlp.max_length = MAX_TEXT_CHARS
        nlp.add_pipe("sentencizer")
        if self.lemmatizer:
            try:
                nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
                nlp.initialize()
            except Exception:  # pragma: no cover - spacy-lookups-data missing
                nlp.remove_pipe("lemmatizer")
        return nlp

    def pipe(self, texts: Iterable[str]) -> Iterator[Parsed]:
        """Parse texts in one batched pass, yielding a :class:`Parsed` per text."""
        texts = list(texts)
        for text, doc in zip(texts, self.nlp.pipe(texts, batch_size=self.batch_size), strict=True):
            yield Parsed(text, doc)

    def parse(self, text: str) -> Parsed:
        """Parse one text."""
        return Parsed(text, self.nlp(text))
