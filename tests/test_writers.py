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
