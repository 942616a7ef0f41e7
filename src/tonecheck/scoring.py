"""From findings to scores: one table of weights, one formula, explained in words.

Per category (empathy, clarity, attention, professionalism, pressure):

    score = clamp(100 - sum(PENALTY[severity] for each problem in the category)
                      + min(BONUS_CAP, BONUS * strengths credited to the category), 0, 100)

A category with nothing to judge stays at 100; strengths can only win back points lost
to problems in their category, never lift a score above 100. ``overall`` is the
weighted mean of the five scores with ``WEIGHTS``, then capped at
``worst category + OVERALL_SPREAD`` so that one severe failure (profanity, a
misdirected message) cannot hide behind four perfect categories.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from tonecheck.types import PROBLEM_CATEGORIES, Finding

__all__ = [
    "BONUS",
    "BONUS_CAP",
    "COURTESY_CAP",
    "COURTESY_POINTS",
    "OVERALL_SPREAD",
    "PENALTY",
    "STRENGTH_CATEGORY",
    "WEIGHTS",
    "courtesy",
    "explain_scoring",
    "score",
]

#: Points a problem finding costs its category, by severity.
PENALTY: dict[str, float] = {"info": 5.0, "warning": 20.0, "error": 50.0}
#: Points each strength credits to its category, and the most it can win back.
BONUS: float = 5.0
BONUS_CAP: float = 15.0
#: Which category a strength credits.
STRENGTH_CATEGORY: dict[str, str] = {
    "acknowledges-feelings": "empathy",
    "takes-ownership": "empathy",
    "offers-follow-up": "attention",
    "uses-customer-name": "attention",
    "clear-next-step": "clarity",
}
#: Weights of the weighted mean that makes ``overall`` (they sum to 1).
WEIGHTS: dict[str, float] = {
    "empathy": 0.25,
    "clarity": 0.15,
    "attention": 0.25,
    "professionalism": 0.20,
    "pressure": 0.15,
}
#: ``overall`` is at most the worst category plus this many points.
OVERALL_SPREAD: float = 25.0
#: Points per courtesy marker on ``overall``, and the most they can move it either way.
COURTESY_POINTS: float = 1.5
COURTESY_CAP: float = 4.5

# Politeness strategies after Danescu-Niculescu-Mizil et al. (2013), "A computational
# approach to politeness": markers that raise or lower perceived politeness. Written for
# tonecheck (MIT); they nudge ``overall`` only, never create findings.
_POLITE_RE = re.compile(
    r"\b(?:thanks|thank\s+you|thx|appreciate|grateful|sorry|apologi[sz]e|apologies|excuse\s+me|please|pls"
    r"|hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|i\s+think|i\s+believe|perhaps|maybe|possibly"
    r"|i\s+guess|i\s+suppose|might|would\s+you|could\s+you|would\s+it|would\s+be|could\s+be|happy\s+to|glad\s+to"
    r"|great|nice|wonderful|excellent|helpful|welcome|kindly|by\s+the\s+way)\b",
    re.IGNORECASE,
)
_IMPOLITE_RE = re.compile(
    r"(?:^|[.!?]\s+)(?:why|what|how|so|you|look|listen|stop|don't|do\s+not|read|explain|tell\s+me|just)\b"
    r"|\b(?:in\s+fact|actually|the\s+point\s+is|the\s+reality\s+is|seriously|obviously|clearly|whatever"
    r"|wrong|stupid|ridiculous|nonsense|useless|pointless|lazy|incompetent|idiot\w*|rubbish|crap|damn|hell|wtf"
    r"|shut\s+up|no\s+idea|not\s+my\s+problem|your\s+problem)\b|[?!]{2,}",
    re.IGNORECASE,
)


#: Points for the reply's mean word polarity (-1..1) from TextBlob's sentiment lexicon.
SENTIMENT_POINTS: float = 6.0
_WORD_RE = re.compile(r"[a-z']+")
_NEGATORS = frozenset({"not", "no", "never", "n't", "don't", "didn't", "isn't", "wasn't", "can't", "won't", "cannot"})


@functools.cache
def _sentiment_lexicon() -> dict[str, float]:
    """Word -> mean polarity from TextBlob's en-sentiment.xml (MIT; read once, offline)."""
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


def polarity(text: str, *, lowered: bool = False) -> float:
    """Mean lexicon polarity of the words of ``text`` (-1..1), a word after a negator halved
    and flipped; 0 when no word is in the lexicon. A feature, never a finding.
    ``lowered=True`` says the text is lower-cased already."""
    lex = _sentiment_lexicon()
    words = _WORD_RE.findall(text if lowered else text.lower())
    vals = []
    for i, w in enumerate(words):
        v = lex.get(w)
        if v is not None:
            vals.append(-0.5 * v if i and words[i - 1] in _NEGATORS else v)
    return sum(vals) / len(vals) if vals else 0.0


# One scan finds both kinds. It runs on the lower-cased text *without* IGNORECASE: the
# patterns' letters are all lower case, and without the flag the regex engine can skip an
# alternative on its first letter instead of case-folding every branch (about 3x faster;
# only counts are used, so offsets in the lowered text need not match the original).
_TONE_RE = re.compile(f"(?P<p>{_POLITE_RE.pattern})|(?P<n>{_IMPOLITE_RE.pattern})")
#: Characters that IGNORECASE equates with an ASCII letter but ``str.lower`` leaves alone.
_FOLD = str.maketrans({"ı": "i", "ſ": "s"})


def negative_word(text: str) -> tuple[int, int] | None:
    """Span of the most negative lexicon word in ``text`` (for evidence), or None."""
    lex = _sentiment_lexicon()
    best = None
    for m in re.finditer(r"[A-Za-z']+", text):
        v = lex.get(m.group().lower())
        if v is not None and v < 0 and (best is None or v < best[0]):
            best = (v, m.start(), m.end())
    return (best[1], best[2]) if best else None


def courtesy(text: str) -> float:
    """Points (between -COURTESY_CAP and +COURTESY_CAP) that tone adds to ``overall``:
    +1.5 per polite marker (thanks, sorry, please, greeting, hedge), -1.5 per impolite one
    (a bare 'why ...?' opener, 'actually', 'ridiculous', '!!'), plus 6 x the mean word
    polarity. Measured on public data (benchmarks/quality.py): it separates polite from
    impolite requests better than VADER alone."""
    if not text:
        return 0.0
    low = text.lower()
    folded = low.translate(_FOLD) if ("ı" in low or "ſ" in low) else low
    pos = neg = 0
    for m in _TONE_RE.finditer(folded):
        if m.lastgroup == "p":
            pos += 1
        else:
            neg += 1
    raw = COURTESY_POINTS * (pos - neg) + SENTIMENT_POINTS * polarity(low, lowered=True)
    return max(-COURTESY_CAP, min(COURTESY_CAP, raw))


def score(findings: Iterable[Finding], text: str | None = None) -> tuple[dict[str, float], float]:
    """Return ``(scores per category, overall)`` for one reply's findings (and its text,
    for the courtesy nudge)."""
    penalty = dict.fromkeys(PROBLEM_CATEGORIES, 0.0)
    bonus = dict.fromkeys(PROBLEM_CATEGORIES, 0.0)
    for f in findings:
        if f.category == "strength":
            target = STRENGTH_CATEGORY.get(f.name, "empathy")
            bonus[target] += BONUS
        elif f.category in penalty:
            penalty[f.category] += PENALTY[f.severity.value]
    scores = {
        c: max(0.0, min(100.0, 100.0 - penalty[c] + min(BONUS_CAP, bonus[c])))
        for c in PROBLEM_CATEGORIES
    }
    mean = sum(WEIGHTS[c] * scores[c] for c in PROBLEM_CATEGORIES)
    nudge = courtesy(text) if text else 0.0
    overall = max(0.0, min(100.0, mean - COURTESY_CAP + nudge))
    overall = min(overall, min(scores.values()) + OVERALL_SPREAD)
    return scores, round(overall, 1)


def explain_scoring() -> str:
    """The text of ``tonecheck explain scoring``: the formula with the live numbers."""
    weights = ", ".join(f"{c} {w:.0%}" for c, w in WEIGHTS.items())
    credits = ", ".join(f"{k} -> {v}" for k, v in STRENGTH_CATEGORY.items())
    return f"""How tonecheck scores a reply

What it does
  Each agent reply gets five category scores (empathy, clarity, attention,
  professionalism, pressure) from 0 to 100, higher is better, and an overall score.

The formula
  Every category starts at 100. Each problem found in it costs points by severity:
  info {PENALTY['info']:g}, warning {PENALTY['warning']:g}, error {PENALTY['error']:g}.
  Each strength credits {BONUS:g} points to one category, at most {BONUS_CAP:g} in all,
  and only to win back points lost there: a score never goes above 100 or below 0.
  Strength credits: {credits}.

  overall = weighted mean of the five scores ({weights})
            - {COURTESY_CAP:g} + courtesy (0 to {2 * COURTESY_CAP:g}: {COURTESY_POINTS:g} per polite marker such as
              thanks, sorry, please, a greeting or a hedge, minus {COURTESY_POINTS:g} per impolite one such
              as a bare "why ...?" opener, "actually", "ridiculous" or "!!", plus {SENTIMENT_POINTS:g} x the
              mean word polarity from TextBlob's sentiment lexicon; tone never creates a finding),
            capped at the lowest category score + {OVERALL_SPREAD:g},
  so that one severe failure (swearing at a customer) shows in the overall score.

Why it is built this way
  A QA lead must be able to defend a score to an agent: every point lost is a finding
  with its words quoted, and the same finding always costs the same points. A category
  with nothing to judge (no distress to acknowledge, no cancel request) keeps 100.

Known limits
  Scores count findings; they do not weigh how long a reply is or how hard the case was.
  Compare agents on many replies (tonecheck.summarize), not on one.

Example
  A reply with one spelling warning and one unanswered question (warning) and
  one "thanks": clarity 80, attention 80, others 100 -> 92 - 4.5 + 1.5 (+ polarity) = about 89.
  A neutral reply with no finding sits at 95.5; a courteous one reaches 100.
  A reply with retention pressure (error): pressure 50 -> capped at 50 + 25 = 75.
"""
