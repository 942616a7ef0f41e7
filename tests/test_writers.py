"""Writers: formula-safe CSV unless --raw-csv, and the contract's columns in every format."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from tonecheck.cli import cli
from tonecheck.report.writers import format_for, guard_cell


def test_cells_a_spreadsheet_would_run_are_quoted():
    for danger in ("=HYPERLINK(1)", "+1", "-2+3", "@SUM(A1)", "\tx"):
        assert guard_cell(danger).startswith("'")
    assert guard_cell("Hello") == "Hello" and guard_cell(3) == 3


def test_csv_output_guards_text_author_and_id_unless_raw(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text('conversation_id,role,author,text\n=1+1,agent,@evil,"=HYPERLINK(""http://x"")"\n')
    out, raw = tmp_path / "o.csv", tmp_path / "raw.csv"
    runner = CliRunner()
    assert runner.invoke(cli, ["score", str(src), "-o", str(out), "-q"]).exit_code == 0
    assert runner.invoke(cli, ["score", str(src), "-o", str(raw), "-q", "--raw-csv"]).exit_code == 0
    row = next(csv.DictReader(out.open()))
    assert row["text"].startswith("'=") and row["author"].startswith("'@") and row["conversation_id"].startswith("'=")
    assert next(csv.DictReader(raw.open()))["text"].startswith("=")


def test_output_format_follows_the_suffix():
    assert [format_for(f"x{s}") for s in (".csv", ".jsonl", ".parquet", ".html")] == ["csv", "jsonl", "parquet", "html"]


def test_parquet_is_written_in_bounded_row_groups_with_every_reply(tmp_path, analyzer, samples_dir, monkeypatch):
    import pyarrow.parquet as pq

    from tonecheck.report.writers import ParquetWriter

    monkeypatch.setattr(ParquetWriter, "ROW_GROUP_ROWS", 10)
    out = tmp_path / "o.parquet"
    with ParquetWriter(out) as w:
        for conv, reports in analyzer.iter_conversations(samples_dir / "sample.csv"):
            w.write(reports, conversation=conv)
    f = pq.ParquetFile(out)
    expected = analyzer.score_transcripts(samples_dir / "sample.csv")
    assert f.metadata.num_rows == len(expected)
    # Row groups are batches of whole conversations, not one per conversation.
    assert 1 < f.num_row_groups <= len(expected) // 10 + 1
    assert f.read().column("overall").to_pylist() == expected["overall"].tolist()


def test_terminal_summary_keeps_a_bounded_number_of_rows(analyzer, samples_dir):
    from io import StringIO

    from rich.console import Console

    from tonecheck.report.table import SummaryTable

    table = SummaryTable(max_rows=3)
    reports = list(analyzer.iter_reports(samples_dir / "sample.csv"))
    table.add(reports)
    flagged = sum(1 for r in reports if r.problems)
    assert len(table.rows) == 3 and table.more == flagged - 3
    buf = StringIO()
    table.print(Console(file=buf, width=120))
    text = buf.getvalue()
    assert f"{len(reports)} agent replies, {flagged} with problems" in text
    assert f"and {flagged - 3} more replies not listed" in text


def test_input_not_grouped_by_conversation_scores_like_grouped_input(tmp_path, analyzer):
    import pandas as pd

    grouped = pd.DataFrame(
        [
            ("a", "customer", "My order 55123 is late, this is the third time I ask!"),
            ("a", "agent", "Could you give me your order number?"),
            ("b", "customer", "I want to cancel."),
            ("b", "agent", "Why do you want to leave? I can offer you 50% off."),
        ],
        columns=["conversation_id", "role", "text"],
    )
    mixed = grouped.iloc[[0, 2, 1, 3]]
    a, b = tmp_path / "g.csv", tmp_path / "m.csv"
    grouped.to_csv(a, index=False)
    mixed.to_csv(b, index=False)
    ga, gb = analyzer.score_transcripts(a), analyzer.score_transcripts(b)
    assert ga["findings"].tolist() == gb["findings"].tolist()
    assert ga["conversation_id"].tolist() == ["a", "b"]
