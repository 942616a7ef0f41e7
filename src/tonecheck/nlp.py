"""The one NLP pass every check shares.

``NlpEngine`` wraps a blank English spaCy pipeline (tokenizer + sentencizer) and the
lookup lemmatizer table from ``spacy-lookups-data``. It never downloads anything:
``spacy.blank`` needs no model package and the lemma table ships in a registry package.

Lemmas are looked up lazily, when a check reads a token, with the same table and rule as
spaCy's ``lemmatizer`` in ``lookup`` mode (``table.get(text, text)``): running spaCy's
component over every turn cost a third of the whole pipeline's time, while most tokens
are never asked for their lemma.

``Parsed`` is the read-only view of one turn that checks use: the spaCy ``Doc`` plus
cheap, lazily computed derivatives (lower-cased text, sentence bounds, quoted ranges,
tokens as plain tuples). Checks never re-tokenise; they read these.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

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
    # Single quotes may hold apostrophes between letters: 'it's not our problem'.
    r"|(?<![\w'])'(?:[^'\n]|(?<=\w)'(?=\w)){1,300}'(?![\w])"
)
# A sentence: text up to and including a run of terminal punctuation (and closing
# quotes/brackets) that is followed by whitespace, or up to the end of the text.
_SENT_RE = re.compile(r"\S(?:[^.!?]|[.!?]+(?![\s\"”’')\]]|$))*(?:[.!?]+[\"”’')\]]*|$)")
#: Longest run of non-space characters handed to spaCy's tokenizer (see NlpEngine.pipe).
MAX_RUN = 1000
_LONG_RUN_RE = re.compile(rf"\S{{{MAX_RUN + 1}}}")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NEGATION_RE = re.compile(
    r"\b(?:not|never|no|nobody|nothing|neither|nor|without|hardly|n't)\b|n't\b",
    re.IGNORECASE,
)


class Tok(NamedTuple):
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


#: Most words remembered per NlpEngine (word -> lower-cased lemma), so the words every
#: turn repeats cost one dict probe; bounded for endless streams of unseen tokens.
_LEMMA_MEMO_MAX = 500_000


class Parsed:
    """A parsed turn: text, spaCy doc and derived views, computed once on demand.

    Agent replies arrive fully parsed (tokenizer + sentencizer, batched). Customer turns
    are *lazy*: their sentences come from a regex splitter and their ``doc`` is tokenized
    only if a check asks for tokens — most only need sentences, words and regexes, and
    skipping the tokenizer for them saves about a third of the pipeline's time.
    """

    __slots__ = ("__dict__", "_doc", "_memo", "_tokenizer", "lemma_table", "text")

    def __init__(
        self,
        text: str,
        doc: Doc | None,
        lemma_table: dict[str, str] | None = None,
        tokenizer: Callable[[str], Doc] | None = None,
        memo: dict[str, str] | None = None,
    ) -> None:
        self.text = text
        self._doc = doc
        self._tokenizer = tokenizer
        self.lemma_table = lemma_table or {}
        self._memo = memo

    @property
    def doc(self) -> Doc | None:
        """The spaCy doc (tokenized on first access for lazily parsed turns)."""
        if self._doc is None and self._tokenizer is not None:
            self._doc = self._tokenizer(self.text)
            self._tokenizer = None
        return self._doc

    @property
    def is_lazy(self) -> bool:
        """True when sentences come from the regex splitter rather than spaCy."""
        return self._doc is None or not self._doc.has_annotation("SENT_START")

    def lemma(self, word: str) -> str:
        """The lower-cased lookup lemma of ``word`` (the word itself when unknown)."""
        memo = self._memo
        if memo is not None:
            hit = memo.get(word)
            if hit is not None:
                return hit
        table = self.lemma_table
        out = (table.get(word) or table.get(word.lower()) or word).lower()
        if memo is not None and len(memo) < _LEMMA_MEMO_MAX:
            memo[word] = out
        return out

    @cached_property
    def lower(self) -> str:
        """The lower-cased text; same length as ``text`` for offset-safe regex search."""
        low = self.text.lower()
        # A few characters change length when lower-cased (e.g. 'İ'); keep offsets valid.
        return low if len(low) == len(self.text) else "".join(c.lower()[:1] or c for c in self.text)

    @cached_property
    def tokens(self) -> list[Tok]:
        """Tokens as :class:`Tok` tuples (empty when there is no doc)."""
        doc = self.doc
        if doc is None:
            return []
        # One C-level array read instead of a Python Token object per token.
        from spacy.attrs import (
            IDX,
            IS_ALPHA,
            IS_TITLE,
            IS_UPPER,
            LENGTH,
            LIKE_EMAIL,
            LIKE_NUM,
            LIKE_URL,
            SENT_START,
            SPACY,
        )

        rows = doc.to_array(
            [IDX, LENGTH, IS_ALPHA, IS_UPPER, IS_TITLE, LIKE_NUM, LIKE_URL, LIKE_EMAIL, SENT_START, SPACY]
        ).tolist()
        text = self.text
        table = self.lemma_table
        memo = self._memo if self._memo is not None else {}
        memo_get = memo.get
        room = len(memo) < _LEMMA_MEMO_MAX
        starts = {s for s, _ in self.sentences} if self.is_lazy else None
        out = []
        append = out.append
        for idx, length, alpha, upper, title, num, url, email, sent, space in rows:
            word = text[idx : idx + length]
            lower = word.lower()
            lemma = memo_get(word)
            if lemma is None:
                lemma = (table.get(word) or table.get(lower) or lower).lower()
                if room:
                    memo[word] = lemma
            append(
                Tok(
                    word,
                    lower,
                    lemma,
                    idx,
                    alpha == 1,
                    upper == 1,
                    title == 1,
                    num == 1,
                    url == 1,
                    email == 1,
                    (idx in starts) if starts is not None else sent == 1,
                    space == 1,
                )
            )
        return out

    @cached_property
    def token_rows(self) -> list[tuple[str, bool, bool]]:
        """(lower-cased text, sentence start, is alphabetic) per token: what the tone model
        reads, without building a :class:`Tok` (and its lemma) for every token."""
        doc = self.doc
        if doc is None:
            return []
        from spacy.attrs import IDX, IS_ALPHA, LENGTH, SENT_START

        text = self.text
        starts = {s for s, _ in self.sentences} if self.is_lazy else None
        rows = doc.to_array([IDX, LENGTH, IS_ALPHA, SENT_START]).tolist()
        if starts is None:
            return [(text[i : i + n].lower(), s == 1, a == 1) for i, n, a, s in rows]
        return [(text[i : i + n].lower(), i in starts, a == 1) for i, n, a, _ in rows]

    @cached_property
    def words(self) -> frozenset[str]:
        """Lower-cased alphabetic words (with inner apostrophes), found without tokens."""
        return frozenset(_WORD_RE.findall(self.lower))

    @cached_property
    def stems(self) -> frozenset[str]:
        """Five-letter prefixes of the longer :attr:`words`: a cheap stemmer for matching a
        question's words in a reply ("cancel" / "cancellation", "saturday" / "saturdays")."""
        return frozenset(w[:5] for w in self.words if len(w) >= 5)

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """The lower-cased lookup lemmas of :attr:`words`."""
        return frozenset(self.lemma(w) for w in self.words)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Character ``(start, end)`` of each sentence, also split at line breaks."""
        if self.is_lazy:
            bounds = [m.span() for m in _SENT_RE.finditer(self.text)]
        else:
            bounds = [(s.start_char, s.end_char) for s in self._doc.sents]
        out: list[tuple[int, int]] = []
        text = self.text
        if "\n" not in text:  # the usual case: no line breaks to split at
            for start, end in bounds:
                chunk = text[start:end]
                if chunk.strip():
                    out.append((start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())))
            return out
        for start, end in bounds:
            chunk = text[start:end]
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
        # A negation does not reach across a clause break: "If not, that's on you".
        cut = max(self.text.rfind(ch, lo, start) for ch in ",;:")
        if cut >= lo:
            lo = cut + 1
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
        self._table: dict[str, str] | None = None
        self._memo: dict[str, str] = {}

    @property
    def lemma_table(self) -> dict[str, str]:
        """The English lemma lookup table from ``spacy-lookups-data`` (empty if absent)."""
        if self._table is None:
            self._table = _load_lemma_table() if self.lemmatizer else {}
        return self._table

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
        return nlp

    def pipe(self, texts: Iterable[str]) -> Iterator[Parsed]:
        """Parse texts in one batched pass, yielding a :class:`Parsed` per text.

        A text with a run of more than ``MAX_RUN`` non-space characters is not given to
        spaCy (its tokenizer peels affixes off such a run one by one, in quadratic time:
        minutes for 50,000 '!'); it gets regex sentences and no tokens instead."""
        texts = list(texts)
        table = self.lemma_table
        normal = [t for t in texts if not _LONG_RUN_RE.search(t)]
        docs = iter(self.nlp.pipe(normal, batch_size=self.batch_size))
        for text in texts:
            if _LONG_RUN_RE.search(text):
                yield Parsed(text, None, table, memo=self._memo)
            else:
                yield Parsed(text, next(docs), table, memo=self._memo)

    def parse(self, text: str) -> Parsed:
        """Parse one text."""
        return next(self.pipe([text]))

    def lazy(self, text: str) -> Parsed:
        """A turn whose sentences come from a regex splitter and whose tokens are made on
        first access (tokenizer only): for context turns that checks mostly scan."""
        if _LONG_RUN_RE.search(text):
            return Parsed(text, None, self.lemma_table, memo=self._memo)
        return Parsed(text, None, self.lemma_table, self.nlp.make_doc, self._memo)


def _load_lemma_table() -> dict[str, str]:
    """Read ``en_lemma_lookup`` from spacy-lookups-data (the table spaCy's lookup mode uses)."""
    try:
        import gzip
        import json
        from pathlib import Path

        import spacy_lookups_data

        path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return dict(json.load(fh))
    except (ImportError, OSError, ValueError):  # pragma: no cover - optional data missing
        return {}
