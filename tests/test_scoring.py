"""Scores: one formula, documented; strengths only win back lost points; tone grades overall."""

from __future__ import annotations

from tonecheck.scoring import (
    BONUS_CAP,
    OVERALL_SPREAD,
    PENALTY,
    REPEAT_FACTOR,
    TONE_CURT,
    TONE_POLITE,
    explain_scoring,
    score,
    tone_deduction,
)
from tonecheck.tone import tone
from tonecheck.types import Finding, Severity


def _f(category, severity=Severity.WARNING, name="x"):
    return Finding("X", name, category, severity, 0, 1, "m", "s")


def test_no_findings_scores_100_in_every_category_and_neutral_tone_overall():
    scores, overall = score([])
    assert set(scores.values()) == {100.0} and overall == 100.0 - TONE_POLITE


def test_tone_deduction_runs_from_nothing_for_warm_to_most_for_hostile():
    assert tone_deduction(1.0) == 0.0
    assert tone_deduction(0.0) == TONE_POLITE
    assert tone_deduction(-1.0) == TONE_POLITE + TONE_CURT


def test_each_problem_costs_its_category_by_severity():
    scores, _ = score([_f("clarity"), _f("clarity", Severity.INFO, "y")])
    assert scores["clarity"] == 100 - PENALTY["warning"] - PENALTY["info"]


def test_repeated_findings_of_one_check_cost_less_each_time():
    scores, _ = score([_f("clarity", name="spelling")] * 3)
    w = PENALTY["warning"]
    assert scores["clarity"] == 100 - w - w * REPEAT_FACTOR - w * REPEAT_FACTOR**2


def test_an_error_caps_overall_near_its_category(analyzer):
    p = analyzer.nlp.parse("I'm so sorry, thank you, happy to help!")
    scores, overall = score([_f("pressure", Severity.ERROR)], p)
    assert overall == scores["pressure"] + OVERALL_SPREAD


def test_warnings_alone_do_not_cap_overall():
    scores, overall = score([_f("clarity", name=f"check-{i}") for i in range(6)])
    assert scores["clarity"] == 0 and overall > OVERALL_SPREAD


def test_strengths_win_back_points_but_never_exceed_100():
    alone, _ = score([_f("strength", Severity.INFO, "acknowledges-feelings")])
    assert alone["empathy"] == 100
    mixed, _ = score([_f("empathy"), *[_f("strength", Severity.INFO, "takes-ownership")] * 5])
    assert mixed["empathy"] == 100 - PENALTY["warning"] + BONUS_CAP


def test_a_reply_with_no_distress_to_answer_keeps_full_empathy(analyzer):
    rep = analyzer.analyze_reply("Your parcel left the depot this morning.", [("customer", "Where is my parcel?")])
    assert rep.scores["empathy"] == 100


def test_acknowledging_strengths_raise_empathy_after_a_problem(analyzer):
    ctx = [("customer", "I'm so frustrated, this is the third time I've asked!")]
    bare = analyzer.analyze_reply("Your order is 5531. As I said, it ships Friday.", ctx)
    warm = analyzer.analyze_reply(
        "I'm so sorry, I understand how frustrating this is. As I said, I've refunded it today.", ctx
    )
    assert warm.scores["empathy"] > bare.scores["empathy"]


def test_scores_stay_between_0_and_100():
    scores, overall = score([_f("attention", Severity.ERROR, f"check-{i}") for i in range(10)])
    assert scores["attention"] == 0 and 0 <= overall <= 100


def test_courteous_words_read_warmer_than_curt_ones(analyzer):
    warm = tone(analyzer.nlp.parse("Thanks so much for waiting! Could you send me a photo, please?"))
    curt = tone(analyzer.nlp.parse("Why didn't you send a photo?? You need to send it."))
    neutral = tone(analyzer.nlp.parse("The parcel left the depot."))
    assert -1 <= curt < neutral < warm <= 1


def test_explain_scoring_states_the_live_numbers():
    text = explain_scoring()
    assert f"warning {PENALTY['warning']:g}" in text and "Danescu-Niculescu-Mizil" in text
    assert f"{100 - TONE_POLITE:g} overall" in text
