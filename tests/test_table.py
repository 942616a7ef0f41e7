"""Terminal output: the summary table (readable at 80 columns) and ``--format`` on stdout."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner
from rich.console import Console

from tonecheck.cli import cli
from tonecheck.report.table import MAX_AGENTS, SummaryTable
from tonecheck.types import Finding, ReplyReport, Severity

SCORES = {"empathy": 100.0, "clarity": 80.0, "attention": 100.0, "professionalism": 100.0, "pressure": 100.0}


def _render(table: SummaryTable, width: int = 80) -> list[str]:
    buf = io.StringIO()
    table.print(Console(file=buf, width=width, color_system=None))
    return buf.getvalue().splitlines()


def _finding(name: str, start: int, end: int, severity: Severity = Severity.WARNING, category: str = "clarity") -> Finding:
    return Finding("CLR002", name, category, severity, start, end, "m", "s")


@pytest.fixture(scope="module")
def sample_reports(analyzer, samples_dir):
    return list(analyzer.iter_reports(samples_dir / "sample.csv"))


@pytest.mark.parametrize("width", [80, 100, 60])
def test_sample_table_fits_the_terminal_width(sample_reports, width):
    table = SummaryTable()
    table.add(sample_reports)
    lines = _render(table, width)
    assert max(len(line) for line in lines) <= width
    assert any("reasked-information" in line for line in lines)


def test_long_ids_names_and_snippets_are_cut_not_wrapped_over_the_table():
    text = "Please " + "really " * 30 + "calm down."
    r = ReplyReport(text, [_finding("dismissive-language", 0, len(text), category="empathy")], SCORES, 70.0,
                    "a-very-long-conversation-identifier-0001", 2, "Bartholomew-the-agent")
    table = SummaryTable()
    table.add([r])
    lines = _render(table)
    assert max(len(line) for line in lines) <= 80
    finding_lines = [line for line in lines if "W dismissive-language" in line]
    assert len(finding_lines) == 1 and finding_lines[0].rstrip().endswith("…")


def test_each_finding_is_one_line_with_its_severity_letter_and_evidence(sample_reports):
    table = SummaryTable()
    table.add(sample_reports)
    text = "\n".join(_render(table))
    assert 'W spelling "definately"' in text
    assert 'E profanity "f***ing"' in text
    assert "+ acknowledges-feelings" in text  # strengths of a listed reply
    assert "E error, W warning, i info; + strengths" in text  # the legend, for terminals without colour


def test_conversation_id_is_shown_once_per_conversation(sample_reports):
    table = SummaryTable()
    table.add(sample_reports)
    lines = _render(table, 120)
    assert sum(1 for line in lines if line.lstrip().startswith("amazon-chat")) == 1
    assert sum(1 for line in lines if line.lstrip().startswith("cable-cancel")) == 1


def test_the_same_word_flagged_twice_is_listed_once():
    text = "Your securty and securty."
    r = ReplyReport(text, [_finding("spelling", 5, 12), _finding("spelling", 17, 24)], SCORES, 90.0, "c", 2, "Sam")
    table = SummaryTable()
    table.add([r])
    assert sum('spelling "securty"' in line for line in _render(table)) == 1


def test_per_agent_table_lists_the_lowest_mean_score_first(sample_reports):
    table = SummaryTable()
    table.add(sample_reports)
    lines = _render(table)
    start = next(i for i, line in enumerate(lines) if line.startswith("per agent"))
    rows = [line.split() for line in lines[start + 3 :] if line.strip() and not line.startswith(("56 agent", "most frequent", "retention"))]
    agents = [r[0] for r in rows if r and r[0].isalpha()]
    means = [float(r[2]) for r in rows if r and r[0].isalpha()]
    assert set(agents) == {"Tom", "Marcus", "Jen", "Sam", "Priya", "Ola"} and means == sorted(means)
    frame = pd.DataFrame([(r.author, r.overall) for r in sample_reports], columns=["author", "overall"])
    assert means[0] == round(frame.groupby("author")["overall"].mean().min(), 1)


def test_per_agent_table_is_bounded():
    reports = [ReplyReport("Hi.", [], SCORES, 100.0 - i / 10, f"c{i}", 2, f"agent{i:03d}") for i in range(MAX_AGENTS + 7)]
    table = SummaryTable()
    table.add(reports)
    text = "\n".join(_render(table))
    assert "and 7 more agents" in text and "agent000" not in text  # the best ones are left out


def test_clean_replies_are_listed_only_when_asked():
    clean = ReplyReport("All sorted, I've refunded it.", [], SCORES, 100.0, "c1", 2, "Sam")
    quiet, loud = SummaryTable(), SummaryTable(show_clean=True)
    quiet.add([clean])
    loud.add([clean])
    assert not any(line.lstrip().startswith("c1") for line in _render(quiet))
    assert any(line.lstrip().startswith("c1") for line in _render(loud))
    assert "1 agent replies, 0 with problems, mean overall score 100.0" in "\n".join(_render(quiet))


def test_cli_terminal_table_is_readable_at_80_columns(samples_dir):
    res = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["score", str(samples_dir / "sample.csv"), "-q"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert max(len(line) for line in lines) <= 80 and "per agent" in res.output


def test_format_jsonl_writes_one_json_object_per_reply_on_stdout(analyzer, samples_dir):
    res = CliRunner().invoke(cli, ["score", str(samples_dir / "sample.csv"), "--format", "jsonl"])
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    expected = analyzer.score_transcripts(samples_dir / "sample.csv")
    assert len(rows) == len(expected)
    assert [r["overall"] for r in rows] == expected["overall"].tolist()
    assert [r["findings"] for r in rows] == expected["findings"].tolist()
    assert set(rows[0]) >= {"conversation_id", "turn", "author", "text", "overall", "findings", "n_findings"}


def test_format_csv_writes_the_contract_columns_on_stdout(analyzer, samples_dir):
    res = CliRunner().invoke(cli, ["score", str(samples_dir / "sample.csv"), "--format", "csv"])
    assert res.exit_code == 0
    got = pd.read_csv(io.StringIO(res.stdout))
    expected = analyzer.score_transcripts(samples_dir / "sample.csv")
    assert list(got.columns) == [c for c in expected.columns if c != "response_seconds"]  # as -o x.csv writes
    assert got["overall"].tolist() == expected["overall"].tolist()
    assert [json.loads(f) for f in got["findings"]] == expected["findings"].tolist()


def test_format_csv_guards_cells_a_spreadsheet_would_run(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text('conversation_id,role,author,text\n1,customer,,hi\n1,agent,=cmd,"=HYPERLINK(""x"")"\n')
    res = CliRunner().invoke(cli, ["score", str(p), "--format", "csv"])
    row = pd.read_csv(io.StringIO(res.stdout)).iloc[0]
    assert row["author"] == "'=cmd" and row["text"].startswith("'=")


def test_format_with_an_output_file_is_a_usage_error(samples_dir, tmp_path):
    res = CliRunner().invoke(cli, ["score", str(samples_dir / "sample.csv"), "--format", "jsonl", "-o", str(tmp_path / "x.csv")])
    assert res.exit_code == 2 and "--format is for output on stdout" in res.output
    assert not (tmp_path / "x.csv").exists()
