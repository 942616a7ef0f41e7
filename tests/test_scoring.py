"""Scores: one formula, documented; strengths only win back lost points."""

from __future__ import annotations

from tonecheck.scoring import BONUS_CAP, COURTESY_CAP, PENALTY, courtesy, explain_scoring, score
from tonecheck.types import Finding, Severity


def _f(category, severity=Severity.WARNING, name="x"):
    return Finding("X", name, category, severity, 0, 1, "m", "s")


def test_no_findings_scores_100_in_every_category():
    scores, overall = score([])
    assert set(scores.values()) == {100.0} and overall == 100.0 - COURTESY_CAP


def test_courtesy_is_bounded_and_signed():
    assert courtesy("Thank you so much, I'm sorry, happy to help, please ask!") == COURTESY_CAP
    assert courtesy("Why?? Seriously, that is ridiculous and wrong.") == -COURTESY_CAP
    assert courtesy("") == 0.0


def test_each_problem_costs_its_category_by_severity():
    scores, _ = score([_f("clarity"), _f("clarity", Severity.INFO)])
    assert scores["clarity"] == 100 - PENALTY["warning"] - PENALTY["info"]


def test_an_error_caps_overall_near_the_worst_category():
    scores, overall = score([_f("pressure", Severity.ERROR)], "I'm so sorry, thank you, happy to help!")
    assert overall == scores["pressure"] + 25


def test_strengths_win_back_points_but_never_exceed_100():
    alone, _ = score([_f("strength", Severity.INFO, "acknowledges-feelings")])
    assert alone["empathy"] == 100
    mixed, _ = score([_f("empathy"), *[_f("strength", Severity.INFO, "takes-ownership")] * 5])
    assert mixed["empathy"] == 100 - PENALTY["warning"] + BONUS_CAP


def test_scores_stay_between_0_and_100():
    scores, overall = score([_f("attention", Severity.ERROR)] * 10)
    assert scores["attention"] == 0 and 0 <= overall <= 100


def test_explain_scoring_states_the_live_numbers():
    text = explain_scoring()
    assert f"warning {PENALTY['warning']:g}" in text and "overall" in text
