"""--redact: personal data masked in every output, offsets still valid."""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tonecheck.cli import cli
from tonecheck.redact import MASK, redact_text

CHAT = (
    "conversation_id,role,text\n"
    '1,customer,"My email is dana@example.org, phone +44 7700 900123, card 4111 1111 1111 1111."\n'
    '1,agent,"What is your email? I see dana@example.org and account 40-11-22 31927745."\n'
)


def test_emails_phones_cards_and_accounts_are_masked_keeping_length():
    text = "Mail dana@example.org or call +44 7700 900123; card 4111-1111-1111-1111; acct 31927745."
    out = redact_text(text)
    assert len(out) == len(text)
    for secret in ("dana", "example", "7700", "4111", "31927745"):
        assert secret not in out
    assert "Mail" in out and "call" in out and MASK in out


def test_short_numbers_and_plain_words_are_kept():
    assert redact_text("Order 55 arrives on 3 May, version 4.5.") == "Order 55 arrives on 3 May, version 4.5."


@given(st.text(max_size=200))
def test_redaction_never_changes_the_length(text):
    assert len(redact_text(text)) == len(text)


def test_cli_redact_masks_every_output_and_keeps_offsets(tmp_path):
    src = tmp_path / "c.csv"
    src.write_text(CHAT, encoding="utf-8")
    runner = CliRunner()
    for suffix in (".jsonl", ".csv", ".html"):
        out = tmp_path / f"o{suffix}"
        res = runner.invoke(cli, ["score", str(src), "-o", str(out), "--redact", "-q"])
        assert res.exit_code == 0, res.output
        body = out.read_text(encoding="utf-8")
        assert "dana@example.org" not in body and "31927745" not in body and "7700 900123" not in body
    row = json.loads((tmp_path / "o.jsonl").read_text().splitlines()[0])
    for f in row["findings"]:
        assert 0 <= f["start"] <= f["end"] <= len(row["text"])
        assert "dana@example.org" not in f["message"]


def test_python_api_redacts_on_request(analyzer, tmp_path):
    src = tmp_path / "c.csv"
    src.write_text(CHAT, encoding="utf-8")
    out = analyzer.score_transcripts(src, redact=True)
    assert "dana@example.org" not in out.loc[0, "text"]
    assert "dana@example.org" in analyzer.score_transcripts(src).loc[0, "text"]
