"""The Analyzer: walking conversations, the contract's table, and offsets on any text."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonecheck.types import PROBLEM_CATEGORIES


def test_score_transcripts_returns_one_row_per_agent_reply_in_input_order(analyzer):
    df = pd.DataFrame(
        {
            "conversation_id": ["b", "a", "b", "a"],
            "role": ["customer", "customer", "agent", "agent"],
            "text": ["Hi", "Hello", "Reply to b", "Reply to a"],
            "author": [None, None, "Sam", "Jen"],
        }
    )
    out = analyzer.score_transcripts(df)
    assert list(out["text"]) == ["Reply to b", "Reply to a"]
    assert list(out.columns[:4]) == ["conversation_id", "turn", "author", "text"]
    for c in (*PROBLEM_CATEGORIES, "overall", "findings", "n_findings"):
        assert c in out.columns


def test_author_column_is_absent_when_no_author_was_given(analyzer):
    df = pd.DataFrame({"conversation_id": [1], "role": ["agent"], "text": ["Hello"]})
    assert "author" not in analyzer.score_transcripts(df).columns


def test_clean_courteous_reply_scores_100_everywhere(analyzer):
    rep = analyzer.analyze_reply("Thanks so much for waiting, I'm sorry it took a while. Happy to help!")
    assert all(v == 100 for v in rep.scores.values()) and rep.overall >= 99


def test_tone_moves_overall_only_within_the_tone_band(analyzer):
    from tonecheck.scoring import TONE_CURT, TONE_POLITE

    neutral = analyzer.analyze_reply("The parcel left the depot.")
    rude = analyzer.analyze_reply("Why would you do that?? Seriously, that is wrong.")
    assert all(v == 100 for v in rude.scores.values())
    assert 100 - TONE_POLITE - TONE_CURT <= rude.overall < neutral.overall <= 100


def test_empty_agent_reply_keeps_its_row_with_empty_scores(analyzer):
    df = pd.DataFrame({"conversation_id": [1, 1], "role": ["customer", "agent"], "text": ["Hi", None]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = analyzer.score_transcripts(df)
    assert len(out) == 1 and pd.isna(out.loc[0, "overall"]) and out.loc[0, "findings"] == []
    assert any("empty text" in str(w.message) for w in caught)


def test_context_from_earlier_turns_reaches_the_checks(analyzer):
    rep = analyzer.analyze_reply("What's your username?", [("customer", "my username is zed_99")])
    assert [f.name for f in rep.findings] == ["reasked-information"]
    assert rep.findings[0].evidence == {"turn": 1, "start": 15, "end": 21}


def test_facts_from_one_conversation_do_not_leak_into_the_next(analyzer):
    df = pd.DataFrame(
        {
            "conversation_id": [1, 2],
            "role": ["customer", "agent"],
            "text": ["my username is zed_99", "What's your username?"],
        }
    )
    assert analyzer.score_transcripts(df).loc[0, "n_findings"] == 0


def test_response_seconds_appear_when_timestamps_are_given(analyzer):
    df = pd.DataFrame(
        {
            "conversation_id": [1, 1],
            "role": ["customer", "agent"],
            "text": ["Hi", "Hello"],
            "timestamp": ["2024-01-01T10:00:00", "2024-01-01T10:02:30"],
        }
    )
    assert analyzer.score_transcripts(df).loc[0, "response_seconds"] == 150


def test_iter_reports_streams_reports(analyzer, samples_dir):
    reports = list(analyzer.iter_reports(samples_dir / "sample.csv"))
    src = pd.read_csv(samples_dir / "sample.csv")
    assert len(reports) == int((src.role == "agent").sum())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    reply=st.text(max_size=300),
    context=st.lists(st.tuples(st.sampled_from(["customer", "agent"]), st.text(max_size=200)), max_size=4),
)
def test_findings_offsets_lie_inside_the_reply_for_any_text(analyzer, reply, context):
    rep = analyzer.analyze_reply(reply, context)
    for f in rep.findings:
        assert 0 <= f.start <= f.end <= len(reply)
    assert all(0 <= v <= 100 for v in rep.scores.values())


_words = st.sampled_from(
    ["ma'am", "sir", "username", "recieve", "Mr.", "Delgado", "order", "#123", "?", "!!!", "your", "email",
     "dana@example.org", "calm", "down", "cancel", "I'm", "Dana", "\n", "Thanks,", "please", "confirm", "f***"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reply=st.lists(_words, max_size=25).map(" ".join), ctx=st.lists(_words, max_size=25).map(" ".join))
def test_offsets_stay_valid_and_output_is_deterministic_on_support_like_text(analyzer, reply, ctx):
    first = analyzer.analyze_reply(reply, [("customer", ctx)])
    second = analyzer.analyze_reply(reply, [("customer", ctx)])
    assert first.findings == second.findings
    for f in first.findings:
        assert 0 <= f.start <= f.end <= len(reply)
        if f.evidence:
            assert 0 <= f.evidence["start"] <= f.evidence["end"] <= len(ctx)


def test_worker_processes_give_the_same_table_in_the_same_order(analyzer, samples_dir):
    one = analyzer.score_transcripts(samples_dir / "sample.csv")
    two = analyzer.score_transcripts(samples_dir / "sample.csv", jobs=2)
    pd.testing.assert_frame_equal(one, two)


HOSTILE = {
    "punctuation run": "!" * 20000,
    "brackets": "(" * 10000 + ")" * 10000,
    "quotes": '"' * 20000,
    "apostrophes": "'" * 20000,
    "no spaces": "a" * 30000,
    "email-like": "a@" * 15000,
    "masked-like": "f*" * 15000,
    "control characters": "".join(chr(i) for i in range(32)) * 500,
    "zero-width and bidi": "hello\u200b\u200e\u202e world \ufeff " * 2000,
    "emoji": "😀🙏🏽 thanks!! " * 2000,
    "other scripts": "你好，我的订单没有到。مرحبا " * 2000,
    "shouting": "PLEASE READ THE EMAIL " * 2000,
    "honorifics": "Mr. " * 5000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_is_scored_in_linear_time_with_valid_offsets(analyzer, name):
    import signal

    text = HOSTILE[name]

    def _hang(*_):
        raise TimeoutError(f"{name}: scoring took over 60 s (catastrophic backtracking?)")

    old = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(60)  # a hang guard, not a timing assertion
    try:
        for reply, ctx in ((text, [("customer", "My order 55123 is late!!!")]), ("ok", [("customer", text)])):
            rep = analyzer.analyze_reply(reply, ctx)
            for f in rep.findings:
                assert 0 <= f.start <= f.end <= len(reply)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
