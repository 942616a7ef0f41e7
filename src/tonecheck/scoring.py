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

from collections.abc import Iterable

from tonecheck.types import PROBLEM_CATEGORIES, Finding

__all__ = [
    "BONUS",
    "BONUS_CAP",
    "OVERALL_SPREAD",
    "PENALTY",
    "STRENGTH_CATEGORY",
    "WEIGHTS",
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


def score(findings: Iterable[Finding]) -> tuple[dict[str, float], float]:
    """Return ``(scores per category, overall)`` for one reply's findings."""
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
    overall = min(mean, min(scores.values()) + OVERALL_SPREAD)
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

  overall = weighted mean of the five scores ({weights}),
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
  A reply with one spelling warning and one unanswered question (warning):
  clarity 80, attention 80, others 100 -> overall 92.
  A reply with retention pressure (error): pressure 50 -> weighted mean 92.5,
  capped at 50 + 25 = 75.
"""
