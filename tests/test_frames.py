"""Reports as DataFrames: ``summarize`` per agent, team or any column (and the frames it reads)."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from tonecheck.report.frames import SCORE_COLUMNS, findings_frame, reports_to_frame, summarize
from tonecheck.types import PROBLEM_CATEGORIES, Finding, ReplyReport, Severity

FULL = dict.fromkeys(PROBLEM_CATEGORIES, 100.0)


def _f(name: str, category: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding("XXX001", name, category, severity, 0, 2, "m", "s")


def _reply(author, overall, findings=(), conv="c1", turn=2, scores=None) -> ReplyReport:
    return ReplyReport("Hi there", list(findings), FULL if scores is None else scores, overall, conv, turn, author)


@pytest.fixture(scope="module")
def scored(analyzer, samples_dir):
    return analyzer.score_transcripts(samples_dir / "sample.csv")


def test_summary_per_agent_counts_replies_means_findings_and_error_share(scored):
    out = summarize(scored, by="author").set_index("author")
    long = findings_frame(scored)
    for author, group in scored.groupby("author"):
        row = out.loc[author]
        assert row["replies"] == len(group) == row["scored"]
        assert row["overall"] == round(group["overall"].mean(), 1)
        assert row["empathy"] == round(group["empathy"].mean(), 1)
        mine = long[long["author"] == author]
        for c in PROBLEM_CATEGORIES:
            assert row[f"n_{c}"] == (mine["category"] == c).sum()
        assert row["n_strengths"] == (mine["category"] == "strength").sum()
        assert row["n_problems"] + row["n_strengths"] == row["n_findings"] == group["n_findings"].sum()
        errors = mine[(mine["severity"] == "error") & (mine["category"] != "strength")]
        assert row["error_share"] == round(errors[["conversation_id", "turn"]].drop_duplicates().shape[0] / len(group), 3)


def test_summary_rows_are_ordered_worst_mean_overall_first(scored):
    out = summarize(scored)
    assert out["overall"].tolist() == sorted(out["overall"].tolist())


def test_most_frequent_is_the_commonest_problem_never_a_strength():
    reports = [
        _reply("Sam", 80.0, [_f("jargon", "clarity"), _f("jargon", "clarity"), _f("uses-customer-name", "strength", Severity.INFO)]),
        _reply("Sam", 90.0, [_f("spelling", "clarity"), *[_f("clear-next-step", "strength", Severity.INFO)] * 5], turn=4),
        _reply("Ola", 100.0, [_f("takes-ownership", "strength", Severity.INFO)], conv="c2"),
    ]
    out = summarize(reports_to_frame(reports)).set_index("author")
    assert out.loc["Sam", "most_frequent"] == "jargon"
    assert out.loc["Ola", "most_frequent"] is None and out.loc["Ola", "n_problems"] == 0


def test_problem_and_error_shares_count_replies_not_findings():
    reports = [
        _reply("Sam", 40.0, [_f("profanity", "professionalism", Severity.ERROR)] * 3),
        _reply("Sam", 90.0, [_f("jargon", "clarity")], turn=4),
        _reply("Sam", 100.0, [_f("takes-ownership", "strength", Severity.INFO)], turn=6),
        _reply("Sam", 100.0, turn=8),
    ]
    row = summarize(reports_to_frame(reports)).iloc[0]
    assert (row["replies"], row["problem_share"], row["error_share"]) == (4, 0.5, 0.25)


def test_summary_by_team_or_several_columns(scored):
    teams = {"Tom": "north", "Marcus": "north", "Jen": "south", "Sam": "south", "Priya": "south", "Ola": "north"}
    by_team = summarize(scored.assign(team=scored["author"].map(teams)), by="team")
    assert sorted(by_team["team"]) == ["north", "south"] and by_team["replies"].sum() == len(scored)
    both = summarize(scored, by=["conversation_id", "author"])
    assert list(both.columns[:2]) == ["conversation_id", "author"]
    assert len(both) == len(scored[["conversation_id", "author"]].drop_duplicates())


def test_empty_replies_count_as_replies_but_not_in_the_means():
    reports = [_reply("Sam", 80.0, scores={**FULL, "clarity": 60.0}), ReplyReport("", [], {}, None, "c1", 4, "Sam")]
    row = summarize(reports_to_frame(reports)).iloc[0]
    assert (row["replies"], row["scored"], row["overall"], row["clarity"]) == (2, 1, 80.0, 60.0)


def test_replies_without_an_author_are_a_group_of_their_own():
    reports = [_reply("Sam", 80.0), _reply(None, 60.0, turn=4)]
    out = summarize(reports_to_frame(reports))
    assert len(out) == 2 and out["author"].isna().sum() == 1 and out["overall"].tolist() == [60.0, 80.0]


def test_summary_reads_findings_written_as_json_strings(scored, tmp_path):
    csv = tmp_path / "scored.csv"
    scored.assign(findings=scored["findings"].map(json.dumps)).to_csv(csv, index=False)
    again = summarize(pd.read_csv(csv))
    pd.testing.assert_frame_equal(again, summarize(scored), check_dtype=False)


def test_unknown_group_column_names_the_columns_there_are(scored):
    with pytest.raises(KeyError, match=r"no column 'team'.*columns: conversation_id"):
        summarize(scored, by="team")
    with pytest.raises(ValueError, match="at least one column"):
        summarize(scored, by=[])


def test_empty_table_gives_an_empty_summary_with_every_column(scored):
    out = summarize(scored.iloc[:0])
    assert out.empty and {"replies", "overall", "n_empathy", "error_share", "most_frequent"} <= set(out.columns)


def test_summary_columns_have_stable_types(scored):
    out = summarize(scored)
    for c in SCORE_COLUMNS:
        assert out[c].dtype == "float64"
    for c in ("replies", "scored", "n_empathy", "n_strengths", "n_problems", "n_findings"):
        assert out[c].dtype == "int64"
    assert all(0 <= v <= 1 for v in out["error_share"]) and not any(math.isnan(v) for v in out["overall"])
