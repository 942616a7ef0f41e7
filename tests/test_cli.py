"""The command line: formats, selection, exit codes and one-line errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from tonecheck.cli import cli


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_score_prints_a_terminal_table_for_the_sample(runner, samples_dir):
    res = runner.invoke(cli, ["score", str(samples_dir / "sample.csv")])
    assert res.exit_code == 0, res.output
    assert "amazon-chat" in res.output
    assert "reasked-information" in res.output
    assert "agent replies" in res.output


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet", ".html"])
def test_score_writes_every_output_format(runner, samples_dir, tmp_path, suffix):
    out = tmp_path / f"out{suffix}"
    res = runner.invoke(cli, ["score", str(samples_dir / "sample.csv"), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    assert out.exists() and out.stat().st_size > 0


def test_csv_output_holds_findings_as_json_strings(runner, samples_dir, tmp_path):
    out = tmp_path / "o.csv"
    runner.invoke(cli, ["score", str(samples_dir / "sample.csv"), "-o", str(out), "-q"])
    df = pd.read_csv(out)
    assert list(df.columns[:4]) == ["conversation_id", "turn", "author", "text"]
    assert isinstance(json.loads(df.loc[0, "findings"]), list)


def test_jsonl_output_has_one_object_per_reply_with_a_findings_list(runner, samples_dir, tmp_path):
    out = tmp_path / "o.jsonl"
    runner.invoke(cli, ["score", str(samples_dir / "sample.csv"), "-o", str(out), "-q"])
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    src = pd.read_csv(samples_dir / "sample.csv")
    assert len(rows) == int((src.role == "agent").sum())
    assert all(isinstance(r["findings"], list) for r in rows)


def test_parquet_output_round_trips_findings(runner, samples_dir, tmp_path):
    out = tmp_path / "o.parquet"
    runner.invoke(cli, ["score", str(samples_dir / "sample.csv"), "-o", str(out), "-q"])
    df = pd.read_parquet(out)
    assert {"empathy", "overall", "findings", "n_findings"} <= set(df.columns)
    assert sum(len(f) for f in df["findings"]) == int(df["n_findings"].sum())


def test_select_by_name_keeps_only_that_check(runner, samples_dir, tmp_path):
    out = tmp_path / "o.jsonl"
    runner.invoke(cli, ["score", str(samples_dir / "sample.csv"), "--select", "spelling", "-o", str(out), "-q"])
    names = {f["name"] for line in out.read_text().splitlines() for f in json.loads(line)["findings"]}
    assert names == {"spelling"}


def test_ignore_by_prefix_drops_the_family(runner, samples_dir, tmp_path):
    out = tmp_path / "o.jsonl"
    runner.invoke(cli, ["score", str(samples_dir / "sample.csv"), "--ignore", "CLR", "--ignore", "STR", "-o", str(out), "-q"])
    codes = {f["code"] for line in out.read_text().splitlines() for f in json.loads(line)["findings"]}
    assert codes and not any(c.startswith(("CLR", "STR")) for c in codes)


def test_fail_on_exits_1_when_such_a_finding_exists(runner, samples_dir):
    res = runner.invoke(cli, ["score", str(samples_dir / "sample.csv"), "--fail-on", "warning"])
    assert res.exit_code == 1


def test_fail_on_is_not_triggered_by_strengths(runner, tmp_path):
    p = tmp_path / "good.csv"
    p.write_text("conversation_id,role,text\n1,customer,Hi I'm Dana\n1,agent,Hi Dana! I've refunded it.\n")
    res = runner.invoke(cli, ["score", str(p), "--fail-on", "info", "--select", "STR"])
    assert res.exit_code == 0, res.output


def test_missing_column_exits_2_with_one_line_and_no_traceback(runner, tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("conversation_id,text\n1,hi\n")
    res = runner.invoke(cli, ["score", str(p)])
    assert res.exit_code == 2
    lines = [x for x in res.output.splitlines() if x.strip()]
    assert lines == [f"{p}:1: missing required column(s): role; found: conversation_id, text (map names with --columns conversation_id=ticket,...)"]
    assert "Traceback" not in res.output


def test_bad_rows_exit_2_but_every_valid_row_is_written(runner, tmp_path):
    p = tmp_path / "mixed.csv"
    p.write_text("conversation_id,role,text\n1,customer,Hi\n1,agent,Hello there\n1,wizard,Zap\n2,agent,Hi again\n")
    out = tmp_path / "o.jsonl"
    res = runner.invoke(cli, ["score", str(p), "-o", str(out), "-q"])
    assert res.exit_code == 2
    assert f"{p}:4: role: unknown role 'wizard'" in res.output
    assert len(out.read_text().splitlines()) == 2


def test_on_error_skip_reports_the_row_and_succeeds(runner, tmp_path):
    p = tmp_path / "mixed.csv"
    p.write_text("conversation_id,role,text\n1,agent,Hello\n1,wizard,Zap\n")
    res = runner.invoke(cli, ["score", str(p), "--on-error", "skip", "-q", "-o", str(tmp_path / "o.csv")])
    assert res.exit_code == 0
    assert "1 row(s) skipped" in res.output


def test_unknown_select_code_is_a_usage_error(runner, samples_dir):
    res = runner.invoke(cli, ["score", str(samples_dir / "sample.csv"), "--select", "XYZ999"])
    assert res.exit_code == 2
    assert res.output.startswith("command line: select: 'XYZ999' names no check")


def test_config_file_in_working_directory_is_read(runner, samples_dir, tmp_path, monkeypatch):
    (tmp_path / "tonecheck.toml").write_text('select = ["spelling"]\n')
    out = tmp_path / "o.jsonl"
    monkeypatch.chdir(tmp_path)
    runner.invoke(cli, ["score", str(samples_dir / "sample.csv"), "-o", str(out), "-q"])
    names = {f["name"] for line in out.read_text().splitlines() for f in json.loads(line)["findings"]}
    assert names == {"spelling"}


def test_bad_config_exits_2_naming_the_file(runner, samples_dir, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("colour = 1\n")
    res = runner.invoke(cli, ["score", str(samples_dir / "sample.csv"), "--config", str(cfg)])
    assert res.exit_code == 2
    assert res.output.startswith(f"{cfg}: unknown key(s) colour")


def test_columns_option_maps_names(runner, tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("ticket,who,body\n1,agent,Hello\n")
    res = runner.invoke(cli, ["score", str(p), "--columns", "conversation_id=ticket,role=who,text=body", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output.splitlines()[0])["conversation_id"] == "1"


def test_rules_lists_every_check_with_code_and_name(runner):
    res = runner.invoke(cli, ["rules"])
    assert res.exit_code == 0
    assert "CLR002  spelling" in res.output
    assert "ATT001  reasked-information" in res.output


@pytest.mark.parametrize("key", ["CLR002", "spelling", "att001"])
def test_explain_prints_the_fixed_template(runner, key):
    res = runner.invoke(cli, ["explain", key])
    assert res.exit_code == 0
    for heading in ("What it does", "Why it matters", "Known limits", "Example that is flagged", "Example that passes"):
        assert heading in res.output


def test_explain_scoring_shows_the_formula(runner):
    res = runner.invoke(cli, ["explain", "scoring"])
    assert res.exit_code == 0 and "overall" in res.output and "warning" in res.output


def test_explain_unknown_check_exits_2(runner):
    res = runner.invoke(cli, ["explain", "nope"])
    assert res.exit_code == 2


def test_empty_agent_text_keeps_its_row_and_warns(runner, tmp_path):
    p = tmp_path / "e.csv"
    p.write_text("conversation_id,role,text\n1,customer,Hi\n1,agent,\n")
    out = tmp_path / "o.jsonl"
    res = runner.invoke(cli, ["score", str(p), "-o", str(out)])
    assert res.exit_code == 0
    row = json.loads(out.read_text())
    assert row["overall"] is None and row["findings"] == []
    assert "empty text" in res.output


def test_header_only_file_scores_nothing_and_succeeds(runner, tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("conversation_id,role,text\n")
    res = runner.invoke(cli, ["score", str(p)])
    assert res.exit_code == 0 and "0 agent replies" in res.output


def test_unwritable_output_path_exits_2_with_one_line(runner, samples_dir, tmp_path):
    out = tmp_path / "missing-dir" / "o.csv"
    res = runner.invoke(cli, ["score", str(samples_dir / "sample.csv"), "-o", str(out)])
    assert res.exit_code == 2
    assert res.output.strip().startswith(f"{out}: cannot write")
    assert "Traceback" not in res.output


def test_json_content_in_a_csv_file_is_named_not_a_traceback(runner, tmp_path):
    p = tmp_path / "x.csv"
    p.write_text('[{"conversation_id": 1, "role": "agent", "text": "hi"}]\n')
    res = runner.invoke(cli, ["score", str(p)])
    assert res.exit_code == 2 and res.output.startswith(f"{p}:1: missing required column(s)")


def test_text_in_a_parquet_file_is_refused(runner, tmp_path):
    p = tmp_path / "x.parquet"
    p.write_text("conversation_id,role,text\n1,agent,hi\n")
    res = runner.invoke(cli, ["score", str(p)])
    assert res.exit_code == 2 and res.output.startswith(f"{p}: not a Parquet file")


def test_conversation_without_customer_turns_is_scored(runner, tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("conversation_id,role,text\n1,agent,Hello! How can I help?\n1,agent,Are you still there?\n")
    res = runner.invoke(cli, ["score", str(p), "--format", "jsonl"])
    assert res.exit_code == 0 and len(res.output.strip().splitlines()) == 2


def test_duplicate_and_missing_turn_numbers_keep_every_row(runner, tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("conversation_id,turn,role,text\n1,1,customer,Hi\n1,2,agent,First\n1,2,agent,Second\n1,,agent,Third\n")
    res = runner.invoke(cli, ["score", str(p), "--format", "jsonl"])
    assert res.exit_code == 0 and len(res.output.strip().splitlines()) == 3
