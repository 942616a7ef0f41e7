"""From findings to scores: one table of weights, one formula, explained in words.

Per category (empathy, clarity, attention, professionalism, pressure):

    score = clamp(100 - sum(cost of each problem in the category)
                      + min(BONUS_CAP, BONUS * strengths credited to the category), 0, 100)

where a problem costs ``PENALTY[severity]`` and every further finding of the *same check*
in the same reply costs ``REPEAT_FACTOR`` times the previous one (five typos are worse
than one, not five times worse). A category with nothing to judge stays at 100 (a reply
with no distress to answer is not punished); strengths only win back points lost to
problems in their category, never lift a score above 100.

``overall`` is the weighted mean of the five scores with ``WEIGHTS``, minus a tone
deduction from :func:`tonecheck.tone.tone` (politeness strategies and lexicon polarity,
-1..1): nothing for a warm, courteous reply (tone 1), ``TONE_POLITE`` points for a
neutral one (tone 0), up to ``TONE_POLITE + TONE_CURT`` for a curt or hostile one
(tone -1). When a category has an error-severity problem, ``overall`` is capped at that
category's score + ``OVERALL_SPREAD``, so that one severe failure (profanity, a
misdirected message, pressure to stay) cannot hide behind four perfect categories.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tonecheck.types import PROBLEM_CATEGORIES, Finding, Severity

if TYPE_CHECKING:
    from tonecheck.nlp import Parsed

__all__ = [
    "BONUS",
    "BONUS_CAP",
    "OVERALL_SPREAD",
    "PENALTY",
    "REPEAT_FACTOR",
    "STRENGTH_CATEGORY",
    "TONE_CURT",
    "TONE_POLITE",
    "WEIGHTS",
    "explain_scoring",
    "score",
    "tone_deduction",
]

#: Points a problem finding costs its category, by severity.
PENALTY: dict[str, float] = {"info": 5.0, "warning": 20.0, "error": 50.0}
#: Each further finding of the same check in one reply costs this times the previous one.
REPEAT_FACTOR: float = 0.5
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
#: ``overall`` is at most the score of a category with an error + this many points.
OVERALL_SPREAD: float = 25.0
#: Tone deduction from ``overall``: a neutral reply loses TONE_POLITE points against a warm
#: one; a curt or hostile one loses up to TONE_CURT more.
TONE_POLITE: float = 12.0
TONE_CURT: float = 12.0


def tone_deduction(tone: float) -> float:
    """Points taken off ``overall`` for a reply of this tone (-1..1): 0 at 1, TONE_POLITE
    at 0, TONE_POLITE + TONE_CURT at -1 (linear in between)."""
    if tone >= 0:
        return TONE_POLITE * (1.0 - tone)
    return TONE_POLITE - TONE_CURT * tone


def score(findings: Iterable[Finding], parsed: Parsed | None = None) -> tuple[dict[str, float], float]:
    """Return ``(scores per category, overall)`` for one reply's findings; with the
    reply's ``parsed`` turn, ``overall`` also carries the tone deduction (without it, the
    reply is taken as neutral)."""
    penalty = dict.fromkeys(PROBLEM_CATEGORIES, 0.0)
    bonus = dict.fromkeys(PROBLEM_CATEGORIES, 0.0)
    seen: dict[str, int] = {}
    errors: set[str] = set()
    for f in findings:
        if f.category == "strength":
            bonus[STRENGTH_CATEGORY.get(f.name, "empathy")] += BONUS
        elif f.category in penalty:
            k = seen.get(f.name, 0)
            seen[f.name] = k + 1
            penalty[f.category] += PENALTY[f.severity.value] * REPEAT_FACTOR**k
            if f.severity is Severity.ERROR:
                errors.add(f.category)
    scores = {
        c: max(0.0, min(100.0, 100.0 - penalty[c] + min(BONUS_CAP, bonus[c])))
        for c in PROBLEM_CATEGORIES
    }
    mean = sum(WEIGHTS[c] * scores[c] for c in PROBLEM_CATEGORIES)
    t = 0.0
    if parsed is not None and not isinstance(parsed, str):
        from tonecheck.tone import tone

        t = tone(parsed)
    overall = max(0.0, min(100.0, mean - tone_deduction(t)))
    if errors:
        overall = min(overall, min(scores[c] for c in errors) + OVERALL_SPREAD)
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
  info {PENALTY['info']:g}, warning {PENALTY['warning']:g}, error {PENALTY['error']:g}; a further finding of the same
  check in the same reply costs {REPEAT_FACTOR:g} times the previous one (three typos cost
  20 + 10 + 5). Each strength credits {BONUS:g} points to one category, at most {BONUS_CAP:g} in all,
  and only to win back points lost there: a score never goes above 100 or below 0.
  Strength credits: {credits}.
  A category with nothing to judge (no distress to acknowledge, no cancel request)
  keeps 100: a reply is never punished for a problem the customer did not have.

  overall = weighted mean of the five scores ({weights})
            - tone deduction: 0 for a warm, courteous reply, {TONE_POLITE:g} for a neutral one,
              up to {TONE_POLITE + TONE_CURT:g} for a curt or hostile one,
            and, when a category has an error, at most that category's score + {OVERALL_SPREAD:g}.

  Tone (-1 to 1) counts politeness strategies after Danescu-Niculescu-Mizil et al.
  (2013), "A computational approach to politeness": thanks, apologies, greetings,
  "could you", hedges, offers of help and a positive opener count up; a "why" question,
  a sentence opening with "you", "so" or a question word, bare fragment questions
  ("Language?"), "actually", "you need to" and "!!" count down; plus the mean word
  polarity from TextBlob's sentiment lexicon. The lists and weights are data
  (lexicons/politeness.yml). Tone never creates a finding.

Why it is built this way
  A QA lead must be able to defend a score to an agent: every point lost in a category
  is a finding with its words quoted, and the same finding always costs the same points.
  Findings alone leave most ordinary replies at 100, so tone grades the rest: a reply
  that thanks the customer and asks "could you send a photo?" ranks above one that says
  "Why didn't you send a photo? You need to send it." On public data, overall ranks the
  polite quartile of the Stanford Politeness Corpus above the impolite one (AUC about
  0.75) and real agent turns rated IQ 5 above those rated IQ 1-2 in MAIA-DQE (about
  0.75); VADER alone reaches about 0.64 and 0.66 there.

Known limits
  Scores count findings; they do not weigh how long a reply is or how hard the case was.
  Tone reads words, not intent: a polite reply that ignores the question still reads
  polite. Compare agents on many replies (tonecheck.summarize), not on one.

Example
  A neutral reply with no finding scores 100 in every category and {100 - TONE_POLITE:g} overall;
  "Thanks so much for waiting! Happy to help." comes within a point of 100.
  One spelling warning and one unanswered question (warning): clarity 80, attention 80,
  others 100 -> mean 92, minus the tone deduction.
  Retention pressure (error): pressure 50 -> overall at most 50 + {OVERALL_SPREAD:g} = 75.
"""
