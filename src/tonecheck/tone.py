"""Tone of a reply: politeness strategies and lexicon polarity, read over parsed tokens.

This is a *feature* for ``overall`` (see :mod:`tonecheck.scoring`), never a finding. It
answers "how courteous does this read?" on a graded scale, so that two replies with no
finding still rank apart: "Thanks for waiting! Could you send me a photo?" above "Why
didn't you send a photo? You need to send it."

Two parts, both from data we can cite:

- Politeness strategies after Danescu-Niculescu-Mizil et al. (2013), "A computational
  approach to politeness": gratitude, apology, greeting, indirect "could you", hedges and
  a positive opener count up; a "why" question, a sentence opening with "you", "so" or a
  question word, "actually", "you need to" and "!!" count down. The word lists and weights
  are in ``lexicons/politeness.yml``.
- The mean polarity of the words found in TextBlob's sentiment lexicon (MIT; the
  ``en-sentiment.xml`` file shipped with the ``textblob`` package, read offline once), a
  word right after a negator flipped and halved.

Everything is read from the tokens the shared spaCy pass produced (``Parsed.tokens``); for
a turn that was never tokenised (a customer turn parsed lazily) the polarity reads the
turn's own word view (``Parsed``'s word regex), so nothing is tokenised a second time.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tonecheck.lexicon import load_lexicon

if TYPE_CHECKING:
    from tonecheck.nlp import Parsed

__all__ = ["POLARITY_WEIGHT", "TONE_SCALE", "ToneModel", "polarity", "sentiment_lexicon", "tone", "tone_model"]

#: Raw tone points per unit of mean word polarity (-1..1).
POLARITY_WEIGHT: float = 2.0
#: ``tone = tanh(raw / TONE_SCALE)``: about 2 polite strategies reach three quarters of the range.
TONE_SCALE: float = 2.5
#: A question of at most this many words is a bare fragment ("Language? Framework?").
FRAGMENT_WORDS: int = 3
_NEGATORS = frozenset({"not", "no", "never", "n't", "nt", "cannot", "without", "hardly"})
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@functools.cache
def sentiment_lexicon() -> dict[str, float]:
    """Word -> mean polarity from TextBlob's ``en-sentiment.xml`` (MIT; read once, offline).
    Empty when TextBlob is not installed: the tone then rests on the strategies alone."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    try:
        import textblob

        root = ET.parse(Path(textblob.__file__).parent / "en" / "en-sentiment.xml").getroot()
    except (ImportError, OSError, ET.ParseError):  # pragma: no cover - dependency missing
        return {}
    acc: dict[str, list[float]] = {}
    for w in root.iter("word"):
        acc.setdefault((w.get("form") or "").lower(), []).append(float(w.get("polarity") or 0.0))
    return {k: sum(v) / len(v) for k, v in acc.items() if k and any(v)}


def _lower_words(parsed: Parsed) -> list[str]:
    """The turn's words in order, lower-cased: from its tokens when it was tokenised,
    else from its word view (customer turns are parsed lazily)."""
    if "token_rows" in parsed.__dict__ or not parsed.is_lazy:
        return [row[0] for row in parsed.token_rows]
    return _WORD_RE.findall(parsed.lower)


def _mean_polarity(words: list[str], lex: dict[str, float]) -> float:
    total = 0.0
    n = 0
    prev = ""
    for w in words:
        v = lex.get(w)
        if v is not None:
            total += -0.5 * v if prev in _NEGATORS else v
            n += 1
        prev = w
    return total / n if n else 0.0


def polarity(parsed: Parsed) -> float:
    """Mean lexicon polarity of the turn's words (-1..1); 0 when none is in the lexicon."""
    return _mean_polarity(_lower_words(parsed), sentiment_lexicon())


def negative_word(parsed: Parsed) -> tuple[int, int] | None:
    """Span of the most negative lexicon word in the turn (for evidence), or None."""
    lex = sentiment_lexicon()
    best = None
    for m in _WORD_RE.finditer(parsed.lower):
        v = lex.get(m.group())
        if v is not None and v < 0 and (best is None or v < best[0]):
            best = (v, m.start(), m.end())
    return (best[1], best[2]) if best else None


@dataclass(frozen=True)
class ToneModel:
    """The politeness strategies compiled into lookup tables (built once per process)."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    caps: tuple[int, ...]
    # Keyed by the lower-cased token, read off the reply's shared ``Parsed.tokens`` (the
    # checks have built them already), so tone costs one dict probe per token.
    words: dict[str, int]
    starts: dict[str, int]
    pairs: dict[tuple[str, str], int]
    pair_heads: frozenset[str]
    polarity: dict[str, float]
    negators: frozenset[str]
    question: str
    #: Index of the strategy that counts fragment questions, or -1.
    fragment: int = -1

    @classmethod
    def load(cls) -> ToneModel:
        lex = load_lexicon("politeness")
        h = str

        names, weights, caps = [], [], []
        words: dict[str, int] = {}
        starts: dict[str, int] = {}
        pairs: dict[tuple[str, str], int] = {}
        for i, (name, spec) in enumerate(lex.items()):
            names.append(name)
            weights.append(float(spec["weight"]))
            caps.append(int(spec.get("cap", 2)))
            for w in spec.get("words", []):
                words[h(str(w).lower())] = i
            for w in spec.get("starts", []):
                starts[h(str(w).lower())] = i
            for p in spec.get("pairs", []):
                a, b = str(p).lower().split()
                pairs[(h(a), h(b))] = i
        fragment = names.index("fragment_question") if "fragment_question" in names else -1
        pol = {h(w): v for w, v in sentiment_lexicon().items()}
        return cls(
            tuple(names),
            tuple(weights),
            tuple(caps),
            words,
            starts,
            pairs,
            frozenset(a for a, _ in pairs),
            pol,
            frozenset(h(w) for w in _NEGATORS),
            h("?"),
            fragment,
        )

    @staticmethod
    def _rows(parsed: Parsed) -> list[tuple[str, bool, bool]]:
        """(lower-cased text, sentence start, is alphabetic) for each token."""
        return parsed.token_rows

    def counts(self, parsed: Parsed, rows: list[tuple[str, bool, bool]] | None = None) -> list[int]:
        """Occurrences of each strategy in the reply (one pass over its tokens)."""
        counts = [0] * len(self.names)
        words, starts, pairs, heads = self.words, self.starts, self.pairs, self.pair_heads
        question, fragment = self.question, self.fragment
        at_start = True
        prev = ""
        n_words = 0  # words in the current sentence, for fragment questions
        for w, sent, alpha in self._rows(parsed) if rows is None else rows:
            if sent:
                at_start = True
                n_words = 0
            if alpha:
                n_words += 1
            elif w == question and 0 < n_words <= FRAGMENT_WORDS and prev != question and fragment >= 0:
                counts[fragment] += 1  # "Language? Framework?": a bare fragment question
            i = words.get(w)
            if i is not None:
                counts[i] += 1
            if prev in heads:
                j = pairs.get((prev, w))
                if j is not None:
                    counts[j] += 1
            if at_start and alpha:
                k = starts.get(w)
                if k is not None:
                    counts[k] += 1
                at_start = False
            prev = w
        return counts

    def raw(self, parsed: Parsed) -> float:
        """Raw tone points: capped strategy counts times weights, plus word polarity."""
        rows = self._rows(parsed)
        total = 0.0
        for c, w, cap in zip(self.counts(parsed, rows), self.weights, self.caps, strict=True):
            if c:
                total += w * min(c, cap)
        pol, neg = self.polarity, self.negators
        acc = 0.0
        n = 0
        prev = ""
        for w, _, _ in rows:
            v = pol.get(w)
            if v is not None:
                acc += -0.5 * v if prev in neg else v
                n += 1
            prev = w
        if n:
            total += POLARITY_WEIGHT * acc / n
        return total


@functools.cache
def tone_model() -> ToneModel:
    """The process-wide compiled model (read-only after creation)."""
    return ToneModel.load()


def tone(parsed: Parsed) -> float:
    """How courteous the reply reads, from -1 (curt, hostile) to 1 (warm, polite); 0 neutral."""
    if not parsed.text.strip():
        return 0.0
    return math.tanh(tone_model().raw(parsed) / TONE_SCALE)
